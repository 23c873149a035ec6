import { randomUUID } from "node:crypto";
import { businessUnits, stakeholders, users } from "../../db/schema";
import { db } from "../../app/db.server";
import type { Role } from "../../app/domain/roles";
import { createSession } from "../../app/models/session.server";
import { hashPassword } from "../../app/utils/password.server";
import { serializeSessionCookie } from "../../app/utils/session.server";

export const PASSWORD = "correct horse battery";
let passwordHash: Promise<string> | undefined;

export async function makeUnit(overrides: Partial<typeof businessUnits.$inferInsert> = {}) {
  const n = randomUUID().slice(0, 6);
  const [unit] = await db()
    .insert(businessUnits)
    .values({ name: `Unit ${n}`, code: `U${n}`.toUpperCase(), ...overrides })
    .returning();
  return unit!;
}

export async function makeUser(role: Role, overrides: Partial<typeof users.$inferInsert> = {}) {
  passwordHash ??= hashPassword(PASSWORD);
  const n = randomUUID().slice(0, 8);
  const businessUnitId =
    overrides.businessUnitId !== undefined ? overrides.businessUnitId : role === "business_lead" ? (await makeUnit()).id : null;
  const [user] = await db()
    .insert(users)
    .values({
      email: `${role}.${n}@example.com`,
      name: `${role} ${n}`,
      role,
      passwordHash: await passwordHash,
      ...overrides,
      businessUnitId,
    })
    .returning();
  return user!;
}

export async function makeStakeholder(unitId: string, overrides: Partial<typeof stakeholders.$inferInsert> = {}) {
  const n = randomUUID().slice(0, 8);
  const [row] = await db()
    .insert(stakeholders)
    .values({ name: `Person ${n}`, level: "manager", businessUnitId: unitId, email: `p.${n}@example.com`, ...overrides })
    .returning();
  return row!;
}

/** A signed session cookie for the user, as the browser would send it. */
export async function cookieFor(userId: string): Promise<string> {
  const token = await createSession(db(), { userId, meta: { ip: "127.0.0.1", userAgent: "vitest" } });
  const setCookie = await serializeSessionCookie(token);
  return setCookie.split(";")[0]!;
}
