import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { similarNeeds } from "../models/need-board.server";
import { requireUser } from "../utils/auth.server";
import { queryOf } from "../utils/request.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Likely duplicates of a statement being written (GET /needs/similar?q=…&exclude=<need id>), as JSON. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "needs:edit" });
  const query = queryOf(request);
  const q = (query.q ?? "").trim();
  const exclude = query.exclude ?? "";
  if (q.length > 400) return json({ error: "Write at most 400 characters", similar: [] }, { status: 400 });
  if (exclude && !UUID.test(exclude)) return json({ error: "exclude must be a need id", similar: [] }, { status: 400 });
  const similar = await similarNeeds({ text: q, viewer: user, excludeId: exclude || undefined });
  return json({ similar }, { headers: { "Cache-Control": "private, no-store" } });
}
