import { sql } from "drizzle-orm";
import { db } from "../db.server";
import { rowsOf } from "./rows.server";

/**
 * Counts one attempt against `key` in the current fixed window; allowed while the window's
 * count stays within `limit`. Kept in the database so every app process counts together.
 */
export async function rateLimit(key: string, { limit, windowSeconds }: { limit: number; windowSeconds: number }, now = new Date()) {
  const windowMs = windowSeconds * 1000;
  const start = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = rowsOf<{ count: number }>(
    await db().execute(sql`
      insert into rate_limits (key, window_start, count) values (${key}, ${start.toISOString()}::timestamptz, 1)
      on conflict (key, window_start) do update set count = rate_limits.count + 1
      returning count`),
  );
  const count = Number(row?.count ?? 1);
  // The first attempt of a window sweeps windows long gone.
  if (count === 1) await db().execute(sql`delete from rate_limits where window_start < ${new Date(now.getTime() - 86_400_000).toISOString()}::timestamptz`);
  return { allowed: count <= limit, retryAfter: Math.ceil((start.getTime() + windowMs - now.getTime()) / 1000) };
}
