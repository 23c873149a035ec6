import fc from "fast-check";
import { QUESTION_TYPES, type GuideContent, type Question, type QuestionType } from "../../app/domain/guide";

const id = (prefix: string) => fc.integer({ min: 0, max: 2 ** 31 }).map((n) => `${prefix}-${n.toString(36)}`);
const VOCABULARY = ["Branch", "month-end", "close", "Saturday", "opening", "how", "often", "does", "the", "telephony", "fail?", "Café", "é", "’s", "(peak)", "%", "—", "outsourced", "contact", "centre"];
const words = fc.array(fc.constantFrom(...VOCABULARY), { minLength: 1, maxLength: 6 }).map((w) => w.join(" "));

const options = fc
  .uniqueArray(fc.integer({ min: 0, max: 10_000 }).map((n) => `v${n}`), { minLength: 2, maxLength: 6 })
  .chain((values) => fc.tuple(...values.map((v) => words.map((label) => ({ value: v, label })))));

function settingsFor(type: QuestionType): fc.Arbitrary<Question["settings"]> {
  switch (type) {
    case "short_text":
      return fc.integer({ min: 1, max: 500 }).map((maxLength) => ({ maxLength }));
    case "scale":
      return fc
        .record({ min: fc.integer({ min: -5, max: 5 }), span: fc.integer({ min: 1, max: 10 }), minLabel: words, maxLabel: words, labelled: fc.boolean() })
        .chain(({ min, span, minLabel, maxLabel, labelled }) =>
          (labelled ? fc.array(words, { minLength: span + 1, maxLength: span + 1 }) : fc.constant(undefined)).map((pointLabels) => ({
            min,
            max: min + span,
            minLabel,
            maxLabel,
            ...(pointLabels ? { pointLabels } : {}),
          })),
        );
    case "single_choice":
    case "ranking":
      return options.map((o) => ({ options: o }));
    case "multi_choice":
      return fc.record({ options, allowOther: fc.boolean() });
    case "number":
      return fc
        .record({ a: fc.integer({ min: -1000, max: 1000 }), b: fc.integer({ min: 1, max: 1000 }), bounded: fc.boolean(), unit: fc.constantFrom("", "days", "%", "people") })
        .map(({ a, b, bounded, unit }) => (bounded ? { min: a, max: a + b, unit } : { unit }));
    default:
      return fc.constant({});
  }
}

export const questionArb: fc.Arbitrary<Question> = fc.constantFrom(...QUESTION_TYPES).chain((type) =>
  fc.record({
    id: id("q"),
    type: fc.constant(type),
    prompt: words,
    help: fc.oneof(fc.constant(""), words),
    required: fc.boolean(),
    condition: fc.constant(null),
    settings: settingsFor(type),
  }) as fc.Arbitrary<Question>,
);

/** Any valid guide: unique ids, and conditions that point only at earlier questions with fitting operators. */
export const guideContentArb: fc.Arbitrary<GuideContent> = fc
  .array(fc.record({ id: id("s"), title: words, purpose: fc.oneof(fc.constant(""), words), questions: fc.array(questionArb, { maxLength: 5 }) }), {
    maxLength: 5,
  })
  .chain((sections) => {
    // de-duplicate ids
    const seen = new Set<string>();
    for (const s of sections) {
      while (seen.has(s.id)) s.id += "x";
      seen.add(s.id);
      for (const q of s.questions) {
        while (seen.has(q.id)) q.id += "x";
        seen.add(q.id);
      }
    }
    const flat = sections.flatMap((s) => s.questions);
    return fc.tuple(...flat.map((_, i) => fc.option(fc.nat({ max: Math.max(0, i - 1) }), { nil: undefined }))).map((picks) => {
      picks.forEach((pick, i) => {
        if (pick === undefined || i === 0) return;
        const target = flat[pick]!;
        const q = flat[i]!;
        if ((target.type === "single_choice" || target.type === "multi_choice") && "options" in target.settings) {
          q.condition = { questionId: target.id, operator: "one_of", value: [target.settings.options[0]!.value] };
        } else if (target.type === "scale" && "min" in target.settings) {
          q.condition = { questionId: target.id, operator: "greater_than", value: (target.settings as { min: number }).min };
        } else if (target.type === "yes_no") {
          q.condition = { questionId: target.id, operator: "equals", value: true };
        } else {
          q.condition = { questionId: target.id, operator: "answered" };
        }
      });
      return { sections };
    });
  });
