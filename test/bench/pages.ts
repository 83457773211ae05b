/**
 * Page benchmark with a realistic amount of data, against the production server (fresh
 * temporary DATA_DIR, demo data). After start-up it adds, straight into the embedded
 * PostgreSQL and in a handful of bulk statements:
 *
 *   200 partnerships, each with 2 parties (a new public organisation without org number,
 *   and the organisation the demo member represents), one steering group with that
 *   member as representative, and 10 noticed meetings with the 7-item template agenda,
 *
 * so the non-admin member stockholm.bo-sodra@samrad.test sees 201 partnerships, 200
 * groups and 2000 of their meetings. Logged in as that member, it then GETs, each from
 * 20 keep-alive clients for ~8 s after a warm-up, and from one client alone (200 requests):
 *
 *   /partnerships/:id   rotating over the 200 generated partnerships
 *   /meetings/:id       rotating over the 2000 generated meetings
 *   /groups/:id         rotating over the 200 generated groups
 *   /                   the overview listing 201 partnerships
 *   /meetings           the member's upcoming meetings
 *
 * Every answer must be 200, else the run fails. Budget: p95 < 40 ms at 20 clients for the
 * partnership and meeting pages (reported; a miss fails only with BENCH_STRICT=1).
 * Run: npx tsx test/bench/pages.ts   (after npm run build; BENCH_ONLY=<part of a label> runs
 * only the pages whose label contains it, BENCH_CPU_PROF=<dir> saves the server's CPU profile)
 */
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import type { PeriodRule } from "../../app/domain/period";
import { DEMO_ADMIN, DEMO_PASSWORD } from "../../db/seed/agreements";
import {
  budget,
  demoPeople,
  generatedPartnerships,
  fmtMs,
  insertTemplateAgendas,
  loadPage,
  login,
  reportLoad,
  runBench,
  sessionFrom,
  type PageLoad,
} from "./lib";

const MEMBER_EMAIL = "stockholm.bo-sodra@samrad.test";

const PARTNERSHIPS = 200;
const MEETINGS_PER_GROUP = 10;

const CLIENTS = 20;
const WARMUP = 200;
const SOLO = 200;
const MAX_MS = 8_000;
const P95_BUDGET_MS = 40;

interface Generated {
  partnershipIds: string[];
  groupIds: string[];
  meetingIds: string[];
}

/**
 * Adds the load data in one transaction. Ids of the small tables are made here so rows
 * can refer to each other in multi-row INSERTs; meetings and agenda items are made by
 * the database from the groups (generate_series / unnest), 2000 and 14000 rows.
 */
async function generate(databaseUrl: string): Promise<Generated> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    return await sql.begin(async (tx) => {
      const { admin, member } = await demoPeople(tx, DEMO_ADMIN.email, MEMBER_EMAIL);
      const periodRule: PeriodRule = { kind: "fixedWithNotice", start: "2024-01-01", end: "2027-12-31", noticeMonths: 6 };
      const ps = generatedPartnerships(PARTNERSHIPS);

      await tx`insert into organisations ${tx(ps.map((p) => ({ id: p.orgId, name: `Bänkköpings kommun ${p.nr}`, org_number: null })))}`;
      await tx`insert into partnerships ${tx(
        ps.map((p) => ({
          id: p.id,
          name: `IOP Bänkköping ${p.nr} – stöd till brottsutsatta`,
          reference_number: `BENCH ${p.nr}`,
          purpose: "Ett långsiktigt samarbete för att brottsutsatta ska få stöd i rätt tid.",
          target_group: "Brottsutsatta, vittnen och anhöriga i kommunen.",
          period_rule: tx.json(periodRule),
        })),
      )}`;
      await tx`insert into parties ${tx(
        ps.flatMap((p) => [
          { id: p.publicPartyId, partnership_id: p.id, organisation_id: p.orgId, sector: "public" },
          { id: p.ideaPartyId, partnership_id: p.id, organisation_id: member.organisationId, sector: "idea" },
        ]),
      )}`;
      await tx`insert into groups ${tx(
        ps.map((p) => ({ id: p.groupId, partnership_id: p.id, kind: "steering", name: `Styrgrupp Bänkköping ${p.nr}`, cadence_per: "year", cadence_at_least: 2 })),
      )}`;
      await tx`insert into group_members ${tx(ps.map((p) => ({ group_id: p.groupId, user_id: member.id, party_id: p.ideaPartyId, role: "representative" })))}`;

      // Meeting k of group g: 13:00–15:00 Stockholm time, (k − 4) × 30 + g mod 7 days from today,
      // so each group has about 4 past and 6 upcoming meetings.
      const groupIds = ps.map((p) => p.groupId);
      const meetings = await tx<{ id: string }[]>`
        insert into meetings (group_id, title, starts_at, ends_at, location, status, noticed_at, created_by)
        select g.id, format('%s – möte %s', g.name, k + 1), (day + time '13:00') at time zone 'Europe/Stockholm',
               (day + time '15:00') at time zone 'Europe/Stockholm', 'Kommunhuset, sammanträdesrum 2', 'noticed', now(), ${admin.id}
        from unnest(${groupIds}::uuid[]) with ordinality as o(id, n)
        join groups g on g.id = o.id
        cross join generate_series(0, ${MEETINGS_PER_GROUP - 1}) as k
        cross join lateral (select (now() at time zone 'Europe/Stockholm')::date + (k - 4) * 30 + (o.n::int % 7) as day) d
        returning id`;

      await insertTemplateAgendas(tx, meetings.map((m) => m.id), admin.id);

      return { partnershipIds: ps.map((p) => p.id), groupIds, meetingIds: meetings.map((m) => m.id) };
    });
  } finally {
    await sql.end();
  }
}

/** What the member can see now, counted in the database, and fresh planner statistics. */
async function checkAndAnalyze(databaseUrl: string) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    // Autovacuum would analyze these tables within a minute; do it now so plans fit the data.
    await sql`analyze organisations, partnerships, parties, groups, group_members, meetings, agenda_items`;
    const [row] = await sql<{ partnerships: number; groups: number; meetings: number; upcoming: number; agenda: number }[]>`
      select count(distinct g.partnership_id)::int as partnerships, count(distinct g.id)::int as groups,
             count(m.id)::int as meetings, count(m.id) filter (where m.ends_at >= now())::int as upcoming,
             (select count(*)::int from agenda_items) as agenda
      from users u
      join group_members gm on gm.user_id = u.id
      join groups g on g.id = gm.group_id
      left join meetings m on m.group_id = g.id
      where lower(u.email) = ${MEMBER_EMAIL}`;
    return row;
  } finally {
    await sql.end();
  }
}

const rotate = (ids: string[], prefix: string) => (i: number) => `${prefix}${ids[i % ids.length]}`;

// Start-up (≤ 60 s) + data (a few s) + 5 pages × (warm-up + 200 solo + 8 s) + stop: ~1.5 min unless hung.
await runBench(3 * 60_000, async (server) => {
  let failed = false;
  console.log(`Page benchmark against ${server.url} (NODE_ENV=production, ready in ${fmtMs(server.readyMs)})`);

  const started = performance.now();
  const data = await generate(server.databaseUrl);
  const generatedMs = performance.now() - started;
  const seen = await checkAndAnalyze(server.databaseUrl);
  console.log(
    `added ${data.partnershipIds.length} partnerships, ${data.groupIds.length} groups, ${data.meetingIds.length} meetings in ${fmtMs(generatedMs)}; ` +
      `${MEMBER_EMAIL} now sees ${seen.partnerships} partnerships, ${seen.groups} groups, ${seen.meetings} meetings (${seen.upcoming} upcoming); ` +
      `${seen.agenda} agenda items in all`,
  );

  const res = await login(server, false, MEMBER_EMAIL, DEMO_PASSWORD);
  const cookie = sessionFrom(res);
  if (res.status !== 302 || !cookie) throw new Error(`could not log in as ${MEMBER_EMAIL} (HTTP ${res.status})`);

  const pages: { label: string; path: (i: number) => string; budgeted: boolean }[] = [
    { label: "GET /partnerships/:id", path: rotate(data.partnershipIds, "/partnerships/"), budgeted: true },
    { label: "GET /meetings/:id", path: rotate(data.meetingIds, "/meetings/"), budgeted: true },
    { label: "GET /groups/:id", path: rotate(data.groupIds, "/groups/"), budgeted: false },
    { label: `GET / (${seen.partnerships} partnerships)`, path: () => "/", budgeted: false },
    { label: "GET /meetings (upcoming)", path: () => "/meetings", budgeted: false },
  ];
  const results: { label: string; load: PageLoad; load1: number; budgeted: boolean }[] = [];
  const only = process.env.BENCH_ONLY; // e.g. BENCH_ONLY=/meetings/ to profile one page
  for (const page of pages.filter((p) => !only || p.label.includes(only))) {
    const load = await loadPage({ url: server.url, cookie, path: page.path, clients: CLIENTS, warmup: WARMUP, solo: SOLO, requests: Infinity, maxMs: MAX_MS });
    reportLoad(`${page.label} (${CLIENTS} keep-alive clients for ${MAX_MS / 1000} s, ${WARMUP} warm-up requests)`, load);
    results.push({ ...page, load, load1: loadavg()[0] });
    if (load.failures.count > 0) failed = true;
  }

  console.log(`\nSummary (${CLIENTS} clients; 1 client = ${SOLO} sequential requests)`);
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(
    `${"page".padEnd(36)}${pad("requests", 9)}${pad("req/s", 7)}${pad("p50", 8)}${pad("p95", 8)}${pad("p99", 8)}${pad("non-200", 9)}${pad("1c p50", 8)}${pad("1c p95", 8)}${pad("KiB", 6)}${pad("load1", 7)}`,
  );
  for (const { label, load, load1 } of results) {
    const { concurrent: c, solo: s } = load;
    const ms = (n: number) => pad(n.toFixed(1), 8);
    console.log(
      `${label.padEnd(36)}${pad(load.count, 9)}${pad((load.count / (load.wallMs / 1000)).toFixed(0), 7)}${ms(c.p50)}${ms(c.p95)}${ms(c.p99)}${pad(load.failures.count, 9)}${ms(s.p50)}${ms(s.p95)}${pad((load.meanBytes / 1024).toFixed(0), 6)}${pad(load1.toFixed(2), 7)}`,
    );
  }
  console.log("(ms; non-200 counts warm-up and 1-client requests too; KiB = mean HTML size; load1 = 1-minute load average after the page's run)\n");
  for (const { label, load, budgeted } of results) {
    if (budgeted) budget(`${label} p95 at ${CLIENTS} clients`, load.concurrent.p95, P95_BUDGET_MS);
  }
  if (failed) console.log("FAILED: some responses were not 200 (see above)");
  return failed;
});
