import { and, eq, inArray, sql } from "drizzle-orm";
import { answers, evidence, evidenceStakeholders, interviews, interviewStakeholders, surveys } from "../../db/schema";
import {
  ANONYMOUS_NAMES_NOBODY,
  CHOOSE_WHO,
  heardIn,
  locateQuote,
  saidBy,
  sourceTextOf,
  type CaptureEvidenceInput,
  type InterviewEvidence,
} from "../domain/evidence";
import { allQuestions } from "../domain/guide";
import { db, type Executor } from "../db.server";
import { guideContentOf } from "./answer.server";
import { appendAudit, type Actor } from "./audit.server";
import { AppError } from "./errors.server";
import { visibleTo, type Viewer } from "./interview.server";
import { lockLiveNeeds, needsLinking, refreshNeedSupport, toUuidArray } from "./need-support.server";
import { forgetNeedFacets } from "./need-facet-cache.server";
import { heardAtSql, quoteSurveyOf } from "./quote-source.server";
import { rowsOf } from "./rows.server";

/** The text the evidence's source field holds now (null when it holds none), as SQL over `e` and `a`. */
export const CURRENT_TEXT = sql`(case when e.source = 'quote' then nullif(a.quote, '') when jsonb_typeof(a.value) = 'string' then nullif(a.value #>> '{}', '') end)`;
/** Joins the answer row an evidence row `e` was quoted from, as `a`. */
export const JOIN_SOURCE = sql`left join answers a on a.interview_id = e.interview_id and a.item = e.item and a.kind = (case when e.source = 'notes' then 'notes' else 'answer' end)::answer_kind`;

const interviewGone = () => new AppError("interview_not_found", "That interview does not exist, or it is private to its interviewer", undefined, 404);

/**
 * Saves a quoted passage of an answer (or its verbatim quote, or a section's
 * notes) as evidence, with who said it and tags. The passage must occur in the
 * field as it is now; offsets, when given, must cover exactly that passage.
 * A survey response is quoted once sent; an anonymous one names nobody (any
 * name given is refused), so its quotes stand for "anonymous respondent, <unit>".
 */
export async function captureEvidence({ interviewId, input, viewer, actor }: { interviewId: string; input: CaptureEvidenceInput; viewer: Viewer; actor: Actor }) {
  const database = db();
  const [interview] = await database
    .select({ status: interviews.status, guideVersionId: interviews.guideVersionId, private: interviews.private, surveyId: interviews.surveyId, anonymous: surveys.anonymous })
    .from(interviews)
    .leftJoin(surveys, eq(surveys.id, interviews.surveyId))
    .where(and(eq(interviews.id, interviewId), visibleTo(viewer)));
  if (!interview) throw interviewGone();
  if (interview.surveyId && interview.status !== "completed") {
    throw new AppError("response_not_sent", "Evidence comes from answers sent: this response has not been sent yet", undefined, 409);
  }
  if (interview.status !== "in_progress" && interview.status !== "completed") {
    throw new AppError("interview_not_held", "Evidence comes from what was said: start the interview first");
  }
  if (interview.anonymous && input.stakeholderIds.length) throw new AppError("anonymous_response", ANONYMOUS_NAMES_NOBODY, "stakeholderIds");
  if (!interview.anonymous && !input.stakeholderIds.length) throw new AppError("stakeholder_required", CHOOSE_WHO, "stakeholderIds");
  const content = await guideContentOf(interview.guideVersionId);
  const question = input.source === "notes" ? undefined : allQuestions(content).find((q) => q.id === input.item);
  const section = input.source === "notes" ? content.sections.find((s) => s.id === input.item) : undefined;
  if (!question && !section) throw new AppError("item_not_found", "That question is not in this interview's guide", "item");
  const [stored] = await database
    .select({ value: answers.value, quote: answers.quote })
    .from(answers)
    .where(and(eq(answers.interviewId, interviewId), eq(answers.kind, input.source === "notes" ? "notes" : "answer"), eq(answers.item, input.item)));
  const sourceText = sourceTextOf(input.source, stored, question);
  if (sourceText === null) throw new AppError("no_text", "There is no text there to quote yet", "text");
  const located = locateQuote(sourceText, input.text, input.start, input.end);
  if (!located.ok) throw new AppError(located.code, located.message, "text");
  const people = !input.stakeholderIds.length ? [] : await database
    .select({ id: interviewStakeholders.stakeholderId })
    .from(interviewStakeholders)
    .where(and(eq(interviewStakeholders.interviewId, interviewId), inArray(interviewStakeholders.stakeholderId, input.stakeholderIds)));
  if (people.length !== new Set(input.stakeholderIds).size) {
    throw new AppError("stakeholder_not_present", "Choose who said it from the people in this interview", "stakeholderIds");
  }
  const text = sourceText.slice(located.start, located.end);
  return database.transaction(async (tx) => {
    const [row] = await tx
      .insert(evidence)
      .values({
        interviewId,
        source: input.source,
        item: input.item,
        start: located.start,
        end: located.end,
        text,
        sourceText,
        checkedText: sourceText,
        tags: input.tags,
        private: interview.private,
        createdBy: actor.id,
      })
      .returning({ id: evidence.id });
    if (people.length) await tx.insert(evidenceStakeholders).values(people.map((p) => ({ evidenceId: row!.id, stakeholderId: p.id })));
    await appendAudit(tx, {
      kind: "evidence.captured",
      actor,
      subjectType: "evidence",
      subjectId: row!.id,
      payload: { interviewId, source: input.source, item: input.item, start: located.start, end: located.end, text, stakeholderIds: people.map((p) => p.id) },
    });
    forgetNeedFacets();
    return { id: row!.id, start: located.start, end: located.end, text };
  });
}

/** Whether an interview is a response to an anonymous survey (whose quotes name nobody). */
export async function isAnonymousResponse(interviewId: string): Promise<boolean> {
  const [row] = await db()
    .select({ anonymous: surveys.anonymous })
    .from(interviews)
    .innerJoin(surveys, eq(surveys.id, interviews.surveyId))
    .where(eq(interviews.id, interviewId));
  return row?.anonymous ?? false;
}

/** One piece of evidence with its source as it is now, if the viewer may see its interview; locked when `lock`. */
async function evidenceWithSource(executor: Executor, id: string, viewer: Viewer, interviewId: string, lock = false) {
  const rows = rowsOf<{ id: string; interview_id: string; text: string; checked_text: string; current_text: string | null }>(
    await executor.execute(sql`
      select e.id, e.interview_id, e.text, e.checked_text, ${CURRENT_TEXT} as current_text
      from evidence e
      join interviews on interviews.id = e.interview_id
      ${JOIN_SOURCE}
      where e.id = ${id} and e.interview_id = ${interviewId} and ${visibleTo(viewer) ?? sql`true`}
      ${lock ? sql`for update of e` : sql``}`),
  );
  return rows[0] ?? null;
}

const evidenceGone = () => new AppError("evidence_not_found", "That evidence is no longer on this interview: it may have just been removed");

/** Accepts a change at source: the evidence stands against the answer as it is now. */
export async function confirmEvidence({ id, interviewId, viewer, actor }: { id: string; interviewId: string; viewer: Viewer; actor: Actor }) {
  return db().transaction(async (tx) => {
    const row = await evidenceWithSource(tx, id, viewer, interviewId, true);
    if (!row) throw evidenceGone();
    const current = row.current_text ?? "";
    if (current === row.checked_text) throw new AppError("not_changed", "The answer has not changed since this evidence was checked");
    await tx.update(evidence).set({ checkedText: current, confirmedBy: actor.id, confirmedAt: new Date() }).where(eq(evidence.id, id));
    await appendAudit(tx, { kind: "evidence.confirmed", actor, subjectType: "evidence", subjectId: id, payload: { interviewId: row.interview_id, text: row.text } });
    return { interviewId: row.interview_id };
  });
}

/** Removes a piece of evidence; the needs it supported are recounted. */
export async function removeEvidence({ id, interviewId, viewer, actor }: { id: string; interviewId: string; viewer: Viewer; actor: Actor }) {
  return db().transaction(async (tx) => {
    // The needs first, then the evidence: the order linking takes too.
    const needIds = await needsLinking(tx, [id]);
    await lockLiveNeeds(tx, needIds);
    const row = await evidenceWithSource(tx, id, viewer, interviewId, true);
    if (!row) throw evidenceGone();
    await tx.delete(evidence).where(eq(evidence.id, id));
    await refreshNeedSupport(tx, needIds);
    await appendAudit(tx, { kind: "evidence.removed", actor, subjectType: "evidence", subjectId: id, payload: { interviewId: row.interview_id, text: row.text, needIds } });
    forgetNeedFacets();
    return { interviewId: row.interview_id };
  });
}


/** Every piece of evidence taken from one interview, with who said it and the needs it supports: one query. */
export async function interviewEvidence(interviewId: string): Promise<InterviewEvidence[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db().execute(sql`
      select e.id, e.source, e.item, e.start, e."end", e.text, e.source_text, e.checked_text, e.tags, e.created_at,
        ${CURRENT_TEXT} as current_text,
        coalesce((select json_agg(json_build_object('id', s.id, 'name', s.name) order by s.name)
          from evidence_stakeholders es join stakeholders s on s.id = es.stakeholder_id where es.evidence_id = e.id), '[]'::json) as stakeholders,
        coalesce((select json_agg(json_build_object('id', n.id, 'number', n.number, 'statement', n.statement,
            'survivorNumber', case when n.merged_into is null then null else sv.number end) order by n.number)
          from need_evidence ne join needs n on n.id = ne.need_id join needs sv on sv.id = n.survivor_id where ne.evidence_id = e.id), '[]'::json) as needs
      from evidence e
      ${JOIN_SOURCE}
      where e.interview_id = ${interviewId}
      order by e.item, e.start, e.created_at`),
  );
  return rows.map((r) => ({
    id: r.id as string,
    source: r.source as InterviewEvidence["source"],
    item: r.item as string,
    start: r.start as number,
    end: r.end as number,
    text: r.text as string,
    sourceText: r.source_text as string,
    checkedText: r.checked_text as string,
    currentText: (r.current_text as string | null) ?? null,
    changed: ((r.current_text as string | null) ?? "") !== r.checked_text,
    tags: (r.tags as string[]) ?? [],
    createdAt: new Date(r.created_at as string).toISOString(),
    stakeholders: r.stakeholders as InterviewEvidence["stakeholders"],
    needs: r.needs as InterviewEvidence["needs"],
  }));
}

/** Evidence matching words (full text over quotes), for linking to a need: newest first, each with who said it and where. */
export async function searchEvidence({ q, viewer, excludeNeedId, limit = 20 }: { q: string; viewer: Viewer; excludeNeedId?: string; limit?: number }) {
  const rows = rowsOf<Record<string, unknown>>(
    await db().execute(sql`
      select e.id, e.text, ${heardAtSql(sql`interviews`)} as heard_at, u.name as unit_name,
        sv.id as survey_id, sv.title as survey_title, sv.anonymous as survey_anonymous,
        coalesce((select json_agg(json_build_object('name', s.name) order by s.name) from evidence_stakeholders es join stakeholders s on s.id = es.stakeholder_id where es.evidence_id = e.id), '[]'::json) as people
      from evidence e
      join interviews on interviews.id = e.interview_id
      join business_units u on u.id = interviews.business_unit_id
      left join surveys sv on sv.id = interviews.survey_id
      where e.search @@ websearch_to_tsquery('english', ${q})
        and ${visibleTo(viewer) ?? sql`true`}
        ${excludeNeedId ? sql`and not exists (select 1 from need_evidence ne join needs m on m.id = ne.need_id where ne.evidence_id = e.id and m.survivor_id = ${excludeNeedId})` : sql``}
      order by interviews.scheduled_at desc, e.created_at desc
      limit ${limit}`),
  );
  return rows.map((r) => {
    const survey = quoteSurveyOf(r);
    const heardAt = new Date(r.heard_at as string).toISOString();
    const unitName = r.unit_name as string;
    return { id: r.id as string, text: r.text as string, heardAt, unitName, people: saidBy(r.people as { name: string }[], survey, unitName), heardIn: heardIn(survey, unitName, heardAt) };
  });
}

/** Chosen pieces of evidence (those the viewer may see), with who said them and their units: for the new-need form. */
export async function evidenceByIds({ ids, viewer }: { ids: readonly string[]; viewer: Viewer }) {
  if (!ids.length) return [];
  const rows = rowsOf<Record<string, unknown>>(
    await db().execute(sql`
      select e.id, e.text, ${heardAtSql(sql`interviews`)} as heard_at, interviews.id as interview_id, u.id as unit_id, u.name as unit_name,
        sv.id as survey_id, sv.title as survey_title, sv.anonymous as survey_anonymous,
        coalesce((select json_agg(json_build_object('name', s.name, 'unitId', s.business_unit_id) order by s.name)
          from evidence_stakeholders es join stakeholders s on s.id = es.stakeholder_id where es.evidence_id = e.id), '[]'::json) as people
      from evidence e
      join interviews on interviews.id = e.interview_id
      join business_units u on u.id = interviews.business_unit_id
      left join surveys sv on sv.id = interviews.survey_id
      where e.id = any(${toUuidArray(ids)}) and ${visibleTo(viewer) ?? sql`true`}
      order by interviews.scheduled_at, e.created_at`),
  );
  return rows.map((r) => {
    const survey = quoteSurveyOf(r);
    const people = r.people as { name: string; unitId: string }[];
    const heardAt = new Date(r.heard_at as string).toISOString();
    const unitName = r.unit_name as string;
    return {
      id: r.id as string,
      text: r.text as string,
      heardAt,
      interviewId: r.interview_id as string,
      unitId: r.unit_id as string,
      unitName,
      people,
      /** "Ana Reyes, Ben Ward", or "anonymous respondent, Retail Banking". */
      saidBy: saidBy(people, survey, unitName),
      /** "Interview with Retail Banking, 3 Nov 2026", or "Workplace pulse (survey), 12 Oct 2026". */
      heardIn: heardIn(survey, unitName, heardAt),
    };
  });
}
