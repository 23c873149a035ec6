import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { isRealDate } from "../domain/format";
import { addDays, zonedToUtc } from "../domain/interview";
import { EXPORT_HEADER, exportAnswerRows } from "../models/answer-export.server";
import { requireUser } from "../utils/auth.server";
import { csvResponse } from "../utils/csv.server";

const exportFilterSchema = z.object({
  unit: z.union([z.literal(""), z.uuid({ error: "The unit must be a unit's id" })]).default(""),
  from: z.union([z.literal(""), z.string().refine(isRealDate, "“from” must be a date like 2026-11-01")]).default(""),
  to: z.union([z.literal(""), z.string().refine(isRealDate, "“to” must be a date like 2026-11-30")]).default(""),
});

/** Answers of every interview of a unit and/or a date range, as CSV. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "interviews:read" });
  const url = new URL(request.url);
  const parsed = exportFilterSchema.safeParse({
    unit: url.searchParams.get("unit") ?? undefined,
    from: url.searchParams.get("from") ?? undefined,
    to: url.searchParams.get("to") ?? undefined,
  });
  if (!parsed.success) throw new Response(parsed.error.issues[0]!.message, { status: 400, statusText: "Bad Request" });
  const { unit, from, to } = parsed.data;
  if (from && to && from > to) throw new Response("“from” must not be after “to”", { status: 400, statusText: "Bad Request" });
  const rows = await exportAnswerRows({
    viewer: user,
    filter: {
      unitId: unit || undefined,
      from: from ? zonedToUtc(from, "00:00") : undefined,
      to: to ? zonedToUtc(addDays(to, 1), "00:00") : undefined,
    },
  });
  const name = ["answers", from || "start", to || "today"].join("-");
  return csvResponse([EXPORT_HEADER, ...rows], `${name}.csv`);
}
