import { responseFacts, type ResponseFacts } from "../domain/survey-response";
import type { InterviewStatus } from "../domain/interview";
import { getSurvey } from "./survey.server";

/** What the response pages say of an interview that is a survey response; null for an ordinary interview. */
export async function responseOf(found: {
  interview: { surveyId: string | null; status: InterviewStatus };
  unitName: string;
  stakeholders: { name: string }[];
}): Promise<ResponseFacts | null> {
  if (!found.interview.surveyId) return null;
  const survey = await getSurvey(found.interview.surveyId);
  if (!survey) return null;
  // A named survey's respondent is its response's one stakeholder; an anonymous one has none.
  return responseFacts(survey.survey, { unitName: found.unitName, status: found.interview.status, respondentName: found.stakeholders[0]?.name ?? null });
}
