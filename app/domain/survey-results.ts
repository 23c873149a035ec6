/**
 * How a survey's answers add up, per question type, and when a group is too small to show for an
 * anonymous survey. Pure: the results page and its tests use the same rules.
 */
import type { CriticalPeriod } from "./guide";

/** An anonymous survey never shows the answers of fewer respondents than this (when a filter narrows them down). */
export const MIN_ANONYMOUS_GROUP = 3;

/** Whether answers from `respondents` people may be shown: always for a named survey; for an anonymous one, none or at least the minimum. */
export function mayShow({ anonymous, respondents }: { anonymous: boolean; respondents: number }): boolean {
  return !anonymous || respondents === 0 || respondents >= MIN_ANONYMOUS_GROUP;
}

export interface BordaRow {
  option: string;
  points: number;
  /** How many put it first. */
  firsts: number;
  /** Its place; options with equal points and firsts share one. */
  place: number;
}

/**
 * The Borda count: in each ranking of n options, the option in place i (from 0) scores n − 1 − i
 * points; an option a ranking leaves out scores nothing from it, and options no longer offered are
 * ignored. Highest total first; ties broken by who put it first more often, then the options' order.
 */
export function bordaCount(rankings: readonly (readonly string[])[], options: readonly string[]): BordaRow[] {
  const offered = new Set(options);
  const points = new Map(options.map((o) => [o, 0]));
  const firsts = new Map(options.map((o) => [o, 0]));
  const n = options.length;
  for (const ranking of rankings) {
    const kept = ranking.filter((o, i) => offered.has(o) && ranking.indexOf(o) === i);
    kept.forEach((o, i) => points.set(o, points.get(o)! + (n - 1 - i)));
    if (kept[0] !== undefined) firsts.set(kept[0], firsts.get(kept[0])! + 1);
  }
  const rows = options
    .map((option, order) => ({ option, points: points.get(option)!, firsts: firsts.get(option)!, order }))
    .sort((a, b) => b.points - a.points || b.firsts - a.firsts || a.order - b.order);
  return rows.map((r, i) => {
    const first = rows.findIndex((x) => x.points === r.points && x.firsts === r.firsts);
    return { option: r.option, points: r.points, firsts: r.firsts, place: (first === -1 ? i : first) + 1 };
  });
}

/** How many chose each option (a multiple choice counts each option chosen), in the options' order, with shares of the respondents. */
export function distribution(chosen: readonly (string | readonly string[])[], options: readonly string[]): { option: string; count: number; share: number }[] {
  const counts = new Map(options.map((o) => [o, 0]));
  for (const c of chosen) for (const o of new Set(typeof c === "string" ? [c] : c)) if (counts.has(o)) counts.set(o, counts.get(o)! + 1);
  return options.map((option) => ({ option, count: counts.get(option)!, share: chosen.length ? counts.get(option)! / chosen.length : 0 }));
}

/** Median and range of numbers; null when there are none. */
export function numberSummary(values: readonly number[]): { count: number; median: number; min: number; max: number } | null {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return null;
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { count: sorted.length, median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** Critical periods named across answers, grouped by name (whatever its case and spacing), most often named first. */
export function periodsByName(answers: readonly (readonly CriticalPeriod[])[]): { name: string; mentions: CriticalPeriod[] }[] {
  const groups = new Map<string, { name: string; mentions: CriticalPeriod[] }>();
  for (const periods of answers) {
    for (const p of periods) {
      const key = p.name.trim().replace(/\s+/g, " ").toLowerCase();
      if (!key) continue;
      const group = groups.get(key) ?? { name: p.name.trim().replace(/\s+/g, " "), mentions: [] };
      group.mentions.push(p);
      groups.set(key, group);
    }
  }
  return [...groups.values()].sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
}
