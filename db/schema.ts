import { type SQL, sql } from "drizzle-orm";
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
import type { FundingRule, FundsCondition } from "../app/domain/funding";
import type { PeriodRule } from "../app/domain/period";
import type { ReportingRule } from "../app/domain/reporting-rule";

/** A moment the app's clock sets, not the database's: rules compare these with the date they are given. */
const stamp = (name: string) =>
  timestamp(name, { withTimezone: true })
    .notNull()
    .defaultNow()
    .$defaultFn(() => new Date());
const createdAt = () => stamp("created_at");

/**
 * GIN indexes for search in Swedish and English; queries must repeat the same expression (and
 * the predicate `where`, if any) to use them.
 */
const fullText = (table: string, expr: SQL, where?: SQL) =>
  (
    [
      ["sv", "swedish"],
      ["en", "english"],
    ] as const
  ).map(([suffix, config]) => {
    const built = index(`${table}_fts_${suffix}_idx`).using("gin", sql`to_tsvector(${sql.raw(`'${config}'`)}, ${expr})`);
    return where ? built.where(where) : built;
  });

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
    at: stamp("at"),
  },
  (t) => [index("login_attempts_email_at_idx").on(t.email, t.at), index("login_attempts_ip_at_idx").on(t.ip, t.at)],
);

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/**
 * Where a mail stands: `pending` until delivered (or retried), `sending` while one worker holds it,
 * `sent`, `failed` for good, or `uncertain` when a worker died between handing it to the SMTP
 * server and marking it: never sent again by itself, shown to administrators.
 */
export const mailStatusEnum = pgEnum("mail_status", ["pending", "sending", "sent", "failed", "uncertain"]);

export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    attachments: jsonb("attachments").$type<MailAttachment[]>().notNull().default([]),
    /** The recipient, when the mail is for a user: their language and preferences apply. */
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    /** The kind of notification it carries (for preferences and digests); null for account mail. */
    kind: text("kind"),
    status: mailStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: stamp("next_attempt_at"),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("outbox_due_idx").on(t.status, t.nextAttemptAt)],
);

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
    at: stamp("at"),
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
  /** What yearly reports must hold; null until set, then the default rule applies. */
  reportingRule: jsonb("reporting_rule").$type<ReportingRule>(),
  fundingRule: jsonb("funding_rule").$type<FundingRule>(),
  /** 004 §5.1: the period holds only once funds are decided. */
  fundsCondition: jsonb("funds_condition").$type<FundsCondition>(),
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
    changedAt: stamp("changed_at"),
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
    // Who convenes (decision 005): the party the agreement names (002), or null for the rotating chair (004 §3.1).
    convenerPartyId: uuid("convener_party_id").references(() => parties.id),
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
  (t) => [index("agenda_items_meeting_idx").on(t.meetingId, t.position), ...fullText("agenda_items", sql`${t.title}`)],
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
    updatedAt: stamp("updated_at"),
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
  updatedAt: stamp("updated_at"),
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

/**
 * Updates that could not be applied when their document was loaded (malformed, or holding text
 * PostgreSQL cannot store). Kept for inspection instead of being deleted; the rest of the document loads.
 */
export const minutesQuarantine = pgTable(
  "minutes_quarantine",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => minutes.meetingId, { onDelete: "cascade" }),
    /** The update's id in minutes_updates, or null for a snapshot. */
    updateId: bigint("update_id", { mode: "number" }),
    update: bytea("update").notNull(),
    userId: uuid("user_id").references(() => users.id),
    reason: text("reason").notNull(),
    quarantinedAt: stamp("quarantined_at"),
  },
  (t) => [index("minutes_quarantine_meeting_idx").on(t.meetingId)],
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
    // Named for the text it once hashed; it holds contentHash (decision 008) since approvals bind marks and links too.
    contentSha256: text("text_sha256").notNull(),
    approvedAt: stamp("approved_at"),
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
    // Named for the text it once hashed; it holds contentHash (decision 008) since approvals bind marks and links too.
    contentSha256: text("text_sha256").notNull(),
    approvals: jsonb("approvals").$type<{ userId: string; name: string; role: "chair" | "adjuster"; approvedAt: string }[]>().notNull().default([]),
    createdAt: createdAt(),
    /** The version search shows for its meeting: the final one, else the newest draft. Kept by a trigger (decision 028). */
    searchable: boolean("searchable").notNull().default(false),
  },
  (t) => [
    index("minutes_versions_meeting_idx").on(t.meetingId, t.id),
    uniqueIndex("minutes_versions_one_final_idx").on(t.meetingId).where(sql`kind = 'final'`),
    ...fullText("minutes_versions", sql`${t.text}`, sql`searchable`),
  ],
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
    approvedAt: stamp("approved_at"),
  },
  (t) => [primaryKey({ columns: [t.correctionId, t.userId] })],
);

export type MinutesStatus = (typeof minutesStatusEnum.enumValues)[number];

// ---------------------------------------------------------------------------
// Agreement procedures (004 §3–§5, 000 §7, §9, §10). Each row's `stage` follows a
// state machine in app/domain; every step is kept in an append-only events table.

export const decisionKindEnum = pgEnum("decision_kind", ["meeting", "per_capsulum"]);
export const decisionStatusEnum = pgEnum("decision_status", ["open", "adopted", "not_adopted"]);

/** The decision register: numbered per group and year ("SG 2026 § 7"). */
export const decisions = pgTable(
  "decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    kind: decisionKindEnum("kind").notNull().default("meeting"),
    // The meeting it was made at; for a decision per capsulum, the meeting where it is recorded.
    meetingId: uuid("meeting_id").references(() => meetings.id),
    agendaItemId: uuid("agenda_item_id").references(() => agendaItems.id, { onDelete: "set null" }),
    year: integer("year").notNull(),
    number: integer("number").notNull(),
    text: text("text").notNull(),
    status: decisionStatusEnum("status").notNull().default("open"),
    /** Why it was not adopted: missing parties and objections, as stated when it was closed. */
    outcome: jsonb("outcome").$type<{ missing: string[]; objecting: string[] }>(),
    reviewOn: date("review_on"),
    proposedBy: uuid("proposed_by")
      .notNull()
      .references(() => users.id),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("decisions_group_number_idx").on(t.groupId, t.year, t.number),
    index("decisions_meeting_idx").on(t.meetingId),
    ...fullText("decisions", sql`${t.text}`),
  ],
);

export const positionEnum = pgEnum("decision_position", ["agree", "object", "abstain"]);

/** Each party's position on a decision, stated by one of its members with mandate. */
export const decisionPositions = pgTable(
  "decision_positions",
  {
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => decisions.id, { onDelete: "cascade" }),
    partyId: uuid("party_id")
      .notNull()
      .references(() => parties.id),
    position: positionEnum("position").notNull(),
    reservation: text("reservation"),
    statedBy: uuid("stated_by")
      .notNull()
      .references(() => users.id),
    /** Recorded by the chair or secretary as the party stated it in the room ("antecknat av ordföranden"); the approved minutes confirm it. */
    recordedForRoom: boolean("recorded_for_room").notNull().default(false),
    statedAt: stamp("stated_at"),
  },
  (t) => [primaryKey({ columns: [t.decisionId, t.partyId] })],
);

export const taskStatusEnum = pgEnum("task_status", ["open", "done"]);

/** Follow-up of a decision: who does what by when. */
export const decisionTasks = pgTable(
  "decision_tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => decisions.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    dueOn: date("due_on").notNull(),
    status: taskStatusEnum("status").notNull().default("open"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    doneAt: timestamp("done_at", { withTimezone: true }),
  },
  (t) => [index("decision_tasks_owner_idx").on(t.ownerId, t.status, t.dueOn), index("decision_tasks_decision_idx").on(t.decisionId)],
);

export const caseKindEnum = pgEnum("case_kind", ["shortcoming", "dispute", "information", "renegotiation"]);

/** Shortcomings (§5.4), disputes (§5.8) and reported changes of circumstance (§5.7). */
export const cases = pgTable(
  "cases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnershipId: uuid("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    kind: caseKindEnum("kind").notNull(),
    /** A stage of the kind's state machine in app/domain. */
    stage: text("stage").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    /** The party that raised it; null when the coordinator did. */
    raisedByParty: uuid("raised_by_party").references(() => parties.id),
    /** The party whose commitments fall short (shortcomings). */
    concernsParty: uuid("concerns_party").references(() => parties.id),
    commitment: text("commitment"),
    evidence: text("evidence").array().notNull().default(sql`'{}'::text[]`),
    /** The group a dispute was escalated from. */
    fromGroupId: uuid("from_group_id").references(() => groups.id),
    planDueOn: date("plan_due_on"),
    /** Whether funds are reclaimed (återkrav) after termination; null until decided. */
    reclaim: boolean("reclaim"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: stamp("updated_at"),
  },
  (t) => [index("cases_partnership_idx").on(t.partnershipId, t.kind), ...fullText("cases", sql`${t.title} || ' ' || ${t.description}`)],
);

/** Every step of a case: who, when, at which meeting, under which decision. Append-only. */
export const caseEvents = pgTable(
  "case_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    event: text("event").notNull(),
    fromStage: text("from_stage"),
    toStage: text("to_stage").notNull(),
    note: text("note"),
    meetingId: uuid("meeting_id").references(() => meetings.id),
    decisionId: uuid("decision_id").references(() => decisions.id),
    actorId: uuid("actor_id")
      .notNull()
      .references(() => users.id),
    at: stamp("at"),
  },
  (t) => [index("case_events_case_idx").on(t.caseId, t.id)],
);

/** The actions of an action plan (åtgärdsplan), filled in by the responsible party. */
export const planActions = pgTable(
  "plan_actions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    what: text("what").notNull(),
    owner: text("owner").notNull(),
    dueOn: date("due_on").notNull(),
    progress: text("progress").notNull().default(""),
    done: boolean("done").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: stamp("updated_at"),
  },
  (t) => [index("plan_actions_case_idx").on(t.caseId)],
);

/** Amendments and additions (§5.6): valid once each party's authorised representative has signed. */
export const amendments = pgTable(
  "amendments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnershipId: uuid("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    appendixId: uuid("appendix_id").references(() => appendices.id),
    title: text("title").notNull(),
    text: text("text").notNull(),
    textSha256: text("text_sha256").notNull(),
    /** A new period rule the amendment brings; applied to the partnership once valid. */
    periodRule: jsonb("period_rule").$type<PeriodRule>(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: stamp("updated_at"),
    validAt: timestamp("valid_at", { withTimezone: true }),
    appliedAt: timestamp("applied_at", { withTimezone: true }),
  },
  (t) => [index("amendments_partnership_idx").on(t.partnershipId)],
);

/** A signature binds signer, time and the SHA-256 of the text; an edit voids, never deletes, them. */
export const amendmentSignatures = pgTable(
  "amendment_signatures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    amendmentId: uuid("amendment_id")
      .notNull()
      .references(() => amendments.id, { onDelete: "cascade" }),
    partyId: uuid("party_id")
      .notNull()
      .references(() => parties.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    textSha256: text("text_sha256").notNull(),
    signedAt: stamp("signed_at"),
    voidedAt: timestamp("voided_at", { withTimezone: true }),
  },
  (t) => [
    index("amendment_signatures_amendment_idx").on(t.amendmentId),
    uniqueIndex("amendment_signatures_one_valid_idx").on(t.amendmentId, t.partyId).where(sql`voided_at IS NULL`),
  ],
);

/** Written notice of termination by a party, with the effective date computed from the period rule. */
export const terminations = pgTable(
  "terminations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnershipId: uuid("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    partyId: uuid("party_id")
      .notNull()
      .references(() => parties.id),
    givenOn: date("given_on").notNull(),
    effectiveOn: date("effective_on").notNull(),
    reason: text("reason").notNull(),
    /** Set when the steering group terminated the party's participation (004 §5.4), not the party itself. */
    caseId: uuid("case_id").references(() => cases.id),
    /** The nämnd's decision behind the public party's notice (004 §3): its diarienummer and date. */
    committeeReference: text("committee_reference"),
    committeeDecidedOn: date("committee_decided_on"),
    givenBy: uuid("given_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("terminations_party_idx").on(t.partnershipId, t.partyId)],
);

/** Yearly report (§4, 000 §9) of an idea-based party; due one month after the year ends. */
export const yearlyReports = pgTable(
  "yearly_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnershipId: uuid("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    partyId: uuid("party_id")
      .notNull()
      .references(() => parties.id),
    year: integer("year").notNull(),
    narrative: text("narrative").notNull().default(""),
    statistics: jsonb("statistics").$type<Record<string, number>>().notNull().default({}),
    financialUrl: text("financial_url"),
    /** Amounts in whole kronor: grant received, costs, remaining. */
    financial: jsonb("financial").$type<Record<string, number>>().notNull().default({}),
    /** Links to the documents the reporting rule asks for, by kind (activityReport, …). */
    attachments: jsonb("attachments").$type<Record<string, string>>().notNull().default({}),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    submittedBy: uuid("submitted_by").references(() => users.id),
    updatedBy: uuid("updated_by")
      .notNull()
      .references(() => users.id),
    updatedAt: stamp("updated_at"),
  },
  (t) => [uniqueIndex("yearly_reports_party_year_idx").on(t.partnershipId, t.partyId, t.year)],
);

export const accountsOutcomeEnum = pgEnum("accounts_outcome", ["approved", "sent_back"]);

/** The steering group's review of a report's accounts (000 §9), each from an adopted decision. Append-only. */
export const yearlyReportReviews = pgTable(
  "yearly_report_reviews",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => yearlyReports.id, { onDelete: "cascade" }),
    outcome: accountsOutcomeEnum("outcome").notNull(),
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => decisions.id),
    note: text("note").notNull().default(""),
    reviewedBy: uuid("reviewed_by")
      .notNull()
      .references(() => users.id),
    at: stamp("at"),
  },
  (t) => [index("yearly_report_reviews_report_idx").on(t.reportId, t.id)],
);

// ---------------------------------------------------------------------------
// Funding (000 §7, 002, 003, 004 §5): what each party is granted, paid and must repay.

/** A party's grant for a year (or the one-off grant, under the year it was decided). Amounts in whole kronor. */
export const grants = pgTable(
  "grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnershipId: uuid("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    partyId: uuid("party_id")
      .notNull()
      .references(() => parties.id),
    year: integer("year").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
    decisionReference: text("decision_reference").notNull().default(""),
    /** The index applied to reach this year's amount, in per cent, when the rule indexes. */
    indexPercent: text("index_percent"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("grants_party_year_idx").on(t.partnershipId, t.partyId, t.year)],
);

export const paymentStatusEnum = pgEnum("payment_status", ["due", "paid", "stopped", "reclaimed"]);

/** Scheduled and recorded payments of a grant; reclaimed amounts are repayments to the public party. */
export const payments = pgTable(
  "payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    grantId: uuid("grant_id")
      .notNull()
      .references(() => grants.id, { onDelete: "cascade" }),
    dueOn: date("due_on").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
    status: paymentStatusEnum("status").notNull().default("due"),
    /** Invoice number (003) or the payment's reference. */
    reference: text("reference").notNull().default(""),
    settledOn: date("settled_on"),
    /** The steering decision that stopped or reclaimed it. */
    decisionId: uuid("decision_id").references(() => decisions.id),
    note: text("note").notNull().default(""),
    updatedBy: uuid("updated_by")
      .notNull()
      .references(() => users.id),
    updatedAt: stamp("updated_at"),
  },
  (t) => [index("payments_grant_idx").on(t.grantId, t.dueOn)],
);

/** A steering decision stopping a party's payments without terminating (004 §5.4); lifted by another. */
export const paymentStops = pgTable(
  "payment_stops",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnershipId: uuid("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    partyId: uuid("party_id")
      .notNull()
      .references(() => parties.id),
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => decisions.id),
    stoppedOn: date("stopped_on").notNull(),
    liftedOn: date("lifted_on"),
    liftedDecisionId: uuid("lifted_decision_id").references(() => decisions.id),
    reason: text("reason").notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("payment_stops_party_idx").on(t.partnershipId, t.partyId)],
);

/** The index figure a rule's indexation uses for a year (002: the nämnd's index from 2026). */
export const fundingIndexes = pgTable(
  "funding_indexes",
  {
    partnershipId: uuid("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    /** Per cent with up to two decimals, as text so it is kept exactly ("2.6"). */
    percent: text("percent").notNull(),
    reference: text("reference").notNull().default(""),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.partnershipId, t.year] })],
);

// ---------------------------------------------------------------------------
// Follow-up and evaluation (000 §9, 002, 001), and a court's ruling (000 §10).

export const followUpKindEnum = pgEnum("follow_up_kind", ["follow_up", "evaluation"]);
export const followUpRecurrenceEnum = pgEnum("follow_up_recurrence", ["yearly", "once"]);
export const followUpStatusEnum = pgEnum("follow_up_status", ["planned", "done"]);

export const followUps = pgTable(
  "follow_ups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnershipId: uuid("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    kind: followUpKindEnum("kind").notNull(),
    title: text("title").notNull(),
    /** What it covers and to whom it is presented ("styrgruppen och socialnämnden"). */
    covers: text("covers").notNull().default(""),
    presentedTo: text("presented_to").notNull().default(""),
    recurrence: followUpRecurrenceEnum("recurrence").notNull(),
    dueOn: date("due_on").notNull(),
    leadUserId: uuid("lead_user_id").references(() => users.id),
    status: followUpStatusEnum("status").notNull().default("planned"),
    doneOn: date("done_on"),
    outcome: text("outcome").notNull().default(""),
    /** Linked yearly reports and decisions, checked to belong to the partnership when set. */
    reportIds: uuid("report_ids").array().notNull().default(sql`'{}'::uuid[]`),
    decisionIds: uuid("decision_ids").array().notNull().default(sql`'{}'::uuid[]`),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: stamp("updated_at"),
  },
  (t) => [index("follow_ups_partnership_idx").on(t.partnershipId, t.dueOn)],
);

/** A final court ruling (or an authority's regulation) finding the partnership unlawful: it ends at the next year-end (000 §10). */
export const courtRulings = pgTable("court_rulings", {
  partnershipId: uuid("partnership_id")
    .primaryKey()
    .references(() => partnerships.id, { onDelete: "cascade" }),
  authority: text("authority").notNull(),
  caseNumber: text("case_number").notNull().default(""),
  /** The day the ruling became final (vann laga kraft). */
  finalOn: date("final_on").notNull(),
  endsOn: date("ends_on").notNull(),
  note: text("note").notNull().default(""),
  recordedBy: uuid("recorded_by")
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
});

// ---------------------------------------------------------------------------
// Notifications and accounts.

/** Something that happened for a user, shown in the app (read or unread) and mailed per their preferences. */
export const notifications = pgTable(
  "notifications",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    /** Message key params, rendered in the user's language when shown or mailed. */
    params: jsonb("params").$type<Record<string, string | number>>().notNull().default({}),
    /** The page it concerns, as a path ("/meetings/…"). */
    link: text("link").notNull(),
    dueOn: date("due_on"),
    /** Identifies the event (e.g. "meeting-reminder:<id>:<startsAt>"): each user gets it once, however many processes notice it. */
    eventKey: text("event_key").notNull(),
    /** Set when it went into a daily digest (or was sent at once); null while a digest still owes it. */
    mailedAt: timestamp("mailed_at", { withTimezone: true }),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("notifications_user_event_idx").on(t.userId, t.eventKey), index("notifications_user_idx").on(t.userId, t.createdAt)],
);

export const notificationModeEnum = pgEnum("notification_mode", ["immediately", "digest", "off"]);

/** How a user wants each kind of notification; without a row, immediately. Duties with a deadline are always sent. */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    mode: notificationModeEnum("mode").notNull(),
    updatedAt: stamp("updated_at"),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/** "Forgot password": each request (also for unknown addresses, for throttling), and the one-time link's token hash when the address is known. */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    // SHA-256 of the token, hex; the token itself is only in the mailed link.
    tokenHash: text("token_hash").unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("password_resets_email_idx").on(t.email, t.createdAt), index("password_resets_ip_idx").on(t.ip, t.createdAt)],
);

/**
 * Files attached to agenda items. A replaced file keeps its versions under one document key;
 * the content is a PostgreSQL large object, so the database's backup holds it too.
 */
export const meetingDocuments = pgTable(
  "meeting_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    documentKey: uuid("document_key").notNull().defaultRandom(),
    version: integer("version").notNull().default(1),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    agendaItemId: uuid("agenda_item_id")
      .notNull()
      .references(() => agendaItems.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    /** The large object's oid. */
    contentOid: bigint("content_oid", { mode: "number" }).notNull(),
    uploadedBy: uuid("uploaded_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("meeting_documents_version_idx").on(t.documentKey, t.version),
    index("meeting_documents_item_idx").on(t.agendaItemId, t.createdAt),
    index("meeting_documents_meeting_idx").on(t.meetingId),
    ...fullText("meeting_documents", sql`${t.title} || ' ' || ${t.filename}`),
  ],
);
