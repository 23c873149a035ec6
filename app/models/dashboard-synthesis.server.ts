/**
 * "Answers waiting to become needs": an interviewer's completed interviews with answers nobody has
 * quoted yet, counted exactly as the interview's Evidence and needs page counts them.
 */
import { inArray, sql } from "drizzle-orm";
import { guideVersions } from "../../db/schema";
import type { AnswerKind, StoredAnswer } from "../domain/answers";
import { QUOTABLE_TYPES, type EvidenceSource } from "../domain/evidence";
import type { GuideContent } from "../domain/guide";
import { synthesisOf, type EvidenceLike } from "../domain/synthesis";
import { db } from "../db.server";
import { rowsOf } from "./rows.server";

export interface UnsynthesisedInterview {
  id: string;
  scheduledAt: string;
  unitName: string;
  stakeholders: string;
  /** Answers with text (their own, or a verbatim quote) from which no evidence has been taken. */
  answers: number;
  /** Sections whose notes have text and no evidence taken from them. */
  notes: number;
}

const QUOTABLE = sql.raw(`array[${[...QUOTABLE_TYPES].map((t) => `'${t}'`).join(", ")}]`);

/**
 * An answer row `a` (of interview `i`, guide version `gv`) holding quotable text that no evidence
 * was taken from. Evidence names its source field, not the row: the answer's text and its verbatim
 * quote (sources "answer" and "quote") are the same answer; a section's notes are source "notes".
 * Empty answers are stored as null, or as an empty quote, and hold nothing to quote.
 */
const UNQUOTED_TEXT = sql`(
  case when a.kind = 'notes' then jsonb_typeof(a.value) = 'string' and a.value #>> '{}' <> ''
  else a.quote <> '' or (jsonb_typeof(a.value) = 'string' and a.value #>> '{}' <> '' and exists (
    select 1 from jsonb_array_elements(gv.content->'sections') sec, jsonb_array_elements(sec->'questions') q
    where q->>'id' = a.item and q->>'type' = any(${QUOTABLE})))
  end
  and not exists (
    select 1 from evidence e where e.interview_id = a.interview_id and e.item = a.item
      and (case when a.kind = 'notes' then e.source = 'notes' else e.source in ('answer', 'quote') end)))`;

/**
 * The interviewer's completed interviews with answers not quoted yet, longest waiting first, and how
 * many there are. SQL keeps to interviews with at least one unquoted text; the page's own rule
 * (`synthesisOf`, which also leaves out answers hidden by a show-if condition) then counts them.
 * Two queries however many interviews and answers.
 */
export async function unsynthesisedAnswers({ interviewerId, limit = 20 }: { interviewerId: string; limit?: number }) {
  const rows = rowsOf<{
    id: string;
    scheduled_at: string;
    guide_version_id: string;
    unit_name: string;
    people: string | null;
    answers: { kind: AnswerKind; item: string; value: unknown; quote: string }[];
    evidence: EvidenceLike[];
    total: number;
  }>(
    await db().execute(sql`
      select i.id, i.scheduled_at, i.guide_version_id, u.name as unit_name,
        (select string_agg(s.name, ', ' order by s.name) from interview_stakeholders x join stakeholders s on s.id = x.stakeholder_id where x.interview_id = i.id) as people,
        (select coalesce(json_agg(json_build_object('kind', a.kind, 'item', a.item, 'value', a.value, 'quote', a.quote)), '[]'::json) from answers a where a.interview_id = i.id) as answers,
        (select coalesce(json_agg(json_build_object('id', e.id, 'source', e.source, 'item', e.item, 'start', e.start, 'end', e."end", 'text', e.text, 'sourceText', e.source_text)), '[]'::json)
          from evidence e where e.interview_id = i.id) as evidence,
        count(*) over ()::int as total
      from interviews i
      join business_units u on u.id = i.business_unit_id
      join guide_versions gv on gv.id = i.guide_version_id
      where i.interviewer_id = ${interviewerId} and i.status = 'completed' and i.survey_id is null
        and exists (select 1 from answers a where a.interview_id = i.id and ${UNQUOTED_TEXT})
      order by i.scheduled_at, i.id
      limit ${limit}`),
  );
  if (!rows.length) return { interviews: [] as UnsynthesisedInterview[], total: 0 };
  const versionIds = [...new Set(rows.map((r) => r.guide_version_id))];
  const contents = new Map(
    (await db().select({ id: guideVersions.id, content: guideVersions.content }).from(guideVersions).where(inArray(guideVersions.id, versionIds))).map((v) => [v.id, v.content as GuideContent]),
  );
  const interviews: UnsynthesisedInterview[] = [];
  for (const r of rows) {
    const content = contents.get(r.guide_version_id);
    if (!content) continue;
    const stored: StoredAnswer[] = r.answers.map((a) => ({ ...a, revision: 0, seq: 0, updatedAt: "", updatedByName: null, saveKey: null }));
    const evidence = r.evidence.map((e) => ({ ...e, source: e.source as EvidenceSource }));
    const { sections } = synthesisOf(content, stored, evidence);
    const answers = sections.flatMap((s) => s.questions).filter((q) => q.texts.some((t) => t.text) && !q.texts.some((t) => t.evidenceIds.length)).length;
    const notes = sections.filter((s) => s.notes?.text && !s.notes.evidenceIds.length).length;
    if (answers + notes === 0) continue;
    interviews.push({ id: r.id, scheduledAt: new Date(r.scheduled_at).toISOString(), unitName: r.unit_name, stakeholders: r.people ?? "", answers, notes });
  }
  return { interviews, total: rows[0]!.total - (rows.length - interviews.length) };
}
