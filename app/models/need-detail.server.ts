import { sql } from "drizzle-orm";
import { supportOf, type NeedCategory, type NeedQuote, type NeedStatus } from "../domain/need";
import { respondentLabel } from "../domain/survey";
import { db } from "../db.server";
import { CURRENT_TEXT, JOIN_SOURCE } from "./evidence.server";
import { heardAtSql, quoteSurveyOf } from "./quote-source.server";
import { evidenceVisibleTo, needVisibleTo, type NeedViewer } from "./need.server";
import { rowsOf } from "./rows.server";


/**
 * A need with everything behind it: units, comments, the needs merged into it,
 * and every quote (its own and those of merged needs; for a merged need, its
 * own) with who said it and when, and the survey it was answered in if any.
 * Four queries however much evidence.
 */
export async function getNeed({ id, viewer }: { id: string; viewer: NeedViewer }) {
  const [head] = rowsOf<Record<string, unknown>>(
    await db().execute(sql`
      select n.*, sv.number as survivor_number, sv.statement as survivor_statement, mb.name as merged_by_name, cb.name as created_by_name,
        coalesce((select json_agg(json_build_object('id', u.id, 'name', u.name, 'own', nu.via_need_id is null) order by u.name) from need_units nu join business_units u on u.id = nu.unit_id where nu.need_id = n.id), '[]'::json) as units
      from needs n
      join needs sv on sv.id = n.survivor_id
      left join users mb on mb.id = n.merged_by
      left join users cb on cb.id = n.created_by
      where n.id = ${id} and ${needVisibleTo(viewer, sql`n.survivor_id`)}`),
  );
  if (!head) return null;
  const live = head.merged_into === null;
  const seesAll = viewer.role === "admin";
  const [quotes, absorbed, comments] = await Promise.all([
    db().execute(sql`
      select distinct on (e.id) e.id, e.text, e.tags, e.item, e.start, e.created_at, e.checked_text, ${CURRENT_TEXT} as current_text,
        i.id as interview_id, ${heardAtSql()} as heard_at, iu.id as interview_unit_id, iu.name as interview_unit,
        sv.id as survey_id, sv.title as survey_title, sv.anonymous as survey_anonymous,
        ${seesAll ? sql`true` : sql`(not i.private or i.interviewer_id = ${viewer.id} or i.created_by = ${viewer.id})`} as visible,
        m.id as via_id, m.number as via_number,
        coalesce((select json_agg(json_build_object('id', s.id, 'name', s.name, 'title', s.title, 'unitId', s.business_unit_id, 'unitName', su.name) order by s.name)
          from evidence_stakeholders es join stakeholders s on s.id = es.stakeholder_id join business_units su on su.id = s.business_unit_id
          where es.evidence_id = e.id), '[]'::json) as stakeholders
      from needs m
      join need_evidence ne on ne.need_id = m.id
      join evidence e on e.id = ne.evidence_id
      join interviews i on i.id = e.interview_id
      join business_units iu on iu.id = i.business_unit_id
      left join surveys sv on sv.id = i.survey_id
      ${JOIN_SOURCE}
      where ${live ? sql`m.survivor_id = ${id}` : sql`m.id = ${id}`}
      order by e.id, (m.id = ${id}) desc`),
    db().execute(sql`
      select n.id, n.number, n.statement, n.merged_at, u.name as merged_by_name, n.merged_into = ${id} as direct
      from needs n left join users u on u.id = n.merged_by
      where n.survivor_id = ${live ? id : sql`null`} and n.id <> ${id}
      order by n.merged_at desc`),
    db().execute(sql`
      select c.id, c.body, c.created_at, u.name as author_name, u.role as author_role
      from need_comments c join users u on u.id = c.author_id
      where c.need_id = ${id} order by c.created_at`),
  ]);
  const quoteList: (NeedQuote & { _people: { id: string; unitId: string }[]; _order: string })[] = rowsOf<Record<string, unknown>>(quotes)
    .map((r) => {
      const visible = r.visible as boolean;
      const survey = quoteSurveyOf(r);
      const people = r.stakeholders as NeedQuote["stakeholders"];
      return {
        id: r.id as string,
        text: visible ? (r.text as string) : null,
        tags: visible ? ((r.tags as string[]) ?? []) : [],
        changed: visible && ((r.current_text as string | null) ?? "") !== r.checked_text,
        checkedText: visible ? (r.checked_text as string) : "",
        currentText: visible ? ((r.current_text as string | null) ?? null) : null,
        interviewId: r.interview_id as string,
        interviewUnit: r.interview_unit as string,
        heardAt: new Date(r.heard_at as string).toISOString(),
        via: r.via_id === id ? null : { id: r.via_id as string, number: r.via_number as number },
        stakeholders: visible ? people : [],
        survey,
        anonymousAs: !people.length && survey?.anonymous ? respondentLabel({ anonymous: true, unitName: r.interview_unit as string }) : null,
        // An anonymous respondent is one person, once per response however often quoted, in the response's unit.
        _people: !people.length && survey?.anonymous ? [{ id: r.interview_id as string, unitId: r.interview_unit_id as string }] : people,
        _order: `${r.item as string}\u0000${String(r.start).padStart(7, "0")}\u0000${new Date(r.created_at as string).toISOString()}`,
      };
    })
    // In the order they were heard: interview by interview, and where they sit in each answer.
    .sort((a, b) => a.heardAt.localeCompare(b.heardAt) || a.interviewId.localeCompare(b.interviewId) || a._order.localeCompare(b._order));
  // Support counts every quote, including those the viewer may not read.
  const support = supportOf(quoteList.map((q) => ({ stakeholders: q._people, heardAt: q.heardAt })));
  return {
    need: {
      id: head.id as string,
      number: head.number as number,
      statement: head.statement as string,
      outcome: head.outcome as string,
      process: head.process as string,
      criticalPeriod: head.critical_period as string,
      pain: head.pain as string,
      category: head.category as NeedCategory,
      status: head.status as NeedStatus,
      statusReason: head.status_reason as string,
      revision: head.revision as number,
      createdAt: new Date(head.created_at as string).toISOString(),
      createdByName: (head.created_by_name as string | null) ?? "Charter",
      /** Its own units (`own`), and on a need that absorbed others, theirs. */
      units: head.units as { id: string; name: string; own: boolean }[],
      merged: live
        ? null
        : {
            intoId: head.merged_into as string,
            survivorId: head.survivor_id as string,
            survivorNumber: head.survivor_number as number,
            survivorStatement: head.survivor_statement as string,
            at: new Date(head.merged_at as string).toISOString(),
            byName: (head.merged_by_name as string | null) ?? "",
          },
    },
    support: { ...support, evidenceCount: quoteList.length },
    quotes: quoteList.map(({ _people, _order, ...q }) => q),
    absorbed: rowsOf<Record<string, unknown>>(absorbed).map((r) => ({
      id: r.id as string,
      number: r.number as number,
      statement: r.statement as string,
      mergedAt: new Date(r.merged_at as string).toISOString(),
      mergedByName: (r.merged_by_name as string | null) ?? "",
      direct: r.direct as boolean,
    })),
    comments: rowsOf<Record<string, unknown>>(comments).map((r) => ({
      id: r.id as string,
      body: r.body as string,
      createdAt: new Date(r.created_at as string).toISOString(),
      authorName: r.author_name as string,
      authorRole: r.author_role as string,
    })),
  };
}

/** The critical periods named in the interviews behind some evidence, for the need form to offer. */
export async function criticalPeriodsFor(evidenceIds: readonly string[], viewer: NeedViewer) {
  if (!evidenceIds.length) return [];
  const rows = rowsOf<{ name: string; when: string }>(
    await db().execute(sql`
      select distinct p->>'name' as name, p->>'when' as "when"
      from evidence e
      join answers a on a.interview_id = e.interview_id and a.kind = 'answer' and jsonb_typeof(a.value) = 'array'
      cross join lateral jsonb_array_elements(a.value) p
      where e.id = any(${`{${evidenceIds.join(",")}}`}::uuid[]) and ${evidenceVisibleTo(viewer, sql`e.interview_id`)}
        and jsonb_typeof(p) = 'object' and p ? 'impact' and p ? 'name'
      order by 1 limit 50`),
  );
  return rows.map((r) => (r.when ? `${r.name} (${r.when})` : r.name));
}
