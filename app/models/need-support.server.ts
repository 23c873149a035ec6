import { sql } from "drizzle-orm";
import type { Executor } from "../db.server";
import { heardAtSql } from "./quote-source.server";
import { rowsOf } from "./rows.server";

/**
 * Recounts the support of the live needs that the given needs count towards
 * (each one's survivor): evidence, distinct stakeholders, their distinct units,
 * the first and last interview dates, and the words of its quotes for search
 * (not those of private interviews), over the need's own evidence and that of
 * every need merged into it. Call it inside the transaction of any change to
 * links, merges or evidence; one statement however many needs. A quote from an
 * anonymous survey's response names nobody: its respondent counts as one person
 * per response, in the response's unit (as the need's page counts them).
 */
export async function refreshNeedSupport(executor: Executor, needIds: readonly string[]) {
  if (!needIds.length) return;
  // Lock the live needs first, so that two changes to the same need's evidence count one after the
  // other: the statements below then see what the other committed.
  const roots = await lockLiveNeeds(executor, needIds);
  if (!roots.length) return;
  const rootIds = toUuidArray(roots);
  await executor.execute(sql`
    with roots as (
      select unnest(${rootIds}) as id
    ),
    counted as (
      select r.id,
        count(distinct ne.evidence_id)::int as evidence_count,
        count(distinct coalesce(es.stakeholder_id, case when sv.anonymous then i.id end))::int as stakeholder_count,
        count(distinct coalesce(s.business_unit_id, case when sv.anonymous then i.business_unit_id end))::int as unit_count,
        min(${heardAtSql()}) as first_heard,
        max(${heardAtSql()}) as last_heard,
        to_tsvector('english', coalesce(string_agg(distinct e.text, ' ') filter (where not e.private), '')) as quote_search
      from roots r
      left join needs m on m.survivor_id = r.id
      left join need_evidence ne on ne.need_id = m.id
      left join evidence e on e.id = ne.evidence_id
      left join interviews i on i.id = e.interview_id
      left join surveys sv on sv.id = i.survey_id
      left join evidence_stakeholders es on es.evidence_id = e.id
      left join stakeholders s on s.id = es.stakeholder_id
      group by r.id
    )
    update needs set
      evidence_count = c.evidence_count,
      stakeholder_count = c.stakeholder_count,
      unit_count = c.unit_count,
      first_heard = c.first_heard,
      last_heard = c.last_heard,
      quote_search = c.quote_search
    from counted c
    where needs.id = c.id`);
  // The units a family's merged needs bring with them, on the live need (their own stay on them).
  await executor.execute(sql`
    delete from need_units where via_need_id is not null
      and need_id in (select id from needs where survivor_id = any(${rootIds}))`);
  await executor.execute(sql`
    insert into need_units (need_id, unit_id, via_need_id)
    select distinct on (f.survivor_id, u.unit_id) f.survivor_id, u.unit_id, f.id
    from needs f join need_units u on u.need_id = f.id and u.via_need_id is null
    where f.survivor_id = any(${rootIds}) and f.id <> f.survivor_id
    order by f.survivor_id, u.unit_id, f.id
    on conflict (need_id, unit_id) do nothing`);
}

/** Locks the live needs these needs count towards, in id order (so that two changes never wait on each other in a circle). */
export async function lockLiveNeeds(executor: Executor, needIds: readonly string[]): Promise<string[]> {
  if (!needIds.length) return [];
  return rowsOf<{ id: string }>(
    await executor.execute(sql`
      select id from needs where id in (select survivor_id from needs where id = any(${toUuidArray(needIds)}))
      order by id for update`),
  ).map((r) => r.id);
}

/** The needs that link any of these pieces of evidence (before they go, so their support can be recounted). */
export async function needsLinking(executor: Executor, evidenceIds: readonly string[]): Promise<string[]> {
  if (!evidenceIds.length) return [];
  const rows = rowsOf<{ need_id: string }>(
    await executor.execute(sql`select distinct need_id from need_evidence where evidence_id = any(${toUuidArray(evidenceIds)})`),
  );
  return rows.map((r) => r.need_id);
}

/** A uuid[] parameter both drivers accept. */
export function toUuidArray(ids: readonly string[]) {
  return sql`${`{${ids.join(",")}}`}::uuid[]`;
}
