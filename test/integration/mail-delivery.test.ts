import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "../../app/auth/password.server";
import { deliverDueMail, smtpTransport } from "../../app/services/mail-delivery.server";
import { notify, sendDigests } from "../../app/services/notify.server";
import { queueMail } from "../../app/services/outbox.server";
import { auditLog, notificationPreferences, outbox, users } from "../../db/schema";
import { freshDatabase, type TestDatabase } from "../support/db";
import type { RunningServer } from "../../app/http/server.server";
import { client, startTestServer } from "../support/server";
import { startSmtpServer, type Verdict } from "../support/smtp";

const PUBLIC_URL = "https://samrad.kommun.se";
const FROM = "Samråd <noreply@samrad.kommun.se>";
const t0 = new Date("2026-11-30T08:00:00Z");
const at = (seconds: number) => () => new Date(t0.getTime() + seconds * 1000);

let t: TestDatabase;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let verdict: () => Verdict = () => null;
let member: { id: string };
let site: RunningServer;
beforeAll(async () => {
  t = await freshDatabase();
  site = await startTestServer(t.url); // demo data; no SMTP_URL, so delivery is off in it
  smtp = await startSmtpServer(() => verdict());
  [member] = await t.db
    .insert(users)
    .values({ email: "anna.member@jouren.se", name: "Anna Member", passwordHash: await hashPassword("ett långt lösenord"), locale: "en" })
    .returning({ id: users.id });
});
afterAll(async () => {
  await site.close();
  await smtp.close();
  await t.drop();
});
beforeEach(async () => {
  verdict = () => null;
  smtp.received.length = 0;
  await t.db.delete(outbox);
});

const deliver = (now: () => Date) => deliverDueMail(t.db, smtpTransport(smtp.url), { publicUrl: PUBLIC_URL, from: FROM, now });
const queue = async (subject: string, userId?: string) => {
  await queueMail(t.db, { to: "anna.member@jouren.se", subject, body: `Dear Anna,\n\nThe case is on the agenda.\n\n/cases/c-42\n\nSamråd`, userId });
  const [row] = await t.db.select().from(outbox).where(eq(outbox.subject, subject));
  // Due from the pinned clock's start (the row's default is the database's now).
  await t.db.update(outbox).set({ nextAttemptAt: t0 }).where(eq(outbox.id, row.id));
  return row.id;
};
const rowOf = async (id: number) => (await t.db.select().from(outbox).where(eq(outbox.id, id)))[0];

describe("delivery over SMTP", () => {
  it("delivers a queued mail with a text and an HTML part, absolute links and List-Unsubscribe, and marks it sent", async () => {
    const id = await queue("Case on the agenda", member.id);
    expect(await deliver(at(0))).toEqual({ sent: 1, retrying: 0, failed: 0, uncertain: 0 });

    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail.from).toBe("noreply@samrad.kommun.se");
    expect(mail.to).toEqual(["anna.member@jouren.se"]);
    expect(mail.raw).toMatch(/Content-Type: text\/plain; charset=utf-8/i);
    expect(mail.raw).toMatch(/Content-Type: text\/html; charset=utf-8/i);
    expect(mail.raw).toContain(`\n${PUBLIC_URL}/cases/c-42`);
    expect(mail.raw).toContain(`<a href="${PUBLIC_URL}/cases/c-42">`);
    expect(mail.raw).toContain(`List-Unsubscribe: <${PUBLIC_URL}/settings#notifications>`);
    // In the recipient's language (English), which the footer and the HTML's lang follow.
    expect(mail.raw).toContain("Choose which e-mail you want");
    expect(mail.raw).toContain('<html lang="en">');

    expect(await rowOf(id)).toMatchObject({ status: "sent", attempts: 1, sentAt: at(0)(), lockedUntil: null, lastError: null });
    expect(await deliver(at(3600))).toEqual({ sent: 0, retrying: 0, failed: 0, uncertain: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it("mail to an address without an account has no List-Unsubscribe", async () => {
    await queueMail(t.db, { to: "ny.medlem@jouren.se", subject: "Invitation", body: "Välkommen!\n\n/invite/abc" });
    await t.db.update(outbox).set({ nextAttemptAt: t0 });
    await deliver(at(0));
    expect(smtp.received[0].raw).not.toContain("List-Unsubscribe");
    expect(smtp.received[0].raw).toContain('<html lang="sv">');
  });

  it("account mail, to an account's address but for no notification, has its HTML in the account's language and no List-Unsubscribe", async () => {
    await queue("Choose a new password");
    await deliver(at(0));
    const [mail] = smtp.received;
    expect(mail.raw).toContain('<html lang="en">');
    expect(mail.raw).not.toContain("List-Unsubscribe");
    expect(mail.raw).not.toContain("Choose which e-mail you want");
  });

  it.each([421, 451])("a server refusing once with %i gets the mail again after the back-off, and only once", async (code) => {
    let offered = 0;
    verdict = () => (++offered === 1 ? { code, message: `${code} 4.3.2 Try again later` } : null);
    const id = await queue(`Refused once with ${code}`, member.id);
    expect(await deliver(at(0))).toMatchObject({ sent: 0, retrying: 1 });
    expect(await rowOf(id)).toMatchObject({ status: "pending", attempts: 1, nextAttemptAt: at(60)(), lastError: expect.stringContaining(String(code)) });

    expect(await deliver(at(59))).toMatchObject({ sent: 0, retrying: 0 }); // not due yet
    expect(smtp.received).toHaveLength(0);
    expect(await deliver(at(60))).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(1);
    expect(await rowOf(id)).toMatchObject({ status: "sent", attempts: 2, lastError: null });
  });

  it("the digest arrives as one mail with each owed notification and its link; a duty came at once on its own", async () => {
    await t.db.insert(notificationPreferences).values({ userId: member.id, kind: "minutes.final", mode: "digest" });
    const told = (kind: "minutes.final" | "minutes.forApproval", meeting: string) =>
      notify(t.db, { kind, userIds: [member.id], params: { meeting }, link: `/meetings/${meeting}`, eventKey: `${kind}:${meeting}` }, PUBLIC_URL);
    await told("minutes.final", "m-1");
    await told("minutes.forApproval", "m-2");
    await told("minutes.final", "m-3");
    expect(await sendDigests(t.db, PUBLIC_URL)).toBe(1);
    await t.db.update(outbox).set({ nextAttemptAt: t0 });
    expect(await deliver(at(0))).toMatchObject({ sent: 2, failed: 0 });

    const [duty, digest] = smtp.received.map((m) => ({ ...m, raw: m.raw.replace(/\r\n/g, "\n") }));
    expect(duty.raw).toContain("Subject: The minutes of m-2 await your approval.");
    expect(duty.raw).not.toContain("m-1");
    expect(digest.raw).toContain("Subject: =?UTF-8?Q?Samr"); // "Samråd: 2 new messages", encoded
    for (const meeting of ["m-1", "m-3"]) {
      expect(digest.raw).toContain(`• The minutes of ${meeting} are approved and final.\n  ${PUBLIC_URL}/meetings/${meeting}`);
      expect(digest.raw).toContain(`<a href="${PUBLIC_URL}/meetings/${meeting}">`);
    }
    expect(digest.raw).not.toContain("m-2");
    expect(digest.raw).toContain(`List-Unsubscribe: <${PUBLIC_URL}/settings#notifications>`);
    // Sent once: a second run owes nothing.
    expect(await sendDigests(t.db, PUBLIC_URL)).toBe(0);
  });

  it("a server that cannot be reached is tried again later", async () => {
    const id = await queue("Nobody listens", member.id);
    const closed = deliverDueMail(t.db, smtpTransport("smtp://127.0.0.1:1"), { publicUrl: PUBLIC_URL, from: FROM, now: at(0) });
    expect(await closed).toMatchObject({ retrying: 1 });
    expect(await rowOf(id)).toMatchObject({ status: "pending", attempts: 1, nextAttemptAt: at(60)() });
  });

  it("a 550 fails the mail at once; the outbox page lists it for the administrator, who sends it again", async () => {
    verdict = () => ({ code: 550, message: "550 5.1.1 No such mailbox" });
    const id = await queue("Refused for good", member.id);
    expect(await deliver(at(0))).toMatchObject({ failed: 1 });
    expect(await rowOf(id)).toMatchObject({ status: "failed", attempts: 1, lastError: expect.stringContaining("550 5.1.1 No such mailbox") });
    expect(await deliver(at(24 * 3600))).toMatchObject({ failed: 0, sent: 0 });
    expect(smtp.received).toHaveLength(0);

    {
      const http = client(site.url);
      const admin = await http.login("admin@samrad.test");
      const page = await (await http.get("/admin/outbox", admin)).text();
      const attention = page.slice(page.indexOf("Behöver åtgärdas"));
      expect(page).toContain("Utskick är avstängt");
      expect(attention).toContain("Refused for good");
      expect(attention).toContain("Misslyckades");
      expect(attention).toContain("550 5.1.1 No such mailbox");
      expect(attention).toContain("Ja, skicka igen");

      const notAdmin = await http.login("stockholm.bo-gotland@samrad.test");
      expect((await http.post("/admin/outbox/requeue", { id: String(id) }, { cookie: notAdmin })).status).toBe(404);
      expect((await http.post("/admin/outbox/requeue", { id: String(id) }, { cookie: admin })).status).toBe(200);
      expect(await rowOf(id)).toMatchObject({ status: "pending", attempts: 0 });
      const [entry] = await t.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.subject, `outbox:${id}`));
      expect(entry).toMatchObject({ action: "outbox.requeue", details: { status: "failed", attempts: 1, lastError: expect.stringContaining("550") } });
      // Only failed or uncertain mail is sent again.
      expect((await http.post("/admin/outbox/requeue", { id: String(id) }, { cookie: admin })).status).toBe(409);
    }
    verdict = () => null;
    await t.db.update(outbox).set({ nextAttemptAt: t0 }).where(eq(outbox.id, id));
    expect(await deliver(at(0))).toMatchObject({ sent: 1 });
  });
});
