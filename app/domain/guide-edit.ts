import { z } from "zod";
import {
  CONDITION_OPERATORS,
  defaultSettings,
  QUESTION_TYPES,
  SETTINGS_SCHEMAS,
  allQuestions,
  guideContentSchema,
  type Condition,
  type GuideContent,
  type Question,
  type QuestionType,
} from "./guide";

/**
 * The draft editor's forms, and the pure edits they make to a version's
 * content. Every edit returns new content; the caller checks the whole result
 * with guideContentSchema before saving it.
 */

const text = (what: string, max: number, required = true) => {
  const s = z.string({ error: `Enter ${what}` }).trim().max(max, `At most ${max} characters`);
  return required ? s.min(1, `Enter ${what}`) : s.optional().transform((v) => v ?? "");
};

export const guideDetailsSchema = z.object({
  title: text("a title", 200),
  description: text("a description", 2000, false),
});

export const sectionFormSchema = z.object({
  title: text("a section title", 200),
  purpose: text("a purpose", 2000, false),
});

export const newQuestionSchema = z.object({
  type: z.enum(QUESTION_TYPES, { error: "Choose a question type" }),
  prompt: text("the question", 500),
});

const optionalNumber = (what: string) =>
  z
    .union([z.string(), z.number()])
    .optional()
    .transform((v) => (typeof v === "number" ? String(v) : v))
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return undefined;
      const n = Number(v.replace(",", "."));
      if (!Number.isFinite(n)) {
        ctx.addIssue({ code: "custom", message: `${what} must be a number` });
        return z.NEVER;
      }
      return n;
    });

/** A checkbox: "on" from a plain form post, true/false from react-hook-form. */
const checkbox = () =>
  z
    .union([z.string(), z.boolean()])
    .optional()
    .transform((v) => v === true || v === "on" || v === "true");

/** Everything the question form can send; which fields matter depends on the type. */
export const questionFormSchema = z.object({
  type: z.enum(QUESTION_TYPES, { error: "Choose a question type" }),
  prompt: text("the question", 500),
  help: text("help", 1000, false),
  required: checkbox(),
  maxLength: optionalNumber("The length"),
  min: optionalNumber("The minimum"),
  max: optionalNumber("The maximum"),
  minLabel: z.string().max(60, "At most 60 characters").optional(),
  maxLabel: z.string().max(60, "At most 60 characters").optional(),
  pointLabels: z.string().max(2000).optional(),
  options: z.string().max(5000, "Too many options").optional(),
  allowOther: checkbox(),
  unit: z.string().max(30, "At most 30 characters").optional(),
  conditionQuestionId: z.string().max(40).optional(),
  conditionOperator: z.union([z.enum(CONDITION_OPERATORS), z.literal("")]).optional(),
  conditionValue: z.string().max(500, "At most 500 characters").optional(),
});
export type QuestionForm = z.output<typeof questionFormSchema>;

/** "Saturday opening" → "saturday-opening": option values from their labels. */
export function slug(label: string): string {
  const s = label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 36);
  return /^[a-z]/.test(s) ? s : `o-${s || "option"}`;
}

/** Options typed one per line; a label kept from before keeps its value, so conditions on it still hold. */
export function optionsFromLines(lines: string, previous: { value: string; label: string }[] = []) {
  const labels = lines
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return labels.map((label) => ({ value: previous.find((p) => p.label === label)?.value ?? slug(label), label }));
}

type FormResult<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

/** Builds a question's settings from the form, for its (possibly new) type, with errors keyed by form field. */
export function settingsFromForm(form: QuestionForm, previous?: Question): FormResult<Question["settings"]> {
  const keep = previous && previous.type === form.type ? previous.settings : defaultSettings(form.type);
  const prevOptions = keep && "options" in keep ? keep.options : [];
  let candidate: unknown;
  switch (form.type) {
    case "short_text":
      candidate = { maxLength: form.maxLength ?? 200 };
      break;
    case "scale": {
      const pointLabels = form.pointLabels?.split(/\r?\n/).map((l) => l.trim());
      candidate = {
        min: form.min,
        max: form.max,
        minLabel: form.minLabel ?? "",
        maxLabel: form.maxLabel ?? "",
        pointLabels: pointLabels && pointLabels.some(Boolean) ? pointLabels.filter((_, i, a) => i < a.length) : undefined,
      };
      break;
    }
    case "single_choice":
    case "ranking":
      candidate = { options: form.options === undefined ? prevOptions : optionsFromLines(form.options, prevOptions) };
      break;
    case "multi_choice":
      candidate = {
        options: form.options === undefined ? prevOptions : optionsFromLines(form.options, prevOptions),
        allowOther: form.allowOther,
      };
      break;
    case "number":
      candidate = { min: form.min, max: form.max, unit: form.unit ?? "" };
      break;
    default:
      candidate = {};
  }
  const parsed = SETTINGS_SCHEMAS[form.type].safeParse(candidate);
  if (parsed.success) return { ok: true, value: parsed.data as Question["settings"] };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? "settings");
    const field = key === "options" && issue.path.length > 1 ? "options" : key;
    errors[field] ??= issue.path[0] === "options" && typeof issue.path[1] === "number" ? optionMessage(issue.message) : issue.message;
  }
  return { ok: false, errors };
}

function optionMessage(message: string) {
  return message.replace(/has the same value as/, "says the same as");
}

/** The show-if condition from the form (none when no question is chosen). */
export function conditionFromForm(form: QuestionForm, content: GuideContent): FormResult<Condition | null> {
  if (!form.conditionQuestionId) return { ok: true, value: null };
  const target = allQuestions(content).find((q) => q.id === form.conditionQuestionId);
  const operator = form.conditionOperator || "answered";
  if (operator === "answered") return { ok: true, value: { questionId: form.conditionQuestionId, operator } };
  const raw = (form.conditionValue ?? "").trim();
  if (!raw) return { ok: false, errors: { conditionValue: "Enter the answer to compare with" } };
  const toValue = (v: string) => {
    if (!target) return v;
    if (target.type === "yes_no") return v.toLowerCase() === "yes" ? true : v.toLowerCase() === "no" ? false : v;
    if (target.type === "scale" || target.type === "number") return Number.isFinite(Number(v)) ? Number(v) : v;
    if ("options" in target.settings) return target.settings.options.find((o) => o.label.toLowerCase() === v.toLowerCase())?.value ?? v;
    return v;
  };
  if (operator === "one_of") {
    const list = raw.split(/[,\n]/).map((v) => v.trim()).filter(Boolean).map((v) => (target?.type === "yes_no" ? v.toLowerCase() : String(toValue(v))));
    return { ok: true, value: { questionId: form.conditionQuestionId, operator, value: list } };
  }
  return { ok: true, value: { questionId: form.conditionQuestionId, operator, value: toValue(raw) } };
}

/* ---------- pure edits ---------- */

export function addSection(content: GuideContent, section: { id: string; title: string; purpose: string }): GuideContent {
  return { sections: [...content.sections, { ...section, questions: [] }] };
}

export function updateSection(content: GuideContent, id: string, patch: { title: string; purpose: string }): GuideContent {
  return { sections: content.sections.map((s) => (s.id === id ? { ...s, ...patch } : s)) };
}

export function deleteSection(content: GuideContent, id: string): GuideContent {
  return { sections: content.sections.filter((s) => s.id !== id) };
}

function move<T>(list: T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || to < 0 || to >= list.length) return list;
  const copy = [...list];
  [copy[index], copy[to]] = [copy[to]!, copy[index]!];
  return copy;
}

export function moveSection(content: GuideContent, id: string, by: -1 | 1): GuideContent {
  return { sections: move(content.sections, content.sections.findIndex((s) => s.id === id), by) };
}

export function addQuestion(content: GuideContent, sectionId: string, question: { id: string; type: QuestionType; prompt: string }): GuideContent {
  const q = { ...question, help: "", required: false, condition: null, settings: defaultSettings(question.type) } as Question;
  return { sections: content.sections.map((s) => (s.id === sectionId ? { ...s, questions: [...s.questions, q] } : s)) };
}

export function replaceQuestion(content: GuideContent, question: Question): GuideContent {
  return { sections: content.sections.map((s) => ({ ...s, questions: s.questions.map((q) => (q.id === question.id ? question : q)) })) };
}

export function deleteQuestion(content: GuideContent, id: string): GuideContent {
  return { sections: content.sections.map((s) => ({ ...s, questions: s.questions.filter((q) => q.id !== id) })) };
}

/**
 * Moves a question one place up or down; at the edge of its section it moves
 * into the neighbouring section, so the keyboard alone can take a question anywhere.
 */
export function moveQuestion(content: GuideContent, id: string, by: -1 | 1): GuideContent {
  const sections = content.sections.map((s) => ({ ...s, questions: [...s.questions] }));
  const si = sections.findIndex((s) => s.questions.some((q) => q.id === id));
  if (si < 0) return content;
  const section = sections[si]!;
  const qi = section.questions.findIndex((q) => q.id === id);
  const target = qi + by;
  if (target >= 0 && target < section.questions.length) {
    section.questions = move(section.questions, qi, by);
  } else {
    const neighbour = sections[si + by];
    if (!neighbour) return content;
    const [question] = section.questions.splice(qi, 1);
    if (by === -1) neighbour.questions.push(question!);
    else neighbour.questions.unshift(question!);
  }
  return { sections };
}

/** Checks content after an edit; the problems come back as readable lines. */
export function checkContent(content: GuideContent): { ok: true; content: GuideContent } | { ok: false; problems: string[] } {
  const parsed = guideContentSchema.safeParse(content);
  if (parsed.success) return { ok: true, content: parsed.data };
  return { ok: false, problems: [...new Set(parsed.error.issues.map((i) => i.message))] };
}

export const guideActionSchema = z.discriminatedUnion(
  "intent",
  [
    guideDetailsSchema.extend({ intent: z.literal("update") }),
    z.object({ intent: z.literal("start-draft") }),
    z.object({ intent: z.literal("publish") }),
    z.object({ intent: z.literal("discard-draft") }),
    z.object({ intent: z.literal("archive") }),
    z.object({ intent: z.literal("restore") }),
  ],
  { error: "Unknown action" },
);

export const moveSchema = z.object({ direction: z.enum(["up", "down"], { error: "Choose up or down" }) });
