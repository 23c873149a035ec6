/**
 * How a survey's answers add up, per question type, and when a group is too small to show for an
 * anonymous survey. Pure: the results page and its tests use the same rules.
 */
import { questionNumbers, visibleQuestionIds } from "./answers";
import { formatLongDate } from "./format";
import { answerSchemaFor, IMPACT_LEVELS, isAnswered, type CriticalPeriod, type GuideContent, type Question } from "./guide";

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

/* ---------- a survey's results, question by question ---------- */

/** Whether a set of answers is shown: there are none, they are shown, or they are too few to show without identifying someone. */
export type Visibility = "none" | "shown" | "withheld";

export function visibility({ anonymous, respondents }: { anonymous: boolean; respondents: number }): Visibility {
  if (respondents === 0) return "none";
  return mayShow({ anonymous, respondents }) ? "shown" : "withheld";
}

/**
 * Whether a group of responses is shown. For an anonymous survey narrowed to a unit and level,
 * even "nobody" is withheld: whoever was asked is known, so "none" from a group of one would say
 * that person did not answer, as "one" would say they did; and a filter leaving out only one or two
 * of the responses (`rest`) is withheld too, since subtracting it from everyone's shows theirs.
 */
export function groupVisibility({ anonymous, respondents, filtered, rest = 0 }: { anonymous: boolean; respondents: number; filtered: boolean; rest?: number }): Visibility {
  if (anonymous && filtered && respondents < MIN_ANONYMOUS_GROUP) return "withheld";
  // Everyone's results less these would be the one or two left out: as good as showing them.
  if (anonymous && filtered && rest > 0 && rest < MIN_ANONYMOUS_GROUP) return "withheld";
  return visibility({ anonymous, respondents });
}

export const WITHHELD_GROUP_MESSAGE = `Fewer than ${MIN_ANONYMOUS_GROUP} people in this group answered: their answers are not shown, so nobody can be identified.`;
export const WITHHELD_QUESTION_MESSAGE = `Fewer than ${MIN_ANONYMOUS_GROUP} people answered this question: their answers are not shown, so nobody can be identified.`;

/** One sent response as the results read it: who sent it (no name for an anonymous survey) and its answers by question id. */
export interface SentResponse {
  name: string | null;
  unitName: string;
  answers: Record<string, unknown>;
}

/** Who gave an answer: named surveys only. */
export type Respondent = { name: string; unitName: string } | null;

export interface TextAnswer {
  text: string;
  who: Respondent;
}

export interface Bar {
  key: string;
  label: string;
  count: number;
  /** Of the people who answered the question. */
  share: number;
}

export interface PeriodGroup {
  name: string;
  /** How many respondents named it (one may name it twice). */
  people: number;
  mentions: { when: string; affects: string; impact: CriticalPeriod["impact"]; who: Respondent }[];
  /** How many mentions gave each impact, most severe first. */
  impacts: { impact: CriticalPeriod["impact"]; count: number }[];
}

export type QuestionSummary =
  | { kind: "bars"; bars: Bar[]; multiple: boolean; median: number | null; others: TextAnswer[] }
  | { kind: "ranking"; rows: (BordaRow & { label: string })[]; most: number }
  | { kind: "number"; median: number; min: number; max: number; values: number[]; unit: string }
  | { kind: "dates"; earliest: string; latest: string; months: Bar[] }
  | { kind: "periods"; groups: PeriodGroup[]; mentions: number }
  | { kind: "texts"; texts: TextAnswer[] };

export interface QuestionResult {
  id: string;
  number: number;
  prompt: string;
  type: Question["type"];
  /** How many of the responses answered it (among those shown the question); null when withheld, so not even how few is said. */
  answered: number | null;
  visibility: Visibility;
  /** Present only when the answers are shown. */
  summary: QuestionSummary | null;
}

export interface SurveyResults {
  /** Sent responses the figures rest on; null when withheld, so not even how few is said. */
  respondents: number | null;
  visibility: Visibility;
  /** Empty unless the group is shown. */
  sections: { id: string; title: string; questions: QuestionResult[] }[];
}

const SEVERITY = [...IMPACT_LEVELS].reverse();
const byText = (a: TextAnswer, b: TextAnswer) => a.text.localeCompare(b.text);
const byName = (a: TextAnswer, b: TextAnswer) => (a.who?.name ?? "").localeCompare(b.who?.name ?? "") || byText(a, b);

/** Free texts in an order that says nothing about who: alphabetical when anonymous (so no two questions' lists line up), else by name. */
function ordered(texts: TextAnswer[], anonymous: boolean): TextAnswer[] {
  return texts.sort(anonymous ? byText : byName);
}

const monthLabel = (month: string) => formatLongDate(`${month}-01`).replace(/^1 /, "");

/** The figures of one question from the answers given to it (each already checked against the question's type). */
export function summarise(question: Question, given: { value: unknown; who: Respondent }[], anonymous: boolean): QuestionSummary {
  const values = given.map((g) => g.value);
  const n = given.length;
  switch (question.type) {
    case "scale": {
      const { min, max, minLabel, maxLabel, pointLabels } = question.settings;
      const points = Array.from({ length: max - min + 1 }, (_, i) => String(min + i));
      const label = (p: number) => {
        const words = pointLabels?.[p - min] || (p === min ? minLabel : p === max ? maxLabel : "");
        return words ? `${p} – ${words}` : String(p);
      };
      const bars = distribution(values.map(String), points).map((d) => ({ key: d.option, label: label(Number(d.option)), count: d.count, share: d.share }));
      return { kind: "bars", bars, multiple: false, median: numberSummary(values as number[])?.median ?? null, others: [] };
    }
    case "single_choice":
    case "multi_choice": {
      const options = question.settings.options;
      const chosen = question.type === "single_choice" ? (values as string[]) : (values as { selected: string[] }[]).map((v) => v.selected);
      const bars: Bar[] = distribution(chosen, options.map((o) => o.value)).map((d, i) => ({ key: d.option, label: options[i]!.label, count: d.count, share: d.share }));
      const others: TextAnswer[] = [];
      if (question.type === "multi_choice") {
        for (const g of given) {
          const other = (g.value as { other?: string }).other?.trim();
          if (other) others.push({ text: other, who: g.who });
        }
        if (question.settings.allowOther) bars.push({ key: "__other", label: "Other", count: others.length, share: n ? others.length / n : 0 });
      }
      return { kind: "bars", bars, multiple: question.type === "multi_choice", median: null, others: ordered(others, anonymous) };
    }
    case "yes_no": {
      const bars = distribution(values.map((v) => (v ? "yes" : "no")), ["yes", "no"]).map((d) => ({ key: d.option, label: d.option === "yes" ? "Yes" : "No", count: d.count, share: d.share }));
      return { kind: "bars", bars, multiple: false, median: null, others: [] };
    }
    case "ranking": {
      const options = question.settings.options;
      const labels = new Map(options.map((o) => [o.value, o.label]));
      const rows = bordaCount(values as string[][], options.map((o) => o.value)).map((r) => ({ ...r, label: labels.get(r.option) ?? r.option }));
      return { kind: "ranking", rows, most: (options.length - 1) * n };
    }
    case "number": {
      const summary = numberSummary(values as number[])!;
      return { kind: "number", median: summary.median, min: summary.min, max: summary.max, values: (values as number[]).slice().sort((a, b) => a - b), unit: question.settings.unit };
    }
    case "date": {
      const days = (values as string[]).slice().sort();
      const months = [...new Set(days.map((d) => d.slice(0, 7)))];
      const counted = distribution(days.map((d) => d.slice(0, 7)), months).map((d) => ({ key: d.option, label: monthLabel(d.option), count: d.count, share: d.share }));
      return { kind: "dates", earliest: days[0]!, latest: days[days.length - 1]!, months: counted };
    }
    case "critical_periods": {
      const owner = new Map<CriticalPeriod, number>();
      given.forEach((g, i) => (g.value as CriticalPeriod[]).forEach((p) => owner.set(p, i)));
      const groups = periodsByName(given.map((g) => g.value as CriticalPeriod[])).map((group) => ({
        name: group.name,
        people: new Set(group.mentions.map((p) => owner.get(p))).size,
        mentions: group.mentions
          .map((p) => ({ when: p.when, affects: p.affects, impact: p.impact, who: given[owner.get(p)!]?.who ?? null }))
          .sort((a, b) => SEVERITY.indexOf(a.impact) - SEVERITY.indexOf(b.impact) || a.when.localeCompare(b.when) || (a.who?.name ?? "").localeCompare(b.who?.name ?? "")),
        impacts: SEVERITY.map((impact) => ({ impact, count: group.mentions.filter((p) => p.impact === impact).length })).filter((c) => c.count > 0),
      }));
      return { kind: "periods", groups, mentions: groups.reduce((sum, g) => sum + g.mentions.length, 0) };
    }
    case "short_text":
    case "long_text":
      return { kind: "texts", texts: ordered(given.map((g) => ({ text: (g.value as string).trim(), who: g.who })), anonymous) };
  }
}

/**
 * A survey's results from its sent responses. An anonymous survey shows nothing from a group of
 * one or two responses (or none, when filtered), and nothing of a question one or two of them
 * answered, not even how many; named surveys show every answer with who gave it. Only answers to
 * questions the respondent was shown count (an answer left behind by a show-if condition that no
 * longer held was not given), and only answers of the question's type.
 */
export function surveyResultsOf({
  content,
  responses,
  anonymous,
  filtered = false,
  rest = 0,
}: {
  content: GuideContent;
  responses: readonly SentResponse[];
  anonymous: boolean;
  /** Whether the responses are those of one unit or level rather than everyone's. */
  filtered?: boolean;
  /** How many sent responses the filter leaves out. */
  rest?: number;
}): SurveyResults {
  const group = groupVisibility({ anonymous, respondents: responses.length, filtered, rest });
  if (group === "withheld") return { respondents: null, visibility: group, sections: [] };
  if (group === "none") return { respondents: 0, visibility: group, sections: [] };
  const shown = responses.map((r) => ({ response: r, visible: visibleQuestionIds(content, r.answers) }));
  const numbers = questionNumbers(content);
  return {
    respondents: responses.length,
    visibility: group,
    sections: content.sections.map((section) => ({
      id: section.id,
      title: section.title,
      questions: section.questions.map((question) => {
        const schema = answerSchemaFor(question);
        const given: { value: unknown; who: Respondent }[] = [];
        for (const { response, visible } of shown) {
          const raw = response.answers[question.id];
          if (!visible.has(question.id) || !isAnswered(raw)) continue;
          const parsed = schema.safeParse(raw);
          if (!parsed.success || !isAnswered(parsed.data)) continue;
          const value = typeof parsed.data === "string" && !parsed.data.trim() ? null : parsed.data;
          if (value === null) continue;
          given.push({ value, who: anonymous || !response.name ? null : { name: response.name, unitName: response.unitName } });
        }
        const seen = visibility({ anonymous, respondents: given.length });
        return {
          id: question.id,
          number: numbers.get(question.id)!,
          prompt: question.prompt,
          type: question.type,
          answered: seen === "withheld" ? null : given.length,
          visibility: seen,
          summary: seen === "shown" ? summarise(question, given, anonymous) : null,
        };
      }),
    })),
  };
}
