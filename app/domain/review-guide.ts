/**
 * Review interviews: a guide's questions can name the service under review with
 * placeholders in double braces, filled from the service's definition when an
 * interview is about a service. Pure: shared by the runner, the summary, the
 * evidence page, the exports and the guide editor's help.
 *
 *   {{service}}           the service's name, where it stands in the sentence
 *   {{outcomes}}          the outcomes, numbered, one per line
 *   {{service_levels}}    "measure: target" lines, normal time first, then each critical period
 *   {{critical_periods}}  "name: when" lines
 *
 * Double braces do not occur in ordinary business writing, so nothing else is
 * ever replaced; an unknown name in braces is left as typed. The three lists
 * always start on a line of their own. Without a service (an ordinary
 * interview, or the guide's own preview) the text is shown as written.
 */
import type { Definition, MeasureKind } from "./definition";
import type { GuideContent } from "./guide";

export const REVIEW_PLACEHOLDERS = ["service", "outcomes", "service_levels", "critical_periods"] as const;
export type ReviewPlaceholder = (typeof REVIEW_PLACEHOLDERS)[number];
export type ReviewValues = Record<ReviewPlaceholder, string>;

/** What the guide editor says beside the question text. */
export const PLACEHOLDER_HELP =
  "In a review interview, {{service}} becomes the service's name, and {{outcomes}}, {{service_levels}} and {{critical_periods}} its agreed outcomes, service levels and critical periods, each list on lines of its own. Help, section titles and purposes may use them too; other interviews show them as typed.";

/** A placeholder with the spaces and tabs around it (a list replaces them with a line break). */
const PATTERN = /([ \t]*)\{\{\s*(service|outcomes|service_levels|critical_periods)\s*\}\}([ \t]*)/g;

/** Whether a text names any placeholder (e.g. to tell a review guide from others). */
export function hasPlaceholders(text: string): boolean {
  return new RegExp(PATTERN.source).test(text);
}

/** "20 minutes", "99.5%", "1 hour", or the target as written. */
export function targetInWords(kind: MeasureKind, target: string): string {
  const t = target.trim();
  switch (kind) {
    case "percent":
      return t.endsWith("%") ? t : `${t}%`;
    case "minutes":
      return `${t} ${t === "1" ? "minute" : "minutes"}`;
    case "hours":
      return `${t} ${t === "1" ? "hour" : "hours"}`;
    default:
      return t;
  }
}

/** The words each placeholder stands for, for one service as defined. */
export function reviewValues(serviceName: string, definition: Pick<Definition, "outcomes" | "criticalPeriods" | "serviceLevels">): ReviewValues {
  const { outcomes, criticalPeriods, serviceLevels } = definition;
  const outcomeText = outcomes.length
    ? outcomes.map((o, i) => `${i + 1}. ${o.text}`).join("\n")
    : `No outcomes are written down for ${serviceName} yet: ask what the business relies on it for.`;

  const periodText = criticalPeriods.length
    ? criticalPeriods.map((p) => `- ${p.name}: ${p.when}`).join("\n")
    : `No critical business periods are named for ${serviceName} yet.`;

  let levelText: string;
  if (serviceLevels.length === 0) {
    levelText = `No service levels are set for ${serviceName} yet.`;
  } else {
    const line = (l: (typeof serviceLevels)[number]) => `- ${l.measure}: ${targetInWords(l.kind, l.target)}`;
    const groups: string[] = [];
    const normal = serviceLevels.filter((l) => l.period === null);
    if (normal.length) groups.push(["Normal time:", ...normal.map(line)].join("\n"));
    const named = new Set(criticalPeriods.map((p) => p.id));
    for (const period of criticalPeriods) {
      const own = serviceLevels.filter((l) => l.period === period.id);
      if (own.length) groups.push([`During ${period.name}:`, ...own.map(line)].join("\n"));
      // A period without levels of its own keeps the normal ones (the definition states only where they differ).
      else if (normal.length) groups.push(`During ${period.name}: as in normal time.`);
    }
    const stray = serviceLevels.filter((l) => l.period !== null && !named.has(l.period));
    if (stray.length) groups.push(["During another period:", ...stray.map(line)].join("\n"));
    levelText = groups.join("\n");
  }

  return { service: serviceName, outcomes: outcomeText, service_levels: levelText, critical_periods: periodText };
}

/** A text with its placeholders filled; as written when there are no values (not a review interview). */
export function fillText(text: string, values: ReviewValues | null): string {
  if (!values || !text.includes("{{")) return text;
  return text.replace(PATTERN, (match: string, before: string, name: ReviewPlaceholder, after: string, offset: number, whole: string) => {
    const value = values[name];
    if (name === "service") return `${before}${value}${after}`;
    const end = offset + match.length;
    const startsLine = offset === 0 || whole[offset - 1] === "\n";
    const endsLine = end === whole.length || whole[end] === "\n";
    return `${startsLine ? "" : "\n"}${value}${endsLine ? "" : "\n"}`;
  });
}

/** A guide version's content as a review interview shows it: section titles and purposes, questions and their help filled. */
export function fillGuideContent(content: GuideContent, values: ReviewValues | null): GuideContent {
  if (!values) return content;
  return {
    ...content,
    sections: content.sections.map((section) => ({
      ...section,
      title: fillText(section.title, values),
      purpose: fillText(section.purpose, values),
      questions: section.questions.map((q) => ({ ...q, prompt: fillText(q.prompt, values), help: fillText(q.help, values) })),
    })),
  };
}

/* ---------- planning ---------- */

const SENIORITY = ["executive", "senior_manager", "manager", "specialist", "front_line"] as const;

/**
 * Whom a review interview asks by default: a few people from the units that use
 * the service, one unit at a time in the definition's order, each unit's
 * spokesperson first (when the definition names one who is a stakeholder), then
 * the most senior.
 */
export function pickReviewStakeholders<P extends { id: string; name: string; level: string; unitId: string }>(
  people: readonly P[],
  consumers: readonly { unitId: string; spokesperson?: string }[],
  max = 3,
): string[] {
  const rank = (p: P, spokesperson: string) =>
    (spokesperson && spokesperson.toLowerCase().includes(p.name.toLowerCase()) ? -10 : 0) + (SENIORITY as readonly string[]).indexOf(p.level);
  const queues = consumers.map((c) =>
    people
      .filter((p) => p.unitId === c.unitId)
      .sort((a, b) => rank(a, c.spokesperson ?? "") - rank(b, c.spokesperson ?? "") || a.name.localeCompare(b.name)),
  );
  const picked: string[] = [];
  for (let round = 0; picked.length < max && queues.some((q) => q.length > round); round++) {
    for (const queue of queues) {
      const next = queue[round];
      if (next && picked.length < max && !picked.includes(next.id)) picked.push(next.id);
    }
  }
  return picked;
}
