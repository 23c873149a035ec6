import { execFileSync } from "node:child_process";
import fs from "node:fs";

/**
 * CPU time spent by the processes of a run, read from /proc (Linux): each app process (found by
 * the port it listens on, its PDF worker threads included), the PostgreSQL backends serving one
 * database, and this process. On a machine shared with other work, wall-clock latencies move
 * with that work; the CPU each request costs does not much, so it says what the app needs.
 * Elsewhere (no /proc or no `ss`) the figures are left out.
 */
const TICK_MS = 10; // USER_HZ is 100 on Linux

function ticks(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/** The process listening on a loopback port, or null. */
function listening(port: number): number | null {
  try {
    const out = execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const pid = /pid=(\d+)/.exec(out)?.[1];
    return pid ? Number(pid) : null;
  } catch {
    return null;
  }
}

/** PostgreSQL backends whose title names the database. */
function backends(database: string): number[] {
  try {
    return fs
      .readdirSync("/proc")
      .filter((d) => /^\d+$/.test(d))
      .filter((d) => {
        try {
          return fs.readFileSync(`/proc/${d}/cmdline`, "utf8").startsWith("postgres: ") && fs.readFileSync(`/proc/${d}/cmdline`, "utf8").includes(` ${database} `);
        } catch {
          return false;
        }
      })
      .map(Number);
  } catch {
    return [];
  }
}

export interface CpuSnapshot {
  apps: Map<number, { pid: number; ticks: number }>;
  postgres: Map<number, number>;
  client: NodeJS.CpuUsage;
}

export function cpuSnapshot(ports: number[], database: string): CpuSnapshot {
  const apps = new Map<number, { pid: number; ticks: number }>();
  for (const port of ports) {
    const pid = listening(port);
    const t = pid === null ? null : ticks(pid);
    if (pid !== null && t !== null) apps.set(port, { pid, ticks: t });
  }
  const postgres = new Map<number, number>();
  for (const pid of backends(database)) {
    const t = ticks(pid);
    if (t !== null) postgres.set(pid, t);
  }
  return { apps, postgres, client: process.cpuUsage() };
}

/** CPU milliseconds between two snapshots: per app process, PostgreSQL's backends together, and this client. */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot) {
  const apps = new Map<number, number>();
  for (const [port, a] of after.apps) {
    const b = before.apps.get(port);
    if (b && b.pid === a.pid) apps.set(port, (a.ticks - b.ticks) * TICK_MS);
  }
  let postgres = 0;
  // A backend started during the run counts from zero; one that ended during it is lost (the pools keep theirs open).
  for (const [pid, t] of after.postgres) postgres += (t - (before.postgres.get(pid) ?? 0)) * TICK_MS;
  const client = process.cpuUsage(before.client);
  return { apps, postgres: after.postgres.size ? postgres : null, client: (client.user + client.system) / 1000 };
}
