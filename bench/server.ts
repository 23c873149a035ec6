import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { freshPostgresDatabase } from "../scripts/fresh-database";

export interface BenchServer {
  url: string;
  database: string;
  stop(): Promise<void>;
}

/**
 * Builds the production server and starts it on loopback with the demo
 * workspace: on PostgreSQL when DATABASE_URL is set, else on a fresh PGlite folder.
 */
export async function startBenchServer({ port = 3200 } = {}): Promise<BenchServer> {
  execFileSync("npx", ["remix", "build"], { stdio: "ignore", env: { ...process.env, NODE_ENV: "production" } });
  const dataDir = path.resolve("bench/.data");
  fs.rmSync(dataDir, { recursive: true, force: true });
  const databaseUrl = process.env.DATABASE_URL ? await freshPostgresDatabase(process.env.DATABASE_URL, "charter_bench") : "";
  const server = await spawnServer({ port, dataDir, databaseUrl, env: { CHARTER_DEMO: "1", CHARTER_BENCH: "1" } });
  return { ...server, database: databaseUrl ? "PostgreSQL" : "PGlite (embedded)" };
}

/** The built production server on loopback, on the given database, answering /healthz; stopped by `stop`. */
export async function spawnServer({
  port,
  dataDir,
  databaseUrl,
  env = {},
}: {
  port: number;
  dataDir: string;
  databaseUrl: string;
  env?: Record<string, string>;
}): Promise<{ url: string; stop(): Promise<void>; kill(): Promise<void>; log(): string }> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      SESSION_SECRET: randomBytes(32).toString("hex"),
      HOST: "127.0.0.1",
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (c: Buffer) => (log += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (log += c.toString()));
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
  const ended = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill(signal);
    });
  return {
    url,
    stop: () => ended("SIGTERM"),
    /** Ends the process at once, as a crash or the OOM killer would: no shutdown code runs. */
    kill: () => ended("SIGKILL"),
    log: () => log,
  };
}

/** Signs in through the real form post and returns the session cookie. */
export async function signInCookie(url: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: url, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
  });
  const cookie = response.headers.get("set-cookie");
  if (response.status !== 302 || !cookie) throw new Error(`sign-in failed: ${response.status}`);
  return cookie.split(";")[0]!;
}
