import { describe, expect, it } from "vitest";
import type { CriticalPeriod, GuideContent, Question } from "../../app/domain/guide";
import { surveyResultsOf, visibility, type QuestionResult, type SentResponse } from "../../app/domain/survey-results";

const q = (question: Partial<Question> & Pick<Question, "id" | "type" | "settings">): Question =>
  ({ prompt: question.id, help: "", required: false, condition: null, ...question }) as Question;

const GUIDE: GuideContent = {
  sections: [
    {
      id: "s-one",
      title: "One",
      purpose: "",
      questions: [
        q({ id: "rating", type: "scale", settings: { min: 1, max: 5, minLabel: "Poorly", maxLabel: "Very well" } }),
        q({ id: "tools", type: "multi_choice", settings: { options: [{ value: "phone", label: "Phone" }, { value: "mail", label: "E-mail" }], allowOther: true } }),
        q({ id: "office", type: "yes_no", settings: {} }),
        q({ id: "office-why", type: "long_text", settings: {}, condition: { questionId: "office", operator: "equals", value: false } }),
        q({ id: "order", type: "ranking", settings: { options: [{ value: "a", label: "Speed" }, { value: "b", label: "Cost" }, { value: "c", label: "Care" }] } }),
        q({ id: "days", type: "number", settings: { unit: "days" } }),
        q({ id: "when", type: "date", settings: {} }),
        q({ id: "periods", type: "critical_periods", settings: {} }),
        q({ id: "say", type: "short_text", settings: { maxLength: 200 } }),
      ],
    },
  ],
};

const period = (name: string, impact: CriticalPeriod["impact"], when = "late in the month"): CriticalPeriod => ({ name, when, affects: "", impact });

const RESPONSES: SentResponse[] = [
  {
    name: "Cleo Park",
    unitName: "Operations",
    answers: { rating: 4, tools: { selected: ["phone", "mail"], other: "" }, office: true, order: ["a", "b", "c"], days: 3, when: "2026-03-10", periods: [period("Month-end close", "high")], say: "Zebra crossing" },
  },
  {
    name: "Ana Reyes",
    unitName: "Retail",
    answers: { rating: 2, tools: { selected: ["phone"], other: "Pigeons" }, office: false, "office-why": "Too far", order: ["b", "a", "c"], days: 10, when: "2026-03-28", periods: [period("month-end  close", "severe"), period("Peak season", "medium")], say: "Apples" },
  },
  {
    name: "Ben Ward",
    unitName: "Retail",
    // An answer left from before a condition stopped holding is not counted; a value the type refuses neither.
    answers: { rating: 9, tools: { selected: [], other: "" }, office: true, "office-why": "Left behind", order: ["a", "c", "b"], days: 5, when: "2026-05-02", say: "  " },
  },
];

const resultsOf = (anonymous: boolean, responses = RESPONSES) => surveyResultsOf({ content: GUIDE, responses, anonymous });
const question = (results: ReturnType<typeof resultsOf>, id: string): QuestionResult => results.sections[0]!.questions.find((x) => x.id === id)!;

describe("what the results may show", () => {
  it("shows nothing of an anonymous group of one or two, everything of a named one", () => {
    expect([0, 1, 2, 3].map((respondents) => visibility({ anonymous: true, respondents }))).toEqual(["none", "withheld", "withheld", "shown"]);
    expect(visibility({ anonymous: false, respondents: 1 })).toBe("shown");

    const two = resultsOf(true, RESPONSES.slice(0, 2));
    // Not even how few.
    expect(two).toEqual({ respondents: null, visibility: "withheld", sections: [] });
    expect(JSON.stringify(two)).not.toMatch(/Pigeons|Apples|Too far/);
    expect(resultsOf(false, RESPONSES.slice(0, 2)).visibility).toBe("shown");
  });

  it("says nobody answered an anonymous survey only of everyone: a filtered group of none is withheld like one of one", () => {
    expect(surveyResultsOf({ content: GUIDE, responses: [], anonymous: true })).toEqual({ respondents: 0, visibility: "none", sections: [] });
    expect(surveyResultsOf({ content: GUIDE, responses: [], anonymous: true, filtered: true })).toEqual({ respondents: null, visibility: "withheld", sections: [] });
    expect(surveyResultsOf({ content: GUIDE, responses: RESPONSES.slice(0, 1), anonymous: true, filtered: true }).visibility).toBe("withheld");
    expect(surveyResultsOf({ content: GUIDE, responses: RESPONSES, anonymous: true, filtered: true }).respondents).toBe(3);
    expect(surveyResultsOf({ content: GUIDE, responses: [], anonymous: false, filtered: true }).visibility).toBe("none");
  });

  it("withholds an anonymous filter that leaves out only one or two responses: everyone's less these would show theirs", () => {
    for (const rest of [1, 2]) expect(surveyResultsOf({ content: GUIDE, responses: RESPONSES, anonymous: true, filtered: true, rest }).visibility).toBe("withheld");
    expect(surveyResultsOf({ content: GUIDE, responses: RESPONSES, anonymous: true, filtered: true, rest: 3 }).respondents).toBe(3);
    expect(surveyResultsOf({ content: GUIDE, responses: RESPONSES, anonymous: false, filtered: true, rest: 1 }).respondents).toBe(3);
  });

  it("withholds an anonymous survey's question answered by fewer than three, and shows it for a named survey", () => {
    const anonymous = resultsOf(true);
    // Two named a critical period, one answered why not in the office (the third answer was left behind by its condition).
    expect(question(anonymous, "periods")).toMatchObject({ answered: null, visibility: "withheld", summary: null });
    expect(question(anonymous, "office-why")).toMatchObject({ answered: null, visibility: "withheld", summary: null });
    expect(question(resultsOf(false), "periods").answered).toBe(2);
    expect(question(resultsOf(false), "office-why").answered).toBe(1);
    expect(JSON.stringify(anonymous)).not.toMatch(/Too far|Month-end|Peak season/);
    expect(question(resultsOf(false), "office-why").summary).toEqual({ kind: "texts", texts: [{ text: "Too far", who: { name: "Ana Reyes", unitName: "Retail" } }] });
  });

  it("never names anyone in an anonymous survey, and lists its texts in an order that follows no respondent", () => {
    const anonymous = resultsOf(true, [...RESPONSES, { name: "Dev Shah", unitName: "Operations", answers: { say: "Mangoes" } }]);
    expect(JSON.stringify(anonymous)).not.toMatch(/Cleo|Ana|Ben|Dev|Retail|Operations/);
    expect(question(anonymous, "say").summary).toEqual({
      kind: "texts",
      texts: [
        { text: "Apples", who: null },
        { text: "Mangoes", who: null },
        { text: "Zebra crossing", who: null },
      ],
    });
    // Blank text is no answer.
    expect(question(anonymous, "say").answered).toBe(3);
    const named = resultsOf(false);
    expect(question(named, "say").summary).toEqual({
      kind: "texts",
      texts: [
        { text: "Apples", who: { name: "Ana Reyes", unitName: "Retail" } },
        { text: "Zebra crossing", who: { name: "Cleo Park", unitName: "Operations" } },
      ],
    });
  });
});

describe("the figures of each question type", () => {
  const results = resultsOf(false);

  it("scale: a bar per point with its words, shares of those who answered, and the median; a point off the scale is not counted", () => {
    const rating = question(results, "rating");
    expect(rating.answered).toBe(2);
    expect(rating.summary).toMatchObject({ kind: "bars", median: 3 });
    if (rating.summary?.kind !== "bars") throw new Error("bars expected");
    expect(rating.summary.bars.map((b) => [b.label, b.count, b.share])).toEqual([
      ["1 – Poorly", 0, 0],
      ["2", 1, 0.5],
      ["3", 0, 0],
      ["4", 1, 0.5],
      ["5 – Very well", 0, 0],
    ]);
  });

  it("multiple choice: each option chosen, plus the people who wrote something else, in their words", () => {
    const tools = question(results, "tools");
    // Ben chose nothing and wrote nothing: no answer.
    expect(tools.answered).toBe(2);
    if (tools.summary?.kind !== "bars") throw new Error("bars expected");
    expect(tools.summary.multiple).toBe(true);
    expect(tools.summary.bars.map((b) => [b.label, b.count, b.share])).toEqual([
      ["Phone", 2, 1],
      ["E-mail", 1, 0.5],
      ["Other", 1, 0.5],
    ]);
    expect(tools.summary.others).toEqual([{ text: "Pigeons", who: { name: "Ana Reyes", unitName: "Retail" } }]);
  });

  it("yes/no: a bar each", () => {
    const office = question(results, "office");
    if (office.summary?.kind !== "bars") throw new Error("bars expected");
    expect(office.summary.bars.map((b) => [b.label, b.count])).toEqual([
      ["Yes", 2],
      ["No", 1],
    ]);
  });

  it("ranking: the Borda count, with labels", () => {
    // a: 2 + 1 + 2 = 5, b: 1 + 2 + 0 = 3, c: 0 + 0 + 1 = 1
    const order = question(results, "order");
    expect(order.summary).toEqual({
      kind: "ranking",
      most: 6,
      rows: [
        { option: "a", label: "Speed", points: 5, firsts: 2, place: 1 },
        { option: "b", label: "Cost", points: 3, firsts: 1, place: 2 },
        { option: "c", label: "Care", points: 1, firsts: 0, place: 3 },
      ],
    });
  });

  it("number: median and range, with the unit", () => {
    expect(question(results, "days").summary).toEqual({ kind: "number", median: 5, min: 3, max: 10, values: [3, 5, 10], unit: "days" });
  });

  it("date: earliest, latest and how many fall in each month", () => {
    const when = question(results, "when");
    if (when.summary?.kind !== "dates") throw new Error("dates expected");
    expect([when.summary.earliest, when.summary.latest]).toEqual(["2026-03-10", "2026-05-02"]);
    expect(when.summary.months.map((m) => [m.label, m.count])).toEqual([
      ["March 2026", 2],
      ["May 2026", 1],
    ]);
  });

  it("critical periods: grouped by name, the most severe mention first, each with who named it", () => {
    const periods = question(results, "periods");
    if (periods.summary?.kind !== "periods") throw new Error("periods expected");
    expect(periods.summary.mentions).toBe(3);
    expect(periods.summary.groups.map((g) => [g.name, g.people, g.mentions.map((m) => [m.impact, m.who?.name])])).toEqual([
      [
        "Month-end close",
        2,
        [
          ["severe", "Ana Reyes"],
          ["high", "Cleo Park"],
        ],
      ],
      ["Peak season", 1, [["medium", "Ana Reyes"]]],
    ]);
    expect(periods.summary.groups[0]!.impacts).toEqual([
      { impact: "severe", count: 1 },
      { impact: "high", count: 1 },
    ]);
  });
});
