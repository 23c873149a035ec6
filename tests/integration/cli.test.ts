import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { describe, expect, it } from "vitest";
import { acquireDataDirLock } from "../../app/utils/data-dir-lock.server";

/** Runs one of the project's TypeScript entry points the way npm scripts do, with a clean environment. */
function run(script: string, env: Record<string, string>, timeoutMs = 60_000) {
  return new Promise<{ code: number; out: string }>((resolve) => {
    const { DATABASE_URL: _omit, ...base } = process.env;
    execFile(
      process.execPath,
      ["--import", "tsx", script],
      { env: { ...base, NODE_ENV: "development", ...env }, timeout: timeoutMs },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "charter-cli-"));

describe("the command line", () => {
  it("seeds the demo workspace, whose audit chain verifies, and audit:verify names a tampered event", async () => {
    const dataDir = tempDir();
    const seeded = await run("db/seed/index.ts", { DATA_DIR: dataDir });
    expect(seeded.out).toContain("Loaded the demo workspace");
    const ok = await run("scripts/audit-verify.ts", { DATA_DIR: dataDir });
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Audit trail OK: \d+ events/);

    const pg = await PGlite.create(path.join(dataDir, "pglite"), { extensions: { pg_trgm } });
    await pg.exec("set session_replication_role = replica; update audit_events set actor_name = 'Mallory' where seq = 5;");
    await pg.close();
    const broken = await run("scripts/audit-verify.ts", { DATA_DIR: dataDir });
    expect(broken.code).toBe(1);
    expect(broken.out).toContain("BROKEN at event #5");
  }, 90_000);

  it("refuses to open a data folder another process is using", async () => {
    const dataDir = tempDir();
    const release = acquireDataDirLock(dataDir);
    try {
      const second = await run("scripts/audit-verify.ts", { DATA_DIR: dataDir });
      expect(second.code).toBe(1);
      expect(second.out).toContain(`is already in use by another Charter process (pid ${process.pid})`);
      expect(second.out).not.toMatch(/\n\s+at /);
    } finally {
      release();
    }
  });

  it("takes over a lock left by a process that died", () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, "charter.lock"), "999999999");
    const release = acquireDataDirLock(dataDir);
    expect(fs.readFileSync(path.join(dataDir, "charter.lock"), "utf8")).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dataDir, "charter.lock"))).toBe(false);
  });

  it("gives up on an unreachable PostgreSQL with a message naming the host, not a stack trace", async () => {
    const started = Date.now();
    const result = await run("server/index.ts", {
      DATABASE_URL: "postgres://charter@127.0.0.1:1/charter",
      DB_CONNECT_TIMEOUT_SECONDS: "2",
      DATA_DIR: tempDir(),
    });
    expect(result.code).toBe(1);
    expect(result.out).toContain("Waiting for PostgreSQL at 127.0.0.1:1/charter");
    expect(result.out).toContain("Could not reach PostgreSQL at 127.0.0.1:1/charter after 2 s");
    expect(result.out).not.toMatch(/\n\s+at /);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("starts on a fresh data folder, loads the demo workspace, prints the URL and logins, and keeps sessions across a restart", async () => {
    if (!fs.existsSync("build/index.js")) return expect.fail("run `npm run build` before this test (npm test does)");
    const dataDir = tempDir();
    const first = await startServer(dataDir);
    expect(first.out).toContain("Loaded the demo workspace");
    expect(first.out).toContain("admin@meridian.example");
    const loginPage = await fetch(first.url + "/login");
    expect(loginPage.status).toBe(200);
    expect(await loginPage.text()).toContain("Demo workspace logins");
    const signIn = await fetch(first.url + "/login", {
      method: "POST",
      redirect: "manual",
      headers: { origin: first.url, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "lead@meridian.example", password: "charter-demo" }),
    });
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
    await first.stop();
    expect(fs.existsSync(path.join(dataDir, "charter.lock"))).toBe(false);
    expect(fs.statSync(path.join(dataDir, "session-secret")).mode & 0o777).toBe(0o600);

    const second = await startServer(dataDir);
    expect(second.out).not.toContain("Loaded the demo workspace");
    const home = await fetch(second.url + "/", { headers: { cookie }, redirect: "manual" });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Welcome, Maria");
    // The real server wires the protections in: headers on every page, and posts from elsewhere refused.
    for (const header of ["content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options"]) {
      expect(home.headers.get(header), header).toBeTruthy();
    }
    expect(home.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const forged = await fetch(second.url + "/logout", { method: "POST", redirect: "manual", headers: { cookie, origin: "https://evil.example" } });
    expect(forged.status).toBe(403);
    const stillIn = await fetch(second.url + "/", { headers: { cookie }, redirect: "manual" });
    expect(stillIn.status).toBe(200);
    // A connection left idle longer than Node's default 5 s is still open for the next request, as a
    // proxy in front expects (it keeps idle connections about a minute).
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const socketOf = () =>
      new Promise<unknown>((resolve, reject) => {
        const req = http.get(second.url + "/healthz", { agent }, (res) => {
          res.resume();
          res.on("end", () => resolve(req.socket));
        });
        req.on("error", reject);
      });
    const idleSocket = await socketOf();
    await new Promise((r) => setTimeout(r, 6_000));
    expect(await socketOf()).toBe(idleSocket);
    agent.destroy();
    await second.stop();
  }, 120_000);
});

/** Starts the real server on a free port and waits for its start message. */
async function startServer(dataDir: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    // No SESSION_SECRET: in development the server makes one in the data folder and keeps it.
    env: { ...process.env, DATABASE_URL: "", SESSION_SECRET: "", NODE_ENV: "development", PORT: "0", DATA_DIR: dataDir },
  });
  let out = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start message:\n${out}`)), 60_000);
    let started = false;
    const onExit = (code: number | null) => reject(new Error(`exited ${code}:\n${out}`));
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (!started && out.includes("exec@meridian.example")) {
        started = true;
        clearTimeout(timer);
        child.off("exit", onExit);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", onExit);
  });
  const url = out.match(/running at (http:\/\/\S+)/)![1]!;
  return {
    url,
    out,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
