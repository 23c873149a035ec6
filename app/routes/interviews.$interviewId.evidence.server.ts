import { json, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { anonymousCaptureSchema, captureEvidenceSchema, evidenceIdSchema } from "../domain/evidence";
import { fieldErrors } from "../domain/fields";
import { needRef, parseNeedRef } from "../domain/need";
import { AppError } from "../models/errors.server";
import { captureEvidence, confirmEvidence, isAnonymousResponse, removeEvidence } from "../models/evidence.server";
import { linkEvidence, needIdByNumber } from "../models/need.server";
import { requireIdParam, requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { formDataToObject, readFormData } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

const pickedSchema = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().uuid("Tick quotes from the list")).min(1, "Tick the quotes to use first").max(200, "At most 200 quotes at once"));
const addToNeedSchema = z.object({
  need: z.string().trim().min(1, "Give the need's number, e.g. N-12"),
  evidence: pickedSchema,
});

export type EvidenceActionData = {
  intent: string;
  /** Which text the refusal concerns ("answer:q-id", "notes:s-id"), so it shows there. */
  target?: string;
  errors: Record<string, string>;
  formError?: string;
  values?: Record<string, string | string[]>;
};

const refusal = (data: EvidenceActionData, status = 400) => json<EvidenceActionData>(data, { status });

/** Capturing, confirming and removing evidence on an interview, and adding ticked quotes to an existing need. */
export async function evidenceAction({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "needs:edit" });
  const interviewId = requireIdParam(params.interviewId);
  const values = formDataToObject(await readFormData(request));
  const intent = typeof values.intent === "string" ? values.intent : "";
  const actor = actorFor(user, requestMeta(request, context));
  const here = `/interviews/${interviewId}/evidence`;
  const target = typeof values.source === "string" && typeof values.item === "string" ? `${values.source}:${values.item}` : undefined;
  try {
    switch (intent) {
      case "capture": {
        // An anonymous survey's response has nobody to name (the model refuses names too).
        const parsed = ((await isAnonymousResponse(interviewId)) ? anonymousCaptureSchema : captureEvidenceSchema).safeParse(values);
        if (!parsed.success) return refusal({ intent, target, errors: fieldErrors(parsed.error), values });
        const ev = await captureEvidence({ interviewId, input: parsed.data, viewer: user, actor });
        return redirectWithFlash(`${here}#ev-${ev.id}`, { kind: "success", message: `Evidence saved: “${ev.text.length > 80 ? `${ev.text.slice(0, 77)}…` : ev.text}”` });
      }
      case "confirm":
      case "remove": {
        const parsed = evidenceIdSchema.safeParse(values);
        if (!parsed.success) return refusal({ intent, errors: fieldErrors(parsed.error), formError: "Choose a piece of evidence" });
        const args = { id: parsed.data.evidenceId, interviewId, viewer: user, actor };
        await (intent === "confirm" ? confirmEvidence(args) : removeEvidence(args));
        return redirectWithFlash(intent === "confirm" ? `${here}#ev-${parsed.data.evidenceId}` : here, {
          kind: "success",
          message: intent === "confirm" ? "Evidence confirmed against the answer as it is now." : "Evidence removed.",
        });
      }
      case "new-need":
      case "pick":
      case "add-to-need": {
        const typedNeed = typeof values.need === "string" && values.need.trim() !== "";
        if (intent === "new-need" || (intent === "pick" && !typedNeed)) {
          const picked = pickedSchema.safeParse(values.evidence);
          if (!picked.success) return refusal({ intent, errors: { evidence: picked.error.issues[0]!.message }, values });
          return redirect(`/needs/new?${new URLSearchParams(picked.data.map((id) => ["evidence", id]))}`);
        }
        const parsed = addToNeedSchema.safeParse(values);
        if (!parsed.success) return refusal({ intent, errors: fieldErrors(parsed.error), values });
        const number = parseNeedRef(parsed.data.need);
        const needId = number === null ? null : await needIdByNumber(number);
        if (!needId) return refusal({ intent, errors: { need: number === null ? "Give the need's number, e.g. N-12" : `There is no need ${needRef(number)}` }, values });
        const { linked } = await linkEvidence({ id: needId, evidenceIds: parsed.data.evidence, viewer: user, actor });
        return redirectWithFlash(`/needs/${needId}`, { kind: "success", message: `${linked} quote${linked === 1 ? "" : "s"} added to ${needRef(number!)}.` });
      }
      default:
        return refusal({ intent, errors: {}, formError: "Unknown action" });
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404 && intent === "capture") throw new Response(error.message, { status: 404 });
    const field = intent !== "capture" && error.field === "evidenceIds" ? "evidence" : error.field;
    return refusal({ intent, target, errors: field ? { [field]: error.message } : {}, formError: field ? undefined : error.message, values }, error.status === 404 ? 400 : error.status);
  }
}
