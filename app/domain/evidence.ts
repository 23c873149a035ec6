/** Evidence: a passage of what a stakeholder said, quoted exactly. Pure: shared by client and server. */
import { z } from "zod";
import type { Question } from "./guide";
import { formatDay } from "./interview";
import { respondentLabel } from "./survey";

export const EVIDENCE_SOURCES = ["answer", "quote", "notes"] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];
export const EVIDENCE_SOURCE_LABELS: Record<EvidenceSource, string> = {
  answer: "Answer",
  quote: "Verbatim quote",
  notes: "Interviewer's notes",
};

export const EVIDENCE_TEXT_MAX = 2000;
export const TAGS_MAX = 10;
export const TAG_MAX = 40;

/** Question types whose answer is free text a passage can be quoted from. */
export const QUOTABLE_TYPES = new Set<Question["type"]>(["short_text", "long_text"]);

/**
 * The text of one source field, or null when it holds no quotable text: a text
 * answer's value, any answer's verbatim quote, a section's notes.
 */
export function sourceTextOf(source: EvidenceSource, stored: { value: unknown; quote: string } | undefined, question?: Question): string | null {
  if (!stored) return null;
  if (source === "quote") return stored.quote || null;
  if (source === "answer" && question && !QUOTABLE_TYPES.has(question.type)) return null;
  return typeof stored.value === "string" && stored.value ? stored.value : null;
}

/** Tags as typed ("Saturday, queues ; branch") → a clean list: lower case, single spaces, each once. */
export function parseTags(input: string | readonly string[] | undefined): string[] {
  const raw = typeof input === "string" ? input.split(/[,;\n]/) : [...(input ?? [])].flatMap((t) => t.split(/[,;\n]/));
  const out: string[] = [];
  for (const t of raw) {
    const tag = t.trim().toLowerCase().replace(/\s+/g, " ").replace(/^#/, "");
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

const optionalOffset = z.preprocess(
  (v) => (v === "" || v === null || v === undefined ? undefined : typeof v === "string" ? Number(v) : v),
  z.number({ error: "Offsets must be whole numbers" }).int("Offsets must be whole numbers").min(0, "Offsets cannot be negative").max(1_000_000, "That offset is out of range").optional(),
);

const idList = z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().uuid("Choose from the list")));

const captureFields = {
  source: z.enum(EVIDENCE_SOURCES, { error: "Choose where the passage comes from" }),
  item: z.string().min(1, "Choose the answer the passage comes from").max(100),
  text: z
    .string()
    .transform((s) => s.replace(/\r\n?/g, "\n"))
    .pipe(
      z
        .string()
        .refine((s) => s.trim().length > 0, "Paste or select the passage to quote")
        .refine((s) => s.length <= EVIDENCE_TEXT_MAX, `A quote can be at most ${EVIDENCE_TEXT_MAX.toLocaleString("en-GB")} characters`),
    ),
  start: optionalOffset,
  end: optionalOffset,
  tags: z.preprocess(
    (v) => parseTags(v as string | string[] | undefined),
    z
      .array(z.string().max(TAG_MAX, `A tag can be at most ${TAG_MAX} characters`))
      .max(TAGS_MAX, `At most ${TAGS_MAX} tags`),
  ),
};
const offsetsTogether = (v: { start?: number; end?: number }) => (v.start === undefined) === (v.end === undefined);
const OFFSETS_TOGETHER = { message: "Give both offsets or neither", path: ["start"] };

export const CHOOSE_WHO = "Choose who said it";
export const ANONYMOUS_NAMES_NOBODY = "This response is anonymous: its quotes name nobody";

/** Saving a passage as evidence. Offsets come from a selection (JS); without them the server finds the pasted text. */
export const captureEvidenceSchema = z
  .object({ ...captureFields, stakeholderIds: idList.pipe(z.array(z.string()).min(1, CHOOSE_WHO)) })
  .refine(offsetsTogether, OFFSETS_TOGETHER);

/** The same for an anonymous survey's response: it has nobody to name, and naming anyone is refused. */
export const anonymousCaptureSchema = z
  .object({ ...captureFields, stakeholderIds: idList.pipe(z.array(z.string()).max(0, ANONYMOUS_NAMES_NOBODY)) })
  .refine(offsetsTogether, OFFSETS_TOGETHER);

export type CaptureEvidenceInput = z.output<typeof captureEvidenceSchema>;

export type Located = { ok: true; start: number; end: number } | { ok: false; code: "out_of_range" | "mismatch" | "not_found"; message: string };

/**
 * Where a quoted passage sits in the source text. With offsets (a selection),
 * they must lie inside the text and cover exactly the quoted passage. Without
 * (a pasted quote), the passage must occur in the text; differences in spacing
 * and line breaks are forgiven, and the stored quote is the text as it occurs.
 */
export function locateQuote(sourceText: string, text: string, start?: number, end?: number): Located {
  if (start !== undefined && end !== undefined) {
    if (start < 0 || end > sourceText.length || start >= end) {
      return { ok: false, code: "out_of_range", message: `The selection (characters ${start}–${end}) is outside the answer, which has ${sourceText.length} characters` };
    }
    if (sourceText.slice(start, end) !== text) {
      return { ok: false, code: "mismatch", message: "The answer has changed since the passage was selected: select it again" };
    }
    return { ok: true, start, end };
  }
  const exact = sourceText.indexOf(text);
  if (exact >= 0 && text.trim()) return trimmed(sourceText, exact, exact + text.length);
  const found = looseIndexOf(sourceText, text);
  if (found) return trimmed(sourceText, found.start, found.end);
  return { ok: false, code: "not_found", message: "That passage does not occur in the answer: copy it exactly as it is written there" };
}

function trimmed(source: string, start: number, end: number): Located {
  while (start < end && /\s/.test(source[start]!)) start++;
  while (end > start && /\s/.test(source[end - 1]!)) end--;
  return { ok: true, start, end };
}

/** Finds `needle` in `hay` treating any run of white space as one space and typographic quotes as plain ones. */
export function looseIndexOf(hay: string, needle: string): { start: number; end: number } | null {
  const fold = (c: string) => (/\s/.test(c) ? " " : c.replace(/[‘’]/, "'").replace(/[“”]/, '"'));
  const words = needle.trim().split(/\s+/).map((w) => [...w].map(fold).join(""));
  if (!words.length || !words[0]) return null;
  const norm: string[] = [];
  const map: number[] = [];
  for (let i = 0; i < hay.length; i++) {
    const c = fold(hay[i]!);
    if (c === " " && norm[norm.length - 1] === " ") continue;
    norm.push(c);
    map.push(i);
  }
  const target = words.join(" ");
  const at = norm.join("").indexOf(target);
  if (at < 0) return null;
  return { start: map[at]!, end: map[at + target.length - 1]! + 1 };
}

/**
 * Where a piece of evidence sits in the answer as it is now: its own offsets
 * while the text is unchanged, else the occurrence of its quote nearest to where
 * it was, else nowhere (the passage is no longer in the answer).
 */
export function anchorIn(current: string, ev: { start: number; end: number; text: string; sourceText: string }): { start: number; end: number } | null {
  if (current === ev.sourceText) return { start: ev.start, end: ev.end };
  let best: number | null = null;
  for (let at = current.indexOf(ev.text); at >= 0 && ev.text; at = current.indexOf(ev.text, at + 1)) {
    if (best === null || Math.abs(at - ev.start) < Math.abs(best - ev.start)) best = at;
  }
  return best === null ? null : { start: best, end: best + ev.text.length };
}

export interface Segment {
  text: string;
  /** The evidence covering this stretch (empty: plain text). */
  ids: string[];
}

/** Splits text into plain and highlighted stretches; overlapping passages give stretches with several ids. */
export function highlightSegments(text: string, ranges: readonly { id: string; start: number; end: number }[]): Segment[] {
  const cuts = new Set([0, text.length]);
  for (const r of ranges) {
    cuts.add(Math.max(0, Math.min(text.length, r.start)));
    cuts.add(Math.max(0, Math.min(text.length, r.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    if (from === to) continue;
    const ids = ranges.filter((r) => r.start <= from && r.end >= to).map((r) => r.id);
    const last = out[out.length - 1];
    if (last && last.ids.join() === ids.join()) last.text += text.slice(from, to);
    else out.push({ text: text.slice(from, to), ids });
  }
  return out;
}

export const evidenceIdSchema = z.object({ evidenceId: z.string().uuid("Choose a piece of evidence") });

/** A piece of evidence as its interview's page shows it: the quote, its source then and now, who said it, its needs. */
export interface InterviewEvidence {
  id: string;
  source: "answer" | "quote" | "notes";
  item: string;
  start: number;
  end: number;
  text: string;
  sourceText: string;
  checkedText: string;
  currentText: string | null;
  changed: boolean;
  tags: string[];
  createdAt: string;
  stakeholders: { id: string; name: string }[];
  needs: { id: string; number: number; statement: string; survivorNumber: number | null }[];
}

/** The survey a quote's response answered; null for a quote heard in an interview. */
export interface QuoteSurvey {
  id: string;
  title: string;
  anonymous: boolean;
}

/**
 * Who a quote is attributed to, in words: the people its evidence names, or for an anonymous
 * survey's response (whose evidence names nobody) "anonymous respondent, <unit>".
 */
export function saidBy(people: readonly { name: string }[], survey: QuoteSurvey | null, unitName: string): string {
  if (people.length) return people.map((p) => p.name).join(", ");
  return survey?.anonymous ? respondentLabel({ anonymous: true, unitName }) : "";
}

/** Where and when a quote was heard: "Workplace pulse (survey), 12 Oct 2026" or "Interview with Retail Banking, 3 Nov 2026". */
export function heardIn(survey: QuoteSurvey | null, unitName: string, heardAt: string | Date): string {
  return survey ? `${survey.title} (survey), ${formatDay(heardAt)}` : `Interview with ${unitName}, ${formatDay(heardAt)}`;
}
