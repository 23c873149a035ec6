import type { LoaderFunctionArgs } from "@remix-run/node";
import { feedOwner, interviewsForCalendar } from "../models/interview.server";
import { notFound } from "../utils/auth.server";
import { appOrigin, icsResponse, interviewsToIcs } from "../utils/calendar.server";

/**
 * A relationship manager's private calendar feed, for calendar apps that cannot
 * sign in: the secret token in the address is the key. A revoked token is 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const owner = await feedOwner(params.token ?? "");
  if (!owner) throw notFound("This calendar address is not valid any more.");
  const rows = await interviewsForCalendar({ viewer: owner, interviewerId: owner.id });
  return icsResponse(interviewsToIcs(rows, { origin: appOrigin(request), name: `Charter: ${owner.name}'s interviews` }));
}
