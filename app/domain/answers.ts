import { z } from "zod";
import { canonicalJson } from "./canonical-json";
import {
  allQuestions,
  answerSchemaFor,
  IMPACT_LABELS,
  isAnswered,
  isVisible,
  type CriticalPeriod,
  type GuideContent,
  type Question,
  type Section,
} from "./guide";

/**
 * Answers to an interview: what a save carries, how a value is checked against
 * its question, which questions are shown, and how far the interview has got.
 * Pure: the runner page, the server and the exports share it.
 */

export const ANSWER_KINDS = ["answer", "notes"] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

export const QUOTE_MAX = 5000;
export const NOTES_MAX = 20_000;
/** The most saves one request carries (the page sends more in turns). */
export const SAVE_BATCH_MAX = 50;

/** One item of an interview: a question's answer ("a:<question id>") or a section's notes ("n:<section id>"). */
export type ItemKey = `${"a" | "n"}:${string}`;
export const itemKey = (kind: AnswerKind, item: string): ItemKey => `${kind === "answer" ? "a" : "n"}:${item}`;
export function parseItemKey(key: string): { kind: AnswerKind; item: string } | null {
  const match = /^([an]):([a-z][a-z0-9_-]{1,39})$/.exec(key);
  return match ? { kind: match[1] === "a" ? "answer" : "notes", item: match[2]! } : null;
}

/** One change as the page sends it: the revision it started from and a key that makes a retry harmless. */
export const answerSaveSchema = z.object({
  kind: z.enum(ANSWER_KINDS),
  item: z.string().regex(/^[a-z][a-z0-9_-]{1,39}$/, "Unknown question"),
  value: z.unknown(),
  /** Its length is checked per save (checkSave), so one long quote does not refuse the others. */
  quote: z.string().default(""),
  base: z.number().int().min(0).max(2_147_483_647),
  key: z.uuid(),
});
export type AnswerSave = z.output<typeof answerSaveSchema>;

/** The autosave request: some saves (possibly none, to ask only what changed) and the last change the page has seen. */
export const saveRequestSchema = z.object({
  intent: z.literal("save"),
  since: z.number().int().min(0).default(0),
  saves: z.array(answerSaveSchema).max(SAVE_BATCH_MAX, `At most ${SAVE_BATCH_MAX} answers at once`).default([]),
});
export type SaveRequest = z.output<typeof saveRequestSchema>;

/** A stored answer as the page sees it. */
export interface StoredAnswer {
  kind: AnswerKind;
  item: string;
  value: unknown;
  quote: string;
  revision: number;
  seq: number;
  updatedAt: string;
  updatedByName: string | null;
  saveKey: string | null;
}

export type SaveResult = { key: string; kind: AnswerKind; item: string } & (
  | { status: "saved"; revision: number; seq: number }
  | { status: "conflict"; current: StoredAnswer }
  | { status: "invalid"; message: string }
);

/** What the save action answers: each save's result and every change since the page last looked. */
export interface SaveResponse {
  kind: "answers";
  results: SaveResult[];
  changes: StoredAnswer[];
  cursor: number;
  error?: "signed_out" | "not_running" | "not_found" | "bad_request" | "offline";
  message?: string;
}

/** Question id → answer value, from stored rows (notes left out): what conditions and progress read. */
export function answerValuesOf(rows: readonly { kind: AnswerKind; item: string; value: unknown }[]): Record<string, unknown> {
  return Object.fromEntries(rows.filter((a) => a.kind === "answer").map((a) => [a.item, a.value]));
}

/** An empty text, list or choice is no answer: it is stored as null. */
export function normaliseValue(value: unknown): unknown {
  if (typeof value === "string") return value.trim() === "" ? null : value;
  return isAnswered(value) ? value : null;
}

/** Checks one save against the guide: the question or section exists and the value fits the question's type. */
export function checkSave(
  content: GuideContent,
  save: { kind: AnswerKind; item: string; value: unknown; quote?: string },
): { ok: true; value: unknown } | { ok: false; message: string } {
  if (save.quote && save.quote.length > QUOTE_MAX) return { ok: false, message: `A quote has at most ${QUOTE_MAX.toLocaleString("en-GB")} characters` };
  if (save.kind === "notes") {
    if (!content.sections.some((s) => s.id === save.item)) return { ok: false, message: "That section is not in this interview's guide" };
    if (save.value !== null && typeof save.value !== "string") return { ok: false, message: "Notes are text" };
    if (typeof save.value === "string" && save.value.length > NOTES_MAX) return { ok: false, message: `Notes have at most ${NOTES_MAX.toLocaleString("en-GB")} characters` };
    return { ok: true, value: normaliseValue(save.value) };
  }
  const question = allQuestions(content).find((q) => q.id === save.item);
  if (!question) return { ok: false, message: "That question is not in this interview's guide" };
  const value = normaliseValue(save.value);
  if (value === null) return { ok: true, value: null };
  const parsed = answerSchemaFor(question).safeParse(value);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "That answer does not fit the question" };
  return { ok: true, value: parsed.data };
}

/**
 * The questions shown, given the answers: a question is shown when its condition
 * holds on the answers of questions that are themselves shown. A hidden question
 * keeps its answer but it does not count.
 */
export function visibleQuestionIds(content: GuideContent, answers: Record<string, unknown>): Set<string> {
  const visible = new Set<string>();
  const shownAnswers: Record<string, unknown> = {};
  for (const question of allQuestions(content)) {
    if (isVisible(question, shownAnswers)) {
      visible.add(question.id);
      if (answers[question.id] !== undefined) shownAnswers[question.id] = answers[question.id];
    }
  }
  return visible;
}

export interface MissingAnswer {
  sectionId: string;
  sectionTitle: string;
  questionId: string;
  number: number;
  prompt: string;
}

export interface SectionProgress {
  id: string;
  title: string;
  answered: number;
  total: number;
  missing: number;
}

export interface Progress {
  answered: number;
  required: number;
  requiredAnswered: number;
  total: number;
  sections: SectionProgress[];
  missing: MissingAnswer[];
}

/** How far an interview has got: answered of shown questions, required ones, and what is missing where. */
export function progressOf(content: GuideContent, answers: Record<string, unknown>): Progress {
  const visible = visibleQuestionIds(content, answers);
  const out: Progress = { answered: 0, required: 0, requiredAnswered: 0, total: 0, sections: [], missing: [] };
  let number = 0;
  for (const section of content.sections) {
    const sp: SectionProgress = { id: section.id, title: section.title, answered: 0, total: 0, missing: 0 };
    for (const question of section.questions) {
      number += 1;
      if (!visible.has(question.id)) continue;
      const answered = isAnswered(answers[question.id]);
      sp.total += 1;
      if (answered) sp.answered += 1;
      if (question.required) {
        out.required += 1;
        if (answered) out.requiredAnswered += 1;
        else {
          sp.missing += 1;
          out.missing.push({ sectionId: section.id, sectionTitle: section.title, questionId: question.id, number, prompt: question.prompt });
        }
      }
    }
    out.answered += sp.answered;
    out.total += sp.total;
    out.sections.push(sp);
  }
  return out;
}

/** Question numbers across the guide (Q1, Q2, …), as the runner and the summary show them. */
export function questionNumbers(content: GuideContent): Map<string, number> {
  return new Map(allQuestions(content).map((q, i) => [q.id, i + 1]));
}

/** An answer in words, for the summary and the CSV export. */
export function formatAnswer(question: Question, value: unknown): string {
  if (!isAnswered(value)) return "";
  const optionLabel = (v: string) =>
    "options" in question.settings ? (question.settings.options.find((o) => o.value === v)?.label ?? v) : v;
  switch (question.type) {
    case "short_text":
    case "long_text":
    case "date":
      return String(value);
    case "number":
      return `${value as number}${question.settings.unit ? ` ${question.settings.unit}` : ""}`;
    case "scale": {
      const point = value as number;
      const { min, max, minLabel, maxLabel, pointLabels } = question.settings;
      const label = pointLabels?.[point - min] || (point === min ? minLabel : point === max ? maxLabel : "");
      return `${point} of ${min}–${max}${label ? ` (${label})` : ""}`;
    }
    case "yes_no":
      return value ? "Yes" : "No";
    case "single_choice":
      return optionLabel(String(value));
    case "multi_choice": {
      const v = value as { selected: string[]; other?: string };
      return [...v.selected.map(optionLabel), ...(v.other ? [`Other: ${v.other}`] : [])].join("; ");
    }
    case "ranking":
      return (value as string[]).map((v, i) => `${i + 1}. ${optionLabel(v)}`).join("; ");
    case "critical_periods":
      return (value as CriticalPeriod[])
        .map((p) => `${p.name} (${p.when}${p.affects ? `; affects ${p.affects}` : ""}; impact ${IMPACT_LABELS[p.impact].toLowerCase()})`)
        .join(" | ");
  }
}

/* ---------- the section form, posted without JavaScript ---------- */

/** Field names of the section form. One name scheme for the browser and the server. */
export const fieldName = {
  value: (q: string) => `a.${q}`,
  other: (q: string) => `a.${q}.other`,
  rank: (q: string, option: string) => `a.${q}.rank.${option}`,
  period: (q: string, i: number, field: keyof CriticalPeriod) => `a.${q}.p.${i}.${field}`,
  quote: (q: string) => `quote.${q}`,
  revision: (key: ItemKey) => `rev.${key}`,
  shown: (q: string) => `shown.${q}`,
  /** What the page showed as stored (canonical JSON of value and quote): an untouched field is not saved. */
  was: (key: ItemKey) => `was.${key}`,
  notes: "notes",
} as const;

type FormValues = Record<string, string | string[]>;
const one = (form: FormValues, name: string): string => {
  const v = form[name];
  return (Array.isArray(v) ? v[v.length - 1] : v) ?? "";
};
const many = (form: FormValues, name: string): string[] => {
  const v = form[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};

/** A question's value from the posted section form, before it is checked (so "abc" for a number stays "abc"). */
export function valueFromForm(question: Question, form: FormValues): unknown {
  const raw = one(form, fieldName.value(question.id)).trim();
  switch (question.type) {
    case "short_text":
    case "long_text":
      // Browsers post line breaks as CRLF: store them as the page typed them.
      return lineBreaks(one(form, fieldName.value(question.id)));
    case "date":
      return raw;
    case "number":
      return raw === "" ? null : /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
    case "scale":
      return raw === "" ? null : /^-?\d+$/.test(raw) ? Number(raw) : raw;
    case "yes_no":
      return raw === "yes" ? true : raw === "no" ? false : null;
    case "single_choice":
      return raw === "" ? null : raw;
    case "multi_choice":
      return { selected: many(form, fieldName.value(question.id)), other: question.settings.allowOther ? one(form, fieldName.other(question.id)).trim() : "" };
    case "ranking": {
      const ranks = question.settings.options.map((o) => ({ value: o.value, rank: one(form, fieldName.rank(question.id, o.value)) }));
      if (ranks.every((r) => r.rank === "")) return null;
      // Each place must hold exactly one option; otherwise the list fails its check ("Rank every option once").
      const places = ranks.map((_, p) => ranks.filter((r) => Number(r.rank) === p + 1));
      if (places.some((p) => p.length !== 1)) return [...ranks.filter((r) => r.rank !== "").map((r) => r.value), ""];
      return places.map((p) => p[0]!.value);
    }
    case "critical_periods": {
      const periods: Record<string, string>[] = [];
      for (let i = 0; i < 30; i++) {
        const row = {
          name: one(form, fieldName.period(question.id, i, "name")).trim(),
          when: one(form, fieldName.period(question.id, i, "when")).trim(),
          affects: one(form, fieldName.period(question.id, i, "affects")).trim(),
          impact: one(form, fieldName.period(question.id, i, "impact")),
        };
        if (row.name || row.when || row.affects) periods.push(row);
      }
      return periods;
    }
  }
}

/** Line breaks as \n, whatever the browser posted. */
export function lineBreaks(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

/** The fingerprint of a stored answer that a section form carries (fieldName.was). */
export function storedFingerprint(value: unknown, quote: string): string {
  return canonicalJson({ value: value ?? null, quote });
}

/** The questions of a section in order, with their numbers in the whole guide. */
export function sectionQuestions(content: GuideContent, section: Section): { question: Question; number: number }[] {
  const numbers = questionNumbers(content);
  return section.questions.map((question) => ({ question, number: numbers.get(question.id)! }));
}

/** Same JSON value, whatever the key order. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

/** Whether an action's result is an autosave answer (the page then reloads nothing else). */
export function isSaveResponse(value: unknown): value is SaveResponse {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "answers";
}
