import { z } from "zod";
import { isRealDate } from "./format";

/**
 * An interview guide version is one document: ordered sections holding ordered
 * questions. Each question type has its own settings schema and answer schema.
 * Pure: shared by the editor, the preview, the server and the interview runner.
 */

export const QUESTION_TYPES = [
  "short_text",
  "long_text",
  "scale",
  "single_choice",
  "multi_choice",
  "ranking",
  "yes_no",
  "number",
  "date",
  "critical_periods",
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  short_text: "Short text",
  long_text: "Long text",
  scale: "Scale",
  single_choice: "Single choice",
  multi_choice: "Multiple choice",
  ranking: "Ranking",
  yes_no: "Yes / no",
  number: "Number",
  date: "Date",
  critical_periods: "Critical periods",
};

export const IMPACT_LEVELS = ["low", "medium", "high", "severe"] as const;
export const IMPACT_LABELS: Record<(typeof IMPACT_LEVELS)[number], string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
  severe: "Severe",
};

const ID = /^[a-z][a-z0-9_-]{1,39}$/;
const idSchema = z.string().regex(ID, "Use 2–40 lower-case letters, digits, - or _, starting with a letter");
const label = (what: string, max = 200) =>
  z.string({ error: `Enter ${what}` }).trim().min(1, `Enter ${what}`).max(max, `At most ${max} characters`);

const optionSchema = z.object({ value: idSchema, label: label("the option's label", 120) });

function uniqueValues(options: { value: string }[], ctx: z.RefinementCtx, path: (string | number)[] = ["options"]) {
  const seen = new Map<string, number>();
  options.forEach((o, i) => {
    const earlier = seen.get(o.value);
    if (earlier !== undefined) {
      ctx.addIssue({ code: "custom", path: [...path, i, "value"], message: `Option ${i + 1} has the same value as option ${earlier + 1} ("${o.value}")` });
    } else seen.set(o.value, i);
  });
}

const options = z
  .array(optionSchema, { error: "Add the options" })
  .min(2, "Give at least two options")
  .max(30, "At most 30 options")
  .superRefine((opts, ctx) => uniqueValues(opts, ctx, []));

export const SETTINGS_SCHEMAS = {
  short_text: z.object({ maxLength: z.number().int().min(1).max(500).default(200) }),
  long_text: z.object({}),
  scale: z
    .object({
      min: z.number({ error: "Enter the lowest point" }).int("Use a whole number").min(-10).max(100),
      max: z.number({ error: "Enter the highest point" }).int("Use a whole number").min(-10).max(100),
      minLabel: label("a label for the lowest point", 60),
      maxLabel: label("a label for the highest point", 60),
      pointLabels: z.array(z.string().trim().max(60, "At most 60 characters")).optional(),
    })
    .superRefine((s, ctx) => {
      if (s.min >= s.max) ctx.addIssue({ code: "custom", path: ["max"], message: "The highest point must be above the lowest" });
      else if (s.max - s.min > 20) ctx.addIssue({ code: "custom", path: ["max"], message: "A scale has at most 21 points" });
      else if (s.pointLabels && s.pointLabels.length !== s.max - s.min + 1) {
        ctx.addIssue({ code: "custom", path: ["pointLabels"], message: `Give a label for each of the ${s.max - s.min + 1} points, or none` });
      }
    }),
  single_choice: z.object({ options }),
  multi_choice: z.object({ options, allowOther: z.boolean().default(false) }),
  ranking: z.object({ options }),
  yes_no: z.object({}),
  number: z
    .object({
      min: z.number().finite().optional(),
      max: z.number().finite().optional(),
      unit: z.string().trim().max(30, "At most 30 characters").default(""),
    })
    .superRefine((s, ctx) => {
      if (s.min !== undefined && s.max !== undefined && s.min >= s.max) {
        ctx.addIssue({ code: "custom", path: ["max"], message: "The maximum must be above the minimum" });
      }
    }),
  date: z.object({}),
  critical_periods: z.object({}),
} satisfies Record<QuestionType, z.ZodType>;

export type Settings<T extends QuestionType> = z.output<(typeof SETTINGS_SCHEMAS)[T]>;

export const CONDITION_OPERATORS = ["equals", "one_of", "greater_than", "answered"] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];
export const CONDITION_LABELS: Record<ConditionOperator, string> = {
  equals: "equals",
  one_of: "is one of",
  greater_than: "is greater than",
  answered: "is answered",
};

export const conditionSchema = z.object({
  questionId: idSchema,
  operator: z.enum(CONDITION_OPERATORS, { error: "Choose how to compare" }),
  /** equals: a string, number or boolean; one_of: a list; greater_than: a number; answered: none. */
  value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]).optional(),
});
export type Condition = z.infer<typeof conditionSchema>;

const questionBase = {
  id: idSchema,
  prompt: label("the question", 500),
  help: z.string().trim().max(1000, "At most 1000 characters").default(""),
  required: z.boolean().default(false),
  condition: conditionSchema.nullable().default(null),
};

const questionOf = <T extends QuestionType>(type: T) =>
  z.object({ ...questionBase, type: z.literal(type), settings: SETTINGS_SCHEMAS[type] });

export const questionSchema = z.discriminatedUnion(
  "type",
  [
    questionOf("short_text"),
    questionOf("long_text"),
    questionOf("scale"),
    questionOf("single_choice"),
    questionOf("multi_choice"),
    questionOf("ranking"),
    questionOf("yes_no"),
    questionOf("number"),
    questionOf("date"),
    questionOf("critical_periods"),
  ],
  { error: "Unknown question type" },
);
export type Question = z.output<typeof questionSchema>;

export const sectionSchema = z.object({
  id: idSchema,
  title: label("a section title", 200),
  purpose: z.string().trim().max(2000, "At most 2000 characters").default(""),
  questions: z.array(questionSchema).max(100, "At most 100 questions in a section").default([]),
});
export type Section = z.output<typeof sectionSchema>;

/** A version's content, checked as a whole: structure, unique ids and conditions. */
export const guideContentSchema = z
  .object({
    sections: z.array(sectionSchema).max(40, "At most 40 sections").default([]),
  })
  .superRefine((content, ctx) => {
    for (const problem of contentProblems(content)) ctx.addIssue({ code: "custom", path: problem.path, message: problem.message });
  });
export type GuideContent = { sections: Section[] };

export interface Problem {
  path: (string | number)[];
  message: string;
}

export function allQuestions(content: GuideContent): Question[] {
  return content.sections.flatMap((s) => s.questions);
}

/** A question's place, for messages: "Q3 “How do you measure…”". */
export function questionName(content: GuideContent, id: string): string {
  const list = allQuestions(content);
  const index = list.findIndex((q) => q.id === id);
  if (index < 0) return `“${id}”`;
  const prompt = list[index]!.prompt;
  return `Q${index + 1} “${prompt.length > 50 ? prompt.slice(0, 49) + "…" : prompt}”`;
}

/** Which operators make sense for a question of this type. */
export function operatorsFor(type: QuestionType): ConditionOperator[] {
  switch (type) {
    case "single_choice":
    case "yes_no":
      return ["equals", "one_of", "answered"];
    case "multi_choice":
      return ["equals", "one_of", "answered"];
    case "scale":
      return ["equals", "one_of", "greater_than", "answered"];
    case "number":
      return ["equals", "greater_than", "answered"];
    default:
      return ["answered"];
  }
}

function conditionProblem(content: GuideContent, question: Question, earlier: Map<string, Question>): string | null {
  const c = question.condition;
  if (!c) return null;
  const name = questionName(content, question.id);
  if (c.questionId === question.id) return `${name} cannot depend on itself`;
  const target = earlier.get(c.questionId);
  if (!target) {
    const later = allQuestions(content).find((q) => q.id === c.questionId);
    return later
      ? `${name} depends on ${questionName(content, later.id)}, which comes after it: a condition may only use an earlier question`
      : `${name} depends on a question that does not exist`;
  }
  const targetName = questionName(content, target.id);
  if (!operatorsFor(target.type).includes(c.operator)) {
    return `${name}: “${CONDITION_LABELS[c.operator]}” does not apply to ${targetName} (${QUESTION_TYPE_LABELS[target.type].toLowerCase()})`;
  }
  if (c.operator === "answered") return null;
  const values = "options" in target.settings ? target.settings.options.map((o) => o.value) : null;
  if (c.operator === "one_of") {
    if (!Array.isArray(c.value) || c.value.length === 0) return `${name}: choose at least one answer of ${targetName}`;
    if (target.type === "yes_no") return c.value.every((v) => v === "yes" || v === "no") ? null : `${name}: answers of ${targetName} are yes or no`;
    if (target.type === "scale") {
      const { min, max } = target.settings;
      const bad = c.value.find((v) => !/^-?\d+$/.test(v) || Number(v) < min || Number(v) > max);
      return bad === undefined ? null : `${name}: “${bad}” is not a point of ${targetName} (${min} to ${max})`;
    }
    const bad = c.value.find((v) => !values?.includes(v));
    return bad === undefined ? null : `${name}: “${bad}” is not an option of ${targetName}`;
  }
  if (c.operator === "greater_than" || target.type === "scale" || target.type === "number") {
    return typeof c.value === "number" ? null : `${name}: compare ${targetName} with a number`;
  }
  if (target.type === "yes_no") return typeof c.value === "boolean" ? null : `${name}: compare ${targetName} with yes or no`;
  if (typeof c.value !== "string" || !values?.includes(c.value)) return `${name}: choose one of the options of ${targetName}`;
  return null;
}

/** Every problem of a version's content that its shape alone cannot catch. */
export function contentProblems(content: GuideContent): Problem[] {
  const problems: Problem[] = [];
  const sectionIds = new Set<string>();
  const questionIds = new Set<string>();
  const earlier = new Map<string, Question>();
  content.sections.forEach((section, s) => {
    if (sectionIds.has(section.id)) problems.push({ path: ["sections", s, "id"], message: `Two sections have the id “${section.id}”` });
    sectionIds.add(section.id);
    section.questions.forEach((question, q) => {
      if (questionIds.has(question.id)) {
        problems.push({ path: ["sections", s, "questions", q, "id"], message: `Two questions have the id “${question.id}”` });
      }
      questionIds.add(question.id);
      const problem = conditionProblem(content, question, earlier);
      if (problem) problems.push({ path: ["sections", s, "questions", q, "condition"], message: problem });
      earlier.set(question.id, question);
    });
  });
  return problems;
}

/** What publishing needs beyond a valid shape: something to ask. */
export function publishProblems(content: GuideContent): string[] {
  const out: string[] = [];
  if (content.sections.length === 0) out.push("Add at least one section");
  content.sections.forEach((s) => {
    if (s.questions.length === 0) out.push(`Section “${s.title}” has no questions`);
  });
  out.push(...contentProblems(content).map((p) => p.message));
  return out;
}

/* ---------- answers ---------- */

export const criticalPeriodSchema = z.object({
  name: label("the period's name", 120),
  when: label("when it happens", 200),
  affects: z.string().trim().max(500, "At most 500 characters").default(""),
  impact: z.enum(IMPACT_LEVELS, { error: "Choose the impact" }),
});
export type CriticalPeriod = z.infer<typeof criticalPeriodSchema>;

/** The schema an answer to this question must satisfy (answers are JSON values). */
export function answerSchemaFor(question: Question): z.ZodType {
  switch (question.type) {
    case "short_text":
      return z.string().max(question.settings.maxLength, `At most ${question.settings.maxLength} characters`);
    case "long_text":
      return z.string().max(20_000, "At most 20,000 characters");
    case "scale": {
      const { min, max } = question.settings;
      return z.number({ error: `Choose a point from ${min} to ${max}` }).int().min(min, `Choose a point from ${min} to ${max}`).max(max, `Choose a point from ${min} to ${max}`);
    }
    case "single_choice": {
      const values = question.settings.options.map((o) => o.value);
      return z.string().refine((v) => values.includes(v), "Choose one of the options");
    }
    case "multi_choice": {
      const values = question.settings.options.map((o) => o.value);
      return z.object({
        selected: z.array(z.string().refine((v) => values.includes(v), "Choose from the options")).refine((a) => new Set(a).size === a.length, "Each option once"),
        other: question.settings.allowOther ? z.string().max(500, "At most 500 characters").default("") : z.literal("").default(""),
      });
    }
    case "ranking": {
      const values = question.settings.options.map((o) => o.value);
      return z
        .array(z.string())
        .refine((a) => a.length === values.length && values.every((v) => a.includes(v)), "Rank every option once");
    }
    case "yes_no":
      return z.boolean({ error: "Answer yes or no" });
    case "number": {
      const { min, max, unit } = question.settings;
      let n = z.number({ error: "Enter a number" }).finite("Enter a number");
      if (min !== undefined) n = n.min(min, `At least ${min}${unit ? " " + unit : ""}`);
      if (max !== undefined) n = n.max(max, `At most ${max}${unit ? " " + unit : ""}`);
      return n;
    }
    case "date":
      return z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date like 2026-11-23").refine(isRealDate, "That is not a real date");
    case "critical_periods":
      return z.array(criticalPeriodSchema).max(30, "At most 30 periods");
  }
}

/** Whether an answer counts as given (an empty text or list is no answer). */
export function isAnswered(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object" && "selected" in (value as object)) {
    const v = value as { selected: unknown[]; other?: string };
    return v.selected.length > 0 || Boolean(v.other);
  }
  return true;
}

/** Show-if: whether a question is shown, given the answers so far (keyed by question id). */
export function isVisible(question: Question, answers: Record<string, unknown>): boolean {
  const c = question.condition;
  if (!c) return true;
  const answer = answers[c.questionId];
  if (!isAnswered(answer)) return false;
  switch (c.operator) {
    case "answered":
      return true;
    case "greater_than":
      return typeof answer === "number" && typeof c.value === "number" && answer > c.value;
    case "equals":
      if (typeof answer === "object" && answer && "selected" in answer) return (answer as { selected: string[] }).selected.includes(String(c.value));
      return answer === c.value;
    case "one_of": {
      const list = Array.isArray(c.value) ? c.value : [];
      if (typeof answer === "boolean") return list.includes(answer ? "yes" : "no");
      if (typeof answer === "object" && answer && "selected" in answer) return (answer as { selected: string[] }).selected.some((s) => list.includes(s));
      return list.includes(String(answer));
    }
  }
}

/** Default settings for a new question of a type, so the editor starts from something valid. */
export function defaultSettings(type: QuestionType): Question["settings"] {
  switch (type) {
    case "short_text":
      return { maxLength: 200 };
    case "scale":
      return { min: 1, max: 5, minLabel: "Not at all", maxLabel: "Completely" };
    case "single_choice":
    case "ranking":
      return { options: [{ value: "option-1", label: "Option 1" }, { value: "option-2", label: "Option 2" }] };
    case "multi_choice":
      return { options: [{ value: "option-1", label: "Option 1" }, { value: "option-2", label: "Option 2" }], allowOther: false };
    case "number":
      return { unit: "" };
    default:
      return {};
  }
}
