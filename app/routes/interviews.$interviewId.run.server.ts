import { randomUUID } from "node:crypto";
import { json, type ActionFunctionArgs } from "@remix-run/node";
import {
  answerValuesOf,
  lineBreaks,
  storedFingerprint,
  checkSave,
  fieldName,
  itemKey,
  sameValue,
  valueFromForm,
  visibleQuestionIds,
  type AnswerSave,
  type ItemKey,
  type SaveResponse,
  type StoredAnswer,
} from "../domain/answers";
import { can } from "../domain/roles";
import { RESPONSE_READ_ONLY } from "../domain/survey-response";
import { answersOf, interviewContext, saveAnswer, saveAnswers } from "../models/answer.server";
import { getSession, notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { readSaveRequest, saveStatus } from "../utils/answer-save.server";
import { redirectWithFlash } from "../utils/flash.server";
import { formDataToObject, readFormData } from "../utils/form.server";

const refusal = (status: number, error: SaveResponse["error"], message: string) =>
  json<SaveResponse>({ kind: "answers", results: [], changes: [], cursor: 0, error, message }, { status });

/**
 * The autosave (a JSON post from the page's fetcher). It never redirects: an
 * ended session is a 401 the page understands, so it keeps the unsent answers
 * and asks the interviewer to sign in again.
 */
async function autosave(request: Request, interviewId: string) {
  const session = await getSession(request);
  if (session.status !== "valid") return refusal(401, "signed_out", "Your session has ended: sign in again to send your answers.");
  if (!can(session.user.role, "interviews:run")) return refusal(403, "not_found", "You may not record answers.");
  const parsed = await readSaveRequest(request);
  if (!parsed.ok) return refusal(400, "bad_request", parsed.message);
  const response = await saveAnswers({ interviewId, viewer: session.user, request: parsed.data });
  return json(response, { status: saveStatus(response) });
}

export interface SectionActionData {
  formError?: string;
  errors: Record<string, string>;
  conflicts: Record<string, StoredAnswer>;
  values: Record<ItemKey, { value: unknown; quote: string }>;
  revisions: Record<ItemKey, number>;
}

/**
 * The section form, posted without JavaScript: saves what changed in the
 * section (each against the revision the page showed), then moves on. A
 * stale or invalid answer keeps the section open with the interviewer's text.
 */
async function saveSection(request: Request, interviewId: string) {
  const user = await requireUser(request, { capability: "interviews:run" });
  const context = await interviewContext({ interviewId, viewer: user });
  if (!context) throw notFound("That interview does not exist, or it is private.");
  if (context.surveyId) return json<SectionActionData>({ formError: RESPONSE_READ_ONLY, errors: {}, conflicts: {}, values: {}, revisions: {} }, { status: 409 });
  const form = formDataToObject(await readFormData(request));
  const one = (name: string) => {
    const v = form[name];
    return (Array.isArray(v) ? v[0] : v) ?? "";
  };
  const section = context.content.sections.find((s) => s.id === one("section"));
  if (!section) return json<SectionActionData>({ formError: "That section is not in this interview's guide.", errors: {}, conflicts: {}, values: {}, revisions: {} }, { status: 400 });
  const runPath = `/interviews/${interviewId}/run`;
  const data: SectionActionData = { errors: {}, conflicts: {}, values: {}, revisions: {} };
  if (context.status !== "in_progress") {
    data.formError =
      context.status === "completed" ? "This interview is completed: reopen it to change answers." : context.status === "planned" ? "Start the interview to record answers." : "This interview was cancelled.";
    return json(data, { status: 409 });
  }
  const stored = new Map((await answersOf(interviewId)).map((a) => [itemKey(a.kind, a.item), a]));
  const saves: AnswerSave[] = [];
  const consider = (key: ItemKey, kind: "answer" | "notes", item: string, value: unknown, quote: string) => {
    data.values[key] = { value, quote };
    const checked = checkSave(context.content, { kind, item, value, quote });
    if (!checked.ok) {
      data.errors[item] = checked.message;
      return;
    }
    const current = stored.get(key);
    if (sameValue(checked.value, current?.value ?? null) && quote === (current?.quote ?? "")) return;
    // Left as the page showed it: someone else's later change is theirs to keep, not a conflict.
    if (one(fieldName.was(key)) === storedFingerprint(checked.value, quote)) return;
    const base = Number(one(fieldName.revision(key)));
    saves.push({ kind, item, value, quote, base: Number.isInteger(base) && base >= 0 ? base : 0, key: randomUUID() });
  };
  const shown = section.questions.filter((q) => form[fieldName.shown(q.id)] !== undefined);
  for (const question of shown) {
    consider(itemKey("answer", question.id), "answer", question.id, valueFromForm(question, form), lineBreaks(one(fieldName.quote(question.id)).trim()));
  }
  if (form[fieldName.notes] !== undefined) consider(itemKey("notes", section.id), "notes", section.id, lineBreaks(one(fieldName.notes)), "");
  for (const save of saves) {
    const result = await saveAnswer({ interviewId, content: context.content, save, viewer: user });
    if (result.status === "denied") {
      data.formError = "This interview is no longer under way: your answers were not saved.";
      return json(data, { status: 409 });
    }
    if (result.status === "conflict") {
      data.conflicts[save.item] = result.current;
      data.revisions[itemKey(save.kind, save.item)] = result.current.revision;
    } else if (result.status === "invalid") data.errors[save.item] = result.message;
  }
  if (Object.keys(data.errors).length || Object.keys(data.conflicts).length) {
    // Send back only what was not saved, to show it as typed.
    data.values = Object.fromEntries(
      Object.entries(data.values).filter(([key]) => {
        const item = key.slice(2);
        return item in data.errors || item in data.conflicts;
      }),
    ) as SectionActionData["values"];
    data.formError = Object.keys(data.conflicts).length
      ? "Someone else changed some of these answers while you were typing: both versions are below. Your other answers are saved."
      : "Some answers need correcting: the others are saved.";
    return json(data, { status: Object.keys(data.conflicts).length ? 409 : 400 });
  }

  // Answers may have shown questions this page did not: stay so the interviewer sees them.
  const visible = visibleQuestionIds(context.content, answerValuesOf(await answersOf(interviewId)));
  const appeared = section.questions.filter((q) => visible.has(q.id) && !shown.includes(q));
  const index = context.content.sections.indexOf(section);
  const go = one("go");
  if (appeared.length) {
    return redirectWithFlash(`${runPath}?section=${section.id}#q-${appeared[0]!.id}`, {
      kind: "success",
      message: `Saved. Your answers brought up ${appeared.length === 1 ? "a new question" : `${appeared.length} new questions`} in this section.`,
    });
  }
  if (go === "prev" && index > 0) return redirectWithFlash(`${runPath}?section=${context.content.sections[index - 1]!.id}`, { kind: "success", message: "Section saved." });
  if (go === "next" && index < context.content.sections.length - 1) {
    return redirectWithFlash(`${runPath}?section=${context.content.sections[index + 1]!.id}`, { kind: "success", message: "Section saved." });
  }
  if (go === "finish") return redirectWithFlash(`/interviews/${interviewId}`, { kind: "success", message: "Answers saved. Complete the interview when you are ready." });
  return redirectWithFlash(`${runPath}?section=${section.id}`, { kind: "success", message: "Section saved." });
}

export async function runAction({ request, params }: ActionFunctionArgs) {
  const interviewId = requireIdParam(params.interviewId);
  if (/\bapplication\/json\b/.test(request.headers.get("content-type") ?? "")) return autosave(request, interviewId);
  return saveSection(request, interviewId);
}
