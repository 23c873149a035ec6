import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  answerSchemaFor,
  contentProblems,
  guideContentSchema,
  isVisible,
  SETTINGS_SCHEMAS,
  type GuideContent,
  type Question,
} from "../../app/domain/guide";
import { parseGuideFile, toGuideFile } from "../../app/domain/guide-file";
import { guideContentArb } from "../support/guide-arbitraries";

const q = (over: Partial<Question> & Pick<Question, "id" | "type">): Question =>
  ({ prompt: `Prompt ${over.id}`, help: "", required: false, condition: null, settings: {}, ...over }) as Question;

const choice = (id: string) =>
  q({ id, type: "single_choice", settings: { options: [{ value: "yes-please", label: "Yes please" }, { value: "no-thanks", label: "No thanks" }] } });

describe("settings schemas", () => {
  it("refuse a scale whose lowest point is not below its highest, or with the wrong number of point labels", () => {
    expect(SETTINGS_SCHEMAS.scale.safeParse({ min: 5, max: 5, minLabel: "a", maxLabel: "b" }).error?.issues[0]?.message).toBe(
      "The highest point must be above the lowest",
    );
    expect(SETTINGS_SCHEMAS.scale.safeParse({ min: 1, max: 3, minLabel: "a", maxLabel: "b", pointLabels: ["x", "y"] }).error?.issues[0]?.message).toBe(
      "Give a label for each of the 3 points, or none",
    );
    expect(SETTINGS_SCHEMAS.scale.safeParse({ min: 1, max: 5, minLabel: "Never", maxLabel: "Always" }).success).toBe(true);
  });

  it("refuse duplicate option values, naming both options, and fewer than two options", () => {
    const dup = SETTINGS_SCHEMAS.single_choice.safeParse({ options: [{ value: "a1", label: "A" }, { value: "b1", label: "B" }, { value: "a1", label: "C" }] });
    expect(dup.error?.issues[0]?.message).toBe('Option 3 has the same value as option 1 ("a1")');
    expect(SETTINGS_SCHEMAS.ranking.safeParse({ options: [{ value: "a1", label: "A" }] }).error?.issues[0]?.message).toBe("Give at least two options");
  });

  it("refuse a number range whose maximum is not above its minimum", () => {
    expect(SETTINGS_SCHEMAS.number.safeParse({ min: 10, max: 2 }).error?.issues[0]?.message).toBe("The maximum must be above the minimum");
    expect(SETTINGS_SCHEMAS.number.safeParse({ min: 0 }).data).toEqual({ min: 0, unit: "" });
  });
});

describe("answer schemas", () => {
  it("check each type's answers", () => {
    const scale = q({ id: "q-scale", type: "scale", settings: { min: 1, max: 5, minLabel: "a", maxLabel: "b" } });
    expect(answerSchemaFor(scale).safeParse(3).success).toBe(true);
    expect(answerSchemaFor(scale).safeParse(6).error?.issues[0]?.message).toBe("Choose a point from 1 to 5");
    const number = q({ id: "q-num", type: "number", settings: { min: 0, max: 100, unit: "%" } });
    expect(answerSchemaFor(number).safeParse("abc").error?.issues[0]?.message).toBe("Enter a number");
    expect(answerSchemaFor(number).safeParse(101).error?.issues[0]?.message).toBe("At most 100 %");
    expect(answerSchemaFor(choice("q-c")).safeParse("maybe").success).toBe(false);
    const rank = q({ id: "q-r", type: "ranking", settings: { options: [{ value: "a1", label: "A" }, { value: "b1", label: "B" }] } });
    expect(answerSchemaFor(rank).safeParse(["b1", "a1"]).success).toBe(true);
    expect(answerSchemaFor(rank).safeParse(["b1", "b1"]).success).toBe(false);
    const multi = q({ id: "q-m", type: "multi_choice", settings: { options: [{ value: "a1", label: "A" }, { value: "b1", label: "B" }], allowOther: false } });
    expect(answerSchemaFor(multi).safeParse({ selected: ["a1"], other: "" }).success).toBe(true);
    expect(answerSchemaFor(multi).safeParse({ selected: ["a1"], other: "something" }).success).toBe(false);
    expect(answerSchemaFor(q({ id: "q-d", type: "date" })).safeParse("2026-02-30").success).toBe(false);
    expect(answerSchemaFor(q({ id: "q-yn", type: "yes_no" })).safeParse("yes").success).toBe(false);
    const periods = answerSchemaFor(q({ id: "q-p", type: "critical_periods" }));
    expect(periods.safeParse([{ name: "Month-end close", when: "Last 3 working days", affects: "Ledger", impact: "severe" }]).success).toBe(true);
    expect(periods.safeParse([{ name: "Peak", when: "December", impact: "catastrophic" }]).success).toBe(false);
  });
});

describe("show-if conditions", () => {
  it("may only point at an earlier question, and the message names the question", () => {
    const content: GuideContent = {
      sections: [
        {
          id: "s-one",
          title: "One",
          purpose: "",
          questions: [
            q({ id: "q-first", type: "yes_no", prompt: "Do you open on Saturdays?", condition: { questionId: "q-second", operator: "answered" } }),
            q({ id: "q-second", type: "long_text", prompt: "What happens then?", condition: { questionId: "q-second", operator: "answered" } }),
          ],
        },
      ],
    };
    expect(contentProblems(content).map((p) => p.message)).toEqual([
      "Q1 “Do you open on Saturdays?” depends on Q2 “What happens then?”, which comes after it: a condition may only use an earlier question",
      "Q2 “What happens then?” cannot depend on itself",
    ]);
  });

  it("refuse operators and values that do not fit the earlier question", () => {
    const content: GuideContent = {
      sections: [
        {
          id: "s-one",
          title: "One",
          purpose: "",
          questions: [
            choice("q-c"),
            q({ id: "q-a", type: "long_text", condition: { questionId: "q-c", operator: "greater_than", value: 3 } }),
            q({ id: "q-b", type: "long_text", condition: { questionId: "q-c", operator: "one_of", value: ["perhaps"] } }),
          ],
        },
      ],
    };
    expect(contentProblems(content).map((p) => p.message)).toEqual([
      "Q2 “Prompt q-a”: “is greater than” does not apply to Q1 “Prompt q-c” (single choice)",
      "Q3 “Prompt q-b”: “perhaps” is not an option of Q1 “Prompt q-c”",
    ]);
  });

  it("show a question only when its condition holds", () => {
    const target = choice("q-c");
    const shown = q({ id: "q-x", type: "long_text", condition: { questionId: "q-c", operator: "equals", value: "yes-please" } });
    expect(isVisible(shown, {})).toBe(false);
    expect(isVisible(shown, { "q-c": "no-thanks" })).toBe(false);
    expect(isVisible(shown, { "q-c": "yes-please" })).toBe(true);
    const gt = q({ id: "q-y", type: "long_text", condition: { questionId: "q-s", operator: "greater_than", value: 3 } });
    expect(isVisible(gt, { "q-s": 3 })).toBe(false);
    expect(isVisible(gt, { "q-s": 4 })).toBe(true);
    void target;
  });
});

describe("guide files", () => {
  it("any guide survives export then import unchanged", () => {
    fc.assert(
      fc.property(guideContentArb, (content) => {
        expect(guideContentSchema.safeParse(content).success).toBe(true);
        const file = toGuideFile({ title: "Discovery", description: "" }, content);
        const back = parseGuideFile(JSON.stringify(file, null, 2));
        expect(back).toEqual({ ok: true, file });
      }),
      { numRuns: 200 },
    );
  });

  it("list every problem with its JSON path", () => {
    const bad = {
      format: "charter.interview-guide",
      formatVersion: 1,
      title: "",
      content: {
        sections: [
          {
            id: "s-a",
            title: "A",
            questions: [
              { id: "q-a", type: "scale", prompt: "How much?", settings: { min: 5, max: 1, minLabel: "x", maxLabel: "y" } },
              { id: "q-b", type: "teleport", prompt: "?" },
            ],
          },
        ],
      },
    };
    const result = parseGuideFile(JSON.stringify(bad));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { path: "title", message: "Enter a title" },
        { path: "content.sections[0].questions[0].settings.max", message: "The highest point must be above the lowest" },
        { path: "content.sections[0].questions[1].type", message: expect.any(String) },
      ]),
    );
    expect(parseGuideFile("{not json").ok).toBe(false);
    expect(parseGuideFile(JSON.stringify({ hello: "world" }))).toMatchObject({ ok: false, errors: [{ path: "format" }, expect.anything(), expect.anything(), expect.anything()] });
  });
});
