/**
 * "Delivery adds no latency to the request that caused it": the meeting notice POST (which queues
 * a mail with an .ics to every member of the steering group) timed with the job runner off
 * (JOBS=off) and on, delivering to an SMTP server in this process (SMTP_URL), each on a fresh
 * production server with the demo data.
 *
 *   notice:  MEETINGS POST /meetings/:id/notice by the Stockholm steering group's chair, one at a
 *            time after WARMUP, on draft meetings inserted beforehand. Prints p50/p95 per mode, the
 *            difference, and (runner on) how much of the mail was delivered meanwhile.
 *
 * Every notice must answer 200; figures only, no budget.
 * Run: npx tsx test/bench/mail-latency.ts
 */
import http from "node:http";
import postgres from "postgres";
import { SMTPServer } from "smtp-server";
import { stockholmDate } from "../../app/domain/stockholm-date";
import { DEMO_PASSWORD } from "../../db/seed/agreements";
import {
  ensureBuild,
  fmtMs,
  formatSummary,
  insertTemplateAgendas,
  installWatchdog,
  login,
  makeDataDir,
  removeDataDir,
  request,
  sessionFrom,
  sleep,
  startServer,
  stopServer,
  summarize,
  type Summary,
} from "./lib";

const MEETINGS = 200;
const WARMUP = 20;
const CHAIR = "stockholm.bo-sodra@samrad.test";

/** Draft meetings of the Stockholm steering group, with Södra Stockholm holding the chair today. */
async function draftMeetings(databaseUrl: string, count: number): Promise<string[]> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    return await sql.begin(async (tx) => {
      const [{ id: groupId, admin }] = await tx<{ id: string; admin: string }[]>`
        select g.id, (select id from users where is_admin limit 1) as admin
        from groups g join partnerships p on p.id = g.partnership_id where p.reference_number = '2021/630' and g.kind = 'steering'`;
      const [{ id: sodra }] = await tx<{ id: string }[]>`
        select p.id from parties p join organisations o on o.id = p.organisation_id join groups g on g.partnership_id = p.partnership_id
        where g.id = ${groupId} and o.org_number = '802476-1044'`;
      await tx`update groups set rotation_order = array_prepend(${sodra}::uuid, array_remove(rotation_order, ${sodra}::uuid)),
        rotation_starts_on = ${stockholmDate(new Date())}, rotation_unit = 'months', rotation_length = 1 where id = ${groupId}`;
      const meetings = await tx<{ id: string }[]>`
        insert into meetings (group_id, title, starts_at, ends_at, location, status, created_by)
        select ${groupId}, format('Styrgruppen – bänkmöte %s', k), now() + k * interval '1 day', now() + k * interval '1 day' + interval '2 hours', 'Ragnar Östbergs plan 1', 'draft', ${admin}
        from generate_series(1, ${count}) as k
        returning id`;
      await insertTemplateAgendas(
        tx,
        meetings.map((m) => m.id),
        admin
      );
      return meetings.map((m) => m.id);
    });
  } finally {
    await sql.end();
  }
}

async function measure(mode: "off" | "on", smtpUrl: string): Promise<{ summary: Summary; queued: number; sent: number }> {
  process.env.JOBS = mode;
  process.env.SMTP_URL = mode === "on" ? smtpUrl : "";
  const dataDir = await makeDataDir();
  const server = await startServer(dataDir);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const meetings = await draftMeetings(server.databaseUrl, MEETINGS);
    const cookie = sessionFrom(await login(server, agent, CHAIR, DEMO_PASSWORD));
    if (!cookie) throw new Error(`login as ${CHAIR} failed`);
    const samples: number[] = [];
    for (const [i, id] of meetings.entries()) {
      const res = await request(`${server.url}/meetings/${id}/notice`, {
        method: "POST",
        agent,
        body: "",
        headers: { Origin: server.url, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      });
      if (res.status !== 200) throw new Error(`notice #${i}: ${res.status} ${res.body.slice(0, 200)}`);
      if (i >= WARMUP) samples.push(res.ms);
    }
    const sql = postgres(server.databaseUrl, { max: 1, onnotice: () => {} });
    const count = async () => (await sql<{ queued: number; sent: number }[]>`select count(*)::int as queued, count(*) filter (where status = 'sent')::int as sent from outbox`)[0];
    const right = await count();
    if (mode === "on") for (let waited = 0; waited < 30_000 && (await count()).sent < right.queued; waited += 250) await sleep(250);
    const after = await count();
    await sql.end();
    console.log(`\nnotice POST, runner ${mode} (${samples.length} after ${WARMUP} warm-up)`);
    console.log(`  ${formatSummary(summarize(samples))}`);
    console.log(`  mail queued ${after.queued}; sent while the notices were posted: ${right.sent}; sent within 30 s after: ${after.sent}`);
    return { summary: summarize(samples), ...right };
  } finally {
    agent.destroy();
    await stopServer(server);
    await removeDataDir(dataDir);
  }
}

installWatchdog(300_000);
ensureBuild();
let accepted = 0;
const smtp = new SMTPServer({
  secure: false,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onData: (stream, _session, callback) => {
    stream.resume();
    stream.on("end", () => {
      accepted++;
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;
try {
  const off = await measure("off", smtpUrl);
  const on = await measure("on", smtpUrl);
  console.log(
    `\np95 with delivery running: ${fmtMs(on.summary.p95)} vs ${fmtMs(off.summary.p95)} without (${fmtMs(on.summary.p95 - off.summary.p95)}); p50 ${fmtMs(
      on.summary.p50
    )} vs ${fmtMs(off.summary.p50)}`
  );
  console.log(`the SMTP server accepted ${accepted} mails`);
} finally {
  smtp.close(() => {});
}
process.exit(0);
