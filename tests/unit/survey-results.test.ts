import { describe, expect, it } from "vitest";
import type { CriticalPeriod } from "../../app/domain/guide";
import { bordaCount, distribution, mayShow, numberSummary, periodsByName } from "../../app/domain/survey-results";

describe("the Borda count", () => {
  it("matches a table counted by hand", () => {
    // Five respondents rank four options; in each ranking first scores 3, then 2, 1 and 0.
    //            A  B  C  D
    // A B C D    3  2  1  0
    // B A D C    2  3  0  1
    // C A B D    2  1  3  0
    // A C B D    3  1  2  0
    // B C A D    1  3  2  0
    // total     11 10  8  1
    const rankings = [
      ["A", "B", "C", "D"],
      ["B", "A", "D", "C"],
      ["C", "A", "B", "D"],
      ["A", "C", "B", "D"],
      ["B", "C", "A", "D"],
    ];
    expect(bordaCount(rankings, ["A", "B", "C", "D"])).toEqual([
      { option: "A", points: 11, firsts: 2, place: 1 },
      { option: "B", points: 10, firsts: 2, place: 2 },
      { option: "C", points: 8, firsts: 1, place: 3 },
      { option: "D", points: 1, firsts: 0, place: 4 },
    ]);
  });

  it("breaks equal points by firsts, then shares the place; it ignores options not offered and repeats", () => {
    expect(bordaCount([["A", "B"], ["B", "A"]], ["A", "B"]).map((r) => [r.option, r.points, r.place])).toEqual([
      ["A", 1, 1],
      ["B", 1, 1],
    ]);
    expect(bordaCount([["A", "B", "C"], ["B", "C", "A"], ["C", "A", "B"], ["A", "C", "B"]], ["A", "B", "C"]).map((r) => [r.option, r.points, r.firsts, r.place])).toEqual([
      ["A", 5, 2, 1],
      ["C", 4, 1, 2],
      ["B", 3, 1, 3],
    ]);
    expect(bordaCount([["X", "B", "B"]], ["A", "B", "C"])).toEqual([
      { option: "B", points: 2, firsts: 1, place: 1 },
      { option: "A", points: 0, firsts: 0, place: 2 },
      { option: "C", points: 0, firsts: 0, place: 2 },
    ]);
    expect(bordaCount([], ["A"])).toEqual([{ option: "A", points: 0, firsts: 0, place: 1 }]);
  });
});

describe("other aggregates", () => {
  it("counts choices per option with shares of the respondents, a multiple choice counting each option once", () => {
    expect(distribution(["yes", "no", "yes", "maybe"], ["yes", "no"])).toEqual([
      { option: "yes", count: 2, share: 0.5 },
      { option: "no", count: 1, share: 0.25 },
    ]);
    expect(distribution([["a", "b"], ["a", "a"], []], ["a", "b", "c"]).map((d) => d.count)).toEqual([2, 1, 0]);
  });

  it("gives the median and range of numbers", () => {
    expect(numberSummary([5, 1, 3])).toEqual({ count: 3, median: 3, min: 1, max: 5 });
    expect(numberSummary([4, 1, 3, 2])).toEqual({ count: 4, median: 2.5, min: 1, max: 4 });
    expect(numberSummary([])).toBeNull();
  });

  it("groups critical periods by name whatever their case and spacing, most named first", () => {
    const p = (name: string): CriticalPeriod => ({ name, when: "", affects: "", impact: "high" });
    expect(periodsByName([[p("Month-end close"), p("Peak season")], [p("month-end  Close")], [p(" ")]]).map((g) => [g.name, g.mentions.length])).toEqual([
      ["Month-end close", 2],
      ["Peak season", 1],
    ]);
  });
});

describe("anonymity", () => {
  it("never shows an anonymous survey's answers from one or two respondents; a named survey's always", () => {
    expect([0, 1, 2, 3, 10].map((respondents) => mayShow({ anonymous: true, respondents }))).toEqual([true, false, false, true, true]);
    expect(mayShow({ anonymous: false, respondents: 1 })).toBe(true);
  });
});
