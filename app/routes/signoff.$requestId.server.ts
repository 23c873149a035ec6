import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { and, eq, ne } from "drizzle-orm";
import { users } from "../../db/schema";
import { can } from "../domain/roles";
import { clauseCommentSchema, decisionFormSchema, delegateFormSchema, withdrawFormSchema } from "../domain/signoff";
import { db } from "../db.server";
import { documentData } from "../models/agreement-document.server";
import { AppError } from "../models/errors.server";
import { mayView, requestView } from "../models/signoff-read.server";
import { commentOn, decide, delegate, remind, withdrawRequest } from "../models/signoff.server";
import { PdfBusyError } from "../pdf/pool.server";
import { requireIdParam, requireUser, notFound } from "../utils/auth.server";
import { appOrigin } from "../utils/calendar.server";
import { redirectWithFlash } from "../utils/flash.server";
import { appErrorResponse, badRequest, formDataToObject, readFormData } from "../utils/form.server";
import { actorFor, requestMeta } from "../utils/request.server";

const NOT_YOURS = "That sign-off request does not exist, or it does not name you.";

/** A request the user may open, or a 404 that does not tell them whether it exists. */
async function visibleRequest(request: Request, id: string | undefined) {
  const user = await requireUser(request, { capability: "services:read" });
  const view = await requestView(requireIdParam(id));
  const mayEdit = can(user.role, "services:edit");
  if (!view || !mayView(view, user, mayEdit)) throw notFound(NOT_YOURS);
  return { user, view, mayEdit };
}

export async function requestLoader({ request, params }: LoaderFunctionArgs) {
  const { user, view, mayEdit } = await visibleRequest(request, params.requestId);
  const doc = await documentData({ versionId: view.request.versionId, origin: appOrigin(request), requestId: view.request.id });
  const mine = view.steps.find((s) => s.userId === user.id) ?? null;
  const named = new Set(view.steps.map((s) => s.userId));
  const executives =
    mine?.role === "signer" && mine.state !== "approved" && view.request.status === "pending"
      ? (await db().select({ id: users.id, name: users.name, title: users.title }).from(users).where(and(eq(users.role, "executive"), eq(users.active, true), ne(users.id, view.request.submittedBy))).orderBy(users.name)).filter(
          (u) => !named.has(u.id),
        )
      : [];
  return json({
    request: {
      id: view.request.id,
      status: view.request.status,
      inOrder: view.request.inOrder,
      message: view.request.message,
      dueOn: view.request.dueOn,
      submittedAt: view.request.submittedAt.toISOString(),
      submittedBy: view.submitter,
      closedAt: view.request.closedAt?.toISOString() ?? null,
      closedBy: view.closedByName,
      closeReason: view.request.closeReason,
      overdue: view.overdue,
    },
    service: { id: view.request.serviceId, name: view.serviceName },
    number: view.number,
    contentHash: view.contentHash,
    steps: view.steps,
    comments: view.comments,
    reminders: view.reminders,
    sealed: view.sealed,
    doc: doc!,
    me: {
      id: user.id,
      step: mine,
      isSubmitter: view.request.submittedBy === user.id,
      mayEdit,
      mayComment: view.request.status === "pending" && (mayEdit || view.steps.some((s) => s.userId === user.id)),
    },
    executives,
  });
}

export type Intent = "decide" | "comment" | "delegate" | "remind" | "withdraw";
export interface ActionData {
  intent: Intent;
  errors: Record<string, string>;
  formError?: string;
  /** What was typed, shown again after a refusal (pages without JavaScript start from it). */
  values?: Record<string, string | string[]>;
}

export async function requestAction({ request, params, context }: ActionFunctionArgs) {
  const { user, view, mayEdit } = await visibleRequest(request, params.requestId);
  const form = formDataToObject(await readFormData(request));
  const actor = { ...actorFor(user, requestMeta(request, context)), id: user.id };
  const intent = String(form.intent ?? "") as Intent;
  const here = `/signoff/${view.request.id}`;
  const fail = (errors: Record<string, string>, formError?: string) => json<ActionData>({ intent, errors, formError, values: form }, { status: 400 });
  try {
    switch (intent) {
      case "decide": {
        const parsed = decisionFormSchema.safeParse(form);
        if (!parsed.success) return fail(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? ""), i.message])));
        const result = await decide({ requestId: view.request.id, decision: parsed.data.decision, comment: parsed.data.comment, actor, origin: appOrigin(request) });
        const message =
          result.status === "agreed"
            ? `Signed. Version ${view.number} of ${view.serviceName} is agreed; its signed PDF is sealed.`
            : result.status === "rejected"
              ? `Rejected. ${view.submitter} sees your reason and will make a new version.`
              : parsed.data.decision === "approve"
                ? "Thank you: your decision is recorded."
                : "Recorded.";
        return redirectWithFlash(here, { kind: "success", message });
      }
      case "comment": {
        const parsed = clauseCommentSchema.safeParse(form);
        if (!parsed.success) return fail(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? ""), i.message])));
        await commentOn({ requestId: view.request.id, clauseId: parsed.data.clauseId || null, body: parsed.data.body, actor, mayEdit });
        return redirectWithFlash(`${here}${parsed.data.clauseId ? `#clause-${parsed.data.clauseId}` : ""}`, { kind: "success", message: "Comment added." });
      }
      case "delegate": {
        const parsed = delegateFormSchema.safeParse(form);
        if (!parsed.success) return fail(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? ""), i.message])));
        const { to } = await delegate({ requestId: view.request.id, to: parsed.data.to, reason: parsed.data.reason, actor });
        return redirectWithFlash("/signoff", { kind: "success", message: `Handed to ${to}: ${view.serviceName}, version ${view.number} now waits on them.` });
      }
      case "remind": {
        if (!mayEdit) throw new AppError("forbidden", "Only relationship managers send reminders", undefined, 403);
        const { reminded } = await remind({ requestId: view.request.id, actor });
        return redirectWithFlash(here, { kind: "success", message: `Reminder recorded for ${reminded === 1 ? "the person" : `the ${reminded} people`} it waits on.` });
      }
      case "withdraw": {
        if (!mayEdit) throw new AppError("forbidden", "Only relationship managers withdraw a request", undefined, 403);
        const parsed = withdrawFormSchema.safeParse(form);
        if (!parsed.success) return fail(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? ""), i.message])));
        await withdrawRequest({ requestId: view.request.id, reason: parsed.data.reason, actor });
        return redirectWithFlash(here, { kind: "success", message: `Withdrawn. Version ${view.number} can be submitted again.` });
      }
      default:
        return badRequest({}, "Unknown action: reload the page and try again.");
    }
  } catch (error) {
    if (error instanceof PdfBusyError) return json<ActionData>({ intent, errors: {}, formError: (error as Error).message, values: form }, { status: 503, headers: { "Retry-After": "5" } });
    const response = appErrorResponse(error);
    const body = (await response.json()) as { errors: Record<string, string>; formError?: string };
    return json<ActionData>({ intent, ...body, values: form }, { status: response.status });
  }
}
