/** "Rounds to score": open rounds a business lead scores and has not submitted yet. */
import { sql } from "drizzle-orm";
import { db } from "../db.server";
import { rowsOf } from "./rows.server";

export interface RoundToScore {
  id: string;
  title: string;
  deadline: string | null;
  /** The deadline has passed: scores can no longer be saved or submitted. */
  pastDeadline: boolean;
  needs: number;
  /** Needs the lead has scored on every criterion of the round's method. */
  scored: number;
}

/** Soonest deadline first (rounds without one last). One query. */
export async function roundsToScore({ userId, now = new Date() }: { userId: string; now?: Date }): Promise<RoundToScore[]> {
  const rows = rowsOf<{ id: string; title: string; deadline: string | null; needs: number; scored: number }>(
    await db().execute(sql`
      select r.id, r.title, r.deadline,
        (select count(*)::int from round_needs rn where rn.round_id = r.id) as needs,
        (select count(*)::int from (
          select s.need_id from round_scores s
          where s.round_id = r.id and s.user_id = p.user_id and s.value is not null
          group by s.need_id having count(*) >= jsonb_array_length(r.criteria)) done) as scored
      from round_participants p
      join rounds r on r.id = p.round_id
      where p.user_id = ${userId} and p.role = 'scorer' and p.submitted_at is null and r.status = 'open'
      order by r.deadline nulls last, r.opened_at, r.title`),
  );
  return rows.map((r) => {
    const deadline = r.deadline ? new Date(r.deadline) : null;
    return {
      id: r.id,
      title: r.title,
      deadline: deadline?.toISOString() ?? null,
      pastDeadline: deadline !== null && deadline < now,
      needs: r.needs,
      scored: r.scored,
    };
  });
}
