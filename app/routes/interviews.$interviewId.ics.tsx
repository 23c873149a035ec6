import type { LoaderFunctionArgs } from "@remix-run/node";
import { interviewsForCalendar } from "../models/interview.server";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { appOrigin, icsResponse, interviewsToIcs } from "../utils/calendar.server";

/** One interview as an .ics invitation: the stakeholders with an email are its attendees. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "interviews:read" });
  const rows = await interviewsForCalendar({ viewer: user, interviewId: requireIdParam(params.interviewId) });
  if (rows.length === 0) throw notFound("That interview does not exist, or it is private.");
  const date = new Date(rows[0]!.scheduledAt).toISOString().slice(0, 10);
  return icsResponse(interviewsToIcs(rows, { origin: appOrigin(request), name: "Charter interview" }), `interview-${date}.ics`);
}
