import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { freshPostgresDatabase } from "../scripts/fresh-database";
import { load, table, type LoadResult } from "./load";
import { BENCH_LOGINS, BENCH_PASSWORD, buildNeedsDatabase, printSummary } from "./needs-data";
import { signInCookie, spawnServer } from "./server";

/**
 * The needs board and a need's page on a large workspace (bench/needs-data.ts:
 * 2,000 interviews, 100,000 answers, 20,000 quotes, 10,000 needs), 10 connections
 * for BENCH_SECONDS (10) each. Target: p95 < 100 ms for each. On PostgreSQL when
 * DATABASE_URL is set (a fresh database, charter_bench_needs), else on PGlite.
 */
const TARGET_P95_MS = 100;
const SIMILAR_QUERIES = [
  "Branch managers need training on the new tools after an outage",
  "The payroll team cannot reach the ledger during the month-end close",
  "Customers at the branch counter need faster access to account opening",
  "The contact centre needs a backup for the telephony system at weekends",
];
const CONNECTIONS = 10;

export async function needsBench({ duration = 10, build = true, port = 3201 }: { duration?: number; build?: boolean; port?: number } = {}) {
  if (build) execFileSync("npx", ["remix", "build"], { stdio: "ignore", env: { ...process.env, NODE_ENV: "production" } });
  const dataDir = path.resolve("bench/.results/needs-data");
  fs.rmSync(dataDir, { recursive: true, force: true });
  const databaseUrl = process.env.DATABASE_URL ? await freshPostgresDatabase(process.env.DATABASE_URL, "charter_bench_needs") : "";
  const where = databaseUrl ? "PostgreSQL" : "PGlite (embedded)";
  const { needIds, ...summary } = await buildNeedsDatabase({ url: databaseUrl || undefined, pgliteDir: path.join(dataDir, "pglite"), log: () => {} });
  printSummary(summary, where);

  const server = await spawnServer({ port, dataDir, databaseUrl, env: { CHARTER_DEMO: "0" } });
  try {
    const rm = await signInCookie(server.url, BENCH_LOGINS.rm, BENCH_PASSWORD);
    const lead = await signInCookie(server.url, BENCH_LOGINS.lead, BENCH_PASSWORD);
    const needPaths = needIds.map((id) => `/needs/${id}`);
    const runs: { name: string; paths: string[]; cookie: string }[] = [
      { name: "needs board (/needs)", paths: ["/needs"], cookie: rm },
      { name: "search (/needs?q=branch&sort=recent)", paths: ["/needs?q=branch&sort=recent"], cookie: rm },
      { name: `need page (/needs/:id, ${needPaths.length} needs)`, paths: needPaths, cookie: rm },
      { name: "business lead's board (/needs)", paths: ["/needs"], cookie: lead },
      // What the need page's browser asks next: needs worded like this one.
      {
        name: "duplicate suggestions (/needs/similar)",
        paths: needIds.slice(0, 50).map((id, i) => `/needs/similar?${new URLSearchParams({ q: SIMILAR_QUERIES[i % SIMILAR_QUERIES.length]!, exclude: id })}`),
        cookie: rm,
      },
    ];
    // Each route must answer 200 before it is measured.
    for (const run of runs) {
      const response = await fetch(`${server.url}${run.paths[0]}`, { headers: { cookie: run.cookie }, redirect: "manual" });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${run.paths[0]} answered ${response.status}, not 200: nothing measured.`);
    }
    console.log(`\nNeeds bench: production build, ${where}, ${CONNECTIONS} connections, ${duration} s per route.\n`);
    const results: LoadResult[] = [];
    for (const run of runs) {
      const options = { connections: CONNECTIONS, headers: { cookie: run.cookie }, paths: run.paths };
      await load("warm-up", server.url, { ...options, duration: 2 });
      results.push(await load(run.name, server.url, { ...options, duration }));
    }
    table(results);
    console.log("");
    for (const r of results) {
      if (r.requests === 0) console.log(`${r.name}: no answer within ${duration} s  (target < ${TARGET_P95_MS} ms: NOT met)`);
      else console.log(`${r.name} p95: ${r.p95.toFixed(1)} ms  (target < ${TARGET_P95_MS} ms: ${r.p95 < TARGET_P95_MS ? "met" : "NOT met"})`);
      if (r.non2xx > 0 || r.errors > 0) console.log(`WARNING: ${r.non2xx} non-2xx answers and ${r.errors} errors on ${r.name}.`);
    }
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  needsBench({ duration: Number(process.env.BENCH_SECONDS ?? 10) }).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
