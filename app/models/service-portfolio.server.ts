/**
 * The portfolio as one whole: every service with what the portfolio page lists,
 * the dependency graph, the gaps (highly ranked needs no definition answers), and
 * definitions drafted from needs.
 */
import { inArray, sql } from "drizzle-orm";
import { needs, needUnits } from "../../db/schema";
import { definitionSchema, type CriticalityTier, type Definition, type LifecycleStage, type ServiceKind } from "../domain/definition";
import type { ServiceFactsInput } from "../domain/service";
import type { SignoffStatus } from "../domain/signoff";
import { db } from "../db.server";
import type { Actor } from "./audit.server";
import { AppError } from "./errors.server";
import { rowsOf } from "./rows.server";
import { createService } from "./service.server";

/** Each need's rank in the last closed round it was in, as SQL (need_id, rank, ranked, title). */
const LATEST_RANK = sql`(
  select distinct on (rr.need_id) rr.need_id, rr.rank, rr.ranked, r.title
  from round_ranks rr join rounds r on r.id = rr.round_id
  order by rr.need_id, rr.closed_at desc
)`;

/** "High in the latest round": in the top third of the needs it was ranked among (at least the top three). */
const HIGH = (rank: ReturnType<typeof sql>, ranked: ReturnType<typeof sql>) => sql`${rank} <= greatest(3, ceil(${ranked} / 3.0))`;

export interface PortfolioRow {
  id: string;
  name: string;
  kind: ServiceKind;
  provider: string | null;
  ownerName: string;
  lifecycle: LifecycleStage;
  criticality: CriticalityTier;
  nextReview: string | null;
  agreementEnd: string | null;
  renewalNotice: string | null;
  version: number | null;
  /** Where the latest version stands in its sign-off (null: never sent). */
  signoff: SignoffStatus | null;
  /** The newest agreed version. */
  agreed: number | null;
  /** The draft changed after the last version was made. */
  draftAhead: boolean;
  consumers: string;
  /** The best-ranked need it answers, in its latest round. */
  topNeed: { number: number; rank: number; ranked: number } | null;
  needs: number;
}

/** Every service, business services first, then by name. One query. */
export async function portfolio(): Promise<PortfolioRow[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db().execute(sql`
      with latest as ${LATEST_RANK}
      select s.id, s.name, s.kind, p.name as provider, s.owner_name, s.lifecycle, s.criticality, s.next_review::text, s.agreement_end::text,
        s.agreement_renewal_notice::text as renewal_notice,
        v.number as version, (v.created_at is not null and s.updated_at > v.created_at) as draft_ahead,
        (select r.status from signoff_requests r where r.version_id = v.id order by r.submitted_at desc limit 1) as signoff,
        (select max(sv.number) from service_versions sv join agreed_documents a on a.version_id = sv.id where sv.service_id = s.id) as agreed,
        coalesce((select string_agg(u.name, ', ' order by u.name) from jsonb_array_elements(s.draft->'consumers') c join business_units u on u.id = (c->>'unitId')::uuid), '') as consumers,
        (select json_build_object('number', n.number, 'rank', l.rank, 'ranked', l.ranked)
          from service_clause_needs c join needs n on n.id = c.need_id join latest l on l.need_id = n.id
          where c.service_id = s.id order by l.rank::float8 / l.ranked, n.number limit 1) as top_need,
        (select count(distinct c.need_id)::int from service_clause_needs c where c.service_id = s.id) as needs
      from services s
      left join providers p on p.id = s.provider_id
      left join lateral (select id, number, created_at from service_versions sv where sv.service_id = s.id order by number desc limit 1) v on true
      order by s.kind, s.name`),
  );
  return rows.map((r) => ({
    id: r.id as string,
    name: r.name as string,
    kind: r.kind as ServiceKind,
    provider: (r.provider as string | null) ?? null,
    ownerName: r.owner_name as string,
    lifecycle: r.lifecycle as LifecycleStage,
    criticality: r.criticality as CriticalityTier,
    nextReview: (r.next_review as string | null) ?? null,
    agreementEnd: (r.agreement_end as string | null) ?? null,
    renewalNotice: (r.renewal_notice as string | null) ?? null,
    version: (r.version as number | null) ?? null,
    signoff: (r.signoff as SignoffStatus | null) ?? null,
    agreed: r.agreed === null || r.agreed === undefined ? null : Number(r.agreed),
    draftAhead: Boolean(r.draft_ahead),
    consumers: r.consumers as string,
    topNeed: (r.top_need as PortfolioRow["topNeed"]) ?? null,
    needs: r.needs as number,
  }));
}

/** Every dependency, for the map. */
export async function dependencyEdges() {
  return rowsOf<{ from: string; to: string }>(await db().execute(sql`select service_id as "from", depends_on_id as "to" from service_dependencies`));
}

export interface Gap {
  needId: string;
  number: number;
  statement: string;
  rank: number;
  ranked: number;
  round: string;
}

/** Needs high in their latest closed round that no service's definition answers. */
export async function coverageGaps(): Promise<Gap[]> {
  const rows = rowsOf<{ id: string; number: number; statement: string; rank: number; ranked: number; title: string }>(
    await db().execute(sql`
      with latest as ${LATEST_RANK}
      select n.id, n.number, n.statement, l.rank, l.ranked, l.title
      from latest l join needs n on n.id = l.need_id
      where n.merged_into is null and n.status not in ('rejected', 'answered') and ${HIGH(sql`l.rank`, sql`l.ranked`)}
        and not exists (select 1 from service_clause_needs c join needs m on m.id = c.need_id where m.survivor_id = n.id)
      order by l.rank::float8 / l.ranked, n.number`),
  );
  return rows.map((r) => ({ needId: r.id, number: r.number, statement: r.statement, rank: r.rank, ranked: r.ranked, round: r.title }));
}

/**
 * "Draft from needs": a new service whose definition starts from the chosen
 * needs: an outcome per need (its outcome, else its statement), the critical
 * periods they name, their units as consumers; every prefilled clause linked to
 * the needs it came from.
 */
export async function draftFromNeeds({ input, needIds, actor }: { input: ServiceFactsInput; needIds: string[]; actor: Actor }) {
  const ids = [...new Set(needIds)];
  if (!ids.length) throw new AppError("no_needs", "Choose at least one need to draft from", "needIds");
  const rows = await db()
    .select({ id: needs.id, number: needs.number, statement: needs.statement, outcome: needs.outcome, criticalPeriod: needs.criticalPeriod, mergedInto: needs.mergedInto })
    .from(needs)
    .where(inArray(needs.id, ids))
    .orderBy(needs.number);
  if (rows.length !== ids.length || rows.some((r) => r.mergedInto)) throw new AppError("need_not_available", "Some chosen needs no longer exist or were merged into others: choose again", "needIds");
  const units = await db().selectDistinct({ unitId: needUnits.unitId }).from(needUnits).where(inArray(needUnits.needId, ids));
  const periods = new Map<string, string[]>();
  for (const r of rows) {
    const name = r.criticalPeriod.trim();
    if (name) periods.set(name, [...(periods.get(name) ?? []), r.id]);
  }
  const definition: Definition = definitionSchema.parse({
    outcomes: rows.map((r) => ({ id: `outcome-${r.number}`, text: (r.outcome.trim() || r.statement).slice(0, 500), needIds: [r.id] })),
    // The needs name a period; when exactly it falls is for the RM to settle with the business.
    criticalPeriods: [...periods].map(([name, periodNeeds], i) => ({ id: `period-${i + 1}`, name: name.slice(0, 80), when: "To be agreed with the business", needIds: periodNeeds })),
    consumers: units.map((u) => ({ unitId: u.unitId, spokesperson: "", note: "" })),
    needIds: ids,
  });
  return createService({ input, definition, fromNeeds: ids, actor });
}

/** Live needs with their latest rank, best first (unranked open needs after them): what a new definition may start from. */
export async function needsToDraftFrom() {
  return rowsOf<{ id: string; number: number; statement: string; rank: number | null; ranked: number | null; answered: boolean }>(
    await db().execute(sql`
      with latest as ${LATEST_RANK}
      select n.id, n.number, n.statement, l.rank, l.ranked,
        exists (select 1 from service_clause_needs c where c.need_id = n.id) as answered
      from needs n left join latest l on l.need_id = n.id
      where n.merged_into is null and n.status in ('open', 'parked')
      order by (l.rank::float8 / l.ranked) nulls last, n.stakeholder_count desc, n.number
      limit 200`),
  );
}
