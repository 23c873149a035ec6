/** The service page's changes: versions, dependencies, review actions and suspect clauses (relationship managers only). */
import { json, type ActionFunctionArgs } from "@remix-run/node";
import { fieldErrors, isUuid } from "../domain/fields";
import { ACTION_STATUS_LABELS, actionStatusSchema } from "../domain/review";
import { can } from "../domain/roles";
import { clearSuspectsSchema } from "../domain/suspect";
import { AppError } from "../models/errors.server";
import { setActionStatus } from "../models/review.server";
import { createVersion } from "../models/service-version.server";
import { addDependency, removeDependency } from "../models/service.server";
import { clearSuspects } from "../models/suspect.server";
import { forbidden, notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { formDataToObject, readFormData } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

export type ActionData = { formError?: string; dependencyError?: string; suspectErrors?: { ids?: string; note?: string; form?: string } };

export async function serviceAction({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { capability: "services:read" });
  const id = requireIdParam(params.serviceId);
  if (!can(user.role, "services:edit")) throw forbidden("Only relationship managers change services.");
  const form = formDataToObject(await readFormData(request));
  const actor = actorFor(user, requestMeta(request, context));
  const other = typeof form.dependsOnId === "string" ? form.dependsOnId : "";
  try {
    switch (form.intent) {
      case "version": {
        const v = await createVersion({ id, actor });
        return redirectWithFlash(`/services/${id}`, { kind: "success", message: `Version ${v.number} created. Its content hash is ${v.hash.slice(0, 12)}…` });
      }
      case "add-dependency":
        if (!isUuid(other)) return json<ActionData>({ dependencyError: "Choose a service from the list" }, { status: 400 });
        await addDependency({ serviceId: id, dependsOnId: other, actor });
        return redirectWithFlash(`/services/${id}`, { kind: "success", message: "Dependency recorded." });
      case "action-status": {
        const parsed = actionStatusSchema.safeParse(form);
        if (!parsed.success) return json<ActionData>({ formError: "Choose done, dropped or open for one of this service's actions" }, { status: 400 });
        await setActionStatus({ serviceId: id, ...parsed.data, actor });
        return redirectWithFlash(`/services/${id}#reviews`, { kind: "success", message: `Action marked ${ACTION_STATUS_LABELS[parsed.data.status].toLowerCase()}.` });
      }
      case "clear-suspects": {
        const parsed = clearSuspectsSchema.safeParse(form);
        if (!parsed.success) return json<ActionData>({ suspectErrors: fieldErrors(parsed.error) }, { status: 400 });
        const { cleared } = await clearSuspects({ serviceId: id, input: parsed.data, actor });
        return redirectWithFlash(`/services/${id}#suspect`, { kind: "success", message: `${cleared} suspect clause${cleared === 1 ? "" : "s"} cleared.` });
      }
      case "remove-dependency":
        if (!isUuid(other)) return json<ActionData>({ formError: "That dependency is not recorded" }, { status: 400 });
        await removeDependency({ serviceId: id, dependsOnId: other, actor });
        return redirectWithFlash(`/services/${id}`, { kind: "success", message: "Dependency removed." });
      default:
        return json<ActionData>({ formError: "Unknown action" }, { status: 400 });
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if ((error.code === "service_not_found" || error.code === "action_not_found") && !error.field) throw notFound(error.message);
    if (error.code === "nothing_to_clear") return json<ActionData>({ suspectErrors: { form: error.message } }, { status: error.status });
    return json<ActionData>(error.field === "dependsOnId" ? { dependencyError: error.message } : { formError: error.message }, { status: error.status });
  }
}
