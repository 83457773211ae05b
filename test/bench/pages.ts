/**
 * Page benchmark with a realistic amount of data, against the production server (fresh
 * temporary DATA_DIR, demo data), measured against its floor in the same run. After start-up
 * it adds, straight into the embedded PostgreSQL and in a handful of bulk statements:
 *
 *   200 partnerships, each with 2 parties (a new public organisation without org number,
 *   and the organisation the demo member represents), one steering group with that
 *   member as representative, and 10 noticed meetings with the 7-item template agenda,
 *
 * so the non-admin member stockholm.bo-sodra@samrad.test sees 201 partnerships, 200
 * groups and 2000 of their meetings. Each page is then fetched by 10 keep-alive clients for
 * ~5 s after a warm-up, and by one client alone (200 requests):
 *
 *   floor               a bare Remix page with Samråd's document and a loader of 20 items
 *                       (test/bench/floor/), built and served by its own process
 *   floor + n queries   the same page after n trivial queries to Samråd's PostgreSQL (one, then
 *                       n − 1 at once), n being what the targeted page makes: its ceiling
 *   /login              signed out, reads no data
 *   /                   the overview of a member of one demo partnership
 *   /partnerships/:id   the member, rotating over the 200 generated partnerships
 *   /meetings/:id       the member, rotating over the 2000 generated meetings
 *   /groups/:id         the member, rotating over the 200 generated groups
 *   /  /meetings        the member's overview listing 201 partnerships; upcoming meetings
 *   /                   the coordinator's overview (all partnerships)
 *
 * Every answer must be 200, else the run fails. The floor runs before each page and after the
 * last; the last table gives each page's throughput as a ratio to the floor runs either side. Targets (reported; a miss fails only with BENCH_STRICT=1): the
 * overview, partnership, meeting and group pages at ≥ 0.6 of the floor, and every page's
 * 1-client p50 ≤ 5 ms.
 * Run: npx tsx test/bench/pages.ts   (BENCH_ONLY=<part of a label> runs only the pages whose
 * label contains it, beside the floor; BENCH_CPU_PROF=<dir> saves the servers' CPU profiles)
 */
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { DEMO_ADMIN, DEMO_PASSWORD } from "../../db/seed/agreements";
import { addManyPartnerships } from "../support/many-partnerships";
import { PAGE_STATEMENTS } from "../support/page-statements";
import { startFloor } from "./floor/start";
import {
  budget,
  budgetAtLeast,
  fmtMs,
  insertTemplateAgendas,
  loadPage,
  login,
  reportLoad,
  runBench,
  sessionFrom,
  stopServer,
  type PageLoad,
} from "./lib";

const MEMBER_EMAIL = "stockholm.bo-sodra@samrad.test";
/** A member of one demo partnership only, whose overview the added data leaves alone. */
const DEMO_MEMBER_EMAIL = "stockholm.socialforvaltningen@samrad.test";

const PARTNERSHIPS = 200;
const MEETINGS_PER_GROUP = 10;

const CLIENTS = 10;
const WARMUP = 200;
const SOLO = 200;
const MAX_MS = 5_000;
const MIN_RATIO = 0.6;
const SOLO_P50_BUDGET_MS = 5;

interface Generated {
  partnershipIds: string[];
  groupIds: string[];
  meetingIds: string[];
}

/**
 * Adds the load data (test/support/many-partnerships.ts), then each meeting's template agenda:
 * meetings and agenda items are made by the database, 2000 and 14000 rows.
 */
async function generate(databaseUrl: string): Promise<Generated> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    // Meeting k of partnership n: (k − 4) × 30 + n mod 7 days from today, so each group has about 4
    // past and 6 upcoming meetings.
    const { partnerships, meetingIds, adminId } = await addManyPartnerships(sql, {
      memberEmail: MEMBER_EMAIL,
      adminEmail: DEMO_ADMIN.email,
      count: PARTNERSHIPS,
      meetingsEach: MEETINGS_PER_GROUP,
      town: "Bänkköping",
      firstMeetingInDays: -4 * 30,
      periodRule: { kind: "fixedWithNotice", start: "2024-01-01", end: "2027-12-31", noticeMonths: 6 },
    });
    await sql.begin((tx) => insertTemplateAgendas(tx, meetingIds, adminId));
    return { partnershipIds: partnerships.map((p) => p.id), groupIds: partnerships.map((p) => p.groupId), meetingIds };
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
    const [row] = await sql<{ partnerships: number; groups: number; meetings: number; upcoming: number; agenda: number; all: number }[]>`
      select count(distinct g.partnership_id)::int as partnerships, count(distinct g.id)::int as groups,
             count(m.id)::int as meetings, count(m.id) filter (where m.ends_at >= now())::int as upcoming,
             (select count(*)::int from agenda_items) as agenda, (select count(*)::int from partnerships) as "all"
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

const rate = (load: PageLoad) => load.count / (load.wallMs / 1000);
const rotate = (ids: string[], prefix: string) => (i: number) => `${prefix}${ids[i % ids.length]}`;

interface Page {
  label: string;
  url: string;
  cookie?: string;
  path: (i: number) => string;
  /** Held to MIN_RATIO of the floor's throughput. */
  targeted: boolean;
  /**
   * The queries one request makes, session lookup included (as query-count.test.ts counts them):
   * the page is also compared with the floor making as many trips to PostgreSQL.
   */
  queries?: number;
}

async function sessionOf(url: string, email: string): Promise<string> {
  const res = await login({ url }, false, email, DEMO_PASSWORD);
  const cookie = sessionFrom(res);
  if (res.status !== 302 || !cookie) throw new Error(`could not log in as ${email} (HTTP ${res.status})`);
  return cookie;
}

// Start-up (≤ 60 s) + floor build (~5 s) + data (a few s) + 15 runs × (warm-up + 200 solo + 5 s) + stop: ~3 min unless hung.
await runBench(8 * 60_000, async (server, defer) => {
  let failed = false;
  console.log(`Page benchmark against ${server.url} (NODE_ENV=production, ready in ${fmtMs(server.readyMs)})`);
  const floor = await startFloor(server.socketUrl);
  defer(() => stopServer(floor));
  console.log(`floor app at ${floor.url}`);

  const started = performance.now();
  const data = await generate(server.databaseUrl);
  const generatedMs = performance.now() - started;
  const seen = await checkAndAnalyze(server.databaseUrl);
  console.log(
    `added ${data.partnershipIds.length} partnerships, ${data.groupIds.length} groups, ${data.meetingIds.length} meetings in ${fmtMs(generatedMs)}; ` +
      `${MEMBER_EMAIL} now sees ${seen.partnerships} partnerships, ${seen.groups} groups, ${seen.meetings} meetings (${seen.upcoming} upcoming); ` +
      `${seen.agenda} agenda items in all`,
  );

  const member = await sessionOf(server.url, MEMBER_EMAIL);
  const demoMember = await sessionOf(server.url, DEMO_MEMBER_EMAIL);
  const coordinator = await sessionOf(server.url, DEMO_ADMIN.email);
  const samrad = { url: server.url, targeted: false };
  const pages: Page[] = [
    { ...samrad, label: "GET /login (signed out)", path: () => "/login" },
    { ...samrad, label: "GET / (member, demo data)", cookie: demoMember, path: () => "/", targeted: true, queries: PAGE_STATEMENTS.overview },
    { ...samrad, label: "GET /partnerships/:id", cookie: member, path: rotate(data.partnershipIds, "/partnerships/"), targeted: true, queries: PAGE_STATEMENTS.partnership },
    { ...samrad, label: "GET /meetings/:id", cookie: member, path: rotate(data.meetingIds, "/meetings/"), targeted: true, queries: PAGE_STATEMENTS.meeting },
    { ...samrad, label: "GET /groups/:id", cookie: member, path: rotate(data.groupIds, "/groups/"), targeted: true, queries: PAGE_STATEMENTS.group },
    { ...samrad, label: `GET / (member, ${seen.partnerships} partnerships)`, cookie: member, path: () => "/" },
    { ...samrad, label: "GET /meetings (upcoming)", cookie: member, path: () => "/meetings" },
    { ...samrad, label: `GET / (coordinator, ${seen.all} partnerships)`, cookie: coordinator, path: () => "/" },
  ];
  const measure = async (page: Omit<Page, "targeted">) => {
    const load = await loadPage({ ...page, clients: CLIENTS, warmup: WARMUP, solo: SOLO, requests: Infinity, maxMs: MAX_MS });
    reportLoad(`${page.label} (${CLIENTS} keep-alive clients for ${MAX_MS / 1000} s, ${WARMUP} warm-up requests)`, load);
    if (load.failures.count > 0) failed = true;
    return { load, load1: loadavg()[0] };
  };
  // Others' work on the machine comes and goes: the floor runs before each page and after the last,
  // and a page's ratio is to the floor runs either side of it.
  const floorPage = { label: "floor (bare Remix, 20 items)", url: floor.url, path: () => "/" };
  const floors = [await measure(floorPage)];
  const results: (Page & { load: PageLoad; load1: number; floorRate: number; roundsRate?: number })[] = [];
  const only = process.env.BENCH_ONLY; // e.g. BENCH_ONLY=/meetings/ to profile one page
  for (const page of pages.filter((p) => !only || p.label.includes(only))) {
    const measured = await measure(page);
    // What any page making as many queries could reach: the floor, after as many trips to PostgreSQL.
    const rounds = page.queries
      ? await measure({ label: `floor + ${page.queries} queries`, url: floor.url, path: () => `/rounds/${page.queries}` })
      : undefined;
    floors.push(await measure(floorPage));
    const [before, after] = floors.slice(-2).map((f) => rate(f.load));
    results.push({ ...page, ...measured, floorRate: (before + after) / 2, roundsRate: rounds && rate(rounds.load) });
  }

  const floorRates = floors.map((f) => rate(f.load)).sort((a, b) => a - b);
  console.log(
    `\nSummary (${CLIENTS} clients; 1 client = ${SOLO} sequential requests; ratio = req/s ÷ the floor's req/s in the runs either side)`,
  );
  console.log(`floor runs: ${floorRates.map((r) => r.toFixed(0)).join(", ")} req/s`);
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(
    `${"page".padEnd(36)}${pad("req/s", 7)}${pad("ratio", 7)}${pad("ceil", 6)}${pad("1c p50", 8)}${pad("p50", 8)}${pad("p95", 8)}${pad("p99", 8)}${pad("non-200", 9)}${pad("KiB", 6)}${pad("load1", 7)}`,
  );
  const floorRow = { ...floorPage, ...floors[Math.floor(floors.length / 2)], floorRate: NaN, targeted: false, roundsRate: undefined };
  for (const { label, load, load1, floorRate, roundsRate } of [floorRow, ...results]) {
    const { concurrent: c, solo: s } = load;
    const ms = (n: number) => pad(n.toFixed(1), 8);
    const ratio = Number.isNaN(floorRate) ? "1.00" : (rate(load) / floorRate).toFixed(2);
    const ceiling = roundsRate ? (roundsRate / floorRate).toFixed(2) : "";
    console.log(
      `${label.padEnd(36)}${pad(rate(load).toFixed(0), 7)}${pad(ratio, 7)}${pad(ceiling, 6)}${ms(s.p50)}${ms(c.p50)}${ms(c.p95)}${ms(c.p99)}${pad(load.failures.count, 9)}${pad((load.meanBytes / 1024).toFixed(0), 6)}${pad(load1.toFixed(2), 7)}`,
    );
  }
  console.log(
    `(ms; ceil = the floor's ratio after as many queries as the page makes, the best such a page could reach; 1c p50 = one client alone, p50–p99 at ${CLIENTS} clients; non-200 counts warm-up and 1-client requests too; KiB = mean HTML size; load1 = 1-minute load average after the page's run; the floor's row is its median run)\n`,
  );
  budget(`floor 1-client p50`, floorRow.load.solo.p50, SOLO_P50_BUDGET_MS);
  for (const { label, load, targeted, floorRate, roundsRate } of results) {
    if (targeted) budgetAtLeast(`${label} ratio to the floor`, rate(load) / floorRate, MIN_RATIO);
    if (roundsRate) console.log(`  ${label}: ${(rate(load) / roundsRate).toFixed(2)} of the floor making as many queries`);
    budget(`${label} 1-client p50`, load.solo.p50, SOLO_P50_BUDGET_MS);
  }
  if (failed) console.log("FAILED: some responses were not 200 (see above)");
  return failed;
});
