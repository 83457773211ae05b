import { and, asc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { prepared } from "../../db/prepared";
import { groupMembers, groups, organisations, parties, partnerships, terminations, users } from "../../db/schema";
import type { SessionUser } from "../auth/session.server";
import { checkOwnPassword } from "../auth/throttle.server";
import { participatesOn } from "../domain/participation";
import { terminationEffectiveOn, type TerminationResult } from "../domain/termination";
import type { IsoDate } from "../domain/iso-date";
import { translator } from "../i18n";
import { audit } from "./audit.server";
import { conflict, invalid, ok, throttled, type Result } from "./result";
import type { AgendaDeps } from "./meetings.server";
import { notify } from "./notify.server";
import { queueMail } from "./outbox.server";
import { putOnNextSteeringAgenda, steeringGroupOf } from "./steering.server";

const noticesOf = prepared((db) =>
  db
    .select({
      id: terminations.id,
      partyId: terminations.partyId,
      partyName: organisations.name,
      givenOn: terminations.givenOn,
      effectiveOn: terminations.effectiveOn,
      reason: terminations.reason,
      caseId: terminations.caseId,
      committeeReference: terminations.committeeReference,
      committeeDecidedOn: terminations.committeeDecidedOn,
      givenBy: users.name,
    })
    .from(terminations)
    .innerJoin(parties, eq(parties.id, terminations.partyId))
    .innerJoin(organisations, eq(organisations.id, parties.organisationId))
    .innerJoin(users, eq(users.id, terminations.givenBy))
    .where(eq(terminations.partnershipId, sql.placeholder("partnershipId")))
    .orderBy(asc(terminations.effectiveOn), asc(terminations.givenOn))
    .prepare("terminations_of"),
);

/** Notices given so far, earliest end first: the first one is when the agreement ends. */
export function terminationsOf(db: Db, partnershipId: string) {
  return noticesOf(db).execute({ partnershipId });
}

/** The day a notice given on `givenOn` would take effect, from the partnership's current period rule. */
export async function previewTermination(db: Db, partnershipId: string, givenOn: IsoDate): Promise<Result<{ effectiveOn: IsoDate }>> {
  const [p] = await db.select({ periodRule: partnerships.periodRule }).from(partnerships).where(eq(partnerships.id, partnershipId));
  return asResult(terminationEffectiveOn(p?.periodRule ?? null, givenOn));
}

const asResult = (given: TerminationResult): Result<{ effectiveOn: IsoDate }> => (given.ok ? ok({ effectiveOn: given.effectiveOn }) : conflict(given.error));

export interface NoticeInput {
  partyId: string;
  givenOn: IsoDate;
  reason: string;
  /** The case in which the steering group terminated the party's participation. */
  caseId?: string;
  committeeReference?: string;
  committeeDecidedOn?: IsoDate;
}

/** Records a party's notice; a party gives notice once. The date is computed again, not trusted from the preview. */
export async function giveNotice(
  db: Db | Tx,
  partnershipId: string,
  input: NoticeInput,
  actor: SessionUser,
): Promise<Result<{ effectiveOn: IsoDate }>> {
  return db.transaction(async (tx) => {
    const [p] = await tx.select({ periodRule: partnerships.periodRule }).from(partnerships).where(eq(partnerships.id, partnershipId)).for("update");
    const result = asResult(terminationEffectiveOn(p?.periodRule ?? null, input.givenOn));
    if (!result.ok) return result;
    const [existing] = await tx
      .select({ id: terminations.id })
      .from(terminations)
      .where(and(eq(terminations.partnershipId, partnershipId), eq(terminations.partyId, input.partyId)));
    if (existing) return conflict("termination.alreadyGiven");
    const { effectiveOn } = result.value;
    await tx.insert(terminations).values({ partnershipId, ...input, effectiveOn, givenBy: actor.id });
    await audit(tx, {
      actorId: actor.id,
      action: "termination.give",
      subject: `partnership:${partnershipId}`,
      details: { partyId: input.partyId, givenOn: input.givenOn, effectiveOn, reason: input.reason },
    });
    return result;
  });
}

/**
 * A party's written notice to the steering group (004 §5.3): confirmed with the giver's password
 * like a signature, mailed to every party's representatives with the record, and put on the
 * steering group's next agenda. A wrong or throttled password (at the password) records nothing.
 */
export async function giveWrittenNotice(
  deps: AgendaDeps,
  partnershipId: string,
  input: NoticeInput & { partyName: string },
  giver: { user: SessionUser; password: string; ip: string },
): Promise<Result<{ effectiveOn: IsoDate }>> {
  const { db } = deps;
  const check = await checkOwnPassword(db, giver.user, giver.password, giver.ip);
  if (!check.ok) return check.reason === "throttled" ? throttled("termination.throttled", check.retryAfter, "password") : invalid("termination.wrongPassword", "password");
  const { partyName, ...notice } = input;
  const result = await db.transaction(async (tx) => {
    const given = await giveNotice(tx, partnershipId, notice, giver.user);
    if (given.ok) {
      const mails = await noticeMails(tx, partnershipId, { ...notice, partyName, effectiveOn: given.value.effectiveOn }, deps.baseUrl);
      await queueMail(tx, ...mails);
      await notify(
        tx,
        {
          kind: "termination.notice",
          userIds: mails.map((m) => m.userId),
          params: { party: partyName, date: given.value.effectiveOn },
          link: `/partnerships/${partnershipId}/termination`,
          eventKey: `termination:${partnershipId}:${notice.partyId}`,
          mailedWithEvent: true,
        },
        deps.baseUrl,
      );
    }
    return given;
  });
  const steering = result.ok ? await steeringGroupOf(db, partnershipId) : null;
  if (steering) await putOnNextSteeringAgenda(deps, steering, translator(giver.user.locale)("termination.agendaTitle", { party: partyName }), false, giver.user);
  return result;
}

/** The notice as mail to each representative of a party taking part on the day it is given, in their own language. */
async function noticeMails(tx: Tx, partnershipId: string, n: NoticeInput & { partyName: string; effectiveOn: IsoDate }, baseUrl: string) {
  const [p] = await tx.select({ name: partnerships.name }).from(partnerships).where(eq(partnerships.id, partnershipId));
  const representatives = await tx
    .selectDistinct({ userId: users.id, email: users.email, name: users.name, locale: users.locale, participatesUntil: terminations.effectiveOn })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .leftJoin(terminations, eq(terminations.partyId, groupMembers.partyId))
    .where(and(eq(groups.partnershipId, partnershipId), eq(groupMembers.role, "representative")));
  return representatives.filter((r) => participatesOn(r, n.givenOn)).map((r) => {
    const t = translator(r.locale);
    const committee = n.committeeReference ? t("termination.mail.committee", { reference: n.committeeReference, date: n.committeeDecidedOn ?? "" }) : "";
    return {
      to: r.email,
      userId: r.userId,
      subject: t("termination.mail.subject", { party: n.partyName, partnership: p.name }),
      body: t("termination.mail.body", {
        name: r.name,
        party: n.partyName,
        partnership: p.name,
        givenOn: n.givenOn,
        effectiveOn: n.effectiveOn,
        committee,
        reason: n.reason,
        link: `${baseUrl}/partnerships/${partnershipId}/termination`,
      }),
    };
  });
}
