import { inArray, sql } from "drizzle-orm";
import { needEfforts, needs } from "../../db/schema";
import type { Effort, EffortInput } from "../domain/effort";
import { db } from "../db.server";
import { appendAudit, type Actor } from "./audit.server";
import { AppError } from "./errors.server";

/** Records IT's effort estimate for a live need (replacing any earlier one), as an audit event. */
export async function setNeedEffort({ needId, input, actor }: { needId: string; input: EffortInput; actor: Actor }) {
  return db().transaction(async (tx) => {
    const [need] = await tx.select({ id: needs.id, mergedInto: needs.mergedInto }).from(needs).where(sql`${needs.id} = ${needId}`);
    if (!need) throw new AppError("need_not_found", "That need does not exist", undefined, 404);
    if (need.mergedInto) throw new AppError("need_merged", "That need was merged into another: estimate the one it was merged into");
    await tx
      .insert(needEfforts)
      .values({ needId, size: input.size, days: input.days, note: input.note, updatedBy: actor.id })
      .onConflictDoUpdate({
        target: needEfforts.needId,
        set: { size: input.size, days: input.days, note: input.note, updatedBy: actor.id, updatedAt: new Date(), revision: sql`${needEfforts.revision} + 1` },
      });
    await appendAudit(tx, { kind: "need.effort_set", actor, subjectType: "need", subjectId: needId, payload: { size: input.size, days: input.days } });
  });
}

/** IT's estimates for these needs, by need id. */
export async function effortsFor(needIds: string[]): Promise<Record<string, Effort & { note: string }>> {
  if (!needIds.length) return {};
  const rows = await db().select({ needId: needEfforts.needId, size: needEfforts.size, days: needEfforts.days, note: needEfforts.note }).from(needEfforts).where(inArray(needEfforts.needId, needIds));
  return Object.fromEntries(rows.map((r) => [r.needId, { size: r.size, days: r.days, note: r.note }]));
}

/** Withdraws a need's effort estimate, as an audit event. */
export async function clearNeedEffort({ needId, actor }: { needId: string; actor: Actor }) {
  return db().transaction(async (tx) => {
    const removed = await tx.delete(needEfforts).where(sql`${needEfforts.needId} = ${needId}`).returning({ needId: needEfforts.needId });
    if (removed.length) await appendAudit(tx, { kind: "need.effort_set", actor, subjectType: "need", subjectId: needId, payload: { size: null, days: null } });
  });
}
