/**
 * A survey's results: every sent answer read in one query, with the respondent's unit and level,
 * and added up in memory by the pure rules of domain/survey-results. The number of queries does
 * not grow with the responses.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { answers, businessUnits, interviews, stakeholders, surveyInvitees } from "../../db/schema";
import { STAKEHOLDER_LEVELS, LEVEL_LABELS, type StakeholderLevel } from "../domain/stakeholder";
import type { ResultsFilter } from "../domain/survey";
import { surveyResultsOf, type SentResponse } from "../domain/survey-results";
import { db } from "../db.server";
import { guideContentOf } from "./answer.server";
import { getSurvey } from "./survey.server";

export interface ResultsFilterOptions {
  units: { value: string; label: string }[];
  levels: { value: StakeholderLevel; label: string }[];
}

/** The units and levels of the people asked, to filter by. */
async function filterOptions(surveyId: string): Promise<ResultsFilterOptions> {
  const rows = await db()
    .selectDistinct({ unitId: surveyInvitees.businessUnitId, unitName: businessUnits.name, level: surveyInvitees.level })
    .from(surveyInvitees)
    .innerJoin(businessUnits, eq(businessUnits.id, surveyInvitees.businessUnitId))
    .where(eq(surveyInvitees.surveyId, surveyId))
    .orderBy(asc(businessUnits.name));
  const units = new Map(rows.map((r) => [r.unitId, r.unitName]));
  const levels = new Set(rows.map((r) => r.level));
  return {
    units: [...units].map(([value, label]) => ({ value, label })),
    levels: STAKEHOLDER_LEVELS.filter((l) => levels.has(l)).map((value) => ({ value, label: LEVEL_LABELS[value] })),
  };
}

/**
 * Every answer of the survey's sent responses, one row per answer (a response with none still has
 * a row), with the unit it was sent from, the respondent's level and, for a named survey only,
 * their name: an anonymous survey's results never read who answered.
 */
async function sentAnswers(surveyId: string, anonymous: boolean) {
  return db()
    .select({
      interviewId: interviews.id,
      unitId: interviews.businessUnitId,
      unitName: businessUnits.name,
      level: surveyInvitees.level,
      name: anonymous ? sql<string | null>`null` : sql<string | null>`${stakeholders.name}`,
      item: answers.item,
      value: answers.value,
    })
    .from(interviews)
    .innerJoin(surveyInvitees, eq(surveyInvitees.interviewId, interviews.id))
    .innerJoin(businessUnits, eq(businessUnits.id, interviews.businessUnitId))
    .innerJoin(stakeholders, eq(stakeholders.id, surveyInvitees.stakeholderId))
    .leftJoin(answers, and(eq(answers.interviewId, interviews.id), eq(answers.kind, "answer")))
    .where(and(eq(interviews.surveyId, surveyId), eq(interviews.status, "completed")));
}

/**
 * A survey's results for the responses of one unit and level (either may be empty: everyone), or
 * null when there is no such survey. A unit or level nobody asked belongs to is ignored. Four
 * queries at most, however many responses.
 */
export async function surveyResults({ surveyId, filter }: { surveyId: string; filter: ResultsFilter }) {
  const found = await getSurvey(surveyId);
  if (!found) return null;
  const { survey } = found;
  const [content, options, rows] = await Promise.all([guideContentOf(survey.guideVersionId), filterOptions(surveyId), sentAnswers(surveyId, survey.anonymous)]);
  const applied: ResultsFilter = {
    unit: options.units.some((u) => u.value === filter.unit) ? filter.unit : "",
    level: options.levels.some((l) => l.value === filter.level) ? filter.level : "",
  };

  const byResponse = new Map<string, SentResponse & { unitId: string; level: StakeholderLevel }>();
  for (const row of rows) {
    let response = byResponse.get(row.interviewId);
    if (!response) {
      response = { name: row.name, unitName: row.unitName, unitId: row.unitId, level: row.level, answers: {} };
      byResponse.set(row.interviewId, response);
    }
    if (row.item !== null) response.answers[row.item] = row.value;
  }
  const all = [...byResponse.values()];
  const chosen = all.filter((r) => (!applied.unit || r.unitId === applied.unit) && (!applied.level || r.level === applied.level));
  return {
    survey: { id: survey.id, title: survey.title, anonymous: survey.anonymous, opensOn: survey.opensOn, closesOn: survey.closesOn },
    guide: { title: found.guideTitle, number: found.guideNumber },
    filter: applied,
    options,
    /** Sent responses in all, whatever the filter. */
    sent: all.length,
    results: surveyResultsOf({ content, responses: chosen, anonymous: survey.anonymous, filtered: Boolean(applied.unit || applied.level), rest: all.length - chosen.length }),
  };
}
