import type { LoaderFunctionArgs } from "@remix-run/node";
import { EXPORT_HEADER, exportAnswerRows } from "../models/answer-export.server";
import { getInterview } from "../models/interview.server";
import { responseOf } from "../models/survey-response.server";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { csvResponse } from "../utils/csv.server";

/** One interview's answers as CSV: a row per answer and per section's notes. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "interviews:read" });
  const id = requireIdParam(params.interviewId);
  const found = await getInterview({ id, viewer: user });
  if (!found) throw notFound("That interview does not exist, or it is private.");
  const response = await responseOf(found);
  if (response?.anonymous) throw notFound("An anonymous survey response has no export of its own: its answers count in the survey's results.");
  if (response && !response.sent) throw notFound("This response has not been sent yet: until then its answers are its respondent's.");
  const rows = await exportAnswerRows({ viewer: user, filter: { interviewId: id } });
  const date = new Date(found.interview.scheduledAt).toISOString().slice(0, 10);
  return csvResponse([EXPORT_HEADER, ...rows], `answers-${found.unitName.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${date}.csv`);
}
