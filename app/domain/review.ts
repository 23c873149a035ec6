/**
 * Reviews and measures: is an agreed service still doing what the business needs? Pure: shared by
 * the forms (browser), the models (server) and the tests.
 */
import { z } from "zod";
import type { Definition, MeasureKind } from "./definition";

export const EFFECTIVENESS = ["effective", "partially_effective", "ineffective"] as const;
export type Effectiveness = (typeof EFFECTIVENESS)[number];
export const EFFECTIVENESS_LABELS: Record<Effectiveness, string> = {
  effective: "Effective",
  partially_effective: "Partially effective",
  ineffective: "Ineffective",
};
export const EFFECTIVENESS_HELP: Record<Effectiveness, string> = {
  effective: "The service does what the business needs of it, at the levels agreed.",
  partially_effective: "It works, but the business works around gaps or misses some levels that matter.",
  ineffective: "The business no longer gets what it needs from it: the definition needs a new conversation.",
};
export const EFFECTIVENESS_TONES: Record<Effectiveness, "success" | "warning" | "danger"> = {
  effective: "success",
  partially_effective: "warning",
  ineffective: "danger",
};

export const CHANGE_EVENT_KINDS = ["reorganisation", "new_process", "supplier_change", "regulation", "technology_change"] as const;
export type ChangeEventKind = (typeof CHANGE_EVENT_KINDS)[number];
export const CHANGE_EVENT_LABELS: Record<ChangeEventKind, string> = {
  reorganisation: "Reorganisation",
  new_process: "New process",
  supplier_change: "Supplier change",
  regulation: "Regulation",
  technology_change: "Technology change",
};

export const ACTION_STATUSES = ["open", "done", "dropped"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = { open: "Open", done: "Done", dropped: "Dropped" };

/* ---------- periods ---------- */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2026-03" (or "2026-03-01") → "2026-03-01", the first day of the month measured; null when it is not a month. */
export function monthStart(text: string): string | null {
  const t = text.trim();
  const m = MONTH.exec(t) ?? /^(\d{4})-(0[1-9]|1[0-2])-01$/.exec(t);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  return `${m[1]}-${m[2]}-01`;
}

/** "2026-03-01" → "March 2026". */
export function monthLabel(period: string): string {
  const [y, m] = period.split("-");
  return `${MONTH_NAMES[Number(m) - 1] ?? m} ${y}`;
}

/** "2026-03-01" → "Mar 26", for narrow columns. */
export function monthShort(period: string): string {
  const [y, m] = period.split("-");
  return `${(MONTH_NAMES[Number(m) - 1] ?? "").slice(0, 3)} ${y?.slice(2)}`;
}

/** The `count` months ending with the one `last` falls in, oldest first, as first days. */
export function monthsEnding(last: string, count: number): string[] {
  const [y, m] = last.split("-").map(Number) as [number, number];
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i -= 1) {
    const index = y * 12 + (m - 1) - i;
    out.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}-01`);
  }
  return out;
}

/** A date "YYYY-MM-DD" plus whole months (the day clamped to the month's last). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/* ---------- attainment ---------- */

/**
 * Which way a level's value should go, from its kind: a percentage (availability, share done in
 * time) is met at or above its target; minutes, hours and counts (time to answer, failures) at or
 * below it; a level stated in words is met or not, as recorded.
 */
export type Direction = "at_least" | "at_most" | "met_or_not";
export function directionOf(kind: MeasureKind): Direction {
  if (kind === "percent") return "at_least";
  if (kind === "text") return "met_or_not";
  return "at_most";
}
export const DIRECTION_WORDS: Record<Direction, string> = { at_least: "at least", at_most: "at most", met_or_not: "" };

export function targetNumber(target: string): number | null {
  const n = Number(target.replace(/%$/, "").trim());
  return target.trim() !== "" && Number.isFinite(n) ? n : null;
}

/** Whether a value meets its target; null when the target is not a number for a numeric kind. */
export function meets(kind: MeasureKind, target: string, value: number): boolean | null {
  const t = targetNumber(target);
  if (t === null) return null;
  return directionOf(kind) === "at_least" ? value >= t : value <= t;
}

/** A value as people write it: "99.2%", "14 minutes". */
export function formatValue(kind: MeasureKind, value: number | null, met: boolean): string {
  if (kind === "text" || value === null) return met ? "Met" : "Missed";
  const n = Number.isInteger(value) ? String(value) : value.toLocaleString("en-GB", { maximumFractionDigits: 2 });
  if (kind === "percent") return `${n}%`;
  if (kind === "minutes") return `${n} min`;
  if (kind === "hours") return `${n} h`;
  return n;
}

/** "at least 99.5%", "at most 15 minutes", or the words of a text target. */
export function targetWords(kind: MeasureKind, target: string): string {
  const d = directionOf(kind);
  if (d === "met_or_not") return target;
  const n = target.replace(/%$/, "").trim();
  const one = Number(n) === 1;
  const unit = kind === "percent" ? "%" : kind === "minutes" ? (one ? " minute" : " minutes") : kind === "hours" ? (one ? " hour" : " hours") : "";
  return `${DIRECTION_WORDS[d]} ${n}${unit}`;
}

/**
 * A value as typed for a level of this kind: a number ("99.2", "99.2%", "14") for numeric kinds,
 * met / not met (yes / no) for levels stated in words. Returns the problem in words when it is not.
 */
export function parseMeasuredValue(kind: MeasureKind, raw: string): { value: number | null; met: boolean | null } | { problem: string } {
  const text = raw.trim();
  if (text === "") return { problem: "Give a value" };
  if (kind === "text") {
    const t = text.toLowerCase();
    if (["met", "yes", "y", "true", "1"].includes(t)) return { value: null, met: true };
    if (["missed", "not met", "no", "n", "false", "0"].includes(t)) return { value: null, met: false };
    return { problem: "This level is stated in words: say met or missed" };
  }
  // Digits with an optional decimal point; commas only between groups of three ("1,234"), so a
  // decimal comma ("12,5") is refused rather than read as 125.
  const number = /^(-?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)$/.exec(text.replace(/%$/, "").trim());
  if (!number) return { problem: kind === "percent" ? "Give a percentage, like 99.2" : "Give a number" };
  const n = Number(number[2]!.replace(/,/g, ""));
  if (number[1] && n !== 0) return { problem: "A measured value cannot be negative" };
  if (kind === "percent" && n > 100) return { problem: "A percentage is at most 100" };
  if (Math.abs(n) > 1e9) return { problem: "That number is too large" };
  return { value: n, met: null };
}

/** A service level as measures see it: the definition's own words, grouped by when it applies. */
export interface MeasuredLevel {
  id: string;
  measure: string;
  kind: MeasureKind;
  target: string;
  /** Null for normal time; else the critical period's id. */
  periodId: string | null;
  periodName: string | null;
}

/** Normal time's levels first, then each critical period's in the definition's order of periods. */
export function measuredLevels(d: Definition): MeasuredLevel[] {
  const periods = new Map(d.criticalPeriods.map((p) => [p.id, p.name]));
  const order = new Map(d.criticalPeriods.map((p, i) => [p.id, i]));
  const rank = (period: string | null) => (period === null ? -1 : order.get(period) ?? d.criticalPeriods.length);
  return [...d.serviceLevels].sort((a, b) => rank(a.period) - rank(b.period)).map((l) => ({ id: l.id, measure: l.measure, kind: l.kind, target: l.target, periodId: l.period, periodName: l.period ? periods.get(l.period) ?? l.period : null }));
}

export interface Measurement {
  levelId: string;
  period: string;
  kind: MeasureKind;
  target: string;
  value: number | null;
  met: boolean;
}

export interface AttainmentGroup {
  /** Null for normal time. */
  periodId: string | null;
  label: string;
  levels: { level: MeasuredLevel; cells: (Measurement | null)[]; met: number; measured: number }[];
  /** Per month, the share of this group's measured levels that met their targets (null: nothing measured). */
  share: (number | null)[];
}

/**
 * Attainment per month for each level, normal time first, then each critical period in the
 * definition's order: a cell per month (null when nothing was recorded), and per group the share
 * of measured levels that met their targets each month.
 */
export function attainment(levels: MeasuredLevel[], measurements: Measurement[], months: string[]): AttainmentGroup[] {
  const byKey = new Map(measurements.map((m) => [`${m.levelId}|${m.period}`, m]));
  const groups: AttainmentGroup[] = [];
  const order: (string | null)[] = [null, ...new Set(levels.filter((l) => l.periodId !== null).map((l) => l.periodId))];
  for (const periodId of order) {
    const inGroup = levels.filter((l) => l.periodId === periodId);
    if (!inGroup.length) continue;
    const rows = inGroup.map((level) => {
      const cells = months.map((month) => byKey.get(`${level.id}|${month}`) ?? null);
      const measured = cells.filter((c): c is Measurement => c !== null);
      return { level, cells, met: measured.filter((c) => c.met).length, measured: measured.length };
    });
    const share = months.map((_, i) => {
      const cells = rows.map((r) => r.cells[i]).filter((c): c is Measurement => c !== null && c !== undefined);
      return cells.length ? cells.filter((c) => c.met).length / cells.length : null;
    });
    groups.push({ periodId, label: periodId === null ? "Normal time" : inGroup[0]!.periodName ?? periodId, levels: rows, share });
  }
  return groups;
}

/** Share met over a set of measurements, null when none. */
export function shareMet(measurements: readonly { met: boolean }[]): number | null {
  return measurements.length ? measurements.filter((m) => m.met).length / measurements.length : null;
}

export function formatShare(share: number | null): string {
  return share === null ? "—" : `${Math.round(share * 100)}%`;
}

/**
 * What the measures showed over some months, in a sentence per group, for a review's starting text:
 * "Normal time: 52 of 60 measurements met their targets (87%). Saturday opening: …; missed most: …".
 */
export function measuresSummary(groups: AttainmentGroup[], months: string[]): string {
  if (!months.length) return "";
  const lines: string[] = [];
  for (const g of groups) {
    const measured = g.levels.reduce((n, l) => n + l.measured, 0);
    if (!measured) continue;
    const met = g.levels.reduce((n, l) => n + l.met, 0);
    const worst = g.levels.filter((l) => l.measured > l.met).sort((a, b) => b.measured - b.met - (a.measured - a.met))[0];
    lines.push(
      `${g.label}: ${met} of ${measured} measurements met their targets (${Math.round((met / measured) * 100)}%)` +
        (worst ? `; missed most: ${worst.level.measure} (${worst.measured - worst.met} of ${worst.measured} months).` : "."),
    );
  }
  if (!lines.length) return "";
  return `${monthLabel(months[0]!)} to ${monthLabel(months[months.length - 1]!)}. ${lines.join(" ")}`;
}

/* ---------- forms ---------- */

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "A date like 2026-03-31").refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "That date does not exist");

/** Values typed for one month on the measures page: `value_<levelId>`, blank for levels not measured. */
export const recordMeasuresSchema = z.object({
  period: z.string().trim().min(1, "Choose the month measured").refine((p) => monthStart(p) !== null, "A month like 2026-03"),
  values: z.record(z.string().regex(/^[a-z0-9-]{1,40}$/), z.string().max(40, "At most 40 characters")).default({}),
});
export type RecordMeasuresInput = z.output<typeof recordMeasuresSchema>;

export const MAX_ROWS_PER_IMPORT = 5000;
export const MAX_IMPORT_BYTES = 1_000_000;

export const MAX_CHANGE_EVENTS = 12;
export const MAX_ACTIONS = 12;
/** Blank rows a review form offers for change events and actions. */
export const BLANK_ROWS = 3;

const changeEventRow = z.object({
  kind: z.union([z.enum(CHANGE_EVENT_KINDS), z.literal("")]).default(""),
  occurredOn: z.string().trim().default(""),
  description: z.string().trim().max(1000, "At most 1,000 characters").default(""),
});
const actionRow = z.object({
  text: z.string().trim().max(500, "At most 500 characters").default(""),
  owner: z.string().trim().max(120, "At most 120 characters").default(""),
  dueOn: z.string().trim().default(""),
});

const isBlankEvent = (e: z.output<typeof changeEventRow>) => !e.kind && !e.occurredOn && !e.description;
const isBlankAction = (a: z.output<typeof actionRow>) => !a.text && !a.owner && !a.dueOn;

/**
 * The rows are checked even when another field is wrong (effectiveness not chosen), so every
 * problem shows at once; only rows that are not objects at all stop them being read.
 */
function rowsReadable({ value }: { value: unknown }): boolean {
  const rows = (v: unknown) => Array.isArray(v) && v.every((row) => row !== null && typeof row === "object");
  const r = value as { events?: unknown; actions?: unknown } | null;
  return r !== null && typeof r === "object" && rows(r.events) && rows(r.actions);
}

/**
 * A review. Rows left wholly blank are ignored; a row begun must be finished (what, when, and for
 * a change event its kind), so nothing typed is dropped without a word.
 */
export const reviewFormSchema = z
  .object({
    reviewedOn: day,
    effectiveness: z.enum(EFFECTIVENESS, "Say how effective the service is"),
    measuresSummary: z.string().trim().max(4000, "At most 4,000 characters").default(""),
    notes: z.string().trim().max(4000, "At most 4,000 characters").default(""),
    events: z.array(changeEventRow).max(MAX_CHANGE_EVENTS + BLANK_ROWS, `At most ${MAX_CHANGE_EVENTS} change events`).default([]),
    actions: z.array(actionRow).max(MAX_ACTIONS + BLANK_ROWS, `At most ${MAX_ACTIONS} actions`).default([]),
  })
  .superRefine((r, ctx) => {
    r.events.forEach((e, i) => {
      if (isBlankEvent(e)) return;
      if (!e.kind) ctx.addIssue({ code: "custom", message: "Say what kind of change it was", path: ["events", i, "kind"] });
      if (!day.safeParse(e.occurredOn).success) ctx.addIssue({ code: "custom", message: "When did it happen? A date like 2026-03-31", path: ["events", i, "occurredOn"] });
      else if (day.safeParse(r.reviewedOn).success && e.occurredOn > r.reviewedOn) ctx.addIssue({ code: "custom", message: "A change event happens before the review that records it", path: ["events", i, "occurredOn"] });
      if (!e.description) ctx.addIssue({ code: "custom", message: "Say what changed", path: ["events", i, "description"] });
    });
    r.actions.forEach((a, i) => {
      if (isBlankAction(a)) return;
      if (!a.text) ctx.addIssue({ code: "custom", message: "Say what is to be done", path: ["actions", i, "text"] });
      if (!a.owner) ctx.addIssue({ code: "custom", message: "Name who owns it", path: ["actions", i, "owner"] });
      if (!day.safeParse(a.dueOn).success) ctx.addIssue({ code: "custom", message: "When is it due? A date like 2026-06-30", path: ["actions", i, "dueOn"] });
    });
    if (r.events.filter((e) => !isBlankEvent(e)).length > MAX_CHANGE_EVENTS) ctx.addIssue({ code: "custom", message: `At most ${MAX_CHANGE_EVENTS} change events`, path: ["events"] });
    if (r.actions.filter((a) => !isBlankAction(a)).length > MAX_ACTIONS) ctx.addIssue({ code: "custom", message: `At most ${MAX_ACTIONS} actions`, path: ["actions"] });
  }, { when: rowsReadable })
  .transform((r) => ({
    ...r,
    events: r.events.filter((e) => !isBlankEvent(e)) as { kind: ChangeEventKind; occurredOn: string; description: string }[],
    actions: r.actions.filter((a) => !isBlankAction(a)),
  }));
export type ReviewFormInput = z.input<typeof reviewFormSchema>;
export type ReviewInput = z.output<typeof reviewFormSchema>;

export const actionStatusSchema = z.object({ actionId: z.uuid("Unknown action"), status: z.enum(ACTION_STATUSES, "Choose open, done or dropped") });

