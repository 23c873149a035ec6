import fc from "fast-check";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rounds, roundScores } from "../../db/schema";
import { db } from "../../app/db.server";
import { aggregate, type Score } from "../../app/domain/round";
import { refusal } from "../support/refusal";
import { createNeed } from "../../app/models/need.server";
import { closeRound, roundResults, saveScores, scoresVisibleTo, submitScores, verifyRoundSnapshot } from "../../app/models/round.server";
import { makeUnit } from "../support/factories";
import { ROUND_CRITERIA, roundWorld } from "../support/round-world";

const CRITERIA = ROUND_CRITERIA;
const world = roundWorld;

describe("round results in SQL", () => {
  it("match the table worked by hand in tests/unit/round.test.ts", async () => {
    const w = await world();
    const [n1, n2, n3] = w.needs.map((n) => n.id) as [string, string, string];
    const [a, b] = w.leads.map((l) => l.id) as [string, string];
    const score = (needId: string, criterion: string, value: number) => ({ needId, criterion, value });
    await saveScores({ roundId: w.round.id, userId: a, scores: [score(n1, "value", 5), score(n2, "value", 3), score(n3, "value", 1), score(n1, "time", 1), score(n2, "time", 3), score(n3, "time", 5)] });
    await saveScores({ roundId: w.round.id, userId: b, scores: [score(n1, "value", 4), score(n2, "value", 4), score(n1, "time", 2), score(n2, "time", 4)] });
    const results = await roundResults({ roundId: w.round.id });
    expect(results.map((r) => [r.needId, r.rank, r.leads])).toEqual([
      [n2, 1, 2],
      [n1, 2, 2],
      [n3, 3, 1],
    ]);
    expect(results[1]!.score).toBeCloseTo(0.0375, 4);
    expect(results[0]).toMatchObject({ mean: 3.5, low: 3, high: 4 });
    // Trying other weights: time alone puts n3 first.
    const timeOnly = await roundResults({ roundId: w.round.id, weights: [{ key: "value", weight: 0 }, { key: "time", weight: 1 }] });
    expect(timeOnly.map((r) => r.needId)).toEqual([n3, n2, n1]);
    expect((await refusal(roundResults({ roundId: w.round.id, weights: [{ key: "value", weight: 0 }, { key: "time", weight: 0 }] }))).message).toBe("At least one weight must be more than zero");
  });

  it("agree with the domain's rules on any scores", async () => {
    const w = await world({ needCount: 4, leadCount: 3 });
    const needIds = w.needs.map((n) => n.id);
    const leadIds = w.leads.map((l) => l.id);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ lead: fc.integer({ min: 0, max: 2 }), need: fc.integer({ min: 0, max: 3 }), criterion: fc.constantFrom("value", "time"), value: fc.integer({ min: 1, max: 5 }) }), { minLength: 1, maxLength: 24 }),
        async (drawn) => {
          await db().execute(sql`delete from round_scores where round_id = ${w.round.id}`);
          const unique = new Map(drawn.map((d) => [`${d.lead}|${d.need}|${d.criterion}`, d]));
          const scores: Score[] = [...unique.values()].map((d) => ({ lead: leadIds[d.lead]!, need: needIds[d.need]!, criterion: d.criterion, value: d.value }));
          for (const lead of leadIds) {
            const mine = scores.filter((s) => s.lead === lead);
            if (mine.length) await saveScores({ roundId: w.round.id, userId: lead, scores: mine.map((s) => ({ needId: s.need, criterion: s.criterion, value: s.value })) });
          }
          const inSql = await roundResults({ roundId: w.round.id });
          const inJs = aggregate(scores, CRITERIA);
          expect(Object.fromEntries(inSql.map((r) => [r.needId, r.rank]))).toEqual(Object.fromEntries(inJs.map((r) => [r.need, r.rank])));
          for (const r of inSql) expect(r.score).toBeCloseTo(inJs.find((j) => j.need === r.needId)!.score, 9);
        },
      ),
      { numRuns: 15 },
    );
  }, 60_000);
});

describe("scoring", () => {
  it("refuses a score outside the scale, a need not in the round, an observer, and scoring after the deadline; nothing is written", async () => {
    const w = await world({ deadline: new Date("2030-01-01T00:00:00Z") });
    const [lead] = w.leads;
    const need = w.needs[0]!.id;
    expect((await refusal(saveScores({ roundId: w.round.id, userId: lead!.id, scores: [{ needId: need, criterion: "value", value: 6 }] }))).message).toBe("Score from 1 to 5");
    expect((await refusal(saveScores({ roundId: w.round.id, userId: lead!.id, scores: [{ needId: need, criterion: "colour", value: 3 }] }))).message).toBe("That criterion is not in this round");
    const outsider = await createNeed({
      input: { statement: "A need outside the round", outcome: "", process: "", criticalPeriod: "", pain: "", category: "cost", unitIds: [(await makeUnit()).id], evidenceIds: [] },
      viewer: { id: w.rm.id, role: w.rm.role },
      actor: w.actor,
    });
    expect((await refusal(saveScores({ roundId: w.round.id, userId: lead!.id, scores: [{ needId: outsider.id, criterion: "value", value: 3 }] }))).code).toBe("need_not_in_round");
    expect((await refusal(saveScores({ roundId: w.round.id, userId: w.exec.id, scores: [{ needId: need, criterion: "value", value: 3 }] }))).code).toBe("observer");
    expect((await refusal(saveScores({ roundId: w.round.id, userId: lead!.id, scores: [{ needId: need, criterion: "value", value: 3 }], now: new Date("2030-01-02T00:00:00Z") }))).code).toBe("past_deadline");
    expect(await db().select().from(roundScores)).toHaveLength(0);
  });

  it("shows a lead only their own scores until they submit", async () => {
    const w = await world();
    const [a, b] = w.leads as [(typeof w.leads)[0], (typeof w.leads)[0]];
    const need = w.needs[0]!.id;
    await saveScores({ roundId: w.round.id, userId: a.id, scores: [{ needId: need, criterion: "value", value: 4 }] });
    await saveScores({ roundId: w.round.id, userId: b.id, scores: [{ needId: need, criterion: "value", value: 2 }] });
    expect((await scoresVisibleTo({ roundId: w.round.id, viewer: a })).map((s) => s.value)).toEqual([4]);
    await submitScores({ roundId: w.round.id, userId: a.id, actor: w.actor });
    expect((await scoresVisibleTo({ roundId: w.round.id, viewer: a })).map((s) => s.value).sort()).toEqual([2, 4]);
    expect((await scoresVisibleTo({ roundId: w.round.id, viewer: b })).map((s) => s.value)).toEqual([2]);
    expect((await scoresVisibleTo({ roundId: w.round.id, viewer: w.exec })).length).toBe(2);
  });

  it("freezes a closed round: its snapshot verifies, its scores cannot change, even bypassing the model", async () => {
    const w = await world();
    const need = w.needs[0]!.id;
    await saveScores({ roundId: w.round.id, userId: w.leads[0]!.id, scores: [{ needId: need, criterion: "value", value: 4 }], rationales: [{ needId: need, text: "Saturdays first" }] });
    const { hash } = await closeRound({ id: w.round.id, actor: w.actor });
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await verifyRoundSnapshot(w.round.id)).toBe(true);
    expect((await refusal(saveScores({ roundId: w.round.id, userId: w.leads[0]!.id, scores: [{ needId: need, criterion: "value", value: 1 }] }))).code).toBe("round_closed");
    await expect(db().update(roundScores).set({ value: 1 }).where(eq(roundScores.roundId, w.round.id))).rejects.toThrow();
    // Weights changed afterwards do not move the closed ranking.
    await db().update(rounds).set({ criteria: CRITERIA.map((c) => ({ ...c, weight: 5 })) }).where(eq(rounds.id, w.round.id));
    expect(await verifyRoundSnapshot(w.round.id)).toBe(true);
  });
});
