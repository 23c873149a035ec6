import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDatabase, describePostgresUrl, openDatabase } from "../app/db.server";
import { DEMO_PASSWORD } from "../db/seed/demo-users";
import { freshPostgresDatabase } from "../scripts/fresh-database";
import { startInterviews } from "./autosave";
import { KIND_LABELS, KINDS, businessLead, executive, percentile, reader, relationshipManager, runSims, Traffic, type Kind, type Sim } from "./load-users";
import { cpuBetween, cpuSnapshot, type CpuSnapshot } from "./load-cpu";
import { buildWorld, inBatches, postgresReachable, storedSaves } from "./load-world";
import { signInCookie, spawnServer } from "./server";

/**
 * npm run bench:load — the production build as two app processes (ports 3304 and 3305) on one
 * PostgreSQL database with one SESSION_SECRET, under a mixed load of 200 simulated people
 * (BENCH_PEOPLE for more or fewer, in the same shares) for BENCH_SECONDS (60) after a short
 * warm-up, every request going to the next process in turn, so a session made on one is served
 * by the other and nothing may live in one process's memory:
 *
 * - 80 relationship managers, each with an interview of their own (planned and started through the
 *   app's forms), autosaving answers every 2–5 s as they type;
 * - 50 business leads scoring an open round (its autosave) every 2–5 s;
 * - 20 executives opening service pages, versions, their sign-off pages and PDFs every 3–10 s;
 * - 50 readers (admin, relationship manager, business lead) opening lists and pages every 3–10 s;
 * - and everyone opens a list or a page now and then (bench/load-users.ts).
 *
 * The database is DATABASE_URL's server, else postgres://postgres@127.0.0.1:5432/postgres, in a
 * fresh database charter_load. Prints, per kind of request, the count, req/s, p50/p95/p99 and
 * errors; the targets (0 errors, p95 < 200 ms for pages and < 100 ms for saves); requests per
 * process; and whether every acknowledged save is a revision in the database. Loopback only; the
 * client shares the machine's cores with both servers and PostgreSQL. Exit code 0 whatever the
 * figures, 1 if the setup failed.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const WARM_UP_SECONDS = 5;
const PORTS = [3304, 3305];
/** 200 people by default, in these shares; BENCH_PEOPLE for more or fewer in the same shares. */
const PEOPLE = Math.max(10, Number(process.env.BENCH_PEOPLE ?? 200));
const share = (n: number) => Math.max(1, Math.round((n * PEOPLE) / 200));
const COUNTS = { rms: share(80), leads: share(50), executives: share(20), readers: share(50) };
const PAGE_TARGET_MS = 200;
const SAVE_TARGET_MS = 100;
const DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const DATABASE = "charter_load";

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

async function main(): Promise<number> {
  const started = performance.now();
  const serverUrl = process.env.DATABASE_URL || DEFAULT_URL;
  console.log(
    `Charter mixed load: PostgreSQL at ${describePostgresUrl(serverUrl)}${process.env.DATABASE_URL ? " (DATABASE_URL)" : " (the default: DATABASE_URL is not set)"}, ` +
      `in a fresh database charter_load.`,
  );
  const unreachable = await postgresReachable(serverUrl);
  if (unreachable) {
    console.error(`\nPostgreSQL is not reachable at ${describePostgresUrl(serverUrl)}: ${unreachable}\nStart it, or set DATABASE_URL to a server this user may create databases on.`);
    return 1;
  }
  const databaseUrl = await freshPostgresDatabase(serverUrl, DATABASE);

  execFileSync("npx", ["remix", "build"], { stdio: "ignore", env: { ...process.env, NODE_ENV: "production" } });
  console.log(`Production build done (${seconds(started)}).`);

  // One secret for both: a session cookie signed by one process is read by the other.
  const secret = randomBytes(32).toString("hex");
  // A data folder each, as on two machines: PostgreSQL and the secret are all they share.
  const dataRoot = path.resolve("bench/.results/load-mixed");
  fs.rmSync(dataRoot, { recursive: true, force: true });
  const servers: { url: string; stop(): Promise<void> }[] = [];
  let traffic: Traffic | undefined;
  try {
    // The first loads the demo workspace before it answers /healthz; the second then finds it there.
    for (const port of PORTS) {
      servers.push(await spawnServer({ port, dataDir: path.join(dataRoot, String(port)), databaseUrl, env: { CHARTER_DEMO: "1", SESSION_SECRET: secret } }));
      console.log(`App process on port ${port} up (${seconds(started)}).`);
    }
    const urls = servers.map((s) => s.url);

    await openDatabase({ url: databaseUrl });
    const world = await buildWorld({ rmCount: COUNTS.rms, leadCount: COUNTS.leads });
    if (!world.services.some((s) => s.versions.length)) throw new Error("The demo workspace has no service versions: nothing for executives to open.");
    console.log(`Bench users and an open round of ${world.roundNeedIds.length} needs made (${seconds(started)}).`);

    // Each person signs in on one process (alternately), is first served by the other, then by both in turn.
    const people = [
      ...world.rms.map((email) => ({ kind: "rm" as const, email })),
      ...world.leads.map((email) => ({ kind: "lead" as const, email })),
      ...Array.from({ length: COUNTS.executives }, (_, i) => ({ kind: "exec" as const, email: i % 2 ? "cio@meridian.example" : "exec@meridian.example" })),
      ...Array.from({ length: COUNTS.readers }, (_, i) => ({ kind: "reader" as const, email: ["admin@meridian.example", "rm@meridian.example", "lead@meridian.example"][i % 3]! })),
    ];
    const sims: Sim[] = await inBatches(people, 8, async (person, i) => {
      const cookie = await signInCookie(urls[i % urls.length]!, person.email, DEMO_PASSWORD);
      const other = urls[(i + 1) % urls.length]!;
      if (person.kind !== "rm") await servedBy(other, cookie);
      switch (person.kind) {
        case "rm": {
          // Planned and started on the other process than the sign-in.
          const [interview] = await startInterviews(other, cookie, 1);
          return relationshipManager(person.email, cookie, interview!);
        }
        case "lead":
          return businessLead(person.email, cookie, world);
        case "exec":
          return executive(person.email, cookie, world);
        case "reader":
          return reader(person.email, cookie, world);
      }
    });
    console.log(
      `${sims.length} people signed in, each on one process and first served by the other (home page, or planning and starting ` +
        `their interview); ${COUNTS.rms} interviews started (${seconds(started)}).`,
    );

    traffic = new Traffic(PORTS);
    const loadStart = Date.now() + WARM_UP_SECONDS * 1000;
    const until = loadStart + SECONDS * 1000;
    let cpuBefore = os.cpus().map((c) => c.times);
    let loadBefore = os.loadavg()[0]!;
    let spentBefore: CpuSnapshot | undefined;
    const measure = setTimeout(() => {
      traffic!.measuring = true;
      cpuBefore = os.cpus().map((c) => c.times);
      loadBefore = os.loadavg()[0]!;
      spentBefore = cpuSnapshot(PORTS, DATABASE);
    }, loadStart - Date.now());
    console.log(`Warm-up ${WARM_UP_SECONDS} s, then ${SECONDS} s of load…`);
    await runSims(sims, traffic, until);
    clearTimeout(measure);
    const cpuAfter = os.cpus().map((c) => c.times);
    const spent = spentBefore ? cpuBetween(spentBefore, cpuSnapshot(PORTS, DATABASE)) : null;
    report(traffic, sims, { cpuBefore, cpuAfter, loadBefore, spent });

    const stored = await storedSaves({ interviewIds: sims.flatMap((s) => (s.interviewId ? [s.interviewId] : [])), roundId: world.roundId });
    const a = traffic.acknowledged;
    console.log(
      `\nAcknowledged interview autosaves (warm-up included): ${a.answers}; in the database: ${stored.answerRevisions} answer revisions, ` +
        `${stored.answerKeys} idempotency keys that wrote one — ${a.answers === stored.answerRevisions && a.answers === stored.answerKeys ? "match" : "DO NOT match"}.`,
    );
    console.log(`Acknowledged scoring cells (warm-up included): ${a.cells}; in the database: ${stored.scoreRevisions} score and reason revisions — ${a.cells === stored.scoreRevisions ? "match" : "DO NOT match"}.`);
    console.log(`\nTotal run ${seconds(started)}.`);
    return 0;
  } finally {
    traffic?.close();
    await closeDatabase();
    await Promise.all(servers.map((s) => s.stop()));
    fs.rmSync(dataRoot, { recursive: true, force: true });
  }
}

/** The home page on `url` with a session made on the other process: a 200, not a way to the sign-in page. */
async function servedBy(url: string, cookie: string) {
  const response = await fetch(`${url}/`, { headers: { cookie }, redirect: "manual" });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`A session made on one process was refused by ${url} (${response.status} ${response.headers.get("location") ?? ""}).`);
}

function report(
  traffic: Traffic,
  sims: Sim[],
  machine: { cpuBefore: os.CpuInfo["times"][]; cpuAfter: os.CpuInfo["times"][]; loadBefore: number; spent: ReturnType<typeof cpuBetween> | null },
) {
  const rows: Record<string, string | number>[] = [];
  let total = 0;
  let errors = 0;
  const p95 = new Map<Kind, number>();
  for (const kind of KINDS) {
    const sorted = [...traffic.latencies.get(kind)!].sort((x, y) => x - y);
    const count = sorted.length;
    total += count;
    errors += traffic.errors.get(kind)!;
    p95.set(kind, percentile(sorted, 95));
    rows.push({
      kind: KIND_LABELS[kind],
      requests: count,
      "req/s": (count / SECONDS).toFixed(1),
      "p50 ms": percentile(sorted, 50).toFixed(1),
      "p95 ms": percentile(sorted, 95).toFixed(1),
      "p99 ms": percentile(sorted, 99).toFixed(1),
      "max ms": (sorted.at(-1) ?? 0).toFixed(0),
      errors: traffic.errors.get(kind)!,
    });
  }
  const byRole = new Map<string, number>();
  for (const s of sims) byRole.set(s.role, (byRole.get(s.role) ?? 0) + 1);
  console.log(`\n${sims.length} simulated people (${[...byRole].map(([r, n]) => `${n} ${r}s`).join(", ")}), ${SECONDS} s measured, 2 app processes, production build:\n`);
  console.table(rows);
  console.log(`\nOverall: ${total} requests, ${(total / SECONDS).toFixed(1)} req/s, ${errors} errors.`);
  const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
  const pageP95 = Math.max(p95.get("page")!, p95.get("document")!);
  const saveP95 = Math.max(p95.get("save")!, p95.get("score")!);
  console.log(`Target 0 errors: ${verdict(errors === 0)}.`);
  console.log(`Target p95 < ${PAGE_TARGET_MS} ms for pages (lists and document pages): ${pageP95.toFixed(1)} ms, ${verdict(pageP95 < PAGE_TARGET_MS)}.`);
  console.log(`Target p95 < ${SAVE_TARGET_MS} ms for saves (interview and scoring autosaves): ${saveP95.toFixed(1)} ms, ${verdict(saveP95 < SAVE_TARGET_MS)}.`);
  console.log(`PDFs (no target here): agreed p95 ${p95.get("pdf")!.toFixed(1)} ms, drafts rendered p95 ${p95.get("draft")!.toFixed(1)} ms.`);
  console.log(`Requests per process: ${[...traffic.perPort].map(([port, n]) => `${port}: ${n}`).join(", ")}.`);
  if (traffic.resent) console.log(`Sent again on a new connection (a kept-alive one closed under it, as a browser would): ${traffic.resent}.`);
  const late = [...traffic.lateness].sort((x, y) => x - y);
  console.log(`The client's own lag behind schedule (timer and waiting on a person's previous request): p95 ${percentile(late, 95).toFixed(0)} ms, p99 ${percentile(late, 99).toFixed(0)} ms.`);
  const busy = machine.cpuAfter.reduce((sum, t, i) => {
    const b = machine.cpuBefore[i]!;
    const used = t.user + t.nice + t.sys + t.irq - (b.user + b.nice + b.sys + b.irq);
    const all = used + t.idle - b.idle;
    return sum + used / all;
  }, 0);
  console.log(
    `Machine: ${os.availableParallelism()} cores, ${((busy / machine.cpuAfter.length) * 100).toFixed(0)}% busy during the run (client, both servers and PostgreSQL share them); ` +
      `load average ${machine.loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after.`,
  );
  const spent = machine.spent;
  if (spent && spent.apps.size) {
    const app = [...spent.apps.values()].reduce((a, b) => a + b, 0);
    const cpu = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(
      `CPU used while measured: app processes ${[...spent.apps].map(([port, ms]) => `${port}: ${cpu(ms)}`).join(", ")} (PDF workers included)` +
        `${spent.postgres === null ? "" : `, PostgreSQL backends ${cpu(spent.postgres)}`}, this client ${cpu(spent.client)}; ` +
        `per request: ${(app / Math.max(1, total)).toFixed(1)} ms in the app${spent.postgres === null ? "" : ` and ${(spent.postgres / Math.max(1, total)).toFixed(1)} ms in PostgreSQL`}.`,
    );
  }
  const routes = [...traffic.byRoute]
    .map(([route, times]) => ({ route, times: times.sort((x, y) => x - y) }))
    .sort((x, y) => percentile(y.times, 95) - percentile(x.times, 95))
    .slice(0, 8);
  console.log("\nThe slowest routes by p95:");
  console.table(
    routes.map(({ route, times }) => ({
      route,
      requests: times.length,
      "p50 ms": percentile(times, 50).toFixed(1),
      "p95 ms": percentile(times, 95).toFixed(1),
      "max ms": (times.at(-1) ?? 0).toFixed(0),
    })),
  );
  if (traffic.problems.length) console.log(`\nFirst problems seen:\n  ${traffic.problems.join("\n  ")}`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`\nThe mixed load could not be set up: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
