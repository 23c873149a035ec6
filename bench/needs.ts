import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import autocannon from "autocannon";
import { freshPostgresDatabase } from "../scripts/fresh-database";
import { table, type LoadResult } from "./load";
import { BENCH_LOGINS, BENCH_PASSWORD, buildNeedsDatabase, printSummary } from "./needs-data";
import { signInCookie } from "./server";

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

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** autocannon over a list of paths taken in turn (one path is a plain route), every response's latency kept. */
async function loadPaths(name: string, url: string, paths: string[], { duration, cookie }: { duration: number; cookie: string }): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration,
        headers: { cookie },
        requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }) }],
      },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  latencies.sort((a, b) => a - b);
  return {
    name,
    requests: result.requests.total,
    rps: result.requests.total / duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** The production server on a given database, without the demo; stopped by the returned function. */
async function startServer({ databaseUrl, dataDir, port }: { databaseUrl: string; dataDir: string; port: number }) {
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      SESSION_SECRET: randomBytes(32).toString("hex"),
      CHARTER_DEMO: "0",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (c: Buffer) => (log += c.toString()));
  child.stderr.on("data", (c: Buffer) => (log += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited:\n${log}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { url, stop };
}

export async function needsBench({ duration = 10, build = true, port = 3201 }: { duration?: number; build?: boolean; port?: number } = {}) {
  if (build) execFileSync("npx", ["remix", "build"], { stdio: "ignore", env: { ...process.env, NODE_ENV: "production" } });
  const dataDir = path.resolve("bench/.results/needs-data");
  fs.rmSync(dataDir, { recursive: true, force: true });
  const databaseUrl = process.env.DATABASE_URL ? await freshPostgresDatabase(process.env.DATABASE_URL, "charter_bench_needs") : "";
  const where = databaseUrl ? "PostgreSQL" : "PGlite (embedded)";
  const { needIds, ...summary } = await buildNeedsDatabase({ url: databaseUrl || undefined, pgliteDir: path.join(dataDir, "pglite"), log: () => {} });
  printSummary(summary, where);

  const server = await startServer({ databaseUrl, dataDir, port });
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
      await loadPaths("warm-up", server.url, run.paths, { duration: 2, cookie: run.cookie });
      results.push(await loadPaths(run.name, server.url, run.paths, { duration, cookie: run.cookie }));
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
