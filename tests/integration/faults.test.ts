import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { startInterviews } from "../../bench/autosave";
import { signInCookie, spawnServer } from "../../bench/server";
import { freshPostgresDatabase } from "../../scripts/fresh-database";
import { missingSaves, startSaveLoad } from "../support/save-load";

/**
 * Faults under an autosave load, against the production build in its own process (as users meet
 * it): the app killed outright and started again, and PostgreSQL stopped hard and started again.
 * Whatever the server acknowledged must be in the database afterwards, and the saves in between
 * must fail in a way the page retries, then succeed, without restarting the app.
 */
const built = fs.existsSync(path.resolve("build/index.js"));
if (!built && process.env.CI) throw new Error("The fault tests need the production build: npm test builds it first.");
const pgUrl = process.env.DATABASE_URL;
const WRITERS = 6;
const secret = randomBytes(32).toString("hex");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "charter-faults-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function startApp(port: number, dataDir: string, databaseUrl = "", env: Record<string, string> = {}) {
  return spawnServer({ port, dataDir, databaseUrl, env: { CHARTER_DEMO: "1", SESSION_SECRET: secret, ...env } });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Row = Record<string, unknown>;
async function savedRows(query: (sql: string) => Promise<Row[]>) {
  const saves = (await query(`select key::text as key, revision from answer_saves`)) as { key: string; revision: number | null }[];
  const answers = (await query(`select interview_id::text as interview_id, revision, value from answers where item = 'q-unit-purpose'`)) as {
    interview_id: string;
    revision: number;
    value: unknown;
  }[];
  return { saves, answers };
}

/** Kills the app mid-load, starts it again on the same data, and checks every acknowledged save. */
async function killDuringSaves(port: number, dataDir: string, databaseUrl: string, query: (sql: string) => Promise<Row[]>) {
  let app = await startApp(port, dataDir, databaseUrl);
  let load: ReturnType<typeof startSaveLoad> | undefined;
  try {
    const cookie = await signInCookie(app.url, "rm@meridian.example", "charter-demo");
    const interviews = await startInterviews(app.url, cookie, WRITERS);
    load = startSaveLoad(() => app.url, cookie, interviews);
    await sleep(1500);
    const before = load.acknowledged.length;
    await app.kill();
    const killedAt = Date.now();
    await sleep(500);
    app = await startApp(port, dataDir, databaseUrl);
    // The same session cookie still works: sessions live in the database, not the process.
    expect(await load.allSavedAfter(killedAt), load.unexpected.join("\n")).toBe(true);
    const backMs = Date.now() - killedAt;
    await sleep(500);
    await load.stop();
    expect(load.unexpected).toEqual([]);
    expect(before).toBeGreaterThan(WRITERS);
    // While the app was down the page's saves found nobody there, and were sent again.
    expect(load.failures.length).toBeGreaterThan(0);
    expect(load.failures.every((f) => typeof f.status === "string" || f.status >= 500)).toBe(true);
    await app.stop();
    const { saves, answers } = await savedRows(query);
    expect(missingSaves(load.acknowledged, saves, answers)).toEqual([]);
    if (process.env.FAULT_STATS) {
      console.info(`App killed (${databaseUrl ? "PostgreSQL" : "PGlite"}): ${load.acknowledged.length} saves acknowledged (${before} before the kill), ${load.failures.length} sent again while it was down, all saving again ${backMs} ms after the kill`);
    }
    return load.acknowledged.length;
  } finally {
    await load?.stop();
    await app.stop();
  }
}

describe.runIf(built)("faults during saves", () => {
  it.runIf(!pgUrl)("on the embedded database, the app killed mid-save and started again keeps every acknowledged save", { timeout: 120_000 }, async () => {
    const dataDir = path.join(tmp, "pglite-kill");
    await killDuringSaves(3110, dataDir, "", async (statement) => {
      const pg = await PGlite.create(path.join(dataDir, "pglite"));
      try {
        return (await pg.query<Row>(statement)).rows;
      } finally {
        await pg.close();
      }
    });
  });

  it.runIf(pgUrl)("on PostgreSQL, the app killed mid-save and started again keeps every acknowledged save", { timeout: 120_000 }, async () => {
    // Named as the workers' own databases are, so the suite's teardown drops it.
    const url = await freshPostgresDatabase(pgUrl!, `charter_t_${process.env.CHARTER_TEST_RUN ?? "x"}_faults_kill_${process.pid}`);
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await killDuringSaves(3111, path.join(tmp, "pg-kill"), url, (statement) => sql.unsafe(statement) as Promise<Row[]>);
    } finally {
      await sql.end({ timeout: 5 });
    }
  });

  // A PostgreSQL of its own (the suite's server stays up for the other tests), stopped and started
  // with the cluster tools; they need root, as on the machines CI runs on.
  const version = fs.existsSync("/usr/lib/postgresql") ? fs.readdirSync("/usr/lib/postgresql").sort().at(-1) : undefined;
  const clusterTools = Boolean(pgUrl && version && process.getuid?.() === 0 && fs.existsSync("/usr/bin/pg_createcluster"));
  it.runIf(clusterTools)(
    "PostgreSQL stopped hard mid-save: saves answer 503 with Retry-After, succeed when it is back without restarting the app, and nothing acknowledged is lost",
    { timeout: 180_000 },
    async () => {
      const cluster = "charter_faults";
      const port = 5499;
      const ctl = (...args: string[]) => execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", version!, cluster, ...args], { stdio: "pipe" });
      const drop = () => {
        try {
          execFileSync("pg_dropcluster", ["--stop", version!, cluster], { stdio: "pipe" });
        } catch {
          // not there
        }
      };
      drop();
      execFileSync("pg_createcluster", [version!, cluster, "-p", String(port), "--", "--auth-local=trust", "--auth-host=trust"], { stdio: "pipe" });
      let app: Awaited<ReturnType<typeof startApp>> | undefined;
      let load: ReturnType<typeof startSaveLoad> | undefined;
      let sql: ReturnType<typeof postgres> | undefined;
      try {
        ctl("start");
        const url = await freshPostgresDatabase(`postgres://postgres@127.0.0.1:${port}/postgres`, "charter_faults");
        // A short deadline: a request the driver leaves hanging when its connection dies answers 503 within it.
        app = await startApp(3112, path.join(tmp, "pg-stop"), url, { REQUEST_DEADLINE_SECONDS: "3" });
        const cookie = await signInCookie(app.url, "rm@meridian.example", "charter-demo");
        const interviews = await startInterviews(app.url, cookie, WRITERS);
        load = startSaveLoad(() => app!.url, cookie, interviews);
        await sleep(1500);
        sql = postgres(url, { max: 1, onnotice: () => {} });
        const [version] = (await sql`select service_id::text as service, number from service_versions order by number limit 1`) as { service: string; number: number }[];
        await sql.end({ timeout: 5 });
        sql = undefined;
        // The needs board starts listening for changes on a connection of its own, which the stop drops too.
        expect((await fetch(`${app.url}/needs`, { headers: { cookie } })).status).toBe(200);
        ctl("stop", "-m", "immediate");
        // Pages and downloads asked for meanwhile answer 503 with Retry-After too, not 500.
        const downloads = ["/needs.csv", `/interviews/${interviews[0]}/answers.csv`, `/interviews/${interviews[0]}/ics`, `/services/${version!.service}/versions/${version!.number}.pdf`];
        const asked = await Promise.all(
          ["/needs", ...downloads].map(async (route) => {
            const response = await fetch(`${app!.url}${route}`, { headers: { cookie }, signal: AbortSignal.timeout(10_000) });
            const text = await response.text();
            // A page shows its title; a download is its text.
            const body = text.includes("<h1") ? text.replace(/^[\s\S]*?<h1[^>]*>/, "").replace(/<\/h1>[\s\S]*$/, "") : text.slice(0, 200);
            const tryAgain = text.includes(`<a href="${route}" class="btn btn-primary">Try again</a>`);
            return { route, status: response.status, retryAfter: response.headers.get("retry-after"), body, tryAgain };
          }),
        );
        expect(asked.filter((a) => a.status !== 503 || a.retryAfter !== "2")).toEqual([]);
        // A download is opened by the browser itself: it says why in words.
        expect(asked.filter((a) => downloads.includes(a.route) && !a.body.startsWith("Charter cannot reach its database"))).toEqual([]);
        // A page says Charter is briefly away, not that something went wrong.
        expect(asked.find((a) => a.route === "/needs")).toMatchObject({ body: "Charter is briefly unavailable", tryAgain: true });
        await sleep(3000);
        const duringOutage = load.failures.length;
        ctl("start");
        const backAt = Date.now();
        expect(await load.allSavedAfter(backAt), load.unexpected.join("\n")).toBe(true);
        // Every interviewer is saving again within seconds of the database's return, not after the
        // driver's own reconnect delay (up to 20 s).
        const recoveredMs = Date.now() - backAt;
        if (process.env.FAULT_STATS) console.info(`PostgreSQL stop: ${load.acknowledged.length} saves acknowledged, ${duringOutage} failed during the 3 s outage, all saving again ${recoveredMs} ms after it was back`);
        expect(recoveredMs).toBeLessThan(8_000);
        expect((await fetch(`${app.url}/needs`, { headers: { cookie } })).status).toBe(200);
        await sleep(500);
        await load.stop();
        expect(load.unexpected).toEqual([]);
        // The app kept answering while its database was away, with a status that says "try again".
        expect(duringOutage).toBeGreaterThan(0);
        expect(load.failures.filter((f) => f.status !== 503)).toEqual([]);
        expect(load.failures.every((f) => f.retryAfter === "2")).toBe(true);
        sql = postgres(url, { max: 1, onnotice: () => {} });
        const { saves, answers } = await savedRows((statement) => sql!.unsafe(statement) as Promise<Row[]>);
        expect(missingSaves(load.acknowledged, saves, answers)).toEqual([]);
      } finally {
        await load?.stop();
        await app?.stop();
        await sql?.end({ timeout: 5 });
        drop();
      }
    },
  );
});
