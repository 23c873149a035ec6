/**
 * Service definitions: what a service is for, in business terms. Pure: shared
 * by the editor (browser), the models (server) and the tests. A definition is
 * one JSON document (the draft, and each version's frozen copy); every clause
 * that answers needs carries their ids, so the chain quote → need → rank →
 * clause can be walked both ways.
 */
import { z } from "zod";

export const SERVICE_KINDS = ["business", "supporting"] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];
export const SERVICE_KIND_LABELS: Record<ServiceKind, string> = { business: "Business service", supporting: "Supporting service" };

export const DELIVERY_MODELS = ["in_house", "outsourced", "saas", "cloud", "hybrid"] as const;
export type DeliveryModel = (typeof DELIVERY_MODELS)[number];
export const DELIVERY_MODEL_LABELS: Record<DeliveryModel, string> = { in_house: "In-house", outsourced: "Outsourced", saas: "SaaS", cloud: "Cloud", hybrid: "Hybrid" };

export const LIFECYCLE_STAGES = ["strategy", "design", "build", "transition", "operation", "retired"] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
export const LIFECYCLE_LABELS: Record<LifecycleStage, string> = {
  strategy: "Strategy",
  design: "Design",
  build: "Build",
  transition: "Transition",
  operation: "Operation",
  retired: "Retired",
};

export const CRITICALITY_TIERS = ["tier1", "tier2", "tier3", "tier4"] as const;
export type CriticalityTier = (typeof CRITICALITY_TIERS)[number];
export const CRITICALITY_LABELS: Record<CriticalityTier, string> = {
  tier1: "Tier 1: the business stops without it",
  tier2: "Tier 2: the business is badly hurt",
  tier3: "Tier 3: the business copes for a while",
  tier4: "Tier 4: an inconvenience",
};

export const AGREEMENT_KINDS = ["ola", "contract"] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];
export const AGREEMENT_KIND_LABELS: Record<AgreementKind, string> = { ola: "Internal operational agreement", contract: "Supplier contract" };

export const PROVIDER_KINDS = ["internal", "external"] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export const MEASURE_KINDS = ["percent", "minutes", "hours", "count", "text"] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];
export const MEASURE_KIND_LABELS: Record<MeasureKind, string> = {
  percent: "A percentage",
  minutes: "Minutes",
  hours: "Hours",
  count: "A number",
  text: "In words",
};

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_LABELS: Record<Weekday, string> = { mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday", sun: "Sunday" };

/** What a good answer looks like, shown beside each part of the editor. */
export const DEFINITION_HELP = {
  purpose: "One or two sentences a business reader recognises: what the service lets the business do, not how IT runs it.",
  outcomes: "The business results the service makes possible (\"branches open accounts on Saturdays\"), not tasks or technology.",
  consumers: "Each business unit that relies on the service, and the person who speaks for it.",
  scope: "What is in, and just as plainly what is not, so nobody assumes.",
  hours: "When the service is there to be used and supported, in which time zone, and which holidays it observes.",
  criticalPeriods: "Times when the business depends on it most (month-end close, peak season, Saturday opening), each with when it falls.",
  serviceLevels: "A measure the business feels (\"accounts opened within 20 minutes\"), its target and how it is measured; one set for normal time and one per critical period where they differ.",
  support: "How to get help, and who is called next when it does not come in time.",
  providerOwns: "The costs and risks the provider carries so the consumer does not.",
} as const;

const text = (max: number, message = `At most ${max.toLocaleString("en-GB")} characters`) => z.string().trim().max(max, message);
const clauseId = z.string().regex(/^[a-z0-9-]{1,40}$/, "A clause id is lower-case letters, digits and dashes");
const needIds = z.array(z.uuid("Unknown need")).max(50, "At most 50 needs per clause").default([]);
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "A time like 08:30");

export const outcomeSchema = z.object({ id: clauseId, text: text(500).min(1, "Say what the outcome is"), needIds });
export const scopeItemSchema = z.object({ id: clauseId, text: text(300).min(1, "Say what is in or out of scope"), needIds });
export const criticalPeriodSchema = z.object({
  id: clauseId,
  name: text(80).min(1, "Name the critical period"),
  when: text(200).min(1, "Say when it falls (e.g. the last two working days of each month)"),
  needIds,
});
export const consumerSchema = z.object({ unitId: z.uuid("Choose a business unit"), spokesperson: text(120).default(""), note: text(300).default("") });
export const coverageSchema = z
  .object({ day: z.enum(WEEKDAYS), from: time, to: time })
  .refine((c) => c.from < c.to, { message: "A day's hours end after they start", path: ["to"] });
export const serviceLevelSchema = z.object({
  id: clauseId,
  /** Null for normal time; else the id of one of the definition's critical periods. */
  period: clauseId.nullable().default(null),
  measure: text(200).min(1, "Name the measure"),
  kind: z.enum(MEASURE_KINDS),
  target: text(100).min(1, "Give the target"),
  howMeasured: text(300).min(1, "Say how it is measured"),
  needIds,
});

/** A target in the measure's own terms: a number where the measure needs one. */
export function targetProblem(kind: MeasureKind, target: string): string | null {
  if (kind === "text") return null;
  const n = Number(target.replace(/%$/, "").trim());
  if (target.trim() === "" || !Number.isFinite(n)) return kind === "percent" ? "Give the target as a percentage, like 99.5" : "Give the target as a number";
  if (n < 0) return "A target cannot be negative";
  if (kind === "percent" && n > 100) return "A percentage is at most 100";
  return null;
}

export const definitionSchema = z
  .object({
    purpose: text(1000).default(""),
    outcomes: z.array(outcomeSchema).max(30, "At most 30 outcomes").default([]),
    consumers: z.array(consumerSchema).max(30, "At most 30 consumers").default([]),
    scopeIn: z.array(scopeItemSchema).max(40, "At most 40 items in scope").default([]),
    scopeOut: z.array(scopeItemSchema).max(40, "At most 40 items out of scope").default([]),
    hours: z
      .object({
        summary: text(300).default(""),
        timeZone: text(60).default("Europe/London"),
        coverage: z.array(coverageSchema).max(14).default([]),
        holidays: text(300).default(""),
      })
      .default({ summary: "", timeZone: "Europe/London", coverage: [], holidays: "" }),
    criticalPeriods: z.array(criticalPeriodSchema).max(20, "At most 20 critical periods").default([]),
    serviceLevels: z.array(serviceLevelSchema).max(60, "At most 60 service levels").default([]),
    support: text(2000).default(""),
    escalation: text(2000).default(""),
    providerCosts: text(2000).default(""),
    providerRisks: text(2000).default(""),
    /** Needs the service answers beyond those named on a clause. */
    needIds,
  })
  .superRefine((d, ctx) => {
    const ids = new Set<string>();
    const clauses: [string, { id: string }[]][] = [
      ["outcomes", d.outcomes],
      ["scopeIn", d.scopeIn],
      ["scopeOut", d.scopeOut],
      ["criticalPeriods", d.criticalPeriods],
      ["serviceLevels", d.serviceLevels],
    ];
    for (const [field, list] of clauses) {
      list.forEach((c, i) => {
        if (ids.has(c.id)) ctx.addIssue({ code: "custom", message: "Two clauses share an id", path: [field, i, "id"] });
        ids.add(c.id);
      });
    }
    const periods = new Set(d.criticalPeriods.map((p) => p.id));
    d.serviceLevels.forEach((l, i) => {
      if (l.period !== null && !periods.has(l.period)) {
        ctx.addIssue({ code: "custom", message: "That critical period is not named in this definition: add it first", path: ["serviceLevels", i, "period"] });
      }
      const problem = targetProblem(l.kind, l.target);
      if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["serviceLevels", i, "target"] });
    });
    const units = new Set<string>();
    d.consumers.forEach((c, i) => {
      if (units.has(c.unitId)) ctx.addIssue({ code: "custom", message: "That unit is already a consumer", path: ["consumers", i, "unitId"] });
      units.add(c.unitId);
    });
  });
export type Definition = z.output<typeof definitionSchema>;
export const EMPTY_DEFINITION: Definition = definitionSchema.parse({});

/** Every clause that names needs, with where it sits: for the links both ways and for coverage. */
export function clauseNeedLinks(d: Definition): { clauseId: string; kind: "outcome" | "scope" | "period" | "level" | "service"; needId: string }[] {
  const out: { clauseId: string; kind: "outcome" | "scope" | "period" | "level" | "service"; needId: string }[] = [];
  for (const c of d.outcomes) for (const n of c.needIds) out.push({ clauseId: c.id, kind: "outcome", needId: n });
  for (const c of d.scopeIn) for (const n of c.needIds) out.push({ clauseId: c.id, kind: "scope", needId: n });
  for (const c of d.criticalPeriods) for (const n of c.needIds) out.push({ clauseId: c.id, kind: "period", needId: n });
  for (const c of d.serviceLevels) for (const n of c.needIds) out.push({ clauseId: c.id, kind: "level", needId: n });
  for (const n of d.needIds) out.push({ clauseId: "service", kind: "service", needId: n });
  return out;
}

/** Parts of a definition a reviewer can comment on that are not clauses with ids of their own. */
export const SECTION_KEYS = ["purpose", "consumers", "hours", "support", "escalation", "provider-costs", "provider-risks"] as const;

/** Every id a comment may point at: each clause's own id, and the sections without clauses. */
export function clauseIdsOf(d: Definition): Set<string> {
  return new Set<string>([...SECTION_KEYS, ...[...d.outcomes, ...d.scopeIn, ...d.scopeOut, ...d.criticalPeriods, ...d.serviceLevels].map((c) => c.id)]);
}

/** The needs a definition answers: on any clause, or named for the whole service. */
export function needsAnswered(d: Definition): string[] {
  return [...new Set(clauseNeedLinks(d).map((l) => l.needId))];
}

/* ---------- versions and their differences ---------- */

/** The service's own facts as a version records them (names, not ids, so a version reads on its own). */
export interface ServiceFacts {
  name: string;
  kind: ServiceKind;
  provider: string | null;
  deliveryModel: DeliveryModel | null;
  owner: { name: string; title: string; contact: string };
  agreement: { kind: AgreementKind; reference: string; start: string | null; end: string | null; renewalNotice: string | null } | null;
  lifecycle: LifecycleStage;
  criticality: CriticalityTier;
  reviewEveryMonths: number | null;
  /** Frozen by versions made before reviews moved it on their own; a date that moves with each review, not a term of the agreement. */
  nextReview?: string | null;
  supporting: string[];
}

/** What a version freezes: the service's facts, its definition, and the names of the units and needs it mentions then. */
export interface VersionContent {
  service: ServiceFacts;
  definition: Definition;
  names?: { units: Record<string, string>; needs: Record<string, string> };
}

/** How ids read in words: units and needs ("N-12 …"). */
export interface Names {
  unit: (id: string) => string;
  need: (id: string) => string;
}

export interface Line {
  /** Stable across versions: a field, or a clause by its id. */
  key: string;
  section: string;
  text: string;
}

const listOf = (ids: readonly string[], name: (id: string) => string) => (ids.length ? ids.map(name).join("; ") : "");

/** A version (or the draft) as lines a business reader can compare. */
export function readableLines(content: VersionContent, names: Names): Line[] {
  const s = content.service;
  const d = content.definition;
  const lines: Line[] = [];
  const add = (key: string, section: string, text: string) => {
    if (text.trim()) lines.push({ key, section, text });
  };
  add("name", "Service", s.name);
  add("kind", "Service", SERVICE_KIND_LABELS[s.kind]);
  add("provider", "Provider", [s.provider, s.deliveryModel ? DELIVERY_MODEL_LABELS[s.deliveryModel] : null].filter(Boolean).join(", "));
  add("owner", "Accountable owner", [s.owner.name, s.owner.title, s.owner.contact].filter(Boolean).join(", "));
  if (s.agreement) {
    const a = s.agreement;
    add("agreement", "Agreement", [AGREEMENT_KIND_LABELS[a.kind], a.reference, a.start ? `from ${a.start}` : null, a.end ? `to ${a.end}` : null, a.renewalNotice ? `renewal notice by ${a.renewalNotice}` : null].filter(Boolean).join(", "));
  }
  add("lifecycle", "Lifecycle stage", LIFECYCLE_LABELS[s.lifecycle]);
  add("criticality", "Criticality", CRITICALITY_LABELS[s.criticality]);
  // The cadence is a term of the agreement; the next date moves with each review recorded.
  add("review", "Review", s.reviewEveryMonths ? `every ${s.reviewEveryMonths} months` : "");
  add("supporting", "Supporting services", s.supporting.join("; "));
  add("purpose", "Purpose", d.purpose);
  for (const o of d.outcomes) add(`outcome:${o.id}`, "Outcomes", `${o.text}${o.needIds.length ? ` (answers ${listOf(o.needIds, names.need)})` : ""}`);
  for (const c of d.consumers) add(`consumer:${c.unitId}`, "Consumers", [names.unit(c.unitId), c.spokesperson ? `spoken for by ${c.spokesperson}` : null, c.note || null].filter(Boolean).join(", "));
  for (const c of d.scopeIn) add(`in:${c.id}`, "In scope", c.text);
  for (const c of d.scopeOut) add(`out:${c.id}`, "Not in scope", c.text);
  add("hours", "Hours of service", [d.hours.summary, d.hours.coverage.map((c) => `${WEEKDAY_LABELS[c.day]} ${c.from}–${c.to}`).join(", "), d.hours.timeZone, d.hours.holidays].filter(Boolean).join("; "));
  const periodName = new Map(d.criticalPeriods.map((p) => [p.id, p.name]));
  for (const p of d.criticalPeriods) add(`period:${p.id}`, "Critical business periods", `${p.name}: ${p.when}`);
  for (const l of d.serviceLevels) {
    add(`level:${l.id}`, "Service levels", `${l.period ? `During ${periodName.get(l.period) ?? "a critical period"}` : "Normal time"}: ${l.measure}, target ${l.target}${l.kind === "percent" && !l.target.endsWith("%") ? "%" : l.kind === "minutes" ? " minutes" : l.kind === "hours" ? " hours" : ""}; measured by ${l.howMeasured}`);
  }
  add("support", "Support", d.support);
  add("escalation", "Escalation", d.escalation);
  add("costs", "Costs the provider carries", d.providerCosts);
  add("risks", "Risks the provider carries", d.providerRisks);
  // One line per need, so adding or dropping one reads as just that.
  for (const id of needsAnswered(d)) add(`need:${id}`, "Needs answered", names.need(id));
  return lines;
}

export interface Change {
  key: string;
  section: string;
  change: "added" | "removed" | "changed";
  before: string | null;
  after: string | null;
}

/** The sections in the order readableLines writes them. */
const SECTION_ORDER = [
  "Service",
  "Provider",
  "Accountable owner",
  "Agreement",
  "Lifecycle stage",
  "Criticality",
  "Review",
  "Supporting services",
  "Purpose",
  "Outcomes",
  "Consumers",
  "In scope",
  "Not in scope",
  "Hours of service",
  "Critical business periods",
  "Service levels",
  "Support",
  "Escalation",
  "Costs the provider carries",
  "Risks the provider carries",
  "Needs answered",
];

/**
 * Field by field, clause by clause: what changed from one version to another,
 * section by section in the later one's order, each removal where it stood
 * (after the line before it in the earlier version, if that line is still there).
 */
export function diffLines(before: readonly Line[], after: readonly Line[]): Change[] {
  const was = new Map(before.map((l) => [l.key, l]));
  const now = new Map(after.map((l, i) => [l.key, i]));
  const placed: { section: number; at: number; change: Change }[] = [];
  const sectionOf = (name: string) => (SECTION_ORDER.indexOf(name) + 1 || SECTION_ORDER.length + 1);
  after.forEach((l, i) => {
    const old = was.get(l.key);
    if (!old) placed.push({ section: sectionOf(l.section), at: i, change: { key: l.key, section: l.section, change: "added", before: null, after: l.text } });
    else if (old.text !== l.text) placed.push({ section: sectionOf(l.section), at: i, change: { key: l.key, section: l.section, change: "changed", before: old.text, after: l.text } });
  });
  let anchor = -1;
  let anchorSection = "";
  before.forEach((l, j) => {
    const kept = now.get(l.key);
    if (kept !== undefined) {
      anchor = kept;
      anchorSection = l.section;
      return;
    }
    // After the last line still there in this section; first in the section if none is.
    const at = anchorSection === l.section ? anchor + 0.5 : -1;
    placed.push({ section: sectionOf(l.section), at: at + j / (before.length + 1) / 2, change: { key: l.key, section: l.section, change: "removed", before: l.text, after: null } });
  });
  return placed.sort((a, b) => a.section - b.section || a.at - b.at).map((p) => p.change);
}
