import { json, type ActionFunctionArgs } from "@remix-run/node";
import { needActionSchema, needRef, NEED_STATUS_LABELS } from "../domain/need";
import { can } from "../domain/roles";
import { mergeNeed, unmergeNeed } from "../models/need-merge.server";
import { changeNeedStatus, commentOnNeed, linkEvidence, unlinkEvidence } from "../models/need.server";
import { forbidden, requireIdParam, requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { appErrorResponse, formDataToObject, readFormData } from "../utils/form.server";
import { fieldErrors } from "../domain/fields";
import { actorFor, requestMeta } from "../utils/request.server";

/**
 * Everything done on a need's page: status, merge and undo, linking and
 * unlinking evidence (relationship managers and admins), and comments (also
 * business leads of the need's units). Each answers with the intent, so the
 * page shows a refusal next to the form it came from.
 */
export async function needAction({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "needs:read" });
  const id = requireIdParam(params.needId);
  const form = formDataToObject(await readFormData(request));
  const parsed = needActionSchema.safeParse(form);
  const intent = typeof form.intent === "string" ? form.intent : "";
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    return json({ intent, errors, formError: errors.intent, values: form }, { status: 400 });
  }
  const action = parsed.data;
  if (!can(user.role, action.intent === "comment" ? "needs:comment" : "needs:edit")) throw forbidden("Only relationship managers and admins change needs.");
  const actor = actorFor(user, requestMeta(request, context));
  const here = `/needs/${id}`;
  try {
    switch (action.intent) {
      case "status":
        await changeNeedStatus({ id, status: action.status, reason: action.reason, viewer: user, actor });
        return redirectWithFlash(here, { kind: "success", message: `Status: ${NEED_STATUS_LABELS[action.status]}.` });
      case "merge": {
        const { survivorId, survivorNumber } = await mergeNeed({ id, into: action.into, viewer: user, actor });
        return redirectWithFlash(`/needs/${survivorId}`, { kind: "success", message: `Merged into ${needRef(survivorNumber)}: its evidence now counts here. The merge can be undone from the merged need's page.` });
      }
      case "unmerge": {
        const { fromNumber } = await unmergeNeed({ id, viewer: user, actor });
        return redirectWithFlash(here, { kind: "success", message: `Merge undone: this need stands on its own again, apart from ${needRef(fromNumber)}.` });
      }
      case "link": {
        const { linked } = await linkEvidence({ id, evidenceIds: action.evidenceIds, viewer: user, actor });
        return redirectWithFlash(here, { kind: "success", message: `${linked} piece${linked === 1 ? "" : "s"} of evidence linked.` });
      }
      case "unlink":
        await unlinkEvidence({ id, evidenceId: action.evidenceId, viewer: user, actor });
        return redirectWithFlash(here, { kind: "success", message: "Evidence unlinked. It stays on its interview." });
      case "comment":
        await commentOnNeed({ id, body: action.body, viewer: user, actor });
        return redirectWithFlash(`${here}#comments`, { kind: "success", message: "Comment added." });
    }
  } catch (error) {
    const response = appErrorResponse(error);
    const body = (await response.json()) as { errors: Record<string, string>; formError?: string };
    return json({ intent, ...body, values: form }, { status: response.status });
  }
}
