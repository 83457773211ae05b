import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { PeriodRule } from "../app/domain/period";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const localeEnum = pgEnum("locale", ["sv", "en"]);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    locale: localeEnum("locale").notNull().default("sv"),
    isAdmin: boolean("is_admin").notNull().default(false),
    // Read-only secret in the user's private calendar feed URL; rotating it revokes old subscriptions.
    calendarToken: text("calendar_token").unique(),
    createdAt: createdAt(),
  },
  // E-mail addresses are unique regardless of case: Anna@Kommun.se is anna@kommun.se.
  (t) => [uniqueIndex("users_email_lower_idx").on(sql`lower(${t.email})`)],
);

export const sessions = pgTable(
  "sessions",
  {
    // SHA-256 of the token, hex. The token itself exists only in the user's cookie.
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("invitations_email_idx").on(sql`lower(${t.email})`)],
);

export const loginOutcomeEnum = pgEnum("login_outcome", ["success", "failure", "throttled"]);

export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    outcome: loginOutcomeEnum("outcome").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("login_attempts_email_at_idx").on(t.email, t.at), index("login_attempts_ip_at_idx").on(t.ip, t.at)],
);

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export const outbox = pgTable("outbox", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  to: text("to").notNull(),
  subject: text("subject").notNull(),
  body: text("body").notNull(),
  attachments: jsonb("attachments").$type<MailAttachment[]>().notNull().default([]),
  createdAt: createdAt(),
});

// Append-only: rows are never updated or deleted (enforced by a trigger in the migration).
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    // No ON DELETE action: the trail must not be rewritten, so users are deactivated, not deleted.
    actorId: uuid("actor_id").references(() => users.id),
    action: text("action").notNull(),
    subject: text("subject"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_subject_idx").on(t.subject, t.at)],
);

export const organisations = pgTable("organisations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  // NNNNNN-NNNN; null where the agreement does not state it.
  orgNumber: text("org_number").unique(),
  createdAt: createdAt(),
});

export const partnerships = pgTable("partnerships", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  referenceNumber: text("reference_number"),
  purpose: text("purpose").notNull().default(""),
  targetGroup: text("target_group").notNull().default(""),
  periodRule: jsonb("period_rule").$type<PeriodRule>(),
  // 004 §3: at most two representatives with mandate for the public party, one per idea-based party.
  publicMandates: integer("public_mandates").notNull().default(2),
  ideaMandates: integer("idea_mandates").notNull().default(1),
  createdAt: createdAt(),
});

export const sectorEnum = pgEnum("sector", ["public", "idea"]);

export const parties = pgTable(
  "parties",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnershipId: uuid("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    sector: sectorEnum("sector").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("parties_partnership_org_idx").on(t.partnershipId, t.organisationId)],
);

export type User = typeof users.$inferSelect;
export type Locale = (typeof localeEnum.enumValues)[number];

export const appendices = pgTable("appendices", {
  id: uuid("id").primaryKey().defaultRandom(),
  partyId: uuid("party_id")
    .notNull()
    .references(() => parties.id, { onDelete: "cascade" }),
  title: text("title").notNull(),
  createdAt: createdAt(),
});

// 004 §2.1: every change keeps the previous version, with who, when, and the reason or decision.
export const appendixVersions = pgTable(
  "appendix_versions",
  {
    appendixId: uuid("appendix_id")
      .notNull()
      .references(() => appendices.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    commitments: text("commitments").notNull(),
    reason: text("reason").notNull(),
    changedBy: uuid("changed_by")
      .notNull()
      .references(() => users.id),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.appendixId, t.version] })],
);

export const groupKindEnum = pgEnum("group_kind", ["steering", "cooperation"]);
export const cadencePerEnum = pgEnum("cadence_per", ["year", "half-year"]);
export const rotationUnitEnum = pgEnum("rotation_unit", ["months", "meetings"]);

export const groups = pgTable(
  "groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnershipId: uuid("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    kind: groupKindEnum("kind").notNull(),
    name: text("name").notNull(),
    cadencePer: cadencePerEnum("cadence_per"),
    cadenceAtLeast: integer("cadence_at_least"),
    // Rotation of the chair (steering) or the documentation duty (cooperation), set at the first meeting.
    rotationOrder: uuid("rotation_order").array(),
    rotationStartsOn: date("rotation_starts_on"),
    rotationUnit: rotationUnitEnum("rotation_unit"),
    rotationLength: integer("rotation_length"),
    createdAt: createdAt(),
  },
  (t) => [index("groups_partnership_idx").on(t.partnershipId)],
);

export const rotationOverrides = pgTable(
  "rotation_overrides",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    turnIndex: integer("turn_index").notNull(),
    reason: text("reason").notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.turnIndex] })],
);

/** The person the holding party names for a turn (the party chooses, the rotation only picks the party). */
export const turnHolders = pgTable(
  "turn_holders",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    turnIndex: integer("turn_index").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.turnIndex] })],
);

export const memberRoleEnum = pgEnum("member_role", ["representative", "deputy", "observer"]);

export const groupMembers = pgTable(
  "group_members",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    partyId: uuid("party_id")
      .notNull()
      .references(() => parties.id, { onDelete: "cascade" }),
    role: memberRoleEnum("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index("group_members_user_idx").on(t.userId)],
);

export const meetingKindEnum = pgEnum("meeting_kind", ["ordinary", "extra"]);
export const meetingStatusEnum = pgEnum("meeting_status", ["draft", "noticed", "cancelled"]);

export const meetings = pgTable(
  "meetings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    kind: meetingKindEnum("kind").notNull().default("ordinary"),
    extraReason: text("extra_reason"),
    title: text("title").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    location: text("location").notNull().default(""),
    videoUrl: text("video_url"),
    status: meetingStatusEnum("status").notNull().default("draft"),
    // iCalendar SEQUENCE: bumped by every change sent after the notice.
    sequence: integer("sequence").notNull().default(0),
    noticedAt: timestamp("noticed_at", { withTimezone: true }),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("meetings_group_starts_idx").on(t.groupId, t.startsAt)],
);

export const agendaItemTypeEnum = pgEnum("agenda_item_type", ["information", "discussion", "decision"]);

export const agendaItems = pgTable(
  "agenda_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    type: agendaItemTypeEnum("type").notNull().default("information"),
    presenter: text("presenter").notNull().default(""),
    estimatedMinutes: integer("estimated_minutes"),
    links: text("links").array().notNull().default(sql`'{}'::text[]`),
    // Members propose items; the chair accepts them onto the agenda.
    proposed: boolean("proposed").notNull().default(false),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("agenda_items_meeting_idx").on(t.meetingId, t.position)],
);

export const rsvpEnum = pgEnum("rsvp", ["attending", "declined"]);

export const attendance = pgTable(
  "attendance",
  {
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    rsvp: rsvpEnum("rsvp"),
    present: boolean("present").notNull().default(false),
    // The party the person was present for (recorded by the chair).
    partyId: uuid("party_id").references(() => parties.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] })],
);

export const apiTokens = pgTable("api_tokens", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: createdAt(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
});

export type GroupKind = (typeof groupKindEnum.enumValues)[number];
export type MemberRole = (typeof memberRoleEnum.enumValues)[number];

/** pg-core has no bytea helper; Yjs updates are binary. */
const bytea = customType<{ data: Uint8Array; driverData: Buffer }>({
  dataType: () => "bytea",
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

export const minutesStatusEnum = pgEnum("minutes_status", ["draft", "for_approval", "final"]);

/** One live minutes document per meeting: a compacted snapshot plus the updates appended since. */
export const minutes = pgTable("minutes", {
  meetingId: uuid("meeting_id")
    .primaryKey()
    .references(() => meetings.id, { onDelete: "cascade" }),
  status: minutesStatusEnum("status").notNull().default("draft"),
  snapshot: bytea("snapshot"),
  snapshotBytes: integer("snapshot_bytes").notNull().default(0),
  adjusters: uuid("adjusters").array().notNull().default(sql`'{}'::uuid[]`),
  /** The chair who sent the minutes for approval and approves them with the adjusters. */
  chairId: uuid("chair_id").references(() => users.id),
  /** Set when the chair confirmed that flagged identity numbers may stay, with why. */
  personnummerReason: text("personnummer_reason"),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const minutesUpdates = pgTable(
  "minutes_updates",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => minutes.meetingId, { onDelete: "cascade" }),
    update: bytea("update").notNull(),
    userId: uuid("user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("minutes_updates_meeting_idx").on(t.meetingId, t.id)],
);

/** An approval holds for the text it was given on: any later change needs approving again. */
export const minutesApprovals = pgTable(
  "minutes_approvals",
  {
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => minutes.meetingId, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    textSha256: text("text_sha256").notNull(),
    approvedAt: timestamp("approved_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] })],
);

export const minutesVersionKindEnum = pgEnum("minutes_version_kind", ["draft", "final"]);

/** Drafts saved when an editing session ends, and the final approved minutes (immutable). */
export const minutesVersions = pgTable(
  "minutes_versions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => minutes.meetingId, { onDelete: "cascade" }),
    kind: minutesVersionKindEnum("kind").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    markdown: text("markdown").notNull(),
    state: bytea("state").notNull(),
    textSha256: text("text_sha256").notNull(),
    approvals: jsonb("approvals").$type<{ userId: string; name: string; role: "chair" | "adjuster"; approvedAt: string }[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [index("minutes_versions_meeting_idx").on(t.meetingId, t.id), uniqueIndex("minutes_versions_one_final_idx").on(t.meetingId).where(sql`kind = 'final'`)],
);

/** After approval nothing is edited: a correction is a note appended with its own approval. */
export const minutesCorrections = pgTable(
  "minutes_corrections",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => minutes.meetingId, { onDelete: "cascade" }),
    text: text("text").notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
  },
  (t) => [index("minutes_corrections_meeting_idx").on(t.meetingId, t.id)],
);

export const minutesCorrectionApprovals = pgTable(
  "minutes_correction_approvals",
  {
    correctionId: bigint("correction_id", { mode: "number" })
      .notNull()
      .references(() => minutesCorrections.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    approvedAt: timestamp("approved_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.correctionId, t.userId] })],
);

export type MinutesStatus = (typeof minutesStatusEnum.enumValues)[number];
