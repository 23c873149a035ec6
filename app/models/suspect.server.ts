/**
 * Suspect clauses: a change upstream of an agreed version marks the clauses that depend on it, in
 * the same transaction as the change (need edited, merged or rejected; a newer round's ranks), or
 * in a sweep for what happens without a change of ours (evidence changed at source, an agreement
 * that ran out). Only the newest agreed version of a service counts: once a newer one is agreed,
 * the older one's marks stop showing. A relationship manager clears them with a note.
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { suspectClauses, users } from "../../db/schema";
import { clauseNeedLinks, type Definition } from "../domain/definition";
import { formatDay } from "../domain/interview";
import { needRef } from "../domain/need";
import { clauseLabel, clausesOnSupport, rankWords, type ClearSuspectsInput, type SuspectReason } from "../domain/suspect";
import { db, type Executor, type Tx } from "../db.server";
import { appendAudit, SYSTEM_ACTOR, type Actor } from "./audit.server";
import { AppError } from "./errors.server";
import { toUuidArray } from "./need-support.server";
import { rowsOf } from "./rows.server";

interface AgreedVersion {
  serviceId: string;
  versionId: string;
  number: number;
  definition: Definition;
}

/**
 * Every service's newest agreed version: what suspicion attaches to. With `mentioning`, only those
 * whose text names one of these ids (a cheap filter before the definitions are read).
 */
async function newestAgreed(executor: Executor, mentioning?: string[]): Promise<AgreedVersion[]> {
  const rows = rowsOf<{ service_id: string; id: string; number: number; definition: Definition }>(
    await executor.execute(sql`
      select n.service_id, n.id, n.number, n.content->'definition' as definition from (
        select distinct on (sv.service_id) sv.service_id, sv.id, sv.number, sv.content
        from service_versions sv join agreed_documents d on d.version_id = sv.id
        order by sv.service_id, sv.number desc
      ) n
      where ${mentioning ? sql`n.content::text like any(${`{${mentioning.map((id) => `%${id}%`).join(",")}}`}::text[])` : sql`true`}`),
  );
  return rows.map((r) => ({ serviceId: r.service_id, versionId: r.id, number: r.number, definition: r.definition }));
}

/** Marks clauses (skipping those marked already for the same reason and source) and records it, an event per service. */
async function flag(tx: Tx, reason: SuspectReason, sourceId: string, detail: string, clauses: { serviceId: string; versionId: string; clauseId: string }[], actor: Actor) {
  if (!clauses.length) return 0;
  const inserted = await tx
    .insert(suspectClauses)
    .values(clauses.map((c) => ({ ...c, reason, sourceId, detail })))
    .onConflictDoNothing({ target: [suspectClauses.versionId, suspectClauses.clauseId, suspectClauses.reason, suspectClauses.sourceId], where: sql`cleared_at is null` })
    .returning({ serviceId: suspectClauses.serviceId, versionId: suspectClauses.versionId, clauseId: suspectClauses.clauseId });
  for (const serviceId of new Set(inserted.map((i) => i.serviceId))) {
    await appendAudit(tx, {
      kind: "suspect.flagged",
      actor,
      subjectType: "service",
      subjectId: serviceId,
      payload: { reason, sourceId, detail, clauses: inserted.filter((i) => i.serviceId === serviceId).map(({ versionId, clauseId }) => ({ versionId, clauseId })) },
    });
  }
  return inserted.length;
}

/** The clauses of agreed versions (all of them, or those given) that name any of these needs. */
async function clausesNaming(tx: Tx, needIds: string[], agreed?: AgreedVersion[]) {
  const wanted = new Set(needIds);
  return (agreed ?? (await newestAgreed(tx, needIds))).flatMap((v) =>
    [...new Set(clauseNeedLinks(v.definition).filter((l) => wanted.has(l.needId)).map((l) => l.clauseId))].map((clauseId) => ({ serviceId: v.serviceId, versionId: v.versionId, clauseId })),
  );
}

/** A need changed (edited, merged, rejected): the clauses answering it are marked, inside the change's transaction. */
export async function flagNeedChange(tx: Tx, { needId, number, reason, detail, actor }: { needId: string; number: number; reason: "need_edited" | "need_merged" | "need_rejected"; detail: string; actor: Actor }) {
  return flag(tx, reason, needId, `${needRef(number)} ${detail}`, await clausesNaming(tx, [needId]), actor);
}

/**
 * A round closed: each need it ranked that an agreed clause answers, and that an earlier closed
 * round ranked differently, marks those clauses.
 */
export async function flagRankChanges(tx: Tx, { roundId, actor }: { roundId: string; actor: Actor }) {
  const moved = rowsOf<{ need_id: string; number: number; rank: number; ranked: number; title: string; was_rank: number; was_ranked: number; was_title: string }>(
    await tx.execute(sql`
      select rr.need_id, n.number, rr.rank, rr.ranked, r.title, prev.rank as was_rank, prev.ranked as was_ranked, prev.title as was_title
      from round_ranks rr join rounds r on r.id = rr.round_id join needs n on n.id = rr.need_id
      join lateral (
        select p.rank, p.ranked, pr.title from round_ranks p join rounds pr on pr.id = p.round_id
        where p.need_id = rr.need_id and p.round_id <> rr.round_id and p.closed_at < rr.closed_at
        order by p.closed_at desc limit 1
      ) prev on true
      where rr.round_id = ${roundId} and rr.closed_at = (select max(closed_at) from round_ranks where round_id = ${roundId})
        and (prev.rank <> rr.rank or prev.ranked <> rr.ranked)`),
  );
  if (!moved.length) return 0;
  // The agreed versions naming any moved need, read once for all of them.
  const agreed = await newestAgreed(
    tx,
    moved.map((m) => m.need_id),
  );
  let count = 0;
  for (const m of moved) {
    const clauses = await clausesNaming(tx, [m.need_id], agreed);
    count += await flag(tx, "rank_changed", m.need_id, `${needRef(m.number)} is ranked ${rankWords(m.rank, m.ranked)} in "${m.title}", was ${rankWords(m.was_rank, m.was_ranked)} in "${m.was_title}"`, clauses, actor);
  }
  return count;
}

/**
 * What changes without a change of ours: evidence behind an agreed clause whose answer now says
 * something else than when it was last checked, and supporting services whose agreement ended.
 * Idempotent; run at start, on a timer and after an interview is completed.
 */
export async function sweepSuspects({ executor = db(), today = new Date().toISOString().slice(0, 10) }: { executor?: Executor; today?: string } = {}) {
  return executor.transaction(async (tx) => {
    const agreed = await newestAgreed(tx);
    if (!agreed.length) return 0;
    let count = 0;
    const allNeeds = [...new Set(agreed.flatMap((v) => clauseNeedLinks(v.definition).map((l) => l.needId)))];
    if (allNeeds.length) {
      const changed = rowsOf<{ evidence_id: string; need_id: string; number: number; text: string }>(
        await tx.execute(sql`
          select e.id as evidence_id, ne.need_id, n.number, e.text
          from need_evidence ne join needs n on n.id = ne.need_id join evidence e on e.id = ne.evidence_id
          left join answers a on a.interview_id = e.interview_id and a.item = e.item and a.kind = (case when e.source = 'notes' then 'notes' else 'answer' end)::answer_kind
          where ne.need_id = any(${toUuidArray(allNeeds)})
            and coalesce((case when e.source = 'quote' then nullif(a.quote, '') when jsonb_typeof(a.value) = 'string' then nullif(a.value #>> '{}', '') end), '') <> e.checked_text`),
      );
      for (const c of changed) {
        const quote = c.text.length > 80 ? `${c.text.slice(0, 77)}…` : c.text;
        count += await flag(tx, "evidence_changed", c.evidence_id, `The answer quoted for ${needRef(c.number)} changed since it was taken as evidence ("${quote}")`, await clausesNaming(tx, [c.need_id], agreed), SYSTEM_ACTOR);
      }
    }
    const expired = rowsOf<{ service_id: string; support_id: string; name: string; agreement_end: string; reference: string }>(
      await tx.execute(sql`
        select d.service_id, s.id as support_id, s.name, s.agreement_end::text as agreement_end, s.agreement_reference as reference
        from service_dependencies d join services s on s.id = d.depends_on_id
        where s.agreement_end is not null and s.agreement_end < ${today}::date`),
    );
    for (const e of expired) {
      const version = agreed.find((v) => v.serviceId === e.service_id);
      if (!version) continue;
      const clauses = clausesOnSupport(version.definition).map((clauseId) => ({ serviceId: e.service_id, versionId: version.versionId, clauseId }));
      count += await flag(tx, "agreement_expired", e.support_id, `${e.name}'s agreement${e.reference ? ` (${e.reference})` : ""} ended on ${formatDay(e.agreement_end)}`, clauses, SYSTEM_ACTOR);
    }
    return count;
  });
}

export interface SuspectView {
  id: string;
  clauseId: string;
  clause: { kind: string; text: string };
  reason: SuspectReason;
  detail: string;
  flaggedAt: string;
}

/** The open marks on a service's newest agreed version, oldest first, with each clause in words. */
export async function suspectsOf(serviceId: string): Promise<{ versionNumber: number | null; items: SuspectView[] }> {
  const version = (await newestAgreed(db())).find((v) => v.serviceId === serviceId);
  if (!version) return { versionNumber: null, items: [] };
  const rows = await db()
    .select()
    .from(suspectClauses)
    .where(and(eq(suspectClauses.versionId, version.versionId), isNull(suspectClauses.clearedAt)))
    .orderBy(suspectClauses.flaggedAt, suspectClauses.clauseId);
  return {
    versionNumber: version.number,
    items: rows.map((r) => ({ id: r.id, clauseId: r.clauseId, clause: clauseLabel(version.definition, r.clauseId), reason: r.reason, detail: r.detail, flaggedAt: r.flaggedAt.toISOString() })),
  };
}

/** Clears marks on one service with a note of why the clauses still hold. */
export async function clearSuspects({ serviceId, input, actor }: { serviceId: string; input: ClearSuspectsInput; actor: Actor }) {
  return db().transaction(async (tx) => {
    const rows = await tx
      .select({ id: suspectClauses.id, clauseId: suspectClauses.clauseId })
      .from(suspectClauses)
      .where(and(eq(suspectClauses.serviceId, serviceId), inArray(suspectClauses.id, input.ids), isNull(suspectClauses.clearedAt)))
      .for("update");
    if (!rows.length) throw new AppError("nothing_to_clear", "Those clauses are no longer marked suspect: someone may have cleared them already", undefined, 409);
    await tx.update(suspectClauses).set({ clearedAt: new Date(), clearedBy: actor.id, clearNote: input.note }).where(inArray(suspectClauses.id, rows.map((r) => r.id)));
    await appendAudit(tx, { kind: "suspect.cleared", actor, subjectType: "service", subjectId: serviceId, payload: { ids: rows.map((r) => r.id), clauseIds: [...new Set(rows.map((r) => r.clauseId))], note: input.note } });
    return { cleared: rows.length };
  });
}

/** Who cleared what, for the history under the list (newest first). */
export async function clearedSuspects(serviceId: string, limit = 20) {
  return db()
    .select({ id: suspectClauses.id, clauseId: suspectClauses.clauseId, detail: suspectClauses.detail, clearedAt: suspectClauses.clearedAt, note: suspectClauses.clearNote, by: users.name })
    .from(suspectClauses)
    .leftJoin(users, eq(users.id, suspectClauses.clearedBy))
    .where(and(eq(suspectClauses.serviceId, serviceId), sql`${suspectClauses.clearedAt} is not null`))
    .orderBy(sql`${suspectClauses.clearedAt} desc`)
    .limit(limit);
}

/** Services with open suspect clauses, most clauses first, with the newest reason in words. One query. */
export async function servicesWithSuspects(): Promise<{ id: string; name: string; clauses: number; reasons: number; latest: string }[]> {
  return rowsOf<{ id: string; name: string; clauses: number; reasons: number; latest: string }>(
    await db().execute(sql`
      with newest as (
        select distinct on (sv.service_id) sv.service_id, sv.id from service_versions sv join agreed_documents d on d.version_id = sv.id
        order by sv.service_id, sv.number desc
      )
      select s.id, s.name, count(distinct sc.clause_id)::int as clauses, count(distinct (sc.reason, sc.source_id))::int as reasons,
        (array_agg(sc.detail order by sc.flagged_at desc))[1] as latest
      from suspect_clauses sc join newest n on n.id = sc.version_id join services s on s.id = sc.service_id
      where sc.cleared_at is null
      group by s.id, s.name order by count(distinct sc.clause_id) desc, s.name`),
  );
}
