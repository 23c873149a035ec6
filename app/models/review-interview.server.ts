/**
 * Review interviews: interviews about a service (interviews.service_id), whose
 * questions are filled with what the service's definition says.
 */
import { sql } from "drizzle-orm";
import type { Definition } from "../domain/definition";
import { fillGuideContent, reviewValues, type ReviewValues } from "../domain/review-guide";
import type { GuideContent } from "../domain/guide";
import { db, type Executor } from "../db.server";
import { definitionInForce } from "./measures.server";
import { toUuidArray } from "./need-support.server";
import { rowsOf } from "./rows.server";

export interface ReviewSubject {
  serviceId: string;
  name: string;
  definition: Definition;
  /** The agreed version the questions show, or null when they show the draft. */
  agreedVersion: number | null;
}

/** The service a review interview would be about, as it stands now: for the planning page. */
export async function serviceForReview(serviceId: string): Promise<ReviewSubject | null> {
  const found = (await definitionInForce(db(), [serviceId])).get(serviceId);
  return found ? { serviceId, name: found.name, definition: found.definition, agreedVersion: found.agreedVersion } : null;
}

/**
 * Per review interview, the definition its questions put to the business: the
 * newest version agreed by the time of the conversation (its scheduled time, or
 * when it was planned if that was later), else the service's draft. A version
 * agreed afterwards, from what the interview found, does not rewrite the
 * questions its answers were given to. One query however many interviews.
 */
export async function reviewSubjectsOf(interviewIds: readonly string[], executor: Executor = db()): Promise<Map<string, ReviewSubject>> {
  if (!interviewIds.length) return new Map();
  const rows = rowsOf<{ interview_id: string; service_id: string; name: string; draft: Definition; agreed: Definition | null; number: number | null }>(
    await executor.execute(sql`
      select i.id as interview_id, s.id as service_id, s.name, s.draft, a.content->'definition' as agreed, a.number
      from interviews i
      join services s on s.id = i.service_id
      left join lateral (
        select sv.content, sv.number from service_versions sv join agreed_documents d on d.version_id = sv.id
        where sv.service_id = s.id and d.agreed_at <= greatest(i.scheduled_at, i.created_at)
        order by sv.number desc limit 1
      ) a on true
      where i.id = any(${toUuidArray([...interviewIds])})`),
  );
  return new Map(rows.map((r) => [r.interview_id, { serviceId: r.service_id, name: r.name, definition: r.agreed ?? r.draft, agreedVersion: r.number ?? null }]));
}

/** What the placeholders of one interview's questions stand for; null (and no query) for an interview about no service. */
export async function reviewValuesOf(interview: { id: string; serviceId: string | null }): Promise<ReviewValues | null> {
  if (!interview.serviceId) return null;
  const subject = (await reviewSubjectsOf([interview.id])).get(interview.id);
  return subject ? reviewValues(subject.name, subject.definition) : null;
}

/** An interview's guide content as its pages show it: filled for a review interview, as written otherwise. */
export async function interviewContentOf(interview: { id: string; serviceId: string | null }, content: GuideContent): Promise<GuideContent> {
  return fillGuideContent(content, await reviewValuesOf(interview));
}
