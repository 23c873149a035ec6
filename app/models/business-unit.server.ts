import { asc, eq, isNull, sql } from "drizzle-orm";
import { businessUnits, stakeholders, users } from "../../db/schema";
import { diffFields } from "../domain/audit";
import { db } from "../db.server";
import { appendAudit, type Actor } from "./audit.server";
import { AppError, isUniqueViolation } from "./errors.server";

type UnitInput = { name: string; code: string; description: string };

/** Units with how many active users and stakeholders each has, in one query. */
export async function listBusinessUnits({ includeArchived = true } = {}) {
  return db()
    .select({
      id: businessUnits.id,
      name: businessUnits.name,
      code: businessUnits.code,
      description: businessUnits.description,
      archivedAt: businessUnits.archivedAt,
      userCount: sql<number>`(select count(*)::int from ${users} where ${users.businessUnitId} = ${businessUnits.id} and ${users.active})`,
      stakeholderCount: sql<number>`(select count(*)::int from ${stakeholders} where ${stakeholders.businessUnitId} = ${businessUnits.id})`,
    })
    .from(businessUnits)
    .where(includeArchived ? undefined : isNull(businessUnits.archivedAt))
    .orderBy(asc(businessUnits.name));
}

/** The choices for a "business unit" select. */
export async function unitOptions() {
  return db()
    .select({ id: businessUnits.id, name: businessUnits.name, code: businessUnits.code })
    .from(businessUnits)
    .where(isNull(businessUnits.archivedAt))
    .orderBy(asc(businessUnits.name));
}

export async function getBusinessUnit(id: string) {
  const [row] = await db().select().from(businessUnits).where(eq(businessUnits.id, id));
  return row ?? null;
}

function uniqueError(error: unknown): never {
  if (isUniqueViolation(error, "business_units_name_key")) {
    throw new AppError("unit_name_taken", "Another business unit has this name", "name");
  }
  if (isUniqueViolation(error, "business_units_code_key")) {
    throw new AppError("unit_code_taken", "Another business unit has this code", "code");
  }
  throw error;
}

export async function createBusinessUnit({ input, actor }: { input: UnitInput; actor: Actor }) {
  try {
    return await db().transaction(async (tx) => {
      const [row] = await tx.insert(businessUnits).values(input).returning({ id: businessUnits.id });
      await appendAudit(tx, {
        kind: "business_unit.created",
        actor,
        subjectType: "business_unit",
        subjectId: row!.id,
        payload: { name: input.name, code: input.code },
      });
      return row!;
    });
  } catch (error) {
    uniqueError(error);
  }
}

export async function updateBusinessUnit({ id, input, actor }: { id: string; input: UnitInput; actor: Actor }) {
  const before = await getBusinessUnit(id);
  if (!before) throw new AppError("not_found", "That business unit no longer exists", undefined, 404);
  const changes = diffFields(before, input);
  if (Object.keys(changes).length === 0) return;
  try {
    await db().transaction(async (tx) => {
      await tx.update(businessUnits).set({ ...input, updatedAt: new Date() }).where(eq(businessUnits.id, id));
      await appendAudit(tx, {
        kind: "business_unit.updated",
        actor,
        subjectType: "business_unit",
        subjectId: id,
        payload: { changes },
      });
    });
  } catch (error) {
    uniqueError(error);
  }
}

/** Archived units keep their history but are no longer offered in lists. */
export async function setBusinessUnitArchived({ id, archived, actor }: { id: string; archived: boolean; actor: Actor }) {
  const before = await getBusinessUnit(id);
  if (!before) throw new AppError("not_found", "That business unit no longer exists", undefined, 404);
  if (Boolean(before.archivedAt) === archived) return;
  await db().transaction(async (tx) => {
    await tx
      .update(businessUnits)
      .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
      .where(eq(businessUnits.id, id));
    await appendAudit(tx, {
      kind: archived ? "business_unit.archived" : "business_unit.restored",
      actor,
      subjectType: "business_unit",
      subjectId: id,
      payload: {},
    });
  });
}
