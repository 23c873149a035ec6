/**
 * A survey response seen by staff: an interview row whose answers come only from its respondent,
 * so it is read-only, and for an anonymous survey says nothing that could tell who sent it.
 * Pure: shared by client and server.
 */
import { formatDay, utcToZoned, type InterviewStatus } from "./interview";
import { respondentLabel } from "./survey";

export interface ResponseFacts {
  surveyId: string;
  surveyTitle: string;
  anonymous: boolean;
  /** "Response from Ana Reyes", "Anonymous response, Retail Banking". */
  heading: string;
  /** Sent by the respondent: until then its answers are theirs alone. */
  sent: boolean;
  /** Who an anonymous response's quotes stand for ("anonymous respondent, Retail Banking"); null for a named one. */
  anonymousAs: string | null;
}

/** What the response pages say about a response, from its survey, its unit and (named surveys) its respondent. */
export function responseFacts(
  survey: { id: string; title: string; anonymous: boolean },
  response: { unitName: string; status: InterviewStatus; respondentName: string | null },
): ResponseFacts {
  const heading = survey.anonymous
    ? `Anonymous response, ${response.unitName}`
    : response.respondentName
      ? `Response from ${response.respondentName}`
      : "Survey response";
  return {
    surveyId: survey.id,
    surveyTitle: survey.title,
    anonymous: survey.anonymous,
    heading,
    sent: response.status === "completed",
    anonymousAs: survey.anonymous ? respondentLabel({ anonymous: true, unitName: response.unitName }) : null,
  };
}

export const RESPONSE_STATUS_LABELS: Partial<Record<InterviewStatus, string>> = { in_progress: "Not sent yet", completed: "Sent" };

/** Staff cannot move a response along: its respondent opens it and sends it. */
export const RESPONSE_READ_ONLY = "This is a survey response: only its respondent answers and sends it, so it cannot be started, completed, cancelled or reopened here.";

/**
 * An instant reduced to its day (noon UTC of the workspace's date, which every page shows as that
 * same day): the exact time an anonymous response was sent could tell who sent it.
 */
export function dayOnly(instant: Date | string): string {
  return `${utcToZoned(instant).date}T12:00:00.000Z`;
}

/** "Sent 12 Oct 2026" (or "Opened …" while not yet sent): never the time, which for an anonymous response could tell who. */
export function responseWhen(response: ResponseFacts, at: Date | string): string {
  return `${response.sent ? "Sent" : "Opened"} ${formatDay(response.anonymous ? dayOnly(at) : at)}`;
}
