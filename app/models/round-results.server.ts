/**
 * A round's results, computed in SQL (not by loading every score into
 * JavaScript): the aggregated ranking, each lead's own ranking, participation,
 * and IT's effort beside each need. The rules are app/domain/round.ts's
 * aggregate(), aggregateMoscow() and aggregateRice(); the tests hold the two
 * to each other.
 */
import { eq, sql, type SQL } from "drizzle-orm";
import { rounds } from "../../db/schema";
import { EFFORT_SIZE_DAYS, EFFORT_SIZES, type EffortSize } from "../domain/effort";
import { criteriaSchema, MOSCOW, RICE_CONFIDENCE, RICE_IMPACT, type Criterion, type NeedResult, type RoundMethod } from "../domain/round";
import { db, type Executor } from "../db.server";
import { AppError } from "./errors.server";
import { rowsOf } from "./rows.server";

/** A need's standing in a round, as app/domain/round.ts's NeedResult, by need id. */
export type RoundResult = Omit<NeedResult, "need"> & { needId: string };

type Weights = Pick<Criterion, "key" | "weight">[];

/** An estimate's person-days in SQL: the days given, else the size's days (app/domain/effort.ts). */
export const EFFORT_DAYS_SQL = sql.raw(
  `coalesce(e.days, case e.size ${EFFORT_SIZES.map((s: EffortSize) => `when '${s}' then ${EFFORT_SIZE_DAYS[s]}`).join(" ")} end)::float8`,
);

/**
 * Per lead and need, the value the method ranks by: `z` (weighted: the
 * weighted mean of the lead's z-scores; otherwise the value itself) and `raw`
 * (weighted: the weighted mean on the 1–5 scale; MoSCoW points; RICE score).
 */
function perLead(method: RoundMethod, roundId: string, weights: Weights): SQL {
  if (method === "moscow") {
    return sql`select user_id, need_id, (${MOSCOW.length} - value)::float8 as z, (${MOSCOW.length} - value)::float8 as raw
      from round_scores where round_id = ${roundId} and criterion = 'moscow' and value is not null`;
  }
  if (method === "rice") {
    const impact = sql.raw(`array[${RICE_IMPACT.join(",")}]::float8[]`);
    const confidence = sql.raw(`array[${RICE_CONFIDENCE.join(",")}]::float8[]`);
    return sql`select p.user_id, p.need_id, p.rice as z, p.rice as raw from (
        select rs.user_id, rs.need_id,
          max(rs.value) filter (where rs.criterion = 'reach')::float8
            * (${impact})[max(rs.value) filter (where rs.criterion = 'impact') + 1]
            * (${confidence})[max(rs.value) filter (where rs.criterion = 'confidence') + 1]
            / nullif(max(${EFFORT_DAYS_SQL}), 0) as rice
        from round_scores rs left join need_efforts e on e.need_id = rs.need_id
        where rs.round_id = ${roundId}
        group by rs.user_id, rs.need_id
      ) p where p.rice is not null`;
  }
  const table = JSON.stringify(weights.filter((w) => w.weight > 0).map((w) => ({ key: w.key, weight: w.weight })));
  return sql`select user_id, need_id, sum(weight * z) / sum(weight) as z, sum(weight * value) / sum(weight) as raw
    from (
      select rs.user_id, rs.need_id, w.weight, rs.value::float8 as value,
        coalesce((rs.value - avg(rs.value) over lead_criterion) / nullif(stddev_pop(rs.value) over lead_criterion, 0), 0) as z
      from round_scores rs join jsonb_to_recordset(${table}::jsonb) as w(key text, weight float8) on w.key = rs.criterion
      where rs.round_id = ${roundId} and rs.value is not null
      window lead_criterion as (partition by rs.user_id, rs.criterion)
    ) scored
    group by user_id, need_id`;
}

async function methodAndWeights(executor: Executor, roundId: string, weights?: Weights) {
  const [round] = await executor.select({ method: rounds.method, criteria: rounds.criteria }).from(rounds).where(eq(rounds.id, roundId));
  if (!round) throw new AppError("round_not_found", "That round does not exist", undefined, 404);
  const use = weights ?? round.criteria;
  const checked = criteriaSchema.safeParse(use.map((w) => ({ key: w.key, weight: w.weight, name: w.key, points: ["", "", "", "", ""] })));
  if (!checked.success) throw new AppError("bad_weights", checked.error.issues[0]!.message, "weights");
  return { method: round.method, weights: use };
}

/**
 * The round's ranking: each need's score (weighted: the leads' normalised
 * weighted scores averaged; MoSCoW: average points; RICE: average RICE score),
 * its rank (ties share one) and the leads' disagreement on the method's own scale.
 * `weights` lets a relationship manager try others before closing.
 */
export async function roundResults({ roundId, weights, executor = db() }: { roundId: string; weights?: Weights; executor?: Executor }): Promise<RoundResult[]> {
  const use = await methodAndWeights(executor, roundId, weights);
  const rows = rowsOf<{ need_id: string; score: number; rank: number; leads: number; mean: number; spread: number; low: number; high: number }>(
    await executor.execute(sql`
      with per_lead as (${perLead(use.method, roundId, use.weights)}),
      per_need as (
        select need_id, avg(z) as score, count(*)::int as leads, avg(raw) as mean,
          coalesce(stddev_pop(raw), 0) as spread, min(raw) as low, max(raw) as high
        from per_lead group by need_id
      )
      select need_id, score::float8, (rank() over (order by round(score::numeric, 9) desc))::int as rank, leads,
        mean::float8, spread::float8, low::float8, high::float8
      from per_need
      order by rank, need_id`),
  );
  return rows.map((r) => ({ needId: r.need_id, score: r.score, rank: r.rank, leads: r.leads, mean: r.mean, spread: r.spread, low: r.low, high: r.high }));
}

export interface LeadRanking {
  userId: string;
  /** Need id → that lead's own rank of it (by their own scores), and the value it ranks by. */
  ranks: Record<string, { rank: number; value: number }>;
}

/** Each lead's own ranking: the needs ordered by what that lead gave them (weighted: their 1–5 weighted mean). */
export async function leadRankings({ roundId, executor = db() }: { roundId: string; executor?: Executor }): Promise<LeadRanking[]> {
  const use = await methodAndWeights(executor, roundId);
  const rows = rowsOf<{ user_id: string; need_id: string; raw: number; rank: number }>(
    await executor.execute(sql`
      with per_lead as (${perLead(use.method, roundId, use.weights)})
      select user_id, need_id, raw::float8, (rank() over (partition by user_id order by round(raw::numeric, 9) desc))::int as rank
      from per_lead order by user_id, rank`),
  );
  const byLead = new Map<string, LeadRanking>();
  for (const r of rows) {
    const entry = byLead.get(r.user_id) ?? { userId: r.user_id, ranks: {} };
    entry.ranks[r.need_id] = { rank: r.rank, value: r.raw };
    byLead.set(r.user_id, entry);
  }
  return [...byLead.values()];
}

export interface Participation {
  userId: string;
  name: string;
  role: "scorer" | "observer";
  submittedAt: string | null;
  /** Needs this lead gave at least one score to, of the round's needs. */
  scoredNeeds: number;
  needs: number;
  rationales: number;
}

/** Who is taking part and how far each lead has got. */
export async function participation({ roundId, executor = db() }: { roundId: string; executor?: Executor }): Promise<Participation[]> {
  const rows = rowsOf<{ user_id: string; name: string; role: "scorer" | "observer"; submitted_at: string | Date | null; scored: number; needs: number; rationales: number }>(
    await executor.execute(sql`
      select p.user_id, u.name, p.role, p.submitted_at,
        (select count(distinct s.need_id)::int from round_scores s where s.round_id = p.round_id and s.user_id = p.user_id and s.value is not null) as scored,
        (select count(*)::int from round_needs rn where rn.round_id = p.round_id) as needs,
        (select count(*)::int from round_rationales r where r.round_id = p.round_id and r.user_id = p.user_id and r.text <> '') as rationales
      from round_participants p join users u on u.id = p.user_id
      where p.round_id = ${roundId}
      order by p.role, u.name`),
  );
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    role: r.role,
    submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
    scoredNeeds: r.scored,
    needs: r.needs,
    rationales: r.rationales,
  }));
}
