import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { businessUnits, needComments, needEvidence, needs, needUnits } from "../../db/schema";
import { diffFields } from "../domain/audit";
import { needRef, statusProblem, type CreateNeedInput, type EditNeedInput, type NeedStatus } from "../domain/need";
import { db, type Executor } from "../db.server";
import { appendAudit, type Actor } from "./audit.server";
import { flagNeedChange } from "./suspect.server";
import { AppError } from "./errors.server";
import type { Viewer } from "./interview.server";
import { refreshNeedSupport, toUuidArray } from "./need-support.server";
import { forgetNeedFacets } from "./need-facet-cache.server";
import { rowsOf } from "./rows.server";

/** Who is looking at needs: business leads see those of their own unit. */
export interface NeedViewer extends Viewer {
  businessUnitId: string | null;
}

/**
 * Needs the viewer may read, as SQL given a need's `survivor_id`: all for RMs and
 * admins; for business leads, those whose live need concerns their unit. A live
 * need carries the units of the needs merged into it, so a lead's need merged
 * into another unit's need stays theirs to follow, with the whole family.
 */
export function needVisibleTo(viewer: NeedViewer, survivor: SQL = sql`${needs.survivorId}`): SQL {
  if (viewer.role === "admin" || viewer.role === "relationship_manager") return sql`true`;
  if (viewer.role === "business_lead" && viewer.businessUnitId) {
    return sql`exists (select 1 from need_units vu where vu.need_id = ${survivor} and vu.unit_id = ${viewer.businessUnitId})`;
  }
  return sql`false`;
}

/** Evidence the viewer may read, as SQL given its interview id: quotes of private interviews only for those who may see them. */
export function evidenceVisibleTo(viewer: Viewer, interviewId: SQL): SQL {
  if (viewer.role === "admin") return sql`true`;
  return sql`exists (select 1 from interviews vi where vi.id = ${interviewId} and (not vi.private or vi.interviewer_id = ${viewer.id} or vi.created_by = ${viewer.id}))`;
}

export const needGone = () => new AppError("need_not_found", "That need does not exist, or it belongs to another unit", undefined, 404);

/** The units exist and are in use; an archived unit the need already has may stay. */
async function checkUnits(executor: Executor, unitIds: readonly string[], already: readonly string[] = []) {
  const ids = [...new Set(unitIds)];
  const found = await executor
    .select({ id: businessUnits.id })
    .from(businessUnits)
    .where(and(inArray(businessUnits.id, ids), or(isNull(businessUnits.archivedAt), already.length ? inArray(businessUnits.id, [...already]) : sql`false`)));
  if (found.length !== ids.length) throw new AppError("unit_not_found", "One of the chosen business units does not exist or is archived", "unitIds");
  return ids;
}

/** Refuses evidence that does not exist or comes from an interview the viewer may not see; names how many. */
export async function checkEvidenceVisible(executor: Executor, evidenceIds: readonly string[], viewer: Viewer) {
  const ids = [...new Set(evidenceIds)];
  if (!ids.length) return ids;
  const rows = rowsOf<{ id: string; visible: boolean }>(
    await executor.execute(sql`
      select e.id, ${viewer.role === "admin" ? sql`true` : sql`(not i.private or i.interviewer_id = ${viewer.id} or i.created_by = ${viewer.id})`} as visible
      from evidence e join interviews i on i.id = e.interview_id
      where e.id = any(${toUuidArray(ids)})
      for key share of e`),
  );
  const hidden = ids.length - rows.filter((r) => r.visible).length;
  if (hidden) {
    throw new AppError(
      "evidence_not_visible",
      hidden === 1
        ? "One piece of evidence does not exist or comes from an interview you may not see: nothing was saved"
        : `${hidden} pieces of evidence do not exist or come from interviews you may not see: nothing was saved`,
      "evidenceIds",
    );
  }
  return ids;
}

/** A new need, from none, one or several pieces of evidence; its support is counted at once. */
export async function createNeed({ input, viewer, actor }: { input: CreateNeedInput; viewer: Viewer; actor: Actor }) {
  return db().transaction(async (tx) => {
    const unitIds = await checkUnits(tx, input.unitIds);
    const evidenceIds = await checkEvidenceVisible(tx, input.evidenceIds, viewer);
    const id = randomUUID();
    const [row] = await tx
      .insert(needs)
      .values({
        id,
        survivorId: id,
        statement: input.statement,
        outcome: input.outcome,
        process: input.process,
        criticalPeriod: input.criticalPeriod,
        pain: input.pain,
        category: input.category,
        createdBy: actor.id,
      })
      .returning({ id: needs.id, number: needs.number });
    await tx.insert(needUnits).values(unitIds.map((unitId) => ({ needId: id, unitId })));
    if (evidenceIds.length) await tx.insert(needEvidence).values(evidenceIds.map((evidenceId) => ({ needId: id, evidenceId, linkedBy: actor.id })));
    await refreshNeedSupport(tx, [id]);
    await appendAudit(tx, { kind: "need.created", actor, subjectType: "need", subjectId: id, payload: { number: row!.number, statement: input.statement, evidenceIds } });
    forgetNeedFacets();
    return row!;
  });
}

/** Locks a need the viewer may see, for a change. */
export async function lockNeed(executor: Executor, id: string, viewer: NeedViewer) {
  const [row] = await executor
    .select()
    .from(needs)
    .where(and(eq(needs.id, id), needVisibleTo(viewer)))
    .for("update");
  if (!row) throw needGone();
  return row;
}

async function survivorNumber(executor: Executor, survivorId: string) {
  const [row] = await executor.select({ number: needs.number }).from(needs).where(eq(needs.id, survivorId));
  return row ? needRef(row.number) : "another need";
}

/** Merged needs are read-only: changes go to the need that absorbed them. */
async function requireLive(executor: Executor, need: typeof needs.$inferSelect) {
  if (need.mergedInto) {
    throw new AppError("need_merged", `This need was merged into ${await survivorNumber(executor, need.survivorId)}: change that one, or undo the merge first`, undefined, 409);
  }
}

const CHANGED_WORDS: Record<string, string> = { statement: "statement", outcome: "outcome", process: "business process", criticalPeriod: "critical period", pain: "pain", category: "category", unitIds: "units" };

/** Edits a need's words, category and units; refused if someone changed it since the form was opened. */
export async function updateNeed({ id, input, viewer, actor }: { id: string; input: EditNeedInput; viewer: NeedViewer; actor: Actor }) {
  return db().transaction(async (tx) => {
    const need = await lockNeed(tx, id, viewer);
    await requireLive(tx, need);
    if (need.revision !== input.revision) {
      throw new AppError("stale", "Someone else changed this need since you opened it: your changes are below; check them against the current version and save again", undefined, 409);
    }
    const before = await tx
      .select({ unitId: needUnits.unitId })
      .from(needUnits)
      .where(and(eq(needUnits.needId, id), isNull(needUnits.viaNeedId)));
    const unitIds = await checkUnits(
      tx,
      input.unitIds,
      before.map((u) => u.unitId),
    );
    const fields = { statement: input.statement, outcome: input.outcome, process: input.process, criticalPeriod: input.criticalPeriod, pain: input.pain, category: input.category };
    const changes = diffFields({ ...need } as Record<string, unknown>, fields);
    const beforeUnits = before.map((u) => u.unitId).sort();
    if (beforeUnits.join() !== [...unitIds].sort().join()) changes.unitIds = { from: beforeUnits, to: [...unitIds].sort() };
    if (!Object.keys(changes).length) return { changed: false };
    await tx.update(needs).set({ ...fields, revision: need.revision + 1, updatedAt: new Date() }).where(eq(needs.id, id));
    if (changes.unitIds) {
      // Its own units change; those that came with merged needs are then laid again by the recount.
      await tx.delete(needUnits).where(eq(needUnits.needId, id));
      await tx.insert(needUnits).values(unitIds.map((unitId) => ({ needId: id, unitId })));
      await refreshNeedSupport(tx, [id]);
    }
    await appendAudit(tx, { kind: "need.updated", actor, subjectType: "need", subjectId: id, payload: { changes } });
    await flagNeedChange(tx, { needId: id, number: need.number, reason: "need_edited", detail: `was edited (${Object.keys(changes).map((k) => CHANGED_WORDS[k] ?? k).join(", ")} changed)`, actor });
    forgetNeedFacets();
    return { changed: true };
  });
}

export async function changeNeedStatus({ id, status, reason, viewer, actor }: { id: string; status: NeedStatus; reason: string; viewer: NeedViewer; actor: Actor }) {
  const problem = statusProblem(status, reason);
  if (problem) throw new AppError("reason_required", problem, "reason");
  return db().transaction(async (tx) => {
    const need = await lockNeed(tx, id, viewer);
    await requireLive(tx, need);
    if (need.status === status && need.statusReason === reason) throw new AppError("no_change", "The need already has that status", "status");
    await tx.update(needs).set({ status, statusReason: reason, revision: need.revision + 1, updatedAt: new Date() }).where(eq(needs.id, id));
    await appendAudit(tx, { kind: "need.status_changed", actor, subjectType: "need", subjectId: id, payload: { from: need.status, to: status, reason } });
    if (status === "rejected") await flagNeedChange(tx, { needId: id, number: need.number, reason: "need_rejected", detail: `was rejected: ${reason}`, actor });
  });
}

/** Links more evidence to a live need; evidence it already has (itself or through a merge) is skipped. */
export async function linkEvidence({ id, evidenceIds, viewer, actor }: { id: string; evidenceIds: string[]; viewer: NeedViewer; actor: Actor }) {
  return db().transaction(async (tx) => {
    const need = await lockNeed(tx, id, viewer);
    await requireLive(tx, need);
    const ids = await checkEvidenceVisible(tx, evidenceIds, viewer);
    const have = rowsOf<{ evidence_id: string }>(
      await tx.execute(sql`select ne.evidence_id from need_evidence ne join needs m on m.id = ne.need_id where m.survivor_id = ${id} and ne.evidence_id = any(${toUuidArray(ids)})`),
    );
    const fresh = ids.filter((e) => !have.some((h) => h.evidence_id === e));
    if (!fresh.length) throw new AppError("already_linked", "That evidence already supports this need", "evidenceIds");
    await tx.insert(needEvidence).values(fresh.map((evidenceId) => ({ needId: id, evidenceId, linkedBy: actor.id })));
    await refreshNeedSupport(tx, [id]);
    await appendAudit(tx, { kind: "need.evidence_linked", actor, subjectType: "need", subjectId: id, payload: { evidenceIds: fresh } });
    return { linked: fresh.length };
  });
}

/** Unlinks one piece of evidence from a need (the evidence itself stays). */
export async function unlinkEvidence({ id, evidenceId, viewer, actor }: { id: string; evidenceId: string; viewer: NeedViewer; actor: Actor }) {
  return db().transaction(async (tx) => {
    const need = await lockNeed(tx, id, viewer);
    await requireLive(tx, need);
    await checkEvidenceVisible(tx, [evidenceId], viewer);
    const removed = await tx
      .delete(needEvidence)
      .where(and(eq(needEvidence.needId, id), eq(needEvidence.evidenceId, evidenceId)))
      .returning({ evidenceId: needEvidence.evidenceId });
    if (!removed.length) {
      throw new AppError("not_linked", "That evidence is not linked to this need directly (it may come from a merged need: undo that merge to change it)", "evidenceId");
    }
    await refreshNeedSupport(tx, [id]);
    await appendAudit(tx, { kind: "need.evidence_unlinked", actor, subjectType: "need", subjectId: id, payload: { evidenceId } });
  });
}

/** A comment from anyone who may read the need (business leads of its units, RMs, admins). */
export async function commentOnNeed({ id, body, viewer, actor }: { id: string; body: string; viewer: NeedViewer; actor: Actor }) {
  return db().transaction(async (tx) => {
    await lockNeed(tx, id, viewer);
    const [row] = await tx.insert(needComments).values({ needId: id, authorId: viewer.id, body }).returning({ id: needComments.id });
    await appendAudit(tx, { kind: "need.commented", actor, subjectType: "need", subjectId: id, payload: { commentId: row!.id } });
    return row!;
  });
}

/** A need's id from its number (any need; the verb that follows checks who may change it). */
export async function needIdByNumber(number: number): Promise<string | null> {
  const [row] = await db().select({ id: needs.id }).from(needs).where(eq(needs.number, number));
  return row?.id ?? null;
}
