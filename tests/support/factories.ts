import { randomUUID } from "node:crypto";
import { businessUnits, guideVersions, interviewGuides, interviews, interviewStakeholders, stakeholders, users } from "../../db/schema";
import { db } from "../../app/db.server";
import type { GuideContent } from "../../app/domain/guide";
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

const ONE_QUESTION: GuideContent = {
  sections: [{ id: "s-one", title: "One", purpose: "", questions: [{ id: "q-one", type: "long_text", prompt: "What matters?", help: "", required: true, condition: null, settings: {} }] }],
};

/** A published guide version (by default one required question), for interviews to use. */
export async function makePublishedGuideVersion(title = "Discovery", content: GuideContent = ONE_QUESTION) {
  const [guide] = await db().insert(interviewGuides).values({ title }).returning();
  const [version] = await db()
    .insert(guideVersions)
    .values({
      guideId: guide!.id,
      number: 1,
      status: "published",
      publishedAt: new Date(),
      content,
    })
    .returning();
  return version!;
}

export async function makeInterview({
  unitId,
  interviewerId,
  stakeholderIds,
  ...overrides
}: { unitId: string; interviewerId: string; stakeholderIds: string[] } & Partial<typeof interviews.$inferInsert>) {
  const version = overrides.guideVersionId ? { id: overrides.guideVersionId } : await makePublishedGuideVersion();
  const [row] = await db()
    .insert(interviews)
    .values({
      guideVersionId: version.id,
      businessUnitId: unitId,
      interviewerId,
      scheduledAt: new Date("2026-12-01T10:00:00Z"),
      durationMinutes: 60,
      createdBy: interviewerId,
      ...overrides,
    })
    .returning();
  await db().insert(interviewStakeholders).values(stakeholderIds.map((stakeholderId) => ({ interviewId: row!.id, stakeholderId })));
  return row!;
}
