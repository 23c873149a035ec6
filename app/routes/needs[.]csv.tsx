import type { LoaderFunctionArgs } from "@remix-run/node";
import { fieldErrors } from "../domain/fields";
import { utcToZoned } from "../domain/interview";
import { NEED_CATEGORY_SHORT, NEED_STATUS_LABELS, needFilterSchema, needRef } from "../domain/need";
import { exportNeeds } from "../models/need-board.server";
import { requireUser } from "../utils/auth.server";
import { csvResponse } from "../utils/csv.server";
import { queryOf } from "../utils/request.server";

export const NEEDS_CSV_HEADER = [
  "Need",
  "Statement",
  "Status",
  "Category",
  "Business units",
  "Business process",
  "Critical period",
  "Outcome",
  "Pain today",
  "Stakeholders",
  "Their units",
  "Quotes",
  "First heard",
  "Last heard",
  "Tags",
] as const;

/** The needs board as CSV, with the board's filters and order (every page). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "needs:read" });
  const parsed = needFilterSchema.safeParse({ ...queryOf(request), page: "" });
  if (!parsed.success) {
    return new Response(`The export could not be made: ${Object.values(fieldErrors(parsed.error)).join("; ")}`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const rows = await exportNeeds({ viewer: user, filter: parsed.data });
  const day = (iso: string | null) => (iso ? utcToZoned(iso).date : "");
  return csvResponse(
    [
      NEEDS_CSV_HEADER,
      ...rows.map((n) => [
        needRef(n.number),
        n.statement,
        NEED_STATUS_LABELS[n.status],
        NEED_CATEGORY_SHORT[n.category],
        n.units,
        n.process,
        n.criticalPeriod,
        n.outcome,
        n.pain,
        n.stakeholderCount,
        n.unitCount,
        n.evidenceCount,
        day(n.firstHeard),
        day(n.lastHeard),
        n.tags,
      ]),
    ],
    `needs-${utcToZoned(new Date()).date}.csv`,
  );
}
