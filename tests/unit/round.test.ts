import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregate, criteriaSchema, DEFAULT_CRITERIA, moscowCapProblem, rankChanges, rankOf, riceScore, scoreSchema, type Score } from "../../app/domain/round";

const s = (lead: string, need: string, criterion: string, value: number): Score => ({ lead, need, criterion, value });

// Worked by hand: value weighs 2, time 1. Lead A scores everything; lead B gives every need the same
// value score (so value tells nothing about B's order) and skips n3.
const SCORES: Score[] = [
  s("A", "n1", "value", 5), s("A", "n2", "value", 3), s("A", "n3", "value", 1),
  s("A", "n1", "time", 1), s("A", "n2", "time", 3), s("A", "n3", "time", 5),
  s("B", "n1", "value", 4), s("B", "n2", "value", 4),
  s("B", "n1", "time", 2), s("B", "n2", "time", 4),
];
const WEIGHTS = [
  { key: "value", weight: 2 },
  { key: "time", weight: 1 },
];

describe("weighted criteria", () => {
  it("matches the table worked by hand: z-scores per lead and criterion, weighted, averaged over the leads who scored", () => {
    //        A: z(value), z(time) → weighted     B: z(value), z(time) → weighted     need score
    // n1     1.2247, -1.2247 → 0.4082            0, -1 → -0.3333                    0.0375
    // n2     0, 0 → 0                            0, 1 → 0.3333                      0.1667
    // n3     -1.2247, 1.2247 → -0.4082           (skipped)                          -0.4082
    const results = aggregate(SCORES, WEIGHTS);
    expect(results.map((r) => [r.need, r.rank, r.leads])).toEqual([
      ["n2", 1, 2],
      ["n1", 2, 2],
      ["n3", 3, 1],
    ]);
    const byNeed = Object.fromEntries(results.map((r) => [r.need, r]));
    expect(byNeed.n1!.score).toBeCloseTo(0.0375, 4);
    expect(byNeed.n2!.score).toBeCloseTo(0.1667, 4);
    expect(byNeed.n3!.score).toBeCloseTo(-0.4082, 4);
    // Disagreement on the 1–5 scale: A's and B's weighted scores of n2 are 3 and 4.
    expect(byNeed.n2).toMatchObject({ mean: 3.5, low: 3, high: 4 });
    expect(byNeed.n2!.spread).toBeCloseTo(0.5, 6);
    expect(byNeed.n1!.low).toBeCloseTo(10 / 3, 6);
    expect(byNeed.n1!.high).toBeCloseTo(11 / 3, 6);
    expect(byNeed.n3).toMatchObject({ spread: 0, leads: 1 });
  });

  it("shares a rank between ties and skips the places they take", () => {
    expect(rankOf([{ score: 2 }, { score: 1 }, { score: 2 }, { score: 0 }]).map((r) => r.rank)).toEqual([1, 1, 3, 4]);
  });

  it("says which needs move when the weights change", () => {
    // Time alone: A puts n3 first (z 1.22); B's n2 (z 1) helps n2 to 0.5 average.
    expect(rankChanges(SCORES, WEIGHTS, [{ key: "value", weight: 0 }, { key: "time", weight: 1 }])).toEqual([
      { need: "n3", from: 3, to: 1 },
      { need: "n2", from: 1, to: 2 },
      { need: "n1", from: 2, to: 3 },
    ]);
  });

  const arbitraryScores = fc
    .uniqueArray(fc.record({ lead: fc.constantFrom("A", "B", "C", "D"), need: fc.constantFrom("n1", "n2", "n3", "n4", "n5"), criterion: fc.constantFrom("value", "time", "risk") }), {
      selector: (x) => `${x.lead}|${x.need}|${x.criterion}`,
      minLength: 1,
      maxLength: 60,
    })
    .chain((keys) => fc.tuple(fc.constant(keys), fc.array(fc.integer({ min: 1, max: 5 }), { minLength: keys.length, maxLength: keys.length })))
    .map(([keys, values]) => keys.map((k, i) => ({ ...k, value: values[i]! })));
  const arbitraryWeights = fc.tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 })).map(([a, b, c]) => [
    { key: "value", weight: a },
    { key: "time", weight: b },
    { key: "risk", weight: c },
  ]);
  const ranking = (scores: Score[], weights: { key: string; weight: number }[]) =>
    Object.fromEntries(aggregate(scores, weights).map((r) => [r.need, r.rank]));

  it("does not depend on the order of leads or needs", () => {
    fc.assert(
      fc.property(arbitraryScores, arbitraryWeights, fc.func(fc.integer()), (scores, weights, order) => {
        const shuffled = [...scores].sort((a, b) => order(a) - order(b));
        const renamed = shuffled.map((x) => ({ ...x, lead: `lead-${"DCBA".indexOf(x.lead)}` }));
        expect(ranking(renamed, weights)).toEqual(ranking(scores, weights));
      }),
    );
  });

  it("does not change when every weight is multiplied by the same number", () => {
    fc.assert(
      fc.property(arbitraryScores, arbitraryWeights, fc.integer({ min: 2, max: 1000 }), (scores, weights, k) => {
        expect(ranking(scores, weights.map((w) => ({ ...w, weight: w.weight * k })))).toEqual(ranking(scores, weights));
      }),
    );
  });
});

describe("criteria and scores", () => {
  it("accepts the default criteria and refuses negative or all-zero weights and duplicate keys", () => {
    expect(criteriaSchema.safeParse(DEFAULT_CRITERIA).success).toBe(true);
    const negative = criteriaSchema.safeParse(DEFAULT_CRITERIA.map((c, i) => (i === 0 ? { ...c, weight: -1 } : c)));
    expect(negative.error?.issues[0]?.message).toBe("A weight cannot be negative");
    const zero = criteriaSchema.safeParse(DEFAULT_CRITERIA.map((c) => ({ ...c, weight: 0 })));
    expect(zero.error?.issues[0]?.message).toBe("At least one weight must be more than zero");
    const twice = criteriaSchema.safeParse([DEFAULT_CRITERIA[0], DEFAULT_CRITERIA[0]]);
    expect(twice.error?.issues[0]?.message).toMatch(/key already taken/);
  });

  it("keeps scores on the 1–5 scale", () => {
    expect([0, 6, 2.5, Number.NaN].map((v) => scoreSchema.safeParse(v).success)).toEqual([false, false, false, false]);
    expect(scoreSchema.safeParse(5).success).toBe(true);
  });

  it("caps the share of musts, and computes RICE only with an effort estimate", () => {
    expect(moscowCapProblem(["must", "must", "should", "could"], 4, 0.25)).toBe("At most 1 of the 4 needs can be a must in this round (that would make 2)");
    expect(moscowCapProblem(["must", "should"], 4, 0.5)).toBeNull();
    expect(moscowCapProblem(["must", "must", "must"], 3, null)).toBeNull();
    expect(riceScore({ reach: 400, impact: 2, confidence: 0.8, effortDays: 20 })).toBe(32);
    expect(riceScore({ reach: 400, impact: 2, confidence: 0.8, effortDays: null })).toBeNull();
  });
});

describe("the new round form", () => {
  it("reads an empty checkbox group (false from the browser's form library) as none ticked", async () => {
    const { roundFormSchema } = await import("../../app/domain/round");
    const id = "8a0f3c43-2a6b-4f0e-9a55-2f3b1bbf1d8e";
    const form = { title: "Priorities", deadline: "", weight_value: "2", weight_time: "1", weight_risk: "1", weight_reach: "0", needIds: [id, id.replace("e", "f")], scorerIds: [id], observerIds: false };
    const parsed = roundFormSchema.safeParse(form);
    expect(parsed.success && parsed.data.observerIds).toEqual([]);
    const { observerIds: _none, ...absent } = form;
    expect(roundFormSchema.safeParse(absent).success).toBe(true);
    expect(parsed.success && parsed.data.criteria.map((c) => c.weight)).toEqual([2, 1, 1, 0]);
    const zero = roundFormSchema.safeParse({ ...form, weight_value: "0", weight_time: "0", weight_risk: "0" });
    expect(zero.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["weight_value", "At least one weight must be more than zero"]]);
    const negative = roundFormSchema.safeParse({ ...form, weight_time: "-1" });
    expect(negative.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["weight_time", "A weight cannot be negative"]]);
  });
});

describe("trying other weights", () => {
  it("reads w.<key> from the query, keeps missing ones, and names a problem instead of ranking", async () => {
    const { triedWeights } = await import("../../app/domain/round");
    expect(triedWeights(new URLSearchParams(""), DEFAULT_CRITERIA)).toBeNull();
    const tried = triedWeights(new URLSearchParams("w.value=3&w.time="), DEFAULT_CRITERIA)!;
    expect(tried.problem).toBeNull();
    expect(tried.weights.map((w) => w.weight)).toEqual([3, 1, 1, 1]);
    expect(triedWeights(new URLSearchParams("w.value=abc"), DEFAULT_CRITERIA)!.problem).toBe("Give each weight as a number");
    expect(triedWeights(new URLSearchParams("w.value=-1"), DEFAULT_CRITERIA)!.problem).toBe("A weight cannot be negative");
    expect(triedWeights(new URLSearchParams("w.value=0&w.time=0&w.risk=0&w.reach=0"), DEFAULT_CRITERIA)!.problem).toBe("At least one weight must be more than zero");
    expect(triedWeights(new URLSearchParams("w.value=1e9"), DEFAULT_CRITERIA)!.problem).toBe("A weight can be at most 100");
  });
});

describe("changing a draft's criteria", () => {
  it("keeps keys, gives a new criterion a key from its name, drops removed and blank rows, and puts problems on the field", async () => {
    const { editRoundFormSchema, criterionKey } = await import("../../app/domain/round");
    expect(criterionKey("Customer impact!", new Set())).toBe("customer-impact");
    expect(criterionKey("Value", new Set(["value"]))).toBe("value-2");
    expect(criterionKey("2027", new Set())).toBe("criterion");
    const form = {
      title: "Priorities",
      deadline: "2027-01-31",
      mustCap: "",
      revision: "3",
      c0_key: "value",
      c0_name: "Business value",
      c0_weight: "2",
      c0_p5: "Essential",
      c1_key: "time",
      c1_name: "Time",
      c1_weight: "1",
      c1_remove: "on",
      c2_name: "Value",
      c2_weight: "1",
      c3_name: "",
      c3_weight: "",
    };
    const parsed = editRoundFormSchema.parse(form);
    expect(parsed.criteria.map((c) => [c.key, c.name, c.weight])).toEqual([
      ["value", "Business value", 2],
      ["value-2", "Value", 1],
    ]);
    expect(parsed.criteria[0]!.points).toEqual(["", "", "", "", "Essential"]);
    expect(parsed.deadline?.toISOString()).toBe("2027-01-31T23:59:59.000Z");
    const bad = editRoundFormSchema.safeParse({ ...form, c2_weight: "heavy" });
    expect(bad.success ? null : bad.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([["c2_weight", "Give each weight as a number"]]);
    const long = editRoundFormSchema.safeParse({ ...form, c0_p2: "x".repeat(121) });
    expect(long.success ? null : long.error.issues.map((i) => i.path.join("."))).toEqual(["c0_p2"]);
  });
});

describe("MoSCoW and RICE by hand", () => {
  it("MoSCoW averages points over the leads who placed a need; RICE divides by effort and leaves unestimated needs out", async () => {
    const { aggregateMoscow, aggregateRice } = await import("../../app/domain/round");
    const m = aggregateMoscow([s("A", "n1", "moscow", 1), s("B", "n1", "moscow", 4), s("A", "n2", "moscow", 2)]);
    expect(m.map((r) => [r.need, r.rank, r.score])).toEqual([
      ["n2", 1, 2],
      ["n1", 2, 1.5],
    ]);
    const rice = aggregateRice(
      [s("A", "n1", "reach", 100), s("A", "n1", "impact", 2), s("A", "n1", "confidence", 1), s("A", "n2", "reach", 100), s("A", "n2", "impact", 4), s("A", "n2", "confidence", 2)],
      new Map([["n1", 4]]),
    );
    // n1: 100 × 1 × 0.8 / 4 = 20; n2 has no estimate.
    expect(rice.map((r) => [r.need, r.score])).toEqual([["n1", 20]]);
  });
});
