import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { needs, needUnits, roundNeeds, roundParticipants, rounds } from "../db/schema";
import { closeDatabase, openDatabase, type Executor } from "../app/db.server";
import { DEFAULT_CRITERIA } from "../app/domain/round";
import { rowsOf } from "../app/models/rows.server";
import { bootstrapWorkspace } from "../db/seed/bootstrap";
import { DEMO_PASSWORD } from "../db/seed/demo-users";
import { freshPostgresDatabase } from "../scripts/fresh-database";
import { load, table } from "./load";
import { signInCookie, spawnServer } from "./server";

/**
 * A business lead's scoring grid (GET /rounds/:id/score) on an open weighted
 * round of 1,000 needs × 4 criteria, for the demo lead (lead@meridian.example),
 * who has filled half the score cells and given a reason on half the needs.
 * Sequential GETs with her session, each timed to the last byte of the HTML:
 * median and p95 over `runs` (20), and the page's size; then one connection for
 * `duration` seconds. Target: p95 < 300 ms.
 *
 * The data goes in before the server starts, as in bench/needs.ts: an embedded
 * PGlite folder is the server's alone while it runs. So the demo workspace is
 * loaded here (as the server would on an empty database), the round is added
 * with plain SQL, and then the production build is started on it. On
 * PostgreSQL when DATABASE_URL is set (a fresh database, charter_bench_grid),
 * else on PGlite.
 */
const TARGET_MS = 300;
const LEAD = "lead@meridian.example";
const WARM_UPS = 3;

/** Need statements assembled from short lists, so rows differ in wording and length as real ones do. */
const WHO = [
  "Branch staff", "Payroll clerks", "Month-end close accountants", "Contact centre agents", "Mortgage advisers", "Regional managers",
  "New starters", "Facilities coordinators", "Compliance officers", "Customers at the branch counter", "Weekend branch staff",
];
const WANT = [
  "to reach the telephony system", "a printer that works", "faster access to the core banking platform", "same-day answers from the service desk",
  "payroll reports they can trust", "a backup for card terminals", "to see the month-end figures in one place", "fewer password resets",
  "secure remote access", "scanned documents filed automatically", "the ledger available before eight", "the queue screens to show waiting times",
  "to search customer records by phone number", "laptops ready on the first day", "a fallback when telephony is down",
];
const WHEN = ["on a saturday", "at month-end", "during the payroll run", "when the branch opens", "at quarter-end", "during peak hours", "after an outage", "all year round"];
const WITHOUT = ["re-keying anything", "calling IT", "waiting in a queue", "a second login"];
const WHY = [
  "Branches feel this every week; customers queue while staff work around it.",
  "Hurts at month-end only, but then it costs us a day.",
  "A few people, though the risk if it fails is large.",
  "Heard it in every branch interview this quarter.",
  "Important, but Finance feels it more than we do.",
];

function statementOf(i: number) {
  const without = i % 3 === 0 ? ` without ${WITHOUT[i % WITHOUT.length]}` : "";
  return `${WHO[i % WHO.length]} need ${WANT[(i * 7) % WANT.length]} ${WHEN[(i * 5) % WHEN.length]}${without}.`;
}

interface GridData {
  roundId: string;
  needCount: number;
  criteria: number;
  scores: number;
  rationales: number;
}

/**
 * Adds the round to a database holding the demo workspace: `needCount` new open needs of Retail
 * Banking, the demo lead scoring (not yet submitted), two more leads (one has submitted, every cell
 * filled) and an executive observing.
 */
async function addScoringRound(database: Executor, needCount: number): Promise<GridData> {
  const people = rowsOf<{ id: string; email: string }>(await database.execute(sql`select id, email from users where email like '%@meridian.example'`));
  const userId = (email: string) => {
    const found = people.find((p) => p.email === email);
    if (!found) throw new Error(`The demo workspace has no ${email}: it is needed for the scoring grid bench.`);
    return found.id;
  };
  const [unit] = rowsOf<{ id: string }>(await database.execute(sql`select id from business_units where code = 'RB'`));
  if (!unit) throw new Error("The demo workspace has no Retail Banking unit (RB).");
  const [lead, finance, facilities, rm, exec] = [LEAD, "lead.finance@meridian.example", "lead.facilities@meridian.example", "rm@meridian.example", "exec@meridian.example"].map(userId);

  const needIds = Array.from({ length: needCount }, () => randomUUID());
  await database.insert(needs).values(needIds.map((id, i) => ({ id, survivorId: id, statement: statementOf(i), category: "capability" as const, createdBy: rm })));
  await database.insert(needUnits).values(needIds.map((needId) => ({ needId, unitId: unit.id })));

  const criteria = DEFAULT_CRITERIA.map((c, i) => ({ ...c, weight: [3, 2, 2, 1][i] ?? 1 }));
  const [round] = await database
    .insert(rounds)
    .values({
      title: "Branch network priorities, spring 2027",
      method: "weighted",
      status: "open",
      criteria,
      deadline: new Date(Date.now() + 14 * 86_400_000),
      createdBy: rm,
      openedAt: new Date(),
    })
    .returning({ id: rounds.id });
  const roundId = round!.id;
  await database.insert(roundNeeds).values(needIds.map((needId) => ({ roundId, needId })));
  await database.insert(roundParticipants).values([
    { roundId, userId: lead!, role: "scorer" },
    { roundId, userId: finance!, role: "scorer", submittedAt: new Date() },
    { roundId, userId: facilities!, role: "scorer" },
    { roundId, userId: exec!, role: "observer" },
  ]);
  const keys = sql.raw(`(values ${criteria.map((c, i) => `('${c.key}', ${i})`).join(", ")}) as c(key, ord)`);
  const numbered = sql`(select need_id, row_number() over (order by n.number) - 1 as k from round_needs rn join needs n on n.id = rn.need_id where rn.round_id = ${roundId}) as x`;
  // The lead's half of the grid: a quarter of the needs fully scored, half with two cells of four, a quarter untouched.
  await database.execute(sql`
    insert into round_scores (round_id, need_id, user_id, criterion, value, revision)
    select ${roundId}, x.need_id, ${lead}, c.key, 1 + abs(hashtext(x.need_id::text || c.key)) % 5, 1 + (x.k + c.ord) % 3
    from ${numbered} cross join ${keys}
    where x.k % 4 = 0 or (x.k % 4 in (1, 2) and (x.k + c.ord) % 2 = 0)`);
  // Her reasons on every other need.
  await database.execute(sql`
    insert into round_rationales (round_id, need_id, user_id, text)
    select ${roundId}, x.need_id, ${lead}, (array[${sql.join(WHY.map((w) => sql`${w}`), sql`, `)}]::text[])[1 + (x.k / 2) % ${WHY.length}]
    from ${numbered}
    where x.k % 2 = 0`);
  // The finance lead has submitted every cell: rows of other leads the page must skip.
  await database.execute(sql`
    insert into round_scores (round_id, need_id, user_id, criterion, value)
    select ${roundId}, x.need_id, ${finance}, c.key, 1 + abs(hashtext(c.key || x.need_id::text)) % 5
    from ${numbered} cross join ${keys}`);
  await database.execute(sql`vacuum analyze`);
  const [counts] = rowsOf<{ scores: number; rationales: number }>(
    await database.execute(sql`
      select (select count(*) from round_scores where round_id = ${roundId} and user_id = ${lead})::int as scores,
        (select count(*) from round_rationales where round_id = ${roundId} and user_id = ${lead})::int as rationales`),
  );
  return { roundId, needCount: needIds.length, criteria: criteria.length, scores: Number(counts!.scores), rationales: Number(counts!.rationales) };
}

/** The grid, or a readable error: a redirect, an error page or a grid without its cells cannot pass as fast. */
function checkGrid(status: number, html: string, data: GridData, location: string | null) {
  if (status !== 200) throw new Error(`/rounds/${data.roundId}/score answered ${status}${location ? ` (to ${location})` : ""}, not 200: nothing measured.`);
  const cells = html.split('name="score.').length - 1;
  const expected = data.needCount * data.criteria;
  if (cells < expected) throw new Error(`/rounds/${data.roundId}/score shows ${cells} score cells, not the ${expected} of the grid: nothing measured.`);
  return cells;
}

function percentile(sorted: number[], q: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

export async function scoringGridBench({
  needCount = 1000,
  runs = 20,
  duration = 5,
  build = true,
  port = 3202,
}: { needCount?: number; runs?: number; duration?: number; build?: boolean; port?: number } = {}) {
  if (build) execFileSync("npx", ["remix", "build"], { stdio: "ignore", env: { ...process.env, NODE_ENV: "production" } });
  const dataDir = path.resolve("bench/.results/rounds-grid");
  fs.rmSync(dataDir, { recursive: true, force: true });
  const databaseUrl = process.env.DATABASE_URL ? await freshPostgresDatabase(process.env.DATABASE_URL, "charter_bench_grid") : "";
  const where = databaseUrl ? "PostgreSQL" : "PGlite (embedded)";

  const handle = await openDatabase(databaseUrl ? { url: databaseUrl } : { pgliteDir: path.join(dataDir, "pglite"), lockDir: dataDir });
  let data: GridData;
  try {
    const workspace = await bootstrapWorkspace({ loadDemo: true });
    if (workspace.state !== "demo-loaded") throw new Error(`Expected an empty database for the demo workspace, found ${workspace.state}.`);
    data = await addScoringRound(handle.db, needCount);
  } finally {
    await closeDatabase();
  }

  const server = await spawnServer({ port, dataDir, databaseUrl, env: { CHARTER_DEMO: "1" } });
  try {
    const cookie = await signInCookie(server.url, LEAD, DEMO_PASSWORD);
    const gridPath = `/rounds/${data.roundId}/score`;
    // node:http rather than fetch: the time ends with the last byte, not with the client's decoding of 2 MB of text.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ ms: number; status: number; body: Buffer; location: string | null }>((resolve, reject) => {
        const start = performance.now();
        const request = http.get(`${server.url}${gridPath}`, { headers: { cookie }, agent }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", reject);
          response.on("end", () =>
            resolve({ ms: performance.now() - start, status: response.statusCode ?? 0, body: Buffer.concat(chunks), location: response.headers.location ?? null }),
          );
        });
        request.on("error", reject);
      });
    let cells = 0;
    for (let i = 0; i < WARM_UPS; i++) {
      const r = await get();
      cells = checkGrid(r.status, r.body.toString(), data, r.location);
    }
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const r = await get();
      checkGrid(r.status, r.body.toString(), data, r.location);
      times.push(r.ms);
      bytes = r.body.length;
    }
    times.sort((a, b) => a - b);
    agent.destroy();
    const median = percentile(times, 0.5);
    const p95 = percentile(times, 0.95);

    // The same page, one connection back to back for `duration` seconds.
    const steady = await load(`scoring grid (${gridPath.replace(data.roundId, ":id")}), 1 connection`, `${server.url}${gridPath}`, {
      connections: 1,
      duration,
      headers: { cookie },
    });

    console.log(
      `\nScoring grid: ${data.needCount} needs × ${data.criteria} criteria for one lead (${where}), ${data.scores} of ${data.needCount * data.criteria} scores ` +
        `and ${data.rationales} reasons filled, ${cells} score cells on the page, HTML ${(bytes / 1024).toFixed(0)} KB.\n`,
    );
    table([steady]);
    console.log(
      `\nscoring grid page, ${runs} sequential GETs to the last byte: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms ` +
        `(target < ${TARGET_MS} ms: ${p95 < TARGET_MS ? "met" : "NOT met"})`,
    );
    if (steady.non2xx > 0 || steady.errors > 0) console.log(`WARNING: ${steady.non2xx} non-2xx answers and ${steady.errors} errors on the scoring grid.`);
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  scoringGridBench({ duration: Number(process.env.BENCH_SECONDS ?? 5) }).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
