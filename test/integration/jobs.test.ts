import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { deliverDueMail, LOCK_MS, smtpTransport } from "../../app/services/mail-delivery.server";
import { queueMail } from "../../app/services/outbox.server";
import { outbox } from "../../db/schema";
import { spawnServer, type ChildServer } from "../support/child-server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { startSmtpServer } from "../support/smtp";

const until = async (what: string, check: () => boolean | Promise<boolean>, ms = 30_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

let t: TestDatabase;
const children: ChildServer[] = [];
const spawn = async (env: Record<string, string>) => {
  const child = await spawnServer(t.url, { JOBS: "on", ...env });
  children.push(child);
  return child;
};
beforeAll(async () => {
  t = await freshDatabase();
});
afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => c.stop()));
});
afterAll(() => t.drop());

describe("delivery in the app's job runner", () => {
  it("kill -9 between sending and marking: the mail is uncertain after the restart, never sent twice", { timeout: 90_000 }, async () => {
    let app: ChildServer | undefined;
    // The server reads the whole message, then the sending process dies before hearing "250 OK".
    const smtp = await startSmtpServer((_, n) => {
      if (n > 1) return null;
      app!.process.kill("SIGKILL");
      return "hang";
    });
    try {
      app = await spawn({ SMTP_URL: smtp.url });
      // Its commit wakes the runner: no waiting for the minute's schedule.
      await queueMail(t.db, { to: "anna@jouren.se", subject: "Kallelse", body: "Hej!\n\n/meetings/m-1" });
      await until("the mail to arrive", () => smtp.received.length === 1);
      await until("the app to die", () => app!.process.signalCode === "SIGKILL");
      const [crashed] = await t.db.select().from(outbox);
      expect(crashed).toMatchObject({ status: "sending", attempts: 1 });
      expect(crashed.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + LOCK_MS - 60_000);

      // Restarted, the runner delivers what is queued now (woken by the commit) and leaves the interrupted one alone.
      children.splice(0);
      await spawn({ SMTP_URL: smtp.url });
      await queueMail(t.db, { to: "bo@jouren.se", subject: "Ändrad kallelse", body: "Hej igen!" });
      await until("the second mail", () => smtp.received.length === 2, 10_000);
      expect(smtp.received.map((m) => m.to[0])).toEqual(["anna@jouren.se", "bo@jouren.se"]);

      // Once its lock has run out the interrupted mail is uncertain: shown to administrators, not sent again.
      const later = new Date(crashed.lockedUntil!.getTime() + 1000);
      const report = await deliverDueMail(t.db, smtpTransport(smtp.url), { publicUrl: "http://127.0.0.1", from: "Samråd <noreply@localhost>", now: () => later });
      expect(report).toEqual({ sent: 0, retrying: 0, failed: 0, uncertain: 1 });
      expect(await t.db.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, crashed.id))).toEqual([{ status: "uncertain" }]);
      await deliverDueMail(t.db, smtpTransport(smtp.url), { publicUrl: "http://127.0.0.1", from: "x@localhost", now: () => new Date(later.getTime() + 86_400_000) });
      expect(smtp.received.filter((m) => m.to[0] === "anna@jouren.se")).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });
});

describe("scheduled jobs", () => {
  it("two app processes on one database run a scheduled job once per period, not once each", { timeout: 180_000 }, async () => {
    const env = { REMINDERS_CRON: "* * * * *" };
    const [a, b] = await Promise.all([spawn(env), spawn(env)]);
    const runs = () => (a.output() + b.output()).match(/\[jobs\] reminders: \d+/g)?.length ?? 0;
    // The first period is the minute they start in; wait for the next one as well.
    await until("two periods", () => runs() >= 2, 150_000);
    await new Promise((r) => setTimeout(r, 5000)); // a second process's run would have come by now
    const jobs = await t.sql`
      select count(*)::int as jobs, count(distinct date_trunc('minute', created_on))::int as minutes
      from pgboss.job where name = 'reminders' and state = 'completed'`;
    expect(runs()).toBe(jobs[0].jobs);
    expect(jobs[0]).toEqual({ jobs: jobs[0].minutes, minutes: expect.any(Number) });
    expect(jobs[0].minutes).toBeGreaterThanOrEqual(2);

    // The schedules live in the database, so they survive restarts; the digest is at 07:00 in Stockholm.
    const schedules = await t.sql`select name, cron, timezone from pgboss.schedule order by name`;
    expect(schedules).toEqual([
      { name: "digest", cron: "0 7 * * *", timezone: "Europe/Stockholm" },
      { name: "reminders", cron: "* * * * *", timezone: "Europe/Stockholm" },
    ]);
  });
});
