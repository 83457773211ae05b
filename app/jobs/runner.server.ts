import PgBoss from "pg-boss";
import type postgres from "postgres";
import type { Db } from "../../db/client";
import type { Config } from "../config.server";
import { isDatabaseUnavailable } from "../http/outage.server";
import { TIME_ZONE } from "../domain/stockholm-date";
import { deliverDueMail, smtpTransport } from "../services/mail-delivery.server";
import { OUTBOX_CHANNEL } from "../services/outbox.server";
import { sendDigests } from "../services/notify.server";
import { runReminders } from "../services/reminders.server";

export interface JobRunner {
  stop: () => Promise<void>;
}

/** Mails per delivery run; a full run is followed by another at once. */
const BATCH = 100;

export const JOBS = { deliverMail: "deliver-mail", reminders: "reminders", digest: "digest" } as const;

// Namespace of the advisory lock held while pg-boss is started and its queues and schedules set up
// (apart from login's 3003 and the reset link's 3013 and 3014).
const SETUP_LOCK = 3020;

/**
 * Runs `setup` while no other app process runs its own: pg-boss creates a queue without a lock of
 * its own, and two processes starting on a new database deadlocked there, stopping one's start.
 */
async function oneProcessAtATime(sql: postgres.Sql, setup: () => Promise<void>) {
  const connection = await sql.reserve();
  try {
    await connection`select pg_advisory_lock(${SETUP_LOCK}::int, 0)`;
    try {
      await setup();
    } finally {
      await connection`select pg_advisory_unlock(${SETUP_LOCK}::int, 0)`;
    }
  } finally {
    connection.release();
  }
}

/**
 * pg-boss keeps jobs and schedules in the app's own database (schema pgboss): a schedule fires once
 * per period however many app processes run, and what was due while all were down runs after.
 * Delivery also starts as soon as a transaction that queued mail commits (NOTIFY).
 */
export async function startJobs(deps: { db: Db; sql: postgres.Sql; databaseUrl: string; config: Config; publicUrl: string }): Promise<JobRunner> {
  const { db, config } = deps;
  const fast = !config.isProduction; // tests and development: schedules checked every second
  const boss = new PgBoss({
    connectionString: deps.databaseUrl,
    max: 3,
    application_name: "samrad-jobs",
    ...(fast ? { cronMonitorIntervalSeconds: 1, cronWorkerIntervalSeconds: 1 } : {}),
  });
  // A database going away (Ctrl-C reaches the embedded PostgreSQL too, a restart) is one line, not the
  // driver's whole client object: the queue carries on once it answers again.
  boss.on("error", (error) =>
    isDatabaseUnavailable(error) ? console.error(`[jobs] databasen svarar inte: ${error.message}`) : console.error("[jobs]", error),
  );
  await oneProcessAtATime(deps.sql, async () => {
    await boss.start();
    for (const [name, cron] of [
      [JOBS.reminders, config.remindersCron],
      [JOBS.digest, "0 7 * * *"],
    ]) {
      await boss.createQueue(name, { name, retryLimit: 2, retryDelay: 60, expireInMinutes: 15 });
      await boss.schedule(name, cron, undefined, { tz: TIME_ZONE });
    }
    if (config.smtpUrl) {
      await boss.createQueue(JOBS.deliverMail, { name: JOBS.deliverMail, retryLimit: 0, expireInMinutes: 15 });
      await boss.schedule(JOBS.deliverMail, "* * * * *", undefined, { tz: TIME_ZONE });
    } else {
      // Without SMTP_URL mail stays in the outbox; a schedule left from an earlier start would pile up jobs.
      await boss.unschedule(JOBS.deliverMail).catch(() => {});
    }
  });

  const polling = { pollingIntervalSeconds: fast ? 0.5 : 2 };
  await boss.work(JOBS.reminders, polling, async () => {
    console.log(`[jobs] reminders: ${await runReminders(db, deps.publicUrl, new Date())}`);
  });
  await boss.work(JOBS.digest, polling, async () => {
    console.log(`[jobs] digest: ${await sendDigests(db, deps.publicUrl, new Date())}`);
  });

  let listening: { unlisten: () => Promise<void> } | undefined;
  if (config.smtpUrl) {
    const transport = smtpTransport(config.smtpUrl);
    let running: Promise<void> | null = null;
    let again = false;
    // One delivery run at a time in this process; a nudge during a run makes it look once more.
    const deliver = (): Promise<void> => {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        let full: boolean;
        do {
          again = false;
          const report = await deliverDueMail(db, transport, { publicUrl: deps.publicUrl, from: config.mailFrom, max: BATCH });
          if (report.sent + report.retrying + report.failed + report.uncertain) console.log("[jobs] deliver-mail:", JSON.stringify(report));
          full = report.sent + report.retrying + report.failed >= BATCH; // more may be waiting
        } while (again || full);
      })().finally(() => (running = null));
      return running;
    };
    await boss.work(JOBS.deliverMail, polling, deliver);
    listening = await deps.sql.listen(OUTBOX_CHANNEL, () => void deliver().catch((error) => console.error("[jobs] deliver-mail", error)));
    void deliver().catch((error) => console.error("[jobs] deliver-mail", error));
  }

  return {
    stop: async () => {
      await listening?.unlisten();
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
