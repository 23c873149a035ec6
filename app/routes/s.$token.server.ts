import { randomUUID } from "node:crypto";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import {
  answerValuesOf,
  checkSave,
  fieldName,
  itemKey,
  sameValue,
  storedFingerprint,
  valueFromForm,
  visibleQuestionIds,
  type AnswerSave,
  type ItemKey,
  type MissingAnswer,
  type SaveResponse,
  type StoredAnswer,
} from "../domain/answers";
import type { GuideContent } from "../domain/guide";
import { answersOf, guideContentOf } from "../models/answer.server";
import { AppError } from "../models/errors.server";
import { MissingAnswersError } from "../models/interview.server";
import { ensureResponse, openLink, saveResponse, submitResponse, type LinkContext } from "../models/survey.server";
import { readSaveRequest, saveStatus } from "../utils/answer-save.server";
import { redirectWithFlash } from "../utils/flash.server";
import { formDataToObject, readFormData } from "../utils/form.server";
import { requestMeta } from "../utils/request.server";

/**
 * The respondent's page, reached by the token in its address and nothing else: no session is read,
 * every lookup goes through openLink, and no id the browser sends is trusted. The token is in the
 * URL, so the page is never cached or indexed, and its address is never sent to other sites (the
 * server's Referrer-Policy for every page is "same-origin", see server/security.ts).
 */
export const RESPOND_HEADERS = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" } as const;

const respond = <T>(data: T, status = 200) => json(data, { status, headers: RESPOND_HEADERS });

/** A respondent's stored answer: never the interviewer-only quote, nor who saved it. */
const ownAnswer = (a: StoredAnswer): StoredAnswer => ({ ...a, quote: "", updatedByName: null });
const ownAnswers = (rows: StoredAnswer[]) => rows.filter((a) => a.kind === "answer").map(ownAnswer);

/**
 * Where a respondent left off: the section of the answer they gave last, or the next one when that
 * section has nothing left to answer; the first section when nothing is answered yet.
 */
export function resumeSection(content: GuideContent, answers: StoredAnswer[]): string {
  const first = content.sections[0]!.id;
  const latest = answers.reduce<StoredAnswer | null>((last, a) => (!last || a.updatedAt > last.updatedAt ? a : last), null);
  if (!latest) return first;
  const index = content.sections.findIndex((s) => s.questions.some((q) => q.id === latest.item));
  if (index < 0) return first;
  const values = answerValuesOf(answers);
  const visible = visibleQuestionIds(content, values);
  const section = content.sections[index]!;
  const open = section.questions.some((q) => visible.has(q.id) && (values[q.id] === undefined || values[q.id] === null));
  return open || index === content.sections.length - 1 ? section.id : content.sections[index + 1]!.id;
}

export async function respondLoader({ params }: LoaderFunctionArgs) {
  const link = await openLink(params.token ?? "");
  // Made up or withdrawn: nothing about any survey is said.
  if (!link) return respond({ state: "gone" as const }, 404);
  // Closed: gone for good (410), and only whom to ask is said.
  if (link.phase === "closed") return respond({ state: "closed" as const, ownerName: link.survey.ownerName }, 410);
  const s = link.survey;
  const survey = { title: s.title, intro: s.intro, ownerName: s.ownerName, opensOn: s.opensOn, closesOn: s.closesOn, anonymous: s.anonymous };
  // Named surveys say whose name goes with the answers; anonymous ones never name the respondent.
  const respondent = { name: s.anonymous ? null : link.invitee.stakeholderName, unitName: link.invitee.unitName };
  if (link.phase === "scheduled") return respond({ state: "scheduled" as const, survey, respondent });
  const [content, stored] = await Promise.all([guideContentOf(s.guideVersionId), link.invitee.interviewId ? answersOf(link.invitee.interviewId) : Promise.resolve([])]);
  const answers = ownAnswers(stored);
  if (link.invitee.submittedAt) return respond({ state: "sent" as const, survey, respondent, content, answers, sentAt: link.invitee.submittedAt, draftKey: link.invitee.id });
  return respond({
    state: "open" as const,
    survey,
    respondent,
    content,
    answers,
    cursor: stored.reduce((max, a) => Math.max(max, a.seq), 0),
    resume: resumeSection(content, answers),
    // Unsent answers are kept in the browser under the invitee, not the token.
    draftKey: link.invitee.id,
  });
}

const refusal = (status: number, error: SaveResponse["error"], message: string) =>
  json<SaveResponse>({ kind: "answers", results: [], changes: [], cursor: 0, error, message }, { status, headers: RESPOND_HEADERS });

/** The autosave, as JSON from the page's fetcher: answers only (a respondent keeps no notes or quotes). */
async function autosave(request: Request, link: LinkContext | null) {
  if (!link) return refusal(404, "not_found", "This link no longer works: your answers cannot be saved.");
  const parsed = await readSaveRequest(request);
  if (!parsed.ok) return refusal(400, "bad_request", parsed.message);
  if (parsed.data.saves.some((s) => s.kind !== "answer")) return refusal(400, "bad_request", "Only answers to the survey's questions can be saved.");
  const saves = parsed.data.saves.map((s) => ({ ...s, quote: "" }));
  // A look for changes before anything is answered makes no response yet.
  if (!saves.length && !link.invitee.interviewId && link.phase === "open" && !link.invitee.submittedAt) {
    return respond<SaveResponse>({ kind: "answers", results: [], changes: [], cursor: parsed.data.since });
  }
  const response = await saveResponse(link, { ...parsed.data, saves });
  const status = saveStatus(response);
  return respond<SaveResponse>(
    { ...response, changes: ownAnswers(response.changes), results: response.results.map((r) => (r.status === "conflict" ? { ...r, current: ownAnswer(r.current) } : r)) },
    status,
  );
}

export interface RespondActionData {
  formError?: string;
  errors: Record<string, string>;
  conflicts: Record<string, StoredAnswer>;
  values: Record<ItemKey, { value: unknown; quote: string }>;
  revisions: Record<ItemKey, number>;
  /** Required questions still unanswered when the answers were sent. */
  missing?: MissingAnswer[];
}

const failed = (formError: string, status: number, extra: Partial<RespondActionData> = {}) =>
  respond<RespondActionData>({ formError, errors: {}, conflicts: {}, values: {}, revisions: {}, ...extra }, status);

const NO_LINK: [string, number] = ["This link no longer works: your answers were not saved.", 404];

/** Why answers cannot be given through this link now, or null when they can. */
function refusedBecause(link: LinkContext): [string, number] | null {
  if (link.phase === "closed") return ["This survey has closed: answers can no longer be sent.", 410];
  if (link.phase === "scheduled") return ["This survey has not opened yet.", 409];
  if (link.invitee.submittedAt) return ["You have sent your answers: they can no longer be changed.", 409];
  return null;
}

/**
 * One section posted without JavaScript: saves what changed (each against the revision the page
 * showed), then moves on. An answer that does not fit, or that changed meanwhile in another window,
 * keeps the section open with what was typed.
 */
async function saveSection(link: LinkContext | null, token: string, form: Record<string, string | string[]>) {
  if (!link) return failed(...NO_LINK);
  const refused = refusedBecause(link);
  if (refused) return failed(...refused);
  const one = (name: string) => {
    const v = form[name];
    return (Array.isArray(v) ? v[0] : v) ?? "";
  };
  const content = await guideContentOf(link.survey.guideVersionId);
  const section = content.sections.find((s) => s.id === one("section"));
  if (!section) return failed("That section is not part of this survey.", 400);
  const stored = new Map((link.invitee.interviewId ? await answersOf(link.invitee.interviewId) : []).map((a) => [itemKey(a.kind, a.item), a]));
  const data: RespondActionData = { errors: {}, conflicts: {}, values: {}, revisions: {} };
  const saves: AnswerSave[] = [];
  const shown = section.questions.filter((q) => form[fieldName.shown(q.id)] !== undefined);
  for (const question of shown) {
    const key = itemKey("answer", question.id);
    const value = valueFromForm(question, form);
    data.values[key] = { value, quote: "" };
    const checked = checkSave(content, { kind: "answer", item: question.id, value });
    if (!checked.ok) {
      data.errors[question.id] = checked.message;
      continue;
    }
    const current = stored.get(key);
    if (sameValue(checked.value, current?.value ?? null)) continue;
    // Left as the page showed it: a later change from another window is kept, not a conflict.
    if (one(fieldName.was(key)) === storedFingerprint(checked.value, "")) continue;
    const base = Number(one(fieldName.revision(key)));
    saves.push({ kind: "answer", item: question.id, value, quote: "", base: Number.isInteger(base) && base >= 0 ? base : 0, key: randomUUID() });
  }
  if (saves.length) {
    const response = await saveResponse(link, { intent: "save", since: 0, saves });
    if (response.error) return failed(response.message ?? "Your answers could not be saved.", 409);
    for (const result of response.results) {
      if (result.status === "conflict") {
        data.conflicts[result.item] = ownAnswer(result.current);
        data.revisions[itemKey("answer", result.item)] = result.current.revision;
      } else if (result.status === "invalid") data.errors[result.item] = result.message;
    }
  }
  const unsaved = { ...data.errors, ...data.conflicts };
  if (Object.keys(unsaved).length) {
    // Only what was not saved goes back, to show it as typed.
    data.values = Object.fromEntries(Object.entries(data.values).filter(([key]) => key.slice(2) in unsaved)) as RespondActionData["values"];
    const conflicted = Object.keys(data.conflicts).length > 0;
    data.formError = conflicted
      ? "Some of these answers were changed meanwhile in another window or on another device: both versions are below. Your other answers are saved."
      : "Some answers need correcting: the others are saved.";
    return respond(data, conflicted ? 409 : 400);
  }

  const base = `/s/${token}`;
  const interviewId = saves.length ? await ensureResponse(link) : link.invitee.interviewId;
  const values = answerValuesOf(interviewId ? await answersOf(interviewId) : []);
  // Answers may bring up questions this page did not show: stay, so the respondent sees them.
  const visible = visibleQuestionIds(content, values);
  const appeared = section.questions.filter((q) => visible.has(q.id) && !shown.includes(q));
  if (appeared.length) {
    return redirectWithFlash(`${base}?section=${section.id}#q-${appeared[0]!.id}`, {
      kind: "success",
      message: `Saved. Your answers brought up ${appeared.length === 1 ? "another question" : `${appeared.length} more questions`} in this section.`,
    }, { headers: RESPOND_HEADERS });
  }
  const index = content.sections.indexOf(section);
  const go = one("go");
  const saved = { kind: "success" as const, message: "Your answers are saved." };
  if (go === "prev" && index > 0) return redirectWithFlash(`${base}?section=${content.sections[index - 1]!.id}`, saved, { headers: RESPOND_HEADERS });
  if (go === "next" && index < content.sections.length - 1) return redirectWithFlash(`${base}?section=${content.sections[index + 1]!.id}`, saved, { headers: RESPOND_HEADERS });
  if (go === "send") return redirectWithFlash(`${base}?step=send`, saved, { headers: RESPOND_HEADERS });
  if (go === "later") return redirect(`${base}?section=${section.id}&later=1`, { headers: RESPOND_HEADERS });
  return redirectWithFlash(`${base}?section=${section.id}`, saved, { headers: RESPOND_HEADERS });
}

/** Sends the answers: refused, listing what is missing, until every required question shown is answered. */
async function send(link: LinkContext | null, token: string, meta: { ip: string; userAgent: string }) {
  if (!link) return failed(...NO_LINK);
  const refused = refusedBecause(link);
  if (refused) return failed(...refused);
  try {
    // An anonymous respondent's address and browser are not recorded with the answers they send.
    await submitResponse(link, link.survey.anonymous ? "" : meta.ip, link.survey.anonymous ? "" : meta.userAgent);
  } catch (error) {
    if (error instanceof MissingAnswersError) {
      const n = error.missing.length;
      return failed(`${n === 1 ? "One required question is" : `${n} required questions are`} not answered yet: nothing was sent.`, 400, { missing: error.missing });
    }
    if (error instanceof AppError) return failed(error.message, error.status);
    throw error;
  }
  return redirect(`/s/${token}`, { headers: RESPOND_HEADERS });
}

export async function respondAction({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const link = await openLink(token);
  if (/\bapplication\/json\b/.test(request.headers.get("content-type") ?? "")) return autosave(request, link);
  // A link that opens nothing says so before anything else is read.
  if (!link) return failed(...NO_LINK);
  const form = formDataToObject(await readFormData(request));
  const intent = form.intent;
  if (intent === "submit") return send(link, token, requestMeta(request, context));
  if (intent === "section") return saveSection(link, token, form);
  return failed("That action is not known here.", 400);
}
