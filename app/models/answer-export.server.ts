import { and, asc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { answers, businessUnits, interviews, interviewStakeholders, stakeholders, users } from "../../db/schema";
import { answerValuesOf, formatAnswer, visibleQuestionIds } from "../domain/answers";
import { formatLocal } from "../domain/interview";
import { fillGuideContent, reviewValues } from "../domain/review-guide";
import { db } from "../db.server";
import { guideContentOf } from "./answer.server";
import type { Viewer } from "./interview.server";
import { reviewSubjectsOf } from "./review-interview.server";

export const EXPORT_HEADER = ["Interview", "Date", "Unit", "Stakeholders", "Section", "Question", "Answer", "Quote", "Shown", "Interviewer"] as const;

export interface ExportFilter {
  interviewId?: string;
  unitId?: string;
  from?: Date;
  to?: Date;
}

/**
 * Answers as rows, one per answer (and one per section's notes), for the CSV
 * export: of one interview, or every interview of a unit or a date range that
 * the viewer may see. Four queries at most, however many interviews (review
 * interviews' questions are filled from their services' definitions).
 */
export async function exportAnswerRows({ viewer, filter }: { viewer: Viewer; filter: ExportFilter }): Promise<string[][]> {
  const where: (SQL | undefined)[] = [inArray(interviews.status, ["in_progress", "completed"])];
  if (viewer.role !== "admin") where.push(or(eq(interviews.private, false), eq(interviews.interviewerId, viewer.id), eq(interviews.createdBy, viewer.id)));
  if (filter.interviewId) where.push(eq(interviews.id, filter.interviewId));
  // Interviews' answers: survey responses have their survey's results. One named response may be exported on its own;
  // an anonymous one never (the export dates it to the minute, which could tell who sent it).
  where.push(
    filter.interviewId
      ? sql`not exists (select 1 from surveys s where s.id = ${interviews.surveyId} and s.anonymous)`
      : sql`${interviews.surveyId} is null`,
  );
  if (filter.unitId) where.push(eq(interviews.businessUnitId, filter.unitId));
  if (filter.from) where.push(gte(interviews.scheduledAt, filter.from));
  if (filter.to) where.push(lt(interviews.scheduledAt, filter.to));
  const list = await db()
    .select({
      id: interviews.id,
      scheduledAt: interviews.scheduledAt,
      guideVersionId: interviews.guideVersionId,
      serviceId: interviews.serviceId,
      unitName: businessUnits.name,
      interviewerName: users.name,
      stakeholders: sql<string>`coalesce((select string_agg(${stakeholders.name}, '; ' order by ${stakeholders.name}) from ${interviewStakeholders} join ${stakeholders} on ${stakeholders.id} = ${interviewStakeholders.stakeholderId} where ${interviewStakeholders.interviewId} = ${interviews.id}), '')`,
    })
    .from(interviews)
    .innerJoin(businessUnits, eq(businessUnits.id, interviews.businessUnitId))
    .innerJoin(users, eq(users.id, interviews.interviewerId))
    .where(and(...where))
    .orderBy(asc(interviews.scheduledAt))
    .limit(2000);
  if (list.length === 0) return [];
  const stored = await db()
    .select({ interviewId: answers.interviewId, kind: answers.kind, item: answers.item, value: answers.value, quote: answers.quote })
    .from(answers)
    .where(inArray(answers.interviewId, list.map((i) => i.id)));
  const reviews = await reviewSubjectsOf(list.filter((i) => i.serviceId).map((i) => i.id));
  const byInterview = new Map<string, typeof stored>();
  for (const a of stored) byInterview.set(a.interviewId, [...(byInterview.get(a.interviewId) ?? []), a]);

  const rows: string[][] = [];
  for (const interview of list) {
    const review = reviews.get(interview.id);
    const content = fillGuideContent(await guideContentOf(interview.guideVersionId), review ? reviewValues(review.name, review.definition) : null);
    const given = byInterview.get(interview.id) ?? [];
    const values = answerValuesOf(given);
    const visible = visibleQuestionIds(content, values);
    const head = [interview.id, formatLocal(interview.scheduledAt), interview.unitName, interview.stakeholders];
    let number = 0;
    for (const section of content.sections) {
      for (const question of section.questions) {
        number += 1;
        const answer = given.find((a) => a.kind === "answer" && a.item === question.id);
        const text = answer ? formatAnswer(question, answer.value) : "";
        if (!text && !answer?.quote) continue;
        rows.push([...head, section.title, `Q${number} ${question.prompt}`, text, answer?.quote ?? "", visible.has(question.id) ? "yes" : "no (hidden by a condition)", interview.interviewerName]);
      }
      const notes = given.find((a) => a.kind === "notes" && a.item === section.id);
      if (typeof notes?.value === "string" && notes.value) rows.push([...head, section.title, "Notes", notes.value, "", "yes", interview.interviewerName]);
    }
  }
  return rows;
}
