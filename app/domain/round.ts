/**
 * Prioritisation rounds: methods, criteria and how scores become a ranking.
 * Pure: shared by client and server. The server computes results in SQL; these
 * functions are the same rules in one place, for the page's explanations, the
 * weight-sensitivity preview and the tests that check the SQL against them.
 */
import { z } from "zod";

export const ROUND_METHODS = ["weighted", "moscow", "rice"] as const;
export type RoundMethod = (typeof ROUND_METHODS)[number];
export const ROUND_METHOD_LABELS: Record<RoundMethod, string> = {
  weighted: "Weighted criteria",
  moscow: "MoSCoW (must, should, could, won't)",
  rice: "RICE (reach, impact, confidence, effort)",
};

export const SCALE_POINTS = 5;

export interface Criterion {
  key: string;
  name: string;
  weight: number;
  /** What each point of the 1–5 scale means, lowest first. */
  points: string[];
}

/** The product brief's four criteria, equally weighted, as a round starts. */
export const DEFAULT_CRITERIA: Criterion[] = [
  {
    key: "value",
    name: "Business value",
    weight: 1,
    points: ["Nice to have", "Helps a few people", "Helps a team do its job better", "Moves a business outcome", "Essential to a business outcome"],
  },
  {
    key: "time",
    name: "Time criticality",
    weight: 1,
    points: ["Any time", "Within a couple of years", "Within the year", "Within the quarter", "Now: the cost of waiting is felt already"],
  },
  {
    key: "risk",
    name: "Risk reduction",
    weight: 1,
    points: ["None", "Small", "Noticeable", "Large", "Removes a risk the business cannot carry"],
  },
  {
    key: "reach",
    name: "Reach",
    weight: 1,
    points: ["A few people", "One team", "One unit", "Several units", "The whole bank or its customers"],
  },
];

const weight = z
  .number({ error: "Give each weight as a number" })
  .finite("Give each weight as a number")
  .min(0, "A weight cannot be negative")
  .max(100, "A weight can be at most 100");

export const criterionSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]{0,29}$/, "A criterion key is lower-case letters, digits and dashes"),
  name: z.string().trim().min(1, "Name the criterion").max(60, "At most 60 characters"),
  weight,
  points: z.array(z.string().trim().max(120, "At most 120 characters")).length(SCALE_POINTS, `Describe each of the ${SCALE_POINTS} points`),
});

/** A round's criteria: at least one, keys unique, weights not all zero. */
export const criteriaSchema = z
  .array(criterionSchema)
  .min(1, "A round needs at least one criterion")
  .max(8, "At most 8 criteria")
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((c, i) => {
      if (seen.has(c.key)) ctx.addIssue({ code: "custom", message: `“${c.name}” uses a key already taken`, path: [i, "key"] });
      seen.add(c.key);
    });
    if (list.every((c) => c.weight === 0)) ctx.addIssue({ code: "custom", message: "At least one weight must be more than zero", path: [] });
  });

/** A score on a criterion's scale: a whole number from 1 to 5. */
export const scoreSchema = z
  .number({ error: `Score from 1 to ${SCALE_POINTS}` })
  .int(`Score from 1 to ${SCALE_POINTS}`)
  .min(1, `Score from 1 to ${SCALE_POINTS}`)
  .max(SCALE_POINTS, `Score from 1 to ${SCALE_POINTS}`);

/* ---------- weighted criteria: normalising and aggregating ---------- */

/** One lead's score of one need on one criterion. */
export interface Score {
  lead: string;
  need: string;
  criterion: string;
  value: number;
}

export interface NeedResult {
  need: string;
  /** Mean over the leads who scored it of their normalised weighted score (0 = each lead's own average). */
  score: number;
  /** 1 is first; tied needs share a rank ("1, 2, 2, 4"). */
  rank: number;
  /** How many leads scored it. */
  leads: number;
  /** The leads' weighted scores on the 1–5 scale: mean, standard deviation and range, for disagreement. */
  mean: number;
  spread: number;
  low: number;
  high: number;
}

/**
 * How generous scorers are kept from dominating, in words for the results page.
 * Keep in step with normalise() below and the SQL in the round's model.
 */
export const NORMALISATION_NOTE =
  "Each lead's scores are compared with their own habits: per criterion, a score counts by how far it lies above or below that lead's average, in units of that lead's spread (a z-score). A lead who gives everything a 5 therefore lifts nothing above anything else, and a strict lead's 4 counts as much as a generous lead's 5. A need's score is the weighted mean of these over the criteria, averaged over the leads who scored it; a lead who skipped a need is left out of that need's average.";

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Population standard deviation (every score a lead gave is the whole population of their habits). */
const sd = (xs: readonly number[]) => {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
};

/** z-score of each score within its lead and criterion; 0 where a lead gave one value to everything. */
export function normalise(scores: readonly Score[]): Map<Score, number> {
  const groups = new Map<string, Score[]>();
  for (const s of scores) {
    const key = `${s.lead}\u0000${s.criterion}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const out = new Map<Score, number>();
  for (const group of groups.values()) {
    const values = group.map((s) => s.value);
    const m = mean(values);
    const d = sd(values);
    for (const s of group) out.set(s, d === 0 ? 0 : (s.value - m) / d);
  }
  return out;
}

/** Ranks by score, highest first; equal scores (to 1e-9) share the rank of the first of them. */
export function rankOf<T extends { score: number }>(items: readonly T[]): (T & { rank: number })[] {
  const sorted = [...items].sort((a, b) => b.score - a.score);
  const out: (T & { rank: number })[] = [];
  sorted.forEach((item, i) => {
    const previous = out[i - 1];
    const rank = previous && Math.abs(previous.score - item.score) < 1e-9 ? previous.rank : i + 1;
    out.push({ ...item, rank });
  });
  return out;
}

/**
 * The round's results under the given weights: each need's normalised weighted
 * score, rank and disagreement. Criteria with weight 0 are ignored; a lead's
 * weighted score for a need uses the criteria they scored it on.
 */
export function aggregate(scores: readonly Score[], criteria: readonly Pick<Criterion, "key" | "weight">[]): NeedResult[] {
  const weights = new Map(criteria.filter((c) => c.weight > 0).map((c) => [c.key, c.weight]));
  const counted = scores.filter((s) => weights.has(s.criterion));
  const z = normalise(counted);
  // Per lead and need: weighted means of the z-scores (for the rank) and of the raw scores (for the spread).
  const perLeadNeed = new Map<string, { need: string; zSum: number; rawSum: number; w: number }>();
  for (const s of counted) {
    const key = `${s.lead}\u0000${s.need}`;
    const w = weights.get(s.criterion)!;
    const entry = perLeadNeed.get(key) ?? { need: s.need, zSum: 0, rawSum: 0, w: 0 };
    entry.zSum += w * z.get(s)!;
    entry.rawSum += w * s.value;
    entry.w += w;
    perLeadNeed.set(key, entry);
  }
  const perNeed = new Map<string, { z: number[]; raw: number[] }>();
  for (const e of perLeadNeed.values()) {
    const n = perNeed.get(e.need) ?? { z: [], raw: [] };
    n.z.push(e.zSum / e.w);
    n.raw.push(e.rawSum / e.w);
    perNeed.set(e.need, n);
  }
  const results = [...perNeed].map(([need, n]) => ({
    need,
    score: mean(n.z),
    leads: n.z.length,
    mean: mean(n.raw),
    spread: sd(n.raw),
    low: Math.min(...n.raw),
    high: Math.max(...n.raw),
  }));
  return rankOf(results).sort((a, b) => a.rank - b.rank || a.need.localeCompare(b.need));
}

/** The needs whose rank changes when the weights change, with both ranks (weight sensitivity). */
export function rankChanges(scores: readonly Score[], before: readonly Pick<Criterion, "key" | "weight">[], after: readonly Pick<Criterion, "key" | "weight">[]) {
  const was = new Map(aggregate(scores, before).map((r) => [r.need, r.rank]));
  return aggregate(scores, after)
    .filter((r) => was.get(r.need) !== r.rank)
    .map((r) => ({ need: r.need, from: was.get(r.need) ?? null, to: r.rank }));
}

/* ---------- MoSCoW ---------- */

export const MOSCOW = ["must", "should", "could", "wont"] as const;
export type Moscow = (typeof MOSCOW)[number];
export const MOSCOW_LABELS: Record<Moscow, string> = { must: "Must", should: "Should", could: "Could", wont: "Won't (this time)" };

/** How a MoSCoW choice is stored (1 = must … 4 = won't) and what it counts for in the ranking (must 3 … won't 0). */
export const moscowOf = (value: number): Moscow | null => MOSCOW[value - 1] ?? null;
export const moscowPoints = (value: number) => MOSCOW.length - value;
export const MOSCOW_NOTE =
  "Each lead's choice counts must 3, should 2, could 1, won't 0; a need's score is the average over the leads who placed it. The cap on musts keeps any one lead from calling everything a must.";

/** With a cap (a share, 0–1), a lead may call at most that share of the round's needs "must". */
export function moscowCapProblem(choices: readonly Moscow[], needsInRound: number, cap: number | null): string | null {
  return mustCapProblem(choices.filter((c) => c === "must").length, needsInRound, cap);
}

/** The same rule on a count of musts. */
export function mustCapProblem(musts: number, needsInRound: number, cap: number | null): string | null {
  if (cap === null) return null;
  const allowed = Math.floor(cap * needsInRound);
  return musts > allowed ? `At most ${allowed} of the ${needsInRound} needs can be a must in this round (that would make ${musts})` : null;
}

/* ---------- RICE ---------- */

export const RICE_IMPACT = [0.25, 0.5, 1, 2, 3] as const;
export const RICE_CONFIDENCE = [0.5, 0.8, 1] as const;

/** RICE = reach × impact × confidence ÷ effort (effort in person-days from IT; none yet → no score). */
export function riceScore({ reach, impact, confidence, effortDays }: { reach: number; impact: number; confidence: number; effortDays: number | null }): number | null {
  if (effortDays === null || effortDays <= 0) return null;
  return (reach * impact * confidence) / effortDays;
}

export const RICE_IMPACT_LABELS = ["Minimal", "Low", "Medium", "High", "Massive"] as const;
export const RICE_CONFIDENCE_LABELS = ["Low (50%)", "Medium (80%)", "High (100%)"] as const;
export const RICE_KEYS = ["reach", "impact", "confidence"] as const;
export const RICE_NOTE =
  "Each lead estimates reach (people a quarter), impact and their confidence; IT estimates the effort in person-days. A lead's RICE score is reach × impact × confidence ÷ effort; a need's score is the average over the leads who gave all three. A need without an effort estimate waits for IT's and is not ranked.";

/** The criteria a RICE round shows its leads (weights do not apply: the formula combines them). */
export const RICE_CRITERIA: Criterion[] = [
  { key: "reach", name: "Reach", weight: 1, points: ["", "", "", "", ""] },
  { key: "impact", name: "Impact", weight: 1, points: ["", "", "", "", ""] },
  { key: "confidence", name: "Confidence", weight: 1, points: ["", "", "", "", ""] },
];
export const MOSCOW_CRITERIA: Criterion[] = [{ key: "moscow", name: "MoSCoW", weight: 1, points: ["", "", "", "", ""] }];

/** A need's standing from per-lead values (higher is better): the mean, its spread and the rank. */
function standings(perLead: Map<string, number[]>): NeedResult[] {
  const results = [...perLead].map(([need, values]) => ({
    need,
    score: mean(values),
    leads: values.length,
    mean: mean(values),
    spread: sd(values),
    low: Math.min(...values),
    high: Math.max(...values),
  }));
  return rankOf(results).sort((a, b) => a.rank - b.rank || a.need.localeCompare(b.need));
}

/** MoSCoW results: each need's average points (must 3 … won't 0) over the leads who placed it. */
export function aggregateMoscow(scores: readonly Score[]): NeedResult[] {
  const perNeed = new Map<string, number[]>();
  for (const s of scores) if (s.criterion === "moscow") perNeed.set(s.need, [...(perNeed.get(s.need) ?? []), moscowPoints(s.value)]);
  return standings(perNeed);
}

/** RICE results: per lead reach × impact × confidence ÷ IT's effort days, averaged; needs without effort are left out. */
export function aggregateRice(scores: readonly Score[], effortDaysByNeed: ReadonlyMap<string, number>): NeedResult[] {
  const parts = new Map<string, { need: string; reach?: number; impact?: number; confidence?: number }>();
  for (const s of scores) {
    const key = `${s.lead}\u0000${s.need}`;
    const entry = parts.get(key) ?? { need: s.need };
    if (s.criterion === "reach") entry.reach = s.value;
    if (s.criterion === "impact") entry.impact = RICE_IMPACT[s.value];
    if (s.criterion === "confidence") entry.confidence = RICE_CONFIDENCE[s.value];
    parts.set(key, entry);
  }
  const perNeed = new Map<string, number[]>();
  for (const p of parts.values()) {
    const effortDays = effortDaysByNeed.get(p.need) ?? null;
    if (p.reach === undefined || p.impact === undefined || p.confidence === undefined) continue;
    const score = riceScore({ reach: p.reach, impact: p.impact, confidence: p.confidence, effortDays });
    if (score !== null) perNeed.set(p.need, [...(perNeed.get(p.need) ?? []), score]);
  }
  return standings(perNeed);
}

/* ---------- forms ---------- */

// A checkbox group with nothing ticked arrives as nothing (a post) or false (react-hook-form).
const ids = (message: string) => z.preprocess((v) => (v === undefined || v === "" || v === false || v === null ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().uuid(message)));

/** Opening a round as a draft: what it weighs, which needs, who scores and who watches. */
export const createRoundSchema = z
  .object({
    title: z.string().trim().min(3, "Give the round a title").max(120, "At most 120 characters"),
    method: z.enum(ROUND_METHODS, { error: "Choose a method" }),
    criteria: criteriaSchema,
    mustCap: z.number().min(0.05, "Allow at least 5% musts").max(1, "A cap is a share from 5% to 100%").nullable().default(null),
    deadline: z.coerce.date({ error: "Give the deadline as a date" }).nullable().default(null),
    needIds: ids("Choose needs from the list").pipe(z.array(z.string()).min(2, "A round ranks at least two needs").max(5000, "At most 5,000 needs in a round")),
    scorerIds: ids("Choose business leads from the list").pipe(z.array(z.string()).min(1, "Choose at least one business lead to score")),
    observerIds: ids("Choose observers from the list"),
  })
  .refine((r) => !r.scorerIds.some((id) => r.observerIds.includes(id)), { message: "Someone cannot both score and observe", path: ["observerIds"] });
export type CreateRoundInput = z.output<typeof createRoundSchema>;

/** The keys a method scores under, and the range of each: weighted criteria 1–5, MoSCoW 1 (must) to 4 (won't), RICE's parts. */
export function scoreProblem(method: RoundMethod, criteria: readonly Pick<Criterion, "key">[], criterion: string, value: number): string | null {
  if (!Number.isInteger(value)) return "Scores are whole numbers";
  switch (method) {
    case "weighted":
      if (!criteria.some((c) => c.key === criterion)) return "That criterion is not in this round";
      return value >= 1 && value <= SCALE_POINTS ? null : `Score from 1 to ${SCALE_POINTS}`;
    case "moscow":
      if (criterion !== "moscow") return "A MoSCoW round is scored as must, should, could or won't";
      return value >= 1 && value <= MOSCOW.length ? null : "Choose must, should, could or won't";
    case "rice":
      if (criterion === "reach") return value >= 0 && value <= 1_000_000 ? null : "Reach is a number of people from 0 to 1,000,000";
      if (criterion === "impact") return value >= 0 && value < RICE_IMPACT.length ? null : "Choose an impact";
      if (criterion === "confidence") return value >= 0 && value < RICE_CONFIDENCE.length ? null : "Choose a confidence";
      return "A RICE round is scored on reach, impact and confidence";
  }
}

/** A date typed in a form (YYYY-MM-DD, a real day), or blank. */
const dateField = z
  .string()
  .regex(/^(\d{4}-\d{2}-\d{2})?$/, "Enter a date like 2027-01-31")
  .refine((v) => {
    if (v === "" || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return true;
    const day = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(v);
  }, "That is not a date in the calendar")
  .default("");

/** A cap on musts as a percentage typed in a form ("25" → 0.25); blank for none. */
const mustCapField = z.preprocess(
  (v) => (v === "" || v === undefined || v === null ? null : typeof v === "string" ? Number(v.replace(/%$/, "").trim()) : v),
  z
    .number({ error: "Give the cap as a percentage, like 25" })
    .finite("Give the cap as a percentage, like 25")
    .min(5, "Allow at least 5% musts")
    .max(100, "A cap is a percentage from 5 to 100")
    .transform((n) => n / 100)
    .nullable(),
);

const weightField = z.preprocess(
  (v) => (v === "" || v === undefined ? undefined : typeof v === "string" ? Number(v) : v),
  z.number({ error: "Give each weight as a number" }).finite("Give each weight as a number"),
);

/**
 * The "new round" form (weighted criteria, the four defaults with editable
 * weights): the same rules as createRoundSchema, in the form's own fields.
 */
export const roundFormSchema = z
  .object({
    title: z.string(),
    method: z.enum(ROUND_METHODS, { error: "Choose a method" }).default("weighted"),
    deadline: dateField,
    mustCap: mustCapField,
    ...Object.fromEntries(DEFAULT_CRITERIA.map((c) => [`weight_${c.key}`, weightField])),
    needIds: z.unknown().optional(),
    scorerIds: z.unknown().optional(),
    observerIds: z.unknown().optional(),
  })
  .transform((form, ctx) => {
    const values = form as Record<string, unknown>;
    const parsed = createRoundSchema.safeParse({
      title: form.title,
      method: form.method,
      // Weights count only in a weighted round; the others keep the defaults out of the way.
      criteria: DEFAULT_CRITERIA.map((c) => ({ ...c, weight: form.method === "weighted" ? values[`weight_${c.key}`] : c.weight })),
      mustCap: form.method === "moscow" ? form.mustCap : null,
      // The deadline is the end of that day, UK time is close enough for a date: 23:59 UTC.
      deadline: form.deadline ? `${form.deadline}T23:59:59Z` : null,
      needIds: form.needIds,
      scorerIds: form.scorerIds,
      observerIds: form.observerIds,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [first, index, field] = issue.path;
        const path =
          first === "criteria" && typeof index === "number" && field === "weight" ? [`weight_${DEFAULT_CRITERIA[index]!.key}`] : first === "criteria" ? ["weight_value"] : issue.path;
        ctx.addIssue({ code: "custom", message: issue.message, path: path as (string | number)[] });
      }
      return z.NEVER;
    }
    return parsed.data;
  });


/** An admin reopening a closed round says why (the audit trail keeps it). */
export const reopenRoundSchema = z.object({
  reason: z.string({ error: "Say why the round is reopened" }).trim().min(10, "Say why the round is reopened (at least 10 characters)").max(1000, "At most 1,000 characters"),
});

/**
 * Weights to try before closing, from the round page's query (`w.<key>`): each
 * a number from 0 to 100, missing ones as they are. Null when nothing is tried.
 */
export function triedWeights(query: URLSearchParams, criteria: readonly Criterion[]): { weights: Criterion[]; problem: string | null } | null {
  if (!criteria.some((c) => query.has(`w.${c.key}`))) return null;
  const weights = criteria.map((c) => {
    const raw = query.get(`w.${c.key}`);
    return { ...c, weight: raw === null || raw.trim() === "" ? c.weight : Number(raw) };
  });
  const checked = criteriaSchema.safeParse(weights);
  return { weights, problem: checked.success ? null : checked.error.issues[0]!.message };
}

/* ---------- changing a draft ---------- */

/** A key for a criterion named in a form: "Customer impact" → "customer-impact", unique among `taken`. */
export function criterionKey(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^[^a-z]+|-+$/g, "")
      .slice(0, 24) || "criterion";
  let key = base;
  for (let i = 2; taken.has(key); i++) key = `${base}-${i}`;
  return key;
}

/** How many criterion rows the draft form offers: the round's, plus one blank to add. */
export const MAX_CRITERIA = 8;

/**
 * The "change the draft" form: title, deadline, the MoSCoW cap, and each
 * criterion's name, weight and point descriptions (`c<i>_name`, `c<i>_weight`,
 * `c<i>_p1`…`c<i>_p5`, `c<i>_key`, `c<i>_remove`). A row with a blank name and
 * no key is the spare one left empty. The same rules as creating a round.
 */
export const editRoundFormSchema = z
  .object({
    title: z.string().trim().min(3, "Give the round a title").max(120, "At most 120 characters"),
    deadline: dateField,
    mustCap: mustCapField,
    revision: z.coerce.number().int().min(1),
  })
  .catchall(z.unknown())
  .transform((form, ctx) => {
    const text = (k: string) => (typeof form[k] === "string" ? (form[k] as string) : "");
    const rows: { index: number; criterion: Record<string, unknown> }[] = [];
    const taken = new Set<string>();
    for (let i = 0; i <= MAX_CRITERIA; i++) {
      const name = text(`c${i}_name`).trim();
      const key = text(`c${i}_key`);
      const removed = form[`c${i}_remove`] === "on" || form[`c${i}_remove`] === true;
      if ((!name && !key) || removed) continue;
      if (key) taken.add(key);
      const weightRaw = text(`c${i}_weight`).trim();
      rows.push({
        index: i,
        criterion: {
          key,
          name,
          weight: weightRaw === "" ? Number.NaN : Number(weightRaw),
          points: Array.from({ length: SCALE_POINTS }, (_, j) => text(`c${i}_p${j + 1}`)),
        },
      });
    }
    for (const row of rows) if (!row.criterion.key) taken.add((row.criterion.key = criterionKey(String(row.criterion.name), taken)));
    const parsed = criteriaSchema.safeParse(rows.map((r) => r.criterion));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [index, field] = issue.path;
        const row = typeof index === "number" ? rows[index] : undefined;
        const name = row ? `c${row.index}_${field === "points" ? `p${Number(issue.path[2] ?? 0) + 1}` : field === "weight" ? "weight" : "name"}` : "c0_weight";
        ctx.addIssue({ code: "custom", message: issue.message, path: [name] });
      }
      return z.NEVER;
    }
    return {
      title: form.title,
      deadline: form.deadline ? new Date(`${form.deadline}T23:59:59Z`) : null,
      mustCap: form.mustCap,
      revision: form.revision,
      criteria: parsed.data,
    };
  });
