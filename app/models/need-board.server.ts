import { sql, type SQL } from "drizzle-orm";
import { NEEDS_PAGE_SIZE, type NeedCategory, type NeedFilter, type NeedStatus } from "../domain/need";
import { db } from "../db.server";
import { parseTags } from "../domain/evidence";
import { needFacetCache, needFacetsHeard } from "./need-facet-cache.server";
import { evidenceVisibleTo, needVisibleTo, type NeedViewer } from "./need.server";
import { heardAtSql } from "./quote-source.server";
import { rowsOf } from "./rows.server";

export interface NeedRow {
  id: string;
  number: number;
  statement: string;
  category: NeedCategory;
  status: NeedStatus;
  process: string;
  criticalPeriod: string;
  evidenceCount: number;
  stakeholderCount: number;
  unitCount: number;
  firstHeard: string | null;
  lastHeard: string | null;
  units: string;
  /** Its rank in the last closed round it was in (of how many ranked there). */
  latestRank: { rank: number; ranked: number; title: string } | null;
}

/** Live needs (not merged away) matching the board's filters, as SQL over `n`. */
function boardWhere(viewer: NeedViewer, f: Omit<NeedFilter, "page" | "sort">): SQL {
  const where: SQL[] = [sql`n.merged_into is null`, needVisibleTo(viewer, sql`n.survivor_id`)];
  // Filters over quotes look only at quotes the viewer may read (none from others' private interviews).
  const seen = evidenceVisibleTo(viewer, sql`e.interview_id`);
  const familyEvidence = (cond: SQL) =>
    sql`exists (select 1 from needs m join need_evidence ne on ne.need_id = m.id join evidence e on e.id = ne.evidence_id where m.survivor_id = n.id and ${cond} and ${seen})`;
  if (f.status && f.status !== "all") where.push(sql`n.status = ${f.status}`);
  if (f.category) where.push(sql`n.category = ${f.category}`);
  if (f.process) where.push(sql`lower(n.process) = lower(${f.process})`);
  if (f.unit) where.push(sql`exists (select 1 from need_units fu where fu.need_id = n.id and fu.unit_id = ${f.unit})`);
  if (f.tag) where.push(familyEvidence(sql`e.tags @> array[${parseTags(f.tag)[0] ?? ""}]::text[]`));
  if (f.interview) where.push(familyEvidence(sql`e.interview_id = ${f.interview}`));
  if (f.stakeholder) where.push(familyEvidence(sql`exists (select 1 from evidence_stakeholders fs where fs.evidence_id = e.id and fs.stakeholder_id = ${f.stakeholder})`));
  if (f.q) {
    const query = sql`websearch_to_tsquery('english', ${f.q})`;
    // Statements and quotes are indexed on the need itself; quotes of private interviews are searched apart, for those who may see them.
    where.push(sql`(n.search @@ ${query} or n.quote_search @@ ${query} or n.id in (
      select m.survivor_id from evidence e join need_evidence ne on ne.evidence_id = e.id join needs m on m.id = ne.need_id
      where e.private and e.search @@ ${query} and ${seen}))`);
  }
  return sql.join(where, sql` and `);
}

const ORDER: Record<NeedFilter["sort"], SQL> = {
  support: sql`n.stakeholder_count desc, n.unit_count desc, n.evidence_count desc, n.number desc`,
  recent: sql`n.last_heard desc nulls last, n.number desc`,
  number: sql`n.number desc`,
  // The need's rank in the last closed round it was in; needs never ranked come last.
  rank: sql`(select rr.rank::float8 / rr.ranked from round_ranks rr where rr.need_id = n.id order by rr.closed_at desc limit 1) asc nulls last, n.stakeholder_count desc, n.number desc`,
};

/** What a board row shows (outcome and pain stay on the need's page and in the export). */
const COLUMNS = sql`n.id, n.number, n.statement, n.category, n.status, n.process, n.critical_period,
  n.evidence_count, n.stakeholder_count, n.unit_count, n.first_heard, n.last_heard,
  coalesce((select string_agg(u.name, ', ' order by u.name) from need_units nu join business_units u on u.id = nu.unit_id where nu.need_id = n.id), '') as units,
  (select json_build_object('rank', rr.rank, 'ranked', rr.ranked, 'title', r.title) from round_ranks rr join rounds r on r.id = rr.round_id
    where rr.need_id = n.id order by rr.closed_at desc limit 1) as latest_rank`;

function toRow(r: Record<string, unknown>): NeedRow {
  const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
  return {
    id: r.id as string,
    number: r.number as number,
    statement: r.statement as string,
    category: r.category as NeedCategory,
    status: r.status as NeedStatus,
    process: r.process as string,
    criticalPeriod: r.critical_period as string,
    evidenceCount: r.evidence_count as number,
    stakeholderCount: r.stakeholder_count as number,
    unitCount: r.unit_count as number,
    firstHeard: iso(r.first_heard),
    lastHeard: iso(r.last_heard),
    units: r.units as string,
    latestRank: (r.latest_rank as NeedRow["latestRank"]) ?? null,
  };
}

/** Beyond this many matches the board says "more than 1,000" instead of counting on. */
export const NEEDS_COUNT_CAP = 1000;

/**
 * One page of the needs board and how many match (counted up to NEEDS_COUNT_CAP,
 * so a broad search stays quick): two queries however many rows.
 */
export async function listNeeds({ viewer, filter }: { viewer: NeedViewer; filter: NeedFilter }) {
  const where = boardWhere(viewer, filter);
  const [rows, count] = await Promise.all([
    db().execute(sql`select ${COLUMNS} from needs n where ${where} order by ${ORDER[filter.sort]} limit ${NEEDS_PAGE_SIZE} offset ${(filter.page - 1) * NEEDS_PAGE_SIZE}`),
    db().execute(sql`select count(*)::int as total from (select 1 from needs n where ${where} limit ${NEEDS_COUNT_CAP + 1}) matching`),
  ]);
  const total = rowsOf<{ total: number }>(count)[0]!.total;
  return { rows: rowsOf<Record<string, unknown>>(rows).map(toRow), total: Math.min(total, NEEDS_COUNT_CAP), more: total > NEEDS_COUNT_CAP };
}

/** Every matching need for the CSV export (up to 20,000), with its tags and the interviews behind it. */
export async function exportNeeds({ viewer, filter }: { viewer: NeedViewer; filter: NeedFilter }) {
  const rows = rowsOf<Record<string, unknown>>(
    await db().execute(sql`
      select ${COLUMNS}, n.outcome, n.pain,
        coalesce((select string_agg(distinct t, ', ') from needs m join need_evidence ne on ne.need_id = m.id join evidence e on e.id = ne.evidence_id, unnest(e.tags) t
          where m.survivor_id = n.id and ${evidenceVisibleTo(viewer, sql`e.interview_id`)}), '') as tags
      from needs n where ${boardWhere(viewer, filter)} order by ${ORDER[filter.sort]} limit 20000`),
  );
  return rows.map((r) => ({ ...toRow(r), outcome: r.outcome as string, pain: r.pain as string, tags: r.tags as string }));
}

const FACETS_FOR_MS = 60_000;
type Facets = { units: { id: string; name: string }[]; processes: string[]; tags: string[] };
const facetCache = needFacetCache as Map<string, { at: number; value: Promise<Facets> }>;

/**
 * Choices for the board's filters: units, and the processes and tags in use (a
 * few hundred at most). Counting tags over every quote is the board's dearest
 * query, so the choices are remembered per viewer for up to a minute, and
 * forgotten by every process as soon as a change to needs, quotes or units
 * commits (need-facet-cache.server.ts).
 */
export function needFacets(viewer: NeedViewer): Promise<Facets> {
  if (!needFacetsHeard()) return loadFacets(viewer);
  // Private interviews make what one may see personal: the choices are remembered per viewer.
  const scope = `${viewer.id}:${viewer.role}:${viewer.businessUnitId ?? ""}`;
  const cached = facetCache.get(scope);
  if (cached && Date.now() - cached.at < FACETS_FOR_MS) return cached.value;
  const value = loadFacets(viewer);
  if (facetCache.size >= 500) facetCache.clear();
  facetCache.set(scope, { at: Date.now(), value });
  value.catch(() => facetCache.delete(scope));
  return value;
}

async function loadFacets(viewer: NeedViewer): Promise<Facets> {
  const [units, processes, tags] = await Promise.all([
    db().execute(sql`select id, name from business_units where archived_at is null order by name`),
    db().execute(sql`select distinct n.process from needs n where n.merged_into is null and n.process <> '' and ${needVisibleTo(viewer, sql`n.survivor_id`)} order by 1 limit 300`),
    db().execute(
      viewer.role === "business_lead"
        ? sql`select t as tag, count(*)::int as uses from needs n join need_evidence ne on ne.need_id = n.id join evidence e on e.id = ne.evidence_id, unnest(e.tags) t
            where ${needVisibleTo(viewer, sql`n.survivor_id`)} and ${evidenceVisibleTo(viewer, sql`e.interview_id`)} group by t order by uses desc, t limit 200`
        : sql`select t as tag, count(*)::int as uses from evidence e, unnest(e.tags) t where ${evidenceVisibleTo(viewer, sql`e.interview_id`)} group by t order by uses desc, t limit 200`,
    ),
  ]);
  return {
    units: rowsOf<{ id: string; name: string }>(units),
    processes: rowsOf<{ process: string }>(processes).map((r) => r.process),
    tags: rowsOf<{ tag: string }>(tags).map((r) => r.tag),
  };
}

/** How alike a statement must be to be offered as a likely duplicate (see similarNeeds). */
const DUPLICATE_SCORE = 0.42;

/**
 * Live needs worded like `text`, best first: the nearest statements by trigram
 * distance (`<->`, read in order off the GiST index; catches rewording, plurals and
 * typos), each scored by its similarity plus a small full-text bonus for sharing
 * the same words in other forms ("journals"/"journal", "repaired"/"repair").
 */
export async function similarNeeds({ text, viewer, excludeId, limit = 5 }: { text: string; viewer: NeedViewer; excludeId?: string; limit?: number }) {
  const words = text.trim();
  if (words.length < 8) return [];
  const anyWord = sql`(select case when q::text = '' then null else replace(q::text, ' & ', ' | ')::tsquery end from plainto_tsquery('english', ${words}) q)`;
  const rows = rowsOf<{ id: string; number: number; statement: string; status: NeedStatus; stakeholder_count: number; score: number }>(
    await db().execute(sql`
      with nearest as (
        select n.id, n.number, n.statement, n.status, n.stakeholder_count, n.search
        from needs n
        where n.merged_into is null
          ${excludeId ? sql`and n.id <> ${excludeId}` : sql``}
          and ${needVisibleTo(viewer, sql`n.survivor_id`)}
        order by n.statement <-> ${words}
        limit ${limit * 3}
      ), q as (select ${anyWord} as any_word)
      select nearest.id, nearest.number, nearest.statement, nearest.status, nearest.stakeholder_count,
        (similarity(nearest.statement, ${words}) + 0.05 * coalesce(ts_rank_cd(nearest.search, q.any_word, 1), 0))::float8 as score
      from nearest, q
      order by score desc, nearest.number`),
  );
  return rows
    .filter((r) => r.score >= DUPLICATE_SCORE)
    .slice(0, limit)
    .map((r) => ({ id: r.id, number: r.number, statement: r.statement, status: r.status, stakeholderCount: r.stakeholder_count, score: Math.round(r.score * 100) / 100 }));
}

/** The live needs that evidence from one interview, or said by one stakeholder, supports, with how many quotes. */
export async function needsSupportedBy({ viewer, interviewId, stakeholderId }: { viewer: NeedViewer; interviewId?: string; stakeholderId?: string }) {
  const cond = interviewId
    ? sql`e.interview_id = ${interviewId}`
    : sql`exists (select 1 from evidence_stakeholders es where es.evidence_id = e.id and es.stakeholder_id = ${stakeholderId!})`;
  const rows = rowsOf<{ id: string; number: number; statement: string; status: NeedStatus; quotes: number; stakeholder_count: number }>(
    await db().execute(sql`
      select n.id, n.number, n.statement, n.status, n.stakeholder_count, count(distinct e.id)::int as quotes
      from evidence e
      join need_evidence ne on ne.evidence_id = e.id
      join needs m on m.id = ne.need_id
      join needs n on n.id = m.survivor_id
      where ${cond} and ${needVisibleTo(viewer, sql`n.survivor_id`)} and ${evidenceVisibleTo(viewer, sql`e.interview_id`)}
      group by n.id
      order by n.stakeholder_count desc, n.number desc
      limit 200`),
  );
  return rows.map((r) => ({ id: r.id, number: r.number, statement: r.statement, status: r.status, quotes: r.quotes, stakeholderCount: r.stakeholder_count }));
}

/** Names for the interview and stakeholder a board is filtered by (shown as removable chips). */
export async function filterLabels({ viewer, interview, stakeholder }: { viewer: NeedViewer; interview?: string; stakeholder?: string }) {
  if (!interview && !stakeholder) return { interview: null, stakeholder: null };
  const [row] = rowsOf<{ interview: string | null; interview_at: string | null; stakeholder: string | null }>(
    await db().execute(sql`
      select (select u.name from interviews i join business_units u on u.id = i.business_unit_id where i.id = ${interview ?? null} and ${evidenceVisibleTo(viewer, sql`i.id`)}) as interview,
        (select ${heardAtSql()} from interviews i left join surveys sv on sv.id = i.survey_id where i.id = ${interview ?? null}) as interview_at,
        (select s.name from stakeholders s where s.id = ${stakeholder ?? null}) as stakeholder`),
  );
  return {
    interview: row?.interview ? { name: row.interview, at: new Date(row.interview_at!).toISOString() } : null,
    stakeholder: row?.stakeholder ?? null,
  };
}
