/**
 * The definition editor is one plain form (it works without JavaScript): each
 * list is numbered rows (`o.0.text`, `o.0.needs`…) with two blank rows to add
 * more. These turn it into a Definition and back, and put every problem on the
 * field it belongs to. Needs are named by number ("N-3, N-12").
 */
import { z } from "zod";
import { definitionSchema, MEASURE_KINDS, WEEKDAYS, type Definition, type MeasureKind } from "./definition";
import { needRef, parseNeedRef } from "./need";

export type FormValues = Record<string, string>;

/** What the editor needs to know of the needs it names, by number. */
export type NeedLookup = { get(number: number): { id: string; mergedIntoNumber: number | null } | undefined };

/** In the browser the needs' numbers cannot be checked: any number passes, and the server checks them again. */
const ANY_NEED: NeedLookup = { get: (n) => ({ id: `00000000-0000-4000-8000-${String(n).padStart(12, "0").slice(-12)}`, mergedIntoNumber: null }) };

/** The editor's form: every rule but whether the needs named exist, which the server adds. */
export const definitionFormSchema = z.record(z.string(), z.unknown()).superRefine((raw, ctx) => {
  const form: FormValues = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === "string" ? v : v === null || v === undefined ? "" : String(v)]));
  const result = definitionFromForm(form, ANY_NEED);
  if (!result.ok) for (const [name, message] of Object.entries(result.errors)) ctx.addIssue({ code: "custom", message, path: [name] });
});

/** The blank rows offered at the end of each list. */
export const SPARE_ROWS = 2;

type ListKey = "o" | "in" | "out" | "p" | "l" | "c";

/** Need numbers named anywhere in the form, for the server to look up in one query. */
export function needNumbersIn(form: FormValues): number[] {
  const out = new Set<number>();
  for (const [k, v] of Object.entries(form)) {
    if (!/(^|_)needs$/.test(k)) continue;
    for (const part of v.split(/[,;\s]+/)) {
      const n = parseNeedRef(part);
      if (n !== null) out.add(n);
    }
  }
  return [...out];
}

/** A definition as the form's fields. */
export function definitionToForm(d: Definition, numberOf: (needId: string) => number | null): FormValues {
  const f: FormValues = {};
  const needs = (ids: readonly string[]) =>
    ids
      .map(numberOf)
      .filter((n): n is number => n !== null)
      .map(needRef)
      .join(", ");
  f.purpose = d.purpose;
  d.outcomes.forEach((o, i) => Object.assign(f, { [`o_${i}_id`]: o.id, [`o_${i}_text`]: o.text, [`o_${i}_needs`]: needs(o.needIds) }));
  d.consumers.forEach((c, i) => Object.assign(f, { [`c_${i}_unit`]: c.unitId, [`c_${i}_speaker`]: c.spokesperson, [`c_${i}_note`]: c.note }));
  d.scopeIn.forEach((o, i) => Object.assign(f, { [`in_${i}_id`]: o.id, [`in_${i}_text`]: o.text, [`in_${i}_needs`]: needs(o.needIds) }));
  d.scopeOut.forEach((o, i) => Object.assign(f, { [`out_${i}_id`]: o.id, [`out_${i}_text`]: o.text }));
  d.criticalPeriods.forEach((p, i) => Object.assign(f, { [`p_${i}_id`]: p.id, [`p_${i}_name`]: p.name, [`p_${i}_when`]: p.when, [`p_${i}_needs`]: needs(p.needIds) }));
  d.serviceLevels.forEach((l, i) =>
    Object.assign(f, {
      [`l_${i}_id`]: l.id,
      [`l_${i}_period`]: l.period ?? "",
      [`l_${i}_measure`]: l.measure,
      [`l_${i}_kind`]: l.kind,
      [`l_${i}_target`]: l.target,
      [`l_${i}_how`]: l.howMeasured,
      [`l_${i}_needs`]: needs(l.needIds),
    }),
  );
  f.hoursSummary = d.hours.summary;
  f.timeZone = d.hours.timeZone;
  f.holidays = d.hours.holidays;
  for (const c of d.hours.coverage) Object.assign(f, { [`cov_${c.day}_from`]: c.from, [`cov_${c.day}_to`]: c.to });
  f.support = d.support;
  f.escalation = d.escalation;
  f.providerCosts = d.providerCosts;
  f.providerRisks = d.providerRisks;
  f.needs = needs(d.needIds);
  return f;
}

/** How many rows a list has in the form (the highest index used, plus one). */
export function rowsIn(form: FormValues, list: ListKey): number {
  let n = 0;
  for (const k of Object.keys(form)) {
    const m = new RegExp(`^${list}_(\\d{1,3})_`).exec(k);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  return n;
}

export type FormResult = { ok: true; definition: Definition } | { ok: false; errors: Record<string, string> };

/** The form's fields as a Definition: blank rows left out, new rows given ids, needs named by number resolved. */
export function definitionFromForm(form: FormValues, lookup: NeedLookup): FormResult {
  const errors: Record<string, string> = {};
  const v = (k: string) => (form[k] ?? "").trim();
  const taken = new Set(Object.entries(form).filter(([k, x]) => /_id$/.test(k) && x).map(([, x]) => x));
  const newId = (prefix: string) => {
    let i = 1;
    while (taken.has(`${prefix}-${i}`)) i++;
    taken.add(`${prefix}-${i}`);
    return `${prefix}-${i}`;
  };
  const needIds = (field: string): string[] => {
    const ids: string[] = [];
    for (const part of v(field).split(/[,;\s]+/).filter(Boolean)) {
      const n = parseNeedRef(part);
      const found = n === null ? undefined : lookup.get(n);
      if (n === null || !found) {
        errors[field] ??= `There is no need “${part}”: name needs by number, like N-12`;
        continue;
      }
      if (found.mergedIntoNumber !== null) {
        errors[field] ??= `${needRef(n)} was merged into ${needRef(found.mergedIntoNumber)}: name ${needRef(found.mergedIntoNumber)} instead`;
        continue;
      }
      if (!ids.includes(found.id)) ids.push(found.id);
    }
    return ids;
  };
  /** Each kept row's index in the form, per list, to put schema problems back on their fields. */
  const rows: Record<string, number[]> = {};
  const collect = <T>(list: ListKey, schemaKey: string, filled: (i: number) => boolean, build: (i: number) => T): T[] => {
    const out: T[] = [];
    rows[schemaKey] = [];
    for (let i = 0; i < rowsIn(form, list); i++) {
      if (!filled(i)) continue;
      rows[schemaKey]!.push(i);
      out.push(build(i));
    }
    return out;
  };
  const raw = {
    purpose: v("purpose"),
    outcomes: collect("o", "outcomes", (i) => Boolean(v(`o_${i}_text`) || v(`o_${i}_needs`)), (i) => ({ id: v(`o_${i}_id`) || newId("outcome"), text: v(`o_${i}_text`), needIds: needIds(`o_${i}_needs`) })),
    consumers: collect("c", "consumers", (i) => Boolean(v(`c_${i}_unit`)), (i) => ({ unitId: v(`c_${i}_unit`), spokesperson: v(`c_${i}_speaker`), note: v(`c_${i}_note`) })),
    scopeIn: collect("in", "scopeIn", (i) => Boolean(v(`in_${i}_text`)), (i) => ({ id: v(`in_${i}_id`) || newId("in"), text: v(`in_${i}_text`), needIds: needIds(`in_${i}_needs`) })),
    scopeOut: collect("out", "scopeOut", (i) => Boolean(v(`out_${i}_text`)), (i) => ({ id: v(`out_${i}_id`) || newId("out"), text: v(`out_${i}_text`), needIds: [] })),
    criticalPeriods: collect(
      "p",
      "criticalPeriods",
      (i) => Boolean(v(`p_${i}_name`) || v(`p_${i}_when`)),
      (i) => ({ id: v(`p_${i}_id`) || newId("period"), name: v(`p_${i}_name`), when: v(`p_${i}_when`), needIds: needIds(`p_${i}_needs`) }),
    ),
    serviceLevels: collect(
      "l",
      "serviceLevels",
      (i) => Boolean(v(`l_${i}_measure`) || v(`l_${i}_target`)),
      (i) => ({
        id: v(`l_${i}_id`) || newId("level"),
        period: v(`l_${i}_period`) || null,
        measure: v(`l_${i}_measure`),
        kind: (MEASURE_KINDS as readonly string[]).includes(v(`l_${i}_kind`)) ? (v(`l_${i}_kind`) as MeasureKind) : "text",
        target: v(`l_${i}_target`),
        howMeasured: v(`l_${i}_how`),
        needIds: needIds(`l_${i}_needs`),
      }),
    ),
    hours: {
      summary: v("hoursSummary"),
      timeZone: v("timeZone") || "Europe/London",
      holidays: v("holidays"),
      coverage: WEEKDAYS.filter((d) => v(`cov_${d}_from`) || v(`cov_${d}_to`)).map((day) => ({ day, from: v(`cov_${day}_from`), to: v(`cov_${day}_to`) })),
    },
    support: v("support"),
    escalation: v("escalation"),
    providerCosts: v("providerCosts"),
    providerRisks: v("providerRisks"),
    needIds: needIds("needs"),
  };
  const parsed = definitionSchema.safeParse(raw);
  if (!parsed.success) {
    const LIST_PREFIX: Record<string, string> = { outcomes: "o", consumers: "c", scopeIn: "in", scopeOut: "out", criticalPeriods: "p", serviceLevels: "l" };
    const FIELD: Record<string, string> = { spokesperson: "speaker", unitId: "unit", howMeasured: "how", needIds: "needs" };
    for (const issue of parsed.error.issues) {
      const [list, index, field] = issue.path as [string, number | string | undefined, string | undefined];
      let name = String(list);
      if (LIST_PREFIX[list] !== undefined && typeof index === "number") name = `${LIST_PREFIX[list]}_${rows[list]![index]}_${FIELD[field ?? ""] ?? field ?? "text"}`;
      else if (list === "hours" && index === "coverage" && typeof issue.path[2] === "number") name = `cov_${raw.hours.coverage[issue.path[2]]!.day}_${String(issue.path[3] ?? "to")}`;
      else if (list === "hours") name = index === "summary" ? "hoursSummary" : String(index ?? "hoursSummary");
      errors[name] ??= issue.message;
    }
  }
  if (Object.keys(errors).length || !parsed.success) return { ok: false, errors };
  return { ok: true, definition: parsed.data };
}
