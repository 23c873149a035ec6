import { json, type ActionFunctionArgs, type AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import type { CellResponse } from "../components/rounds/score-sync";
import { can } from "../domain/roles";
import { AppError } from "../models/errors.server";
import { autosaveCells, submitScores, type CellSave } from "../models/round.server";
import { getSession, notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { formDataToObject, readFormData } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

const autosaveSchema = z.object({
  intent: z.literal("autosave"),
  requestId: z.string().max(100).optional(),
  saves: z
    .array(z.object({ name: z.string().max(100), value: z.string().max(20_000), base: z.number().int().min(0).max(2_147_483_647) }))
    .max(100, "At most 100 cells at once"),
});

const cells = (response: Omit<CellResponse, "kind">, status = 200) => json<CellResponse>({ kind: "cells", ...response }, { status });

/**
 * The grid's autosave (a JSON post from the page). It never redirects: an ended
 * session is a 401 the page understands, so it keeps the unsent scores and asks
 * the lead to sign in again; a round that stopped taking scores is a 409 with why.
 */
async function autosave(request: Request, roundId: string) {
  const session = await getSession(request);
  if (session.status !== "valid") return cells({ results: [], error: "signed_out", message: "Your session has ended: sign in again to send your scores." }, 401);
  if (!can(session.user.role, "rounds:read")) return cells({ results: [], error: "held", message: "You may not score rounds." }, 403);
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return cells({ results: [], error: "bad_request", message: "The scores could not be read." }, 400);
  }
  const parsed = autosaveSchema.safeParse(body);
  if (!parsed.success) return cells({ results: [], error: "bad_request", message: parsed.error.issues[0]?.message ?? "The scores could not be read." }, 400);
  try {
    const results = await autosaveCells({ roundId, userId: session.user.id, saves: parsed.data.saves });
    const status = results.some((r) => r.status === "conflict") ? 409 : results.some((r) => r.status === "invalid") ? 422 : 200;
    return cells({ results }, status);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return cells({ results: [], error: "held", message: error.message }, error.status === 400 ? 409 : error.status);
  }
}

export interface GridActionData {
  formError: string;
  errors: Record<string, string>;
  /** Cells changed elsewhere since the page was loaded: what is stored now. */
  conflicts: Record<string, string>;
  values: Record<string, string>;
  seenAt: string;
}

/**
 * The grid posted as a form (without JavaScript, or "submit" with it): every
 * cell saved unless it changed elsewhere since the page was loaded, then, with
 * "submit", handed in. A refusal keeps every typed value.
 */
async function postGrid(request: Request, roundId: string, context: AppLoadContext) {
  const user = await requireUser(request, { capability: "rounds:read" });
  const form = formDataToObject(await readFormData(request));
  const one = (name: string) => {
    const v = form[name];
    return (Array.isArray(v) ? v[0] : v) ?? "";
  };
  const now = new Date();
  const values = Object.fromEntries(Object.keys(form).filter((k) => /^(score|why)\./.test(k)).map((k) => [k, one(k)]));
  const refuse = (status: number, formError: string, errors: Record<string, string> = {}, conflicts: Record<string, string> = {}) =>
    json<GridActionData>({ formError, errors, conflicts, values, seenAt: now.toISOString() }, { status });
  const intent = one("intent");
  if (intent !== "save" && intent !== "submit") return refuse(400, "Choose Save or Submit");
  const seenAt = new Date(one("seenAt"));
  if (Number.isNaN(seenAt.getTime())) return refuse(400, "The page was incomplete: load it again");
  const saves: CellSave[] = Object.entries(values).map(([name, value]) => ({ name, value: name.startsWith("why.") ? value.trim() : value, base: null }));
  try {
    const results = await autosaveCells({ roundId, userId: user.id, saves, seenAt, now });
    const errors = Object.fromEntries(results.flatMap((r) => (r.status === "invalid" ? [[r.name, r.message]] : [])));
    const conflicts = Object.fromEntries(results.flatMap((r) => (r.status === "conflict" ? [[r.name, r.value]] : [])));
    const saved = results.filter((r) => r.status === "saved").length;
    if (Object.keys(conflicts).length) {
      return refuse(409, "Some scores were changed in another window since you opened this page: they are marked. Your values are still in the boxes; save again to keep them.", errors, conflicts);
    }
    if (Object.keys(errors).length) return refuse(422, `Some cells could not be saved (the others were): see the marked cells.`, errors);
    if (intent === "submit") {
      await submitScores({ roundId, userId: user.id, actor: actorFor(user, requestMeta(request, context)) });
      return redirectWithFlash(`/rounds/${roundId}`, { kind: "success", message: "Scores submitted. You can now see everyone's." });
    }
    return redirectWithFlash(`/rounds/${roundId}/score`, { kind: "success", message: saved ? "Scores saved. Submit when you are done." : "Nothing to save." });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404) throw notFound(error.message);
    return refuse(error.status, error.message);
  }
}

export async function scoreAction({ request, params, context }: ActionFunctionArgs) {
  const roundId = requireIdParam(params.roundId);
  if (/\bapplication\/json\b/.test(request.headers.get("Content-Type") ?? "")) return autosave(request, roundId);
  return postGrid(request, roundId, context);
}
