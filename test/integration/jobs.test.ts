import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../../app/config.server";
import { addDaysIso } from "../../app/domain/iso-date";
import { startJobs } from "../../app/jobs/runner.server";
import { stockholmDate } from "../../app/domain/stockholm-date";
import { deliverDueMail, LOCK_MS, smtpTransport } from "../../app/services/mail-delivery.server";
import { queueMail } from "../../app/services/outbox.server";
import { createDb } from "../../db/client";
import { outbox } from "../../db/schema";
import { seedDemoIfEmpty } from "../../db/seed/demo";
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
const spawn = async (env: Record<string, string>, url = t.url) => {
  const child = await spawnServer(url, { JOBS: "on", ...env });
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
  it("job runners starting at the same moment on a new database all start", { timeout: 120_000 }, async () => {
    // Each round a database pg-boss has not been set up in, and three runners (each its own pool, as
    // an app process has) starting at once: its queues were created without a lock and deadlocked.
    for (let round = 0; round < 3; round++) {
      const fresh = await freshDatabase();
      const pools = [0, 1, 2].map(() => createDb(fresh.url, { max: 2 }));
      const config = readConfig({ NODE_ENV: "test", DATABASE_URL: fresh.url, JOBS: "on" });
      const started = await Promise.allSettled(
        pools.map(({ db, sql }) => startJobs({ db, sql, databaseUrl: fresh.url, config, publicUrl: "http://127.0.0.1" })),
      );
      await Promise.all(started.map((s) => (s.status === "fulfilled" ? s.value.stop() : undefined)));
      await Promise.all(pools.map(({ sql }) => sql.end()));
      await fresh.drop();
      expect(started.map((s) => (s.status === "rejected" ? String(s.reason) : "started"))).toEqual(["started", "started", "started"]);
    }
  });

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

  it("with the clock set, a reminder fires once at its time across two app processes", { timeout: 180_000 }, async () => {
    // Both processes' clocks are set to a morning ahead: pg-boss checks schedules against the database's
    // clock, and one set behind it would see no period come.
    const today = addDaysIso(stockholmDate(new Date()), 90);
    const pinned = { PINNED_NOW: `${today}T08:00:00Z`, REMINDERS_CRON: "* * * * *" };
    const own = await freshDatabase();
    try {
      await seedDemoIfEmpty(own.db, new Date(pinned.PINNED_NOW));
      // Two plans the shelter owes in Linköping: one due in 14 days (its first reminder is today), one a day later.
      const plans = await own.sql<{ id: string; title: string }[]>`
        insert into cases (partnership_id, kind, stage, title, description, raised_by_party, concerns_party, plan_due_on, created_by)
        select p.id, 'shortcoming', 'planRequired', t.title, 'Obemannad kvällstid.', pub.id, idea.id, t.due::date, u.id
        from partnerships p join parties pub on pub.partnership_id = p.id and pub.sector = 'public' join parties idea on idea.partnership_id = p.id and idea.sector = 'idea',
          (values ('Jourtelefonen', ${addDaysIso(today, 14)}), ('Kvällsbemanningen', ${addDaysIso(today, 15)})) as t(title, due),
          users u
        where p.name like '%Linköping%' and u.email = 'admin@samrad.test' returning id, title`;
      const [a, b] = await Promise.all([spawn(pinned, own.url), spawn(pinned, own.url)]);
      const runs = () => [...(a.output() + b.output()).matchAll(/\[jobs\] reminders: (\d+)/g)].map((m) => Number(m[1]));
      await until("two reminder runs", () => runs().length >= 2, 150_000);

      const told = await own.sql<{ title: string; email: string; event_key: string }[]>`
        select c.title, u.email, n.event_key from notifications n join users u on u.id = n.user_id join cases c on n.link = '/cases/' || c.id
        where n.kind = 'plan.due' order by c.title, u.email`;
      const shelter = await own.sql<{ email: string }[]>`
        select distinct u.email from group_members gm join users u on u.id = gm.user_id join cases c on c.concerns_party = gm.party_id
        where c.id = ${plans[0].id} and gm.role <> 'observer' order by u.email`;
      expect(shelter.length).toBeGreaterThan(0);
      const jourtelefonen = plans.find((p) => p.title === "Jourtelefonen")!;
      expect(told).toEqual(shelter.map(({ email }) => ({ title: "Jourtelefonen", email, event_key: `plan-due:${jourtelefonen.id}:${addDaysIso(today, 14)}:in14` })));
      const mails = await own.sql<{ to: string }[]>`select "to" from outbox where subject like 'Åtgärdsplanen i ärendet Jourtelefonen%' order by "to"`;
      expect(mails.map((m) => m.to)).toEqual(shelter.map((s) => s.email));
      expect(await own.sql`select 1 from outbox where subject like 'Åtgärdsplanen i ärendet Kvällsbemanningen%'`).toHaveLength(0);
      // Every reminder the runs created was created once: one run created them, the others found
      // nothing new. (Either process may have run first; their logs are read one after the other.)
      const [{ n }] = await own.sql<{ n: number }[]>`select count(*)::int as n from notifications`;
      expect(runs().reduce((x, y) => x + y, 0)).toBe(n);
      expect(runs().filter((created) => created > 0)).toHaveLength(1);
    } finally {
      await Promise.all(children.splice(0).map((c) => c.stop()));
      await own.drop();
    }
  });
});
