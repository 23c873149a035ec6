/**
 * How healthy the portfolio is: for each service its newest review's effectiveness, when the next
 * review is due, and its service levels' attainment over the last three months measured, normal
 * time apart from critical periods. One query for every service.
 */
import { sql } from "drizzle-orm";
import type { Effectiveness } from "../domain/review";
import type { ServiceKind } from "../domain/definition";
import { db } from "../db.server";
import { rowsOf } from "./rows.server";

export interface Attained {
  met: number;
  measured: number;
}

export interface HealthRow {
  id: string;
  name: string;
  kind: ServiceKind;
  ownerName: string;
  agreed: number | null;
  lastReview: { on: string; effectiveness: Effectiveness } | null;
  reviewEveryMonths: number | null;
  nextReview: string | null;
  /** The next review date has passed (never for a retired service). */
  overdue: boolean;
  /** The newest month measured, and attainment over it and the two before. */
  latestMonth: string | null;
  normal: Attained;
  critical: Attained;
  openActions: number;
}

const today = () => new Date().toISOString().slice(0, 10);

export async function portfolioHealth({ on = today() }: { on?: string } = {}): Promise<HealthRow[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db().execute(sql`
      select s.id, s.name, s.kind, s.owner_name, s.lifecycle, s.review_every_months, s.next_review::text as next_review,
        (select max(sv.number) from service_versions sv join agreed_documents a on a.version_id = sv.id where sv.service_id = s.id) as agreed,
        r.reviewed_on::text as reviewed_on, r.effectiveness,
        m.latest::text as latest,
        coalesce(m.normal_met, 0) as normal_met, coalesce(m.normal_measured, 0) as normal_measured,
        coalesce(m.critical_met, 0) as critical_met, coalesce(m.critical_measured, 0) as critical_measured,
        (select count(*)::int from review_actions ra join service_reviews sr on sr.id = ra.review_id where sr.service_id = s.id and ra.status = 'open') as open_actions
      from services s
      left join lateral (
        select reviewed_on, effectiveness from service_reviews where service_id = s.id order by reviewed_on desc, created_at desc limit 1
      ) r on true
      left join lateral (
        select max(latest) as latest,
          count(*) filter (where critical_period_id is null and met)::int as normal_met,
          count(*) filter (where critical_period_id is null)::int as normal_measured,
          count(*) filter (where critical_period_id is not null and met)::int as critical_met,
          count(*) filter (where critical_period_id is not null)::int as critical_measured
        from (select sm.*, max(sm.period) over () as latest from service_measurements sm where sm.service_id = s.id) x
        where x.period > x.latest - interval '3 months'
      ) m on true
      order by s.kind, s.name`),
  );
  return rows.map((r) => {
    const nextReview = (r.next_review as string | null) ?? null;
    return {
      id: r.id as string,
      name: r.name as string,
      kind: r.kind as ServiceKind,
      ownerName: r.owner_name as string,
      agreed: r.agreed === null || r.agreed === undefined ? null : Number(r.agreed),
      lastReview: r.reviewed_on ? { on: r.reviewed_on as string, effectiveness: r.effectiveness as Effectiveness } : null,
      reviewEveryMonths: (r.review_every_months as number | null) ?? null,
      nextReview,
      overdue: nextReview !== null && nextReview < on && r.lifecycle !== "retired",
      latestMonth: (r.latest as string | null) ?? null,
      normal: { met: Number(r.normal_met), measured: Number(r.normal_measured) },
      critical: { met: Number(r.critical_met), measured: Number(r.critical_measured) },
      openActions: Number(r.open_actions),
    };
  });
}

/** Services whose review is overdue or due within `withinDays`, soonest first. */
export async function reviewsDue({ on = today(), withinDays = 30 }: { on?: string; withinDays?: number } = {}) {
  const rows = rowsOf<{ id: string; name: string; next_review: string; owner_name: string }>(
    await db().execute(sql`
      select id, name, next_review::text as next_review, owner_name from services
      where next_review is not null and next_review <= ${on}::date + ${withinDays}::int and lifecycle <> 'retired'
      order by next_review, name`),
  );
  return rows.map((r) => ({ id: r.id, name: r.name, nextReview: r.next_review, ownerName: r.owner_name, overdue: r.next_review < on }));
}
