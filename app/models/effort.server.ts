import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { needEfforts, needs } from "../../db/schema";
import type { Effort, EffortInput } from "../domain/effort";
import { needRef } from "../domain/need";
import { db, type Tx } from "../db.server";
import { appendAudit, type Actor } from "./audit.server";
import { AppError } from "./errors.server";

/** One need's estimate written (or withdrawn, with null) inside the caller's transaction, as an audit event. */
async function writeEffort(tx: Tx, needId: string, input: EffortInput | null, actor: Actor) {
  if (input) {
    await tx
      .insert(needEfforts)
      .values({ needId, size: input.size, days: input.days, note: input.note, updatedBy: actor.id })
      .onConflictDoUpdate({
        target: needEfforts.needId,
        set: { size: input.size, days: input.days, note: input.note, updatedBy: actor.id, updatedAt: new Date(), revision: sql`${needEfforts.revision} + 1` },
      });
  } else {
    const removed = await tx.delete(needEfforts).where(eq(needEfforts.needId, needId)).returning({ needId: needEfforts.needId });
    if (!removed.length) return;
  }
  await appendAudit(tx, { kind: "need.effort_set", actor, subjectType: "need", subjectId: needId, payload: { size: input?.size ?? null, days: input?.days ?? null } });
}

/**
 * Records IT's estimates for several needs at once, all or nothing: refused if a
 * need was merged away, or if someone changed one of these estimates since
 * `seenAt` (when the form was loaded), naming the needs.
 */
export async function saveEfforts({ changes, seenAt, actor }: { changes: { needId: string; input: EffortInput | null }[]; seenAt: Date | null; actor: Actor }) {
  if (!changes.length) return;
  return db().transaction(async (tx) => {
    const ids = changes.map((c) => c.needId);
    const live = await tx.select({ id: needs.id, number: needs.number }).from(needs).where(and(inArray(needs.id, ids), isNull(needs.mergedInto))).for("share");
    if (live.length !== new Set(ids).size) throw new AppError("need_merged", "One of these needs was merged into another since the page was loaded: load the page again");
    const current = await tx.select({ needId: needEfforts.needId, updatedAt: needEfforts.updatedAt }).from(needEfforts).where(inArray(needEfforts.needId, ids)).for("update");
    const moved = seenAt ? current.filter((c) => c.updatedAt > seenAt).map((c) => live.find((n) => n.id === c.needId)!.number) : [];
    if (moved.length) {
      throw new AppError(
        "stale",
        `Someone changed the estimate of ${moved.sort((a, b) => a - b).map(needRef).join(", ")} since you opened this page: check ${moved.length === 1 ? "it" : "them"} and save again`,
        undefined,
        409,
      );
    }
    for (const c of changes) await writeEffort(tx, c.needId, c.input, actor);
  });
}

/** Records IT's effort estimate for one live need (replacing any earlier one). */
export async function setNeedEffort({ needId, input, actor }: { needId: string; input: EffortInput; actor: Actor }) {
  return saveEfforts({ changes: [{ needId, input }], seenAt: null, actor });
}

/** Withdraws a need's effort estimate. */
export async function clearNeedEffort({ needId, actor }: { needId: string; actor: Actor }) {
  return saveEfforts({ changes: [{ needId, input: null }], seenAt: null, actor });
}

/** IT's estimates for these needs, by need id. */
export async function effortsFor(needIds: string[]): Promise<Record<string, Effort & { note: string }>> {
  if (!needIds.length) return {};
  const rows = await db().select({ needId: needEfforts.needId, size: needEfforts.size, days: needEfforts.days, note: needEfforts.note }).from(needEfforts).where(inArray(needEfforts.needId, needIds));
  return Object.fromEntries(rows.map((r) => [r.needId, { size: r.size, days: r.days, note: r.note }]));
}
