import { and, asc, eq, ilike, isNotNull, or, sql, type SQL } from "drizzle-orm";
import { businessUnits, evidenceStakeholders, needEvidence, stakeholders } from "../../db/schema";
import { diffFields } from "../domain/audit";
import { previewStakeholderImport, type StakeholderInput } from "../domain/stakeholder";
import { db, type Executor } from "../db.server";
import { appendAudit, type Actor } from "./audit.server";
import { unitOptions } from "./business-unit.server";
import { AppError, isForeignKeyViolation, isUniqueViolation } from "./errors.server";
import { refreshNeedSupport } from "./need-support.server";

export async function listStakeholders({ unitId, q }: { unitId?: string; q?: string } = {}) {
  const where: SQL[] = [];
  if (unitId) where.push(eq(stakeholders.businessUnitId, unitId));
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(stakeholders.name, pattern), ilike(stakeholders.title, pattern), ilike(stakeholders.email, pattern))!);
  }
  return db()
    .select({
      id: stakeholders.id,
      name: stakeholders.name,
      title: stakeholders.title,
      level: stakeholders.level,
      email: stakeholders.email,
      unitId: businessUnits.id,
      unitName: businessUnits.name,
    })
    .from(stakeholders)
    .innerJoin(businessUnits, eq(businessUnits.id, stakeholders.businessUnitId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(businessUnits.name), asc(stakeholders.name));
}

export async function getStakeholder(id: string) {
  const [row] = await db().select().from(stakeholders).where(eq(stakeholders.id, id));
  return row ?? null;
}

async function assertUnit(unitId: string) {
  const [unit] = await db()
    .select({ id: businessUnits.id, archivedAt: businessUnits.archivedAt })
    .from(businessUnits)
    .where(eq(businessUnits.id, unitId));
  if (!unit) throw new AppError("unit_not_found", "That business unit no longer exists", "businessUnitId");
}

function emailTaken(error: unknown): never {
  if (isUniqueViolation(error, "stakeholders_email_key")) {
    throw new AppError("email_taken", "Another stakeholder has this email", "email");
  }
  throw error;
}

export async function createStakeholder({ input, actor }: { input: StakeholderInput; actor: Actor }) {
  await assertUnit(input.businessUnitId);
  try {
    return await db().transaction(async (tx) => {
      const [row] = await tx.insert(stakeholders).values(input).returning({ id: stakeholders.id });
      await appendAudit(tx, {
        kind: "stakeholder.created",
        actor,
        subjectType: "stakeholder",
        subjectId: row!.id,
        payload: { name: input.name, businessUnitId: input.businessUnitId },
      });
      return row!;
    });
  } catch (error) {
    emailTaken(error);
  }
}

export async function updateStakeholder({ id, input, actor }: { id: string; input: StakeholderInput; actor: Actor }) {
  const before = await getStakeholder(id);
  if (!before) throw new AppError("not_found", "That stakeholder no longer exists", undefined, 404);
  await assertUnit(input.businessUnitId);
  const changes = diffFields(before, input);
  if (Object.keys(changes).length === 0) return;
  try {
    await db().transaction(async (tx) => {
      await tx.update(stakeholders).set({ ...input, updatedAt: new Date() }).where(eq(stakeholders.id, id));
      // Needs count the units of the people behind them: a move to another unit recounts theirs.
      if (changes.businessUnitId) await refreshNeedSupport(tx, await needsQuoting(tx, id));
      await appendAudit(tx, { kind: "stakeholder.updated", actor, subjectType: "stakeholder", subjectId: id, payload: { changes } });
    });
  } catch (error) {
    emailTaken(error);
  }
}

/** The needs whose evidence quotes this stakeholder. */
async function needsQuoting(executor: Executor, stakeholderId: string): Promise<string[]> {
  const rows = await executor
    .selectDistinct({ needId: needEvidence.needId })
    .from(evidenceStakeholders)
    .innerJoin(needEvidence, eq(needEvidence.evidenceId, evidenceStakeholders.evidenceId))
    .where(eq(evidenceStakeholders.stakeholderId, stakeholderId));
  return rows.map((r) => r.needId);
}

export async function deleteStakeholder({ id, actor }: { id: string; actor: Actor }) {
  const before = await getStakeholder(id);
  if (!before) throw new AppError("not_found", "That stakeholder no longer exists", undefined, 404);
  try {
    await db().transaction(async (tx) => {
      await tx.delete(stakeholders).where(eq(stakeholders.id, id));
      await appendAudit(tx, { kind: "stakeholder.deleted", actor, subjectType: "stakeholder", subjectId: id, payload: { name: before.name } });
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) {
      throw new AppError("stakeholder_in_use", `${before.name} takes part in interviews, so they stay on the list (their interviews need them).`);
    }
    throw error;
  }
}

/** What an import of this CSV would do, checked against the units and emails in the database. */
export async function previewImport(content: string) {
  const [units, taken] = await Promise.all([
    unitOptions(),
    db().select({ email: stakeholders.email, name: stakeholders.name }).from(stakeholders).where(isNotNull(stakeholders.email)),
  ]);
  const existingEmails = new Map(taken.map((t) => [t.email!.toLowerCase(), t.name]));
  return previewStakeholderImport(content, { units, existingEmails });
}

/** Imports every row or none: any bad row (checked again here) means nothing is written. */
export async function importStakeholders({ content, actor }: { content: string; actor: Actor }) {
  const preview = await previewImport(content);
  if (!preview.ok) throw new AppError("bad_file", preview.fileError, "file");
  if (preview.errorCount > 0) {
    throw new AppError("bad_rows", `${preview.errorCount} row${preview.errorCount === 1 ? " has" : "s have"} errors; nothing was imported`, "file");
  }
  const values = preview.rows.map((r) => r.stakeholder!);
  try {
    return await db().transaction(async (tx) => {
      const rows = await tx.insert(stakeholders).values(values).returning({ id: stakeholders.id });
      await appendAudit(tx, {
        kind: "stakeholders.imported",
        actor,
        subjectType: "stakeholder",
        subjectId: "import",
        payload: { count: rows.length, ids: rows.map((r) => r.id) },
      });
      return { count: rows.length };
    });
  } catch (error) {
    emailTaken(error);
  }
}

export async function countStakeholders() {
  const [row] = await db().select({ count: sql<number>`count(*)::int` }).from(stakeholders);
  return row?.count ?? 0;
}
