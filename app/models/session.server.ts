import { and, eq, lt, or, sql } from "drizzle-orm";
import { sessions, users, type User } from "../../db/schema";
import { db, type Db, type Executor } from "../db.server";
import { hashSessionToken, newSessionToken, sessionTimeouts } from "../utils/session.server";
import type { RequestMeta } from "../utils/request.server";

export type SessionUser = Pick<
  User,
  "id" | "email" | "name" | "title" | "role" | "businessUnitId" | "mustChangePassword"
>;

export type SessionLookup =
  | { status: "valid"; user: SessionUser; sessionId: string }
  | { status: "expired" | "missing" };

/** How stale last_seen_at may get before a request writes it again (keeps reads read-only). */
const TOUCH_AFTER_MS = 60_000;

const prepared = new WeakMap<Db, ReturnType<typeof prepareLookup>>();

function prepareLookup(database: Db) {
  return database
    .select({
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      id: users.id,
      email: users.email,
      name: users.name,
      title: users.title,
      role: users.role,
      businessUnitId: users.businessUnitId,
      mustChangePassword: users.mustChangePassword,
      active: users.active,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("id")))
    .prepare("session_lookup");
}

export async function createSession(
  tx: Executor,
  { userId, meta }: { userId: string; meta: RequestMeta },
): Promise<string> {
  const { token, id } = newSessionToken();
  await tx.insert(sessions).values({
    id,
    userId,
    expiresAt: new Date(Date.now() + sessionTimeouts().absoluteMs),
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
  return token;
}

/** Resolves a cookie token to its user; ends sessions that are idle, past their end, or whose user was deactivated. */
export async function lookupSession(token: string): Promise<SessionLookup> {
  const database = db();
  let query = prepared.get(database);
  if (!query) {
    query = prepareLookup(database);
    prepared.set(database, query);
  }
  const id = hashSessionToken(token);
  const [row] = await query.execute({ id });
  if (!row) return { status: "expired" };
  const now = Date.now();
  const { idleMs } = sessionTimeouts();
  if (!row.active || row.expiresAt.getTime() <= now || row.lastSeenAt.getTime() + idleMs <= now) {
    await database.delete(sessions).where(eq(sessions.id, id));
    return { status: "expired" };
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await database.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, id));
  }
  const { sessionId, lastSeenAt: _l, expiresAt: _e, active: _a, ...user } = row;
  return { status: "valid", user, sessionId };
}

export async function deleteSessionByToken(tx: Executor, token: string) {
  await tx.delete(sessions).where(eq(sessions.id, hashSessionToken(token)));
}

export async function deleteUserSessions(tx: Executor, userId: string): Promise<number> {
  const rows = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return rows.length;
}

/** Housekeeping: drops sessions past their absolute or idle end. */
export async function purgeExpiredSessions(tx: Executor = db()) {
  const now = new Date();
  const idleCutoff = new Date(now.getTime() - sessionTimeouts().idleMs);
  await tx.delete(sessions).where(or(lt(sessions.expiresAt, now), and(lt(sessions.lastSeenAt, idleCutoff))));
}
