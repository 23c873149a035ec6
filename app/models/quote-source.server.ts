import { sql, type SQL } from "drizzle-orm";
import type { QuoteSurvey } from "../domain/evidence";
import { WORKSPACE_TIME_ZONE } from "../domain/interview";

/**
 * When a quote was heard, as SQL over its interview `i` and that interview's survey `sv` (left
 * joined): the time of an interview, or of a response's sending; for an anonymous response only
 * its day (as `dayOnly` gives it), since the exact time could tell who sent it.
 */
export const heardAtSql = (i: SQL = sql.raw("i"), sv: SQL = sql.raw("sv")) =>
  sql`(case when ${sv}.anonymous then ((${i}.scheduled_at at time zone ${WORKSPACE_TIME_ZONE})::date + time '12:00') at time zone 'UTC' else ${i}.scheduled_at end)`;

/** The survey a quote's response answered, from `survey_id`, `survey_title` and `survey_anonymous` columns. */
export function quoteSurveyOf(r: Record<string, unknown>): QuoteSurvey | null {
  return r.survey_id ? { id: r.survey_id as string, title: r.survey_title as string, anonymous: r.survey_anonymous as boolean } : null;
}
