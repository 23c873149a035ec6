import { eq, sql } from "drizzle-orm";
import { needs } from "../../db/schema";
import { needRef, parseNeedRef } from "../domain/need";
import { db } from "../db.server";
import { appendAudit, type Actor } from "./audit.server";
import { flagNeedChange } from "./suspect.server";
import { AppError } from "./errors.server";
import { lockNeed, needGone, type NeedViewer } from "./need.server";
import { refreshNeedSupport, toUuidArray } from "./need-support.server";
import { rowsOf } from "./rows.server";

/**
 * Merges one need into another (the survivor). Nothing is moved: the merged need
 * keeps its evidence and points at the survivor, whose support now counts it, so
 * undoing the merge restores both exactly. Refuses a need into itself, a need
 * already merged, and a survivor that is itself merged (into this need: a circle).
 */
export async function mergeNeed({ id, into, viewer, actor }: { id: string; into: string; viewer: NeedViewer; actor: Actor }) {
  const number = parseNeedRef(into);
  if (number === null) throw new AppError("bad_reference", "Give the need to merge into by its number, e.g. N-12", "into");
  return db().transaction(async (tx) => {
    const [target] = await tx.select({ id: needs.id }).from(needs).where(eq(needs.number, number));
    if (!target) throw new AppError("target_not_found", `There is no need ${needRef(number)}`, "into");
    if (target.id === id) throw new AppError("merge_into_self", "A need cannot be merged into itself", "into");
    // Lock both rows in one order, so two merges of the same pair cannot deadlock; then re-read them.
    const [first, second] = [id, target.id].sort();
    const lockOrNull = (needId: string) => lockNeed(tx, needId, viewer).catch((error: unknown) => (error instanceof AppError && error.status === 404 ? null : Promise.reject(error)));
    const locked = new Map([
      [first!, await lockOrNull(first!)],
      [second!, await lockOrNull(second!)],
    ]);
    const source = locked.get(id);
    const survivor = locked.get(target.id);
    if (!source) throw needGone();
    if (!survivor) throw new AppError("target_not_found", `There is no need ${needRef(number)} you may see`, "into");
    if (source.mergedInto) {
      const [s] = await tx.select({ number: needs.number }).from(needs).where(eq(needs.id, source.survivorId));
      throw new AppError("already_merged", `${needRef(source.number)} is already merged into ${needRef(s!.number)}`, "into", 409);
    }
    if (survivor.mergedInto) {
      if (survivor.survivorId === source.id) {
        throw new AppError(
          "merge_cycle",
          `${needRef(survivor.number)} was merged into ${needRef(source.number)}: merging ${needRef(source.number)} into it would go round in a circle. Undo that merge first.`,
          "into",
        );
      }
      const [s] = await tx.select({ number: needs.number }).from(needs).where(eq(needs.id, survivor.survivorId));
      throw new AppError("target_merged", `${needRef(survivor.number)} was itself merged into ${needRef(s!.number)}: merge into ${needRef(s!.number)} instead`, "into");
    }
    // The needs merged earlier into the source move with it: lock them too, in one order.
    await tx.execute(sql`select id from needs where survivor_id = ${source.id} order by id for update`);
    const now = new Date();
    await tx.update(needs).set({ mergedInto: survivor.id, mergedAt: now, mergedBy: actor.id, survivorId: survivor.id, updatedAt: now }).where(eq(needs.id, source.id));
    // Needs merged earlier into the source now count towards the survivor too.
    await tx.update(needs).set({ survivorId: survivor.id }).where(eq(needs.survivorId, source.id));
    await refreshNeedSupport(tx, [survivor.id]);
    await appendAudit(tx, {
      kind: "need.merged",
      actor,
      subjectType: "need",
      subjectId: source.id,
      payload: { number: source.number, into: survivor.id, intoNumber: survivor.number },
    });
    await flagNeedChange(tx, { needId: source.id, number: source.number, reason: "need_merged", detail: `was merged into ${needRef(survivor.number)}`, actor });
    await flagNeedChange(tx, { needId: survivor.id, number: survivor.number, reason: "need_merged", detail: `had ${needRef(source.number)} merged into it`, actor });
    return { survivorId: survivor.id, survivorNumber: survivor.number };
  });
}

/** Undoes a merge: the need stands on its own again with its evidence and the needs merged into it. */
export async function unmergeNeed({ id, viewer, actor }: { id: string; viewer: NeedViewer; actor: Actor }) {
  return db().transaction(async (tx) => {
    const need = await lockNeed(tx, id, viewer);
    if (!need.mergedInto) throw new AppError("not_merged", "This need is not merged into another", undefined, 409);
    const [from] = await tx
      .select({ id: needs.id, number: needs.number })
      .from(needs)
      .where(sql`${needs.id} = ${need.mergedInto}`)
      .for("update");
    if (!from) throw needGone();
    // Its own family (needs merged into it, at any depth) comes back with it: locked in one order, then moved.
    const family = rowsOf<{ id: string }>(
      await tx.execute(sql`
        with recursive family(id) as (
          select n.id from needs n where n.merged_into = ${id}
          union all
          select n.id from needs n join family f on n.merged_into = f.id
        )
        select id from needs where id in (select id from family) order by id for update`),
    ).map((r) => r.id);
    await tx.update(needs).set({ mergedInto: null, mergedAt: null, mergedBy: null, survivorId: id, updatedAt: new Date() }).where(eq(needs.id, id));
    if (family.length) await tx.execute(sql`update needs set survivor_id = ${id} where id = any(${toUuidArray(family)})`);
    await refreshNeedSupport(tx, [id, need.survivorId]);
    await appendAudit(tx, { kind: "need.unmerged", actor, subjectType: "need", subjectId: id, payload: { number: need.number, from: from.id, fromNumber: from.number } });
    return { fromNumber: from.number };
  });
}
