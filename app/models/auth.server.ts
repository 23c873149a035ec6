import { and, eq, gt, sql } from "drizzle-orm";
import { loginFailures, loginLockouts, users } from "../../db/schema";
import { db } from "../db.server";
import { decoyPasswordHash, hashPassword, verifyPassword } from "../utils/password.server";
import type { RequestMeta } from "../utils/request.server";
import { appendAudit, SYSTEM_ACTOR } from "./audit.server";
import { createSession, deleteSessionByToken, deleteUserSessions, type SessionUser } from "./session.server";

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const LOCKOUT_MS = 15 * 60_000;

export type SignInResult =
  | { ok: true; token: string; user: SessionUser }
  | { ok: false; code: "invalid" | "deactivated" }
  | { ok: false; code: "locked"; until: Date };

export function normaliseEmail(email: string) {
  return email.trim().toLowerCase();
}

/**
 * Checks a password and opens a new session (a new id every time, so a session
 * id planted before sign-in is never reused). Failed attempts are counted per
 * email in the database, so the lockout holds across app processes.
 */
export async function signIn({
  email: rawEmail,
  password,
  meta,
  previousToken,
}: {
  email: string;
  password: string;
  meta: RequestMeta;
  previousToken?: string | null;
}): Promise<SignInResult> {
  const email = normaliseEmail(rawEmail);
  const database = db();
  const [lock] = await database
    .select({ until: loginLockouts.lockedUntil })
    .from(loginLockouts)
    .where(and(eq(loginLockouts.email, email), gt(loginLockouts.lockedUntil, new Date())));
  if (lock) return { ok: false, code: "locked", until: lock.until };

  const [user] = await database.select().from(users).where(eq(users.email, email));
  const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyPasswordHash()));

  if (!user || !matches) {
    return database.transaction(async (tx) => {
      await tx.insert(loginFailures).values({ email, ip: meta.ip });
      const [{ count } = { count: 0 }] = await tx
        .select({ count: sql<number>`count(*)::int` })
        .from(loginFailures)
        .where(and(eq(loginFailures.email, email), gt(loginFailures.at, new Date(Date.now() - FAILURE_WINDOW_MS))));
      if (count < MAX_FAILURES) return { ok: false, code: "invalid" } as const;
      const until = new Date(Date.now() + LOCKOUT_MS);
      await tx
        .insert(loginLockouts)
        .values({ email, lockedUntil: until })
        .onConflictDoUpdate({ target: loginLockouts.email, set: { lockedUntil: until } });
      // The lock starts a fresh count once it ends.
      await tx.delete(loginFailures).where(eq(loginFailures.email, email));
      await appendAudit(tx, {
        kind: "auth.locked_out",
        actor: { ...SYSTEM_ACTOR, ...meta },
        subjectType: "user",
        subjectId: user?.id ?? email,
        payload: { email, failures: count, until: until.toISOString() },
      });
      return { ok: false, code: "locked", until } as const;
    });
  }
  if (!user.active) return { ok: false, code: "deactivated" };

  return database.transaction(async (tx) => {
    if (previousToken) await deleteSessionByToken(tx, previousToken);
    await tx.delete(loginFailures).where(eq(loginFailures.email, email));
    const token = await createSession(tx, { userId: user.id, meta });
    await appendAudit(tx, {
      kind: "auth.signed_in",
      actor: { id: user.id, name: user.name, ...meta },
      subjectType: "user",
      subjectId: user.id,
      payload: {},
    });
    const { id, name, title, role, businessUnitId, mustChangePassword } = user;
    return { ok: true, token, user: { id, email, name, title, role, businessUnitId, mustChangePassword } } as const;
  });
}

export async function signOut({ token, user, meta }: { token: string; user: SessionUser; meta: RequestMeta }) {
  await db().transaction(async (tx) => {
    await deleteSessionByToken(tx, token);
    await appendAudit(tx, {
      kind: "auth.signed_out",
      actor: { id: user.id, name: user.name, ...meta },
      subjectType: "user",
      subjectId: user.id,
      payload: {},
    });
  });
}

export type ChangePasswordResult = { ok: true; token: string } | { ok: false; code: "wrong_current" };

/** Changes one's own password; every other session of the user ends, this one is replaced. */
export async function changePassword({
  user,
  current,
  next,
  meta,
}: {
  user: SessionUser;
  current: string;
  next: string;
  meta: RequestMeta;
}): Promise<ChangePasswordResult> {
  const database = db();
  const [row] = await database.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  if (!row || !(await verifyPassword(current, row.hash))) return { ok: false, code: "wrong_current" };
  const passwordHash = await hashPassword(next);
  return database.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, updatedAt: new Date() })
      .where(eq(users.id, user.id));
    await deleteUserSessions(tx, user.id);
    const token = await createSession(tx, { userId: user.id, meta });
    await appendAudit(tx, {
      kind: "auth.password_changed",
      actor: { id: user.id, name: user.name, ...meta },
      subjectType: "user",
      subjectId: user.id,
      payload: {},
    });
    return { ok: true, token } as const;
  });
}
