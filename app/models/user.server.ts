import { asc, eq, sql } from "drizzle-orm";
import { businessUnits, users, type Role } from "../../db/schema";
import { diffFields } from "../domain/audit";
import { db } from "../db.server";
import { generateOneTimePassword, hashPassword } from "../utils/password.server";
import { appendAudit, type Actor } from "./audit.server";
import { AppError, isUniqueViolation } from "./errors.server";
import { deleteUserSessions } from "./session.server";

export async function listUsers() {
  return db()
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      title: users.title,
      role: users.role,
      active: users.active,
      mustChangePassword: users.mustChangePassword,
      unitName: businessUnits.name,
    })
    .from(users)
    .leftJoin(businessUnits, eq(businessUnits.id, users.businessUnitId))
    .orderBy(sql`${users.active} desc`, asc(users.name));
}

export async function getUser(id: string) {
  const [row] = await db()
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      title: users.title,
      role: users.role,
      businessUnitId: users.businessUnitId,
      active: users.active,
      mustChangePassword: users.mustChangePassword,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, id));
  return row ?? null;
}

async function assertUnitExists(unitId: string | null) {
  if (!unitId) return;
  const [unit] = await db().select({ id: businessUnits.id }).from(businessUnits).where(eq(businessUnits.id, unitId));
  if (!unit) throw new AppError("unit_not_found", "That business unit no longer exists", "businessUnitId");
}

function assertUnitForRole(role: Role, unitId: string | null) {
  if (role === "business_lead" && !unitId) {
    throw new AppError("unit_required", "A business lead needs the business unit whose needs they own", "businessUnitId");
  }
}

/** Creates a user with a one-time password, which they must change at first sign-in. */
export async function createUser({
  input,
  actor,
  password,
}: {
  input: { name: string; email: string; title: string; role: Role; businessUnitId: string | null };
  actor: Actor;
  /** Set a known password instead (demo workspace); otherwise a one-time one is made. */
  password?: string;
}): Promise<{ id: string; oneTimePassword: string | null }> {
  assertUnitForRole(input.role, input.businessUnitId);
  await assertUnitExists(input.businessUnitId);
  const oneTimePassword = password ? null : generateOneTimePassword();
  const passwordHash = await hashPassword(password ?? oneTimePassword!);
  try {
    return await db().transaction(async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({ ...input, passwordHash, mustChangePassword: !password })
        .returning({ id: users.id });
      await appendAudit(tx, {
        kind: "user.created",
        actor,
        subjectType: "user",
        subjectId: row!.id,
        payload: { email: input.email, name: input.name, role: input.role, businessUnitId: input.businessUnitId },
      });
      return { id: row!.id, oneTimePassword };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("email_taken", "A user with this email already exists", "email");
    throw error;
  }
}

export async function updateUser({
  id,
  input,
  actor,
}: {
  id: string;
  input: { name: string; title: string; role: Role; businessUnitId: string | null };
  actor: Actor;
}) {
  const before = await getUser(id);
  if (!before) throw new AppError("not_found", "That user no longer exists", undefined, 404);
  assertUnitForRole(input.role, input.businessUnitId);
  await assertUnitExists(input.businessUnitId);
  if (before.role === "admin" && input.role !== "admin") await assertAnotherActiveAdmin(id, "change the role of");
  const changes = diffFields(before, input);
  if (Object.keys(changes).length === 0) return;
  await db().transaction(async (tx) => {
    await tx.update(users).set({ ...input, updatedAt: new Date() }).where(eq(users.id, id));
    await appendAudit(tx, { kind: "user.updated", actor, subjectType: "user", subjectId: id, payload: { changes } });
  });
}

async function assertAnotherActiveAdmin(id: string, verb: string) {
  const [{ count } = { count: 0 }] = await db()
    .select({ count: sql<number>`count(*)::int` })
    .from(users)
    .where(sql`${users.role} = 'admin' and ${users.active} and ${users.id} <> ${id}`);
  if (count === 0) {
    throw new AppError("last_admin", `You cannot ${verb} the last active admin: make someone else an admin first`);
  }
}

/** Deactivates a user: their sessions end at once, so they are signed out at their next request. */
export async function setUserActive({ id, active, actor }: { id: string; active: boolean; actor: Actor }) {
  const before = await getUser(id);
  if (!before) throw new AppError("not_found", "That user no longer exists", undefined, 404);
  if (before.active === active) return;
  if (!active) {
    if (id === actor.id) throw new AppError("self_deactivate", "You cannot deactivate yourself");
    if (before.role === "admin") await assertAnotherActiveAdmin(id, "deactivate");
  }
  await db().transaction(async (tx) => {
    await tx.update(users).set({ active, updatedAt: new Date() }).where(eq(users.id, id));
    if (active) {
      await appendAudit(tx, { kind: "user.reactivated", actor, subjectType: "user", subjectId: id, payload: {} });
    } else {
      const sessionsRevoked = await deleteUserSessions(tx, id);
      await appendAudit(tx, {
        kind: "user.deactivated",
        actor,
        subjectType: "user",
        subjectId: id,
        payload: { sessionsRevoked },
      });
    }
  });
}

/** Issues a new one-time password (shown once to the admin); the user's sessions end. */
export async function resetUserPassword({ id, actor }: { id: string; actor: Actor }) {
  const before = await getUser(id);
  if (!before) throw new AppError("not_found", "That user no longer exists", undefined, 404);
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  await db().transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: true, updatedAt: new Date() }).where(eq(users.id, id));
    const sessionsRevoked = await deleteUserSessions(tx, id);
    await appendAudit(tx, {
      kind: "user.password_reset",
      actor,
      subjectType: "user",
      subjectId: id,
      payload: { sessionsRevoked },
    });
  });
  return { oneTimePassword };
}
