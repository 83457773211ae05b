import { and, asc, desc, eq, getTableColumns, gte, inArray, lt, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { prepared, preparedShapes } from "../../db/prepared";
import { agendaItems, attendance, groupMembers, groups, meetings, minutes, organisations, parties, partnerships, terminations, users, type Locale } from "../../db/schema";
import type { LiveMinutes, MinutesInPipeline } from "../live-minutes";
import type { SessionUser } from "../auth/session.server";
import { meetingInvitation, type CalendarMeeting } from "../calendar/ics";
import { paragraphHeading, paragraphs, placeForNewItem } from "../domain/agenda";
import { convenerOf, convenerParty } from "../domain/convener";
import { participatesOn } from "../domain/participation";
import { partiesWithMandate } from "../domain/representation";
import { stockholmDate } from "../domain/stockholm-date";
import { formatDateTime, LOCALES, translator } from "../i18n";
import type { GroupAccess } from "./access.server";
import { audit } from "./audit.server";
import type { Holder } from "./groups.server";
import { latestDocuments, noticeAgenda } from "./meeting-documents.server";
import { listedMinutesStatus } from "./minutes.server";
import { queueMail } from "./outbox.server";
import { conflict, ok, type Result } from "./result";

export type MeetingRow = typeof meetings.$inferSelect;
type AgendaRow = typeof agendaItems.$inferSelect;
type AgendaType = AgendaRow["type"];

/** The party that convenes the group now: the agreement's, or the one holding the chair's or duty's turn. */
export function convenerPartyOf(group: GroupAccess["group"], holder: Holder | undefined): string | null {
  return convenerParty(convenerOf(group), holder?.partyId ?? null);
}

/** Standard items every Swedish meeting opens and closes with; the chair adds the substance between. */
const AGENDA_TEMPLATE: { key: "open" | "adjuster" | "agenda" | "previous" | "other" | "next" | "close"; type: AgendaType }[] = [
  { key: "open", type: "information" },
  { key: "adjuster", type: "decision" },
  { key: "agenda", type: "decision" },
  { key: "previous", type: "information" },
  { key: "other", type: "discussion" },
  { key: "next", type: "information" },
  { key: "close", type: "information" },
];

/** The template's rows for a new meeting, in the given language. */
export function templateAgenda(meetingId: string, createdBy: string, locale: Locale) {
  const t = translator(locale);
  return AGENDA_TEMPLATE.map((item, i) => ({ meetingId, position: i + 1, title: t(`agenda.template.${item.key}`), type: item.type, createdBy }));
}

export interface MeetingInput {
  title: string;
  kind: "ordinary" | "extra";
  extraReason: string | null;
  startsAt: Date;
  endsAt: Date;
  location: string;
  videoUrl: string | null;
}

export async function createMeeting(db: Db, groupId: string, input: MeetingInput, actor: SessionUser, locale: Locale) {
  return db.transaction(async (tx) => {
    const [m] = await tx.insert(meetings).values({ groupId, ...input, createdBy: actor.id }).returning({ id: meetings.id });
    await tx.insert(agendaItems).values(templateAgenda(m.id, actor.id, locale));
    await audit(tx, { actorId: actor.id, action: "meeting.create", subject: `meeting:${m.id}`, details: { groupId, title: input.title, kind: input.kind, startsAt: input.startsAt.toISOString() } });
    return m.id;
  });
}

const meetingById = prepared((db) => db.select().from(meetings).where(eq(meetings.id, sql.placeholder("id"))).prepare("meeting_by_id"));

export async function getMeeting(db: Db, id: string) {
  const [m] = await meetingById(db).execute({ id });
  return m ?? null;
}

const agendaOf = prepared((db) =>
  db
    .select()
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, sql.placeholder("meetingId")))
    .orderBy(asc(agendaItems.proposed), asc(agendaItems.position))
    .prepare("agenda_of"),
);

/** The group's members, each with their answer to and attendance at the meeting. */
const membersAtMeeting = prepared((db) =>
  db
    .select({
      userId: users.id,
      name: users.name,
      partyId: groupMembers.partyId,
      partyName: organisations.name,
      role: groupMembers.role,
      rsvp: attendance.rsvp,
      present: attendance.present,
      presentFor: attendance.partyId,
    })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .innerJoin(parties, eq(parties.id, groupMembers.partyId))
    .innerJoin(organisations, eq(organisations.id, parties.organisationId))
    .leftJoin(attendance, and(eq(attendance.meetingId, sql.placeholder("meetingId")), eq(attendance.userId, groupMembers.userId)))
    .where(eq(groupMembers.groupId, sql.placeholder("groupId")))
    .orderBy(asc(parties.sector), asc(organisations.name), asc(users.name))
    .prepare("members_at_meeting"),
);

/** The meeting page's data in two queries: agenda, members with their answers, and nothing per row. */
export async function meetingDetails(db: Db, meeting: MeetingRow) {
  const [agenda, people] = await Promise.all([
    agendaOf(db).execute({ meetingId: meeting.id }),
    membersAtMeeting(db).execute({ meetingId: meeting.id, groupId: meeting.groupId }),
  ]);
  const mandated = partiesWithMandate(people.map((p) => ({ partyId: p.presentFor ?? p.partyId, role: p.role, present: Boolean(p.present) })));
  return { agenda, people, mandatedParties: [...mandated] };
}

export async function updateMeeting(db: Db, meeting: MeetingRow, input: MeetingInput, actor: SessionUser, baseUrl: string) {
  await db.transaction(async (tx) => {
    // A change after the notice is a new version of the invitation: calendars only apply a higher SEQUENCE.
    const sequence = meeting.status === "noticed" ? meeting.sequence + 1 : meeting.sequence;
    const [updated] = await tx.update(meetings).set({ ...input, sequence }).where(eq(meetings.id, meeting.id)).returning();
    await audit(tx, { actorId: actor.id, action: "meeting.update", subject: `meeting:${meeting.id}`, details: { before: summary(meeting), after: summary(updated) } });
    if (meeting.status === "noticed") await mailNotice(tx, updated, "update", baseUrl);
  });
}

export async function cancelMeeting(db: Db, meeting: MeetingRow, reason: string, actor: SessionUser, baseUrl: string) {
  await db.transaction(async (tx) => {
    const noticed = meeting.status === "noticed";
    const [updated] = await tx
      .update(meetings)
      .set({ status: "cancelled", sequence: noticed ? meeting.sequence + 1 : meeting.sequence })
      .where(eq(meetings.id, meeting.id))
      .returning();
    await audit(tx, { actorId: actor.id, action: "meeting.cancel", subject: `meeting:${meeting.id}`, details: { reason } });
    if (noticed) await mailNotice(tx, updated, "cancel", baseUrl);
  });
}

export async function sendNotice(db: Db, meeting: MeetingRow, actor: SessionUser, baseUrl: string) {
  await db.transaction(async (tx) => {
    const [updated] = await tx.update(meetings).set({ status: "noticed", noticedAt: new Date() }).where(eq(meetings.id, meeting.id)).returning();
    await audit(tx, { actorId: actor.id, action: "meeting.notice", subject: `meeting:${meeting.id}` });
    await mailNotice(tx, updated, "notice", baseUrl);
  });
}

function summary(m: MeetingRow) {
  return { title: m.title, startsAt: m.startsAt.toISOString(), endsAt: m.endsAt.toISOString(), location: m.location, videoUrl: m.videoUrl };
}

/**
 * E-mails every member the agenda and an .ics invitation (REQUEST, or CANCEL), each in the member's
 * language; not the members of a party that no longer takes part on the meeting's day.
 */
async function mailNotice(tx: Tx, meeting: MeetingRow, why: "notice" | "update" | "cancel", baseUrl: string) {
  const [group] = await tx.select({ name: groups.name }).from(groups).where(eq(groups.id, meeting.groupId));
  const memberRows = await tx
    .select({ userId: users.id, name: users.name, email: users.email, locale: users.locale, participatesUntil: terminations.effectiveOn })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .leftJoin(terminations, eq(terminations.partyId, groupMembers.partyId))
    .where(eq(groupMembers.groupId, meeting.groupId));
  const members = memberRows.filter((m) => participatesOn(m, stockholmDate(meeting.startsAt)));
  const agenda = await tx
    .select({ id: agendaItems.id, position: agendaItems.position, proposed: agendaItems.proposed, title: agendaItems.title })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meeting.id));
  const documents = await latestDocuments(tx, meeting.id);
  const [organizer] = await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, meeting.createdBy));
  const ics = meetingInvitation(calendarMeeting(meeting, agenda, organizer, members, `${baseUrl}/meetings/${meeting.id}`));
  await queueMail(
    tx,
    ...members.map((m) => {
      const t = translator(m.locale);
      const when = formatDateTime(meeting.startsAt, m.locale);
      return {
        to: m.email,
        userId: m.userId,
        subject: t(`notice.subject.${why}`, { group: group.name, title: meeting.title, when }),
        body: t(`notice.body.${why}`, {
          name: m.name,
          group: group.name,
          title: meeting.title,
          when,
          where: [meeting.location, meeting.videoUrl].filter(Boolean).join(" · ") || "—",
          agenda: noticeAgenda(paragraphs(agenda), documents, m.locale, (id) => `${baseUrl}/meetings/${meeting.id}/documents/${id}`),
          link: `${baseUrl}/meetings/${meeting.id}`,
        }),
        attachments: [{ filename: "kallelse.ics", contentType: `text/calendar; method=${why === "cancel" ? "CANCEL" : "REQUEST"}; charset=utf-8`, content: ics }],
      };
    }),
  );
}

export function calendarMeeting(
  meeting: MeetingRow,
  agenda: { id: string; position: number; proposed: boolean; title: string }[],
  organizer: { name: string; email: string },
  attendees: { name: string; email: string }[],
  url: string,
): CalendarMeeting {
  return {
    id: meeting.id,
    title: meeting.title,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    location: meeting.location,
    videoUrl: meeting.videoUrl,
    description: paragraphs(agenda).map(paragraphHeading).join("\n"),
    sequence: meeting.sequence,
    cancelled: meeting.status === "cancelled",
    url,
    organizer,
    attendees,
    updatedAt: new Date(),
  };
}

/** What changing an agenda takes besides the database: the live minutes, and the address for an updated notice's links. */
export interface AgendaDeps {
  db: Db;
  minutes: LiveMinutes;
  baseUrl: string;
}

class AgendaLocked extends Error {}
/** The minutes were begun, from the agenda as it was, between the check for them and the lock. */
class MinutesBegunMeanwhile extends Error {}

/**
 * Every change to a meeting's agenda, one at a time per meeting (its row is locked). Once the
 * minutes are sent for approval the agenda is fixed. When the items on the agenda change, a
 * noticed meeting's members get the updated notice (higher SEQUENCE) and the minutes' sections
 * follow, before the change commits: page, notice, .ics and minutes always number alike.
 */
async function changeAgenda<T>(deps: AgendaDeps, meetingId: string, actor: SessionUser, change: (tx: Tx, items: AgendaRow[]) => Promise<T>): Promise<Result<T>> {
  function inPipeline(live: MinutesInPipeline | null) {
    return deps.db.transaction(async (tx) => {
      // NO KEY UPDATE: rows that refer to the meeting (minutes, versions) can still be written meanwhile.
      const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, meetingId)).for("no key update");
      const [state] = await tx.select({ status: minutes.status }).from(minutes).where(eq(minutes.meetingId, meetingId));
      if (state && state.status !== "draft") throw new AgendaLocked();
      if (state && !live) throw new MinutesBegunMeanwhile();
      const itemsNow = () => tx.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId));
      const items = await itemsNow();
      const value = await change(tx, items);
      const [before, after] = [paragraphs(items), paragraphs(await itemsNow())];
      if (after.map((p) => p.id).join() === before.map((p) => p.id).join()) return ok(value);
      if (meeting.status === "noticed") {
        const [updated] = await tx.update(meetings).set({ sequence: meeting.sequence + 1 }).where(eq(meetings.id, meetingId)).returning();
        await mailNotice(tx, updated, "update", deps.baseUrl);
      }
      // Sent for approval meanwhile: the live document saw it first, so the whole change is undone.
      if (live && !(await live.syncSections(after, before, translator(actor.locale)("minutes.struckItem")))) throw new AgendaLocked();
      return ok(value);
    });
  }
  try {
    // The minutes are loaded first and the transaction runs in their pipeline, after every task
    // queued before it: inside, nothing waits for another of the pool's connections (loading, or a
    // task ahead such as sending for approval, would), so changes at once cannot hold them all.
    const attempt = () => deps.minutes.withExistingDocument(meetingId, inPipeline);
    // Once more, in the begun minutes' pipeline, so their sections follow the change too.
    return await attempt().catch((error) => (error instanceof MinutesBegunMeanwhile ? attempt() : Promise.reject(error)));
  } catch (error) {
    if (error instanceof AgendaLocked) return conflict("agenda.locked");
    throw error;
  }
}

/** A new item last on the agenda, or a member's proposal for the chair to accept. */
export function addAgendaItem(
  deps: AgendaDeps,
  meetingId: string,
  input: { title: string; type: AgendaType; presenter: string; estimatedMinutes: number | null; links: string[] },
  proposed: boolean,
  actor: SessionUser,
): Promise<Result<string>> {
  return changeAgenda(deps, meetingId, actor, async (tx, items) => {
    // A proposal waits outside the agenda; an item added to it goes before "Mötets avslutande".
    const position = proposed ? Math.max(0, ...items.map((i) => i.position)) + 1 : await makeRoom(tx, items);
    const [item] = await tx
      .insert(agendaItems)
      .values({ meetingId, position, ...input, proposed, createdBy: actor.id })
      .returning({ id: agendaItems.id });
    await audit(tx, { actorId: actor.id, action: proposed ? "agenda.propose" : "agenda.add", subject: `meeting:${meetingId}`, details: { title: input.title } });
    return item.id;
  });
}

const CLOSING_TITLES = LOCALES.map((l) => translator(l)("agenda.template.close"));

/** The position for an item joining the agenda, moving the closing item after it (`placeForNewItem`). */
async function makeRoom(tx: Tx, items: AgendaRow[]): Promise<number> {
  const place = placeForNewItem(items, CLOSING_TITLES);
  if (place.closing) await tx.update(agendaItems).set({ position: place.closing.position }).where(eq(agendaItems.id, place.closing.id));
  return place.position;
}

/** Moves an item one step up or down (swapping positions), or accepts a proposal onto the agenda, or removes it. */
export function changeAgendaItem(deps: AgendaDeps, meetingId: string, itemId: string, op: "up" | "down" | "accept" | "remove", actor: SessionUser): Promise<Result<void>> {
  return changeAgenda(deps, meetingId, actor, async (tx, items) => {
    const item = items.find((i) => i.id === itemId);
    if (!item) return;
    if (op === "remove") await tx.delete(agendaItems).where(eq(agendaItems.id, itemId));
    if (op === "accept") {
      const position = await makeRoom(tx, items);
      await tx.update(agendaItems).set({ proposed: false, position }).where(eq(agendaItems.id, itemId));
    }
    if (op === "up" || op === "down") {
      const agenda = paragraphs(items);
      const at = agenda.findIndex((i) => i.id === itemId);
      const other = agenda[op === "up" ? at - 1 : at + 1];
      if (at < 0 || !other) return;
      await tx.update(agendaItems).set({ position: other.position }).where(eq(agendaItems.id, item.id));
      await tx.update(agendaItems).set({ position: item.position }).where(eq(agendaItems.id, other.id));
    }
    await audit(tx, { actorId: actor.id, action: `agenda.${op}`, subject: `meeting:${meetingId}`, details: { title: item.title } });
  });
}

export async function respond(db: Db, meetingId: string, user: SessionUser, rsvp: "attending" | "declined") {
  await db.transaction(async (tx) => {
    await tx
      .insert(attendance)
      .values({ meetingId, userId: user.id, rsvp })
      .onConflictDoUpdate({ target: [attendance.meetingId, attendance.userId], set: { rsvp, updatedAt: new Date() } });
    await audit(tx, { actorId: user.id, action: "meeting.rsvp", subject: `meeting:${meetingId}`, details: { rsvp } });
  });
}

/** The chair's record of who was present and for which party; everyone not listed was absent. */
export async function recordPresence(db: Db, meetingId: string, present: { userId: string; partyId: string }[], actor: SessionUser) {
  await db.transaction((tx) => writePresence(tx, meetingId, present, actor));
}

/** Who was present, replacing what was recorded before, inside the caller's transaction. */
export async function writePresence(tx: Tx, meetingId: string, present: { userId: string; partyId: string }[], actor: SessionUser) {
  await tx.update(attendance).set({ present: false, partyId: null }).where(eq(attendance.meetingId, meetingId));
  for (const p of present) {
    await tx
      .insert(attendance)
      .values({ meetingId, userId: p.userId, present: true, partyId: p.partyId })
      .onConflictDoUpdate({ target: [attendance.meetingId, attendance.userId], set: { present: true, partyId: p.partyId, updatedAt: new Date() } });
  }
  await audit(tx, { actorId: actor.id, action: "meeting.presence", subject: `meeting:${meetingId}`, details: { present: present.map((p) => p.userId) } });
}

type MeetingListShape = `${"all" | "mine"}:${"upcoming" | "past" | "range"}:${"group" | "any"}`;

/** Each shape of the meeting lists as its own prepared statement; the values come as placeholders. */
const meetingList = preparedShapes((db, shape: MeetingListShape) => {
  const [scope, window, byGroup] = shape.split(":");
  const mine = scope === "mine" ? inArray(meetings.groupId, db.select({ id: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.userId, sql.placeholder("userId")))) : undefined;
  const within =
    window === "upcoming"
      ? gte(meetings.endsAt, sql.placeholder("now"))
      : window === "past"
        ? lt(meetings.endsAt, sql.placeholder("now"))
        : and(gte(meetings.startsAt, sql.placeholder("from")), lt(meetings.startsAt, sql.placeholder("to")));
  const order = [window === "past" ? desc(meetings.startsAt) : asc(meetings.startsAt), asc(meetings.id)];
  // The page's ids first, from meetings alone, with how many the list holds in all (counted before the
  // limit): the pager needs no second statement, and only the page's rows are joined to their names.
  const page = db.$with("page").as(
    db
      .select({ id: meetings.id, total: sql<number>`count(*) over ()`.mapWith(Number).as("total") })
      .from(meetings)
      .where(and(mine, byGroup === "group" ? eq(meetings.groupId, sql.placeholder("groupId")) : undefined, within))
      .orderBy(...order)
      .limit(sql.placeholder("limit"))
      .offset(sql.placeholder("offset")),
  );
  return db
    .with(page)
    .select({
      id: meetings.id,
      groupId: meetings.groupId,
      groupName: groups.name,
      // Two partnerships' groups often share a name ("Styrgrupp"): lists name the partnership too.
      partnershipName: partnerships.name,
      kind: meetings.kind,
      title: meetings.title,
      startsAt: meetings.startsAt,
      endsAt: meetings.endsAt,
      status: meetings.status,
      minutesStatus: listedMinutesStatus,
      total: page.total,
    })
    .from(page)
    .innerJoin(meetings, eq(meetings.id, page.id))
    .innerJoin(groups, eq(groups.id, meetings.groupId))
    .innerJoin(partnerships, eq(partnerships.id, groups.partnershipId))
    .leftJoin(minutes, eq(minutes.meetingId, meetings.id))
    .orderBy(...order)
    .prepare(`meetings_${shape.replaceAll(":", "_")}`);
});

/**
 * The user's meetings (all groups for coordinators): upcoming, past, or within a time range; optionally
 * one group; `limit` of them from `offset` on. Each row carries `total`, how many the list holds in all
 * (no rows past the end, so no total either).
 */
export function meetingsFor(
  db: Db,
  user: SessionUser,
  opts: ({ when: "upcoming" | "past"; now?: Date } | { from: Date; to: Date }) & { groupId?: string; limit?: number; offset?: number },
) {
  const shape: MeetingListShape = `${user.isAdmin ? "all" : "mine"}:${"when" in opts ? opts.when : "range"}:${opts.groupId ? "group" : "any"}`;
  return meetingList(db, shape).execute({
    userId: user.id,
    // Placeholders skip the column's encoder, so instants go as ISO text.
    now: "when" in opts ? (opts.now ?? new Date()).toISOString() : undefined,
    from: "from" in opts ? opts.from.toISOString() : undefined,
    to: "to" in opts ? opts.to.toISOString() : undefined,
    groupId: opts.groupId,
    limit: opts.limit ?? 200,
    offset: opts.offset ?? 0,
  });
}

const groupMeetings = preparedShapes((db, shape: "all" | "notCancelled") =>
  db
    .select({ ...getTableColumns(meetings), minutesStatus: listedMinutesStatus })
    .from(meetings)
    .leftJoin(minutes, eq(minutes.meetingId, meetings.id))
    .where(and(eq(meetings.groupId, sql.placeholder("groupId")), shape === "all" ? undefined : ne(meetings.status, "cancelled")))
    .orderBy(asc(meetings.startsAt))
    .prepare(`group_meetings_${shape}`),
);

export function meetingsOfGroup(db: Db, groupId: string, opts: { includeCancelled?: boolean } = {}) {
  return groupMeetings(db, opts.includeCancelled ? "all" : "notCancelled").execute({ groupId });
}
