/** Needs: requirements in business language, backed by evidence. Pure: shared by client and server. */
import { z } from "zod";
import type { QuoteSurvey } from "./evidence";

export const NEED_STATUSES = ["open", "answered", "parked", "rejected"] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];
export const NEED_STATUS_LABELS: Record<NeedStatus, string> = {
  open: "Open",
  answered: "Answered by a service",
  parked: "Parked",
  rejected: "Rejected",
};
export const NEED_STATUS_TONES: Record<NeedStatus, "info" | "success" | "neutral" | "warning"> = {
  open: "info",
  answered: "success",
  parked: "neutral",
  rejected: "warning",
};

export const NEED_CATEGORIES = ["capability", "availability", "performance", "support", "information", "security", "compliance", "cost", "experience"] as const;
export type NeedCategory = (typeof NEED_CATEGORIES)[number];
export const NEED_CATEGORY_LABELS: Record<NeedCategory, string> = {
  capability: "Capability (something the business cannot do today)",
  availability: "Availability and hours",
  performance: "Speed and capacity",
  support: "Support and fixing things",
  information: "Information and reporting",
  security: "Security",
  compliance: "Regulation and compliance",
  cost: "Cost",
  experience: "Customer and staff experience",
};
export const NEED_CATEGORY_SHORT: Record<NeedCategory, string> = {
  capability: "Capability",
  availability: "Availability",
  performance: "Performance",
  support: "Support",
  information: "Information",
  security: "Security",
  compliance: "Compliance",
  cost: "Cost",
  experience: "Experience",
};

export const STATEMENT_MIN = 10;
export const STATEMENT_MAX = 300;

/** "N-12" for need number 12. */
export const needRef = (number: number) => `N-${number}`;

/** A need as typed by a person: "N-12", "n12", "#12" or "12". */
export function parseNeedRef(input: string): number | null {
  const m = /^\s*(?:n\s*-?\s*|#)?(\d{1,9})\s*$/i.exec(input);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 && n <= 2_147_483_647 ? n : null;
}

const text = (label: string, max: number) =>
  z
    .string({ error: `Enter ${label}` })
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().max(max, `At most ${max.toLocaleString("en-GB")} characters`));

const idList = (message: string) =>
  z.preprocess((v) => (v === undefined || v === "" || v === false || v === null ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().uuid(message)));

const revision = z.preprocess((v) => (typeof v === "string" ? Number(v) : v), z.number().int().min(1).max(2_147_483_647));

/** The need form (create and edit). */
export const needFormSchema = z.object({
  statement: z
    .string({ error: "Write the need in business language" })
    .transform((s) => s.replace(/\s+/g, " ").trim())
    .pipe(
      z
        .string()
        .min(STATEMENT_MIN, `Write the need in a sentence (at least ${STATEMENT_MIN} characters)`)
        .max(STATEMENT_MAX, `At most ${STATEMENT_MAX} characters: put the detail under outcome or pain`),
    ),
  outcome: text("the business outcome", 1000),
  process: text("the business process", 200),
  criticalPeriod: text("the critical period", 200),
  pain: text("the pain today", 2000),
  category: z.enum(NEED_CATEGORIES, { error: "Choose a category" }),
  unitIds: idList("Choose business units from the list").pipe(z.array(z.string()).min(1, "Choose at least one business unit")),
});
export type NeedFormInput = z.output<typeof needFormSchema>;

export const createNeedSchema = needFormSchema.extend({
  evidenceIds: idList("Choose evidence from the list").pipe(z.array(z.string()).max(200, "At most 200 pieces of evidence at once")),
});
export type CreateNeedInput = z.output<typeof createNeedSchema>;

export const editNeedSchema = needFormSchema.extend({ revision });
export type EditNeedInput = z.output<typeof editNeedSchema>;

/** Actions on a need's page, told apart by `intent`. */
export const needActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("status"),
      status: z.enum(NEED_STATUSES, { error: "Choose a status" }),
      reason: text("a reason", 1000),
    }),
    z.object({ intent: z.literal("merge"), into: z.string().trim().min(1, "Say which need absorbs this one, e.g. N-12") }),
    z.object({ intent: z.literal("unmerge") }),
    z.object({ intent: z.literal("link"), evidenceIds: idList("Choose evidence from the list").pipe(z.array(z.string()).min(1, "Tick the evidence to link")) }),
    z.object({ intent: z.literal("unlink"), evidenceId: z.string().uuid("Choose a piece of evidence") }),
    z.object({ intent: z.literal("comment"), body: text("a comment", 4000).pipe(z.string().min(1, "Write a comment")) }),
  ],
  { error: "Unknown action" },
);
export type NeedAction = z.output<typeof needActionSchema>;

/** Rejecting needs a reason; the other statuses may carry one. */
export function statusProblem(status: NeedStatus, reason: string): string | null {
  return status === "rejected" && !reason ? "Say why the need is rejected" : null;
}

export const NEED_SORTS = ["support", "recent", "number", "rank"] as const;
export type NeedSort = (typeof NEED_SORTS)[number];
export const NEED_SORT_LABELS: Record<NeedSort, string> = {
  support: "Most support",
  recent: "Most recently heard",
  number: "Newest first",
  rank: "Latest round rank",
};

const optionalId = z.preprocess((v) => (v === "" ? undefined : v), z.string().uuid("That filter is not one of the choices").optional());
const optionalText = (max: number) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max, `At most ${max} characters`).optional());

/** The board's query string: every filter optional; an unknown value is a 400 with a reason. */
export const needFilterSchema = z.object({
  q: optionalText(200),
  unit: optionalId,
  process: optionalText(200),
  category: z.preprocess((v) => (v === "" ? undefined : v), z.enum(NEED_CATEGORIES, { error: "Unknown category" }).optional()),
  status: z.preprocess((v) => (v === "" ? undefined : v), z.enum([...NEED_STATUSES, "all"], { error: "Unknown status" }).optional()),
  tag: optionalText(40),
  interview: optionalId,
  stakeholder: optionalId,
  sort: z.preprocess((v) => (v === "" ? undefined : v), z.enum(NEED_SORTS, { error: "Unknown sort order" }).default("support")),
  page: z.preprocess((v) => (v === "" || v === undefined ? 1 : Number(v)), z.number({ error: "Page must be a number" }).int("Page must be a whole number").min(1, "Page must be 1 or more").max(10_000, "That page is out of range")),
});
export type NeedFilter = z.output<typeof needFilterSchema>;

export const NEEDS_PAGE_SIZE = 50;

/** Support in words: "4 stakeholders in 2 units". */
export function supportLine(s: { stakeholderCount: number; unitCount: number }): string {
  const people = `${s.stakeholderCount} stakeholder${s.stakeholderCount === 1 ? "" : "s"}`;
  const units = `${s.unitCount} unit${s.unitCount === 1 ? "" : "s"}`;
  return s.stakeholderCount ? `${people} in ${units}` : "No evidence yet";
}

/**
 * Counts what stands behind a need from its quotes: each stakeholder once however
 * often they said it, their units, the first and last interview dates.
 */
export function supportOf(quotes: readonly { stakeholders: readonly { id: string; unitId: string }[]; heardAt: string | Date }[]) {
  const people = new Set<string>();
  const units = new Set<string>();
  let first: number | null = null;
  let last: number | null = null;
  for (const q of quotes) {
    for (const s of q.stakeholders) {
      people.add(s.id);
      units.add(s.unitId);
    }
    const t = new Date(q.heardAt).getTime();
    if (first === null || t < first) first = t;
    if (last === null || t > last) last = t;
  }
  return {
    stakeholderCount: people.size,
    unitCount: units.size,
    firstHeard: first === null ? null : new Date(first).toISOString(),
    lastHeard: last === null ? null : new Date(last).toISOString(),
  };
}

/** One quote behind a need, as its page shows it. */
export interface NeedQuote {
  id: string;
  /** null when the quote comes from an interview the viewer may not see. */
  text: string | null;
  tags: string[];
  changed: boolean;
  checkedText: string;
  currentText: string | null;
  interviewId: string;
  interviewUnit: string;
  heardAt: string;
  /** The need this quote is linked to directly (this need, or one merged into it). */
  via: { id: string; number: number } | null;
  /** Who said it; none for an anonymous survey's response, which stands for its unit. */
  stakeholders: { id: string; name: string; title: string; unitId: string; unitName: string }[];
  /** The survey whose response it was quoted from; null when heard in an interview. */
  survey: QuoteSurvey | null;
  /** Who an anonymous survey's quote stands for ("anonymous respondent, Retail Banking"); null when it names people. */
  anonymousAs: string | null;
}
