import fc from "fast-check";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, roundRanks, rounds, roundScores } from "../../db/schema";
import { db } from "../../app/db.server";
import { aggregateMoscow, aggregateRice } from "../../app/domain/round";
import { setNeedEffort } from "../../app/models/effort.server";
import { leadRankings, participation } from "../../app/models/round-results.server";
import { autosaveCells, closeRound, createRound, needRanks, openRound, reopenRound, roundResults, saveScores, submitScores, verifyRoundSnapshot } from "../../app/models/round.server";
import { refusal } from "../support/refusal";
import { ROUND_CRITERIA, roundWorld, scoresOf } from "../support/round-world";
import { listNeeds } from "../../app/models/need-board.server";
import { needFilterSchema } from "../../app/domain/need";

const scoreName = (needId: string, criterion: string) => `score.${needId}.${criterion}`;

describe("MoSCoW rounds", () => {
  it("rank by average points in SQL as the domain does, and hold each lead to the cap on musts", async () => {
    const w = await roundWorld({ method: "moscow", mustCap: 0.25, needCount: 4 });
    const [n1, n2, n3, n4] = w.needs.map((n) => n.id) as [string, string, string, string];
    const [a, b] = w.leads as [(typeof w.leads)[0], (typeof w.leads)[0]];
    const m = (needId: string, value: number) => ({ needId, criterion: "moscow", value });
    await saveScores({ roundId: w.round.id, userId: a.id, scores: [m(n1, 1), m(n2, 2), m(n3, 4), m(n4, 3)] });
    await saveScores({ roundId: w.round.id, userId: b.id, scores: [m(n1, 2), m(n2, 1), m(n3, 3)] });
    // A 25% cap on 4 needs is one must each: a second is refused and nothing of it is written.
    const refused = await refusal(saveScores({ roundId: w.round.id, userId: a.id, scores: [m(n2, 1)] }));
    expect(refused.message).toBe("At most 1 of the 4 needs can be a must in this round (that would make 2)");
    const [cell] = await autosaveCells({ roundId: w.round.id, userId: a.id, saves: [{ name: scoreName(n4, "moscow"), value: "1", base: 1 }] });
    expect(cell).toMatchObject({ status: "invalid", message: "At most 1 of the 4 needs can be a must in this round (that would make 2)" });
    const stored = await db().select().from(roundScores).where(and(eq(roundScores.roundId, w.round.id), eq(roundScores.userId, a.id), eq(roundScores.value, 1)));
    expect(stored).toHaveLength(1);

    const results = await roundResults({ roundId: w.round.id });
    // n1: must 3 and should 2 → 2.5; n2: 2 and 3 → 2.5; n4: could 1 (b skipped) → 1; n3: won't 0 and could 1 → 0.5.
    expect(results.map((r) => [r.needId, r.rank, r.score])).toEqual(
      [
        [n1, 1, 2.5],
        [n2, 1, 2.5],
        [n4, 3, 1],
        [n3, 4, 0.5],
      ].sort((x, y) => (x[1] as number) - (y[1] as number) || String(x[0]).localeCompare(String(y[0]))),
    );
    const scores = await scoresOf(w.round.id);
    expect(results.map((r) => [r.needId, r.rank])).toEqual(aggregateMoscow(scores).map((r) => [r.need, r.rank]));
  });
});

describe("the cap on musts, whatever a lead does", () => {
  it("never lets a lead's musts exceed the cap, through autosaves and whole-grid posts alike", async () => {
    const w = await roundWorld({ method: "moscow", mustCap: 0.4, needCount: 5 });
    const lead = w.leads[0]!;
    const names = w.needs.map((n) => scoreName(n.id, "moscow"));
    const musts = async () => (await scoresOf(w.round.id)).filter((s) => s.lead === lead.id && s.value === 1).length;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.subarray(names, { minLength: 1 }), fc.constantFrom("", "1", "2", "3", "4"), fc.boolean()), { minLength: 1, maxLength: 8 }),
        async (steps) => {
          for (const [cells, value, whole] of steps) {
            const saves = cells.map((name) => ({ name, value, base: null as number | null }));
            // `whole`: as a post of the grid (checked by time); otherwise as autosaves carrying each cell's revision.
            if (!whole) {
              const current = await db().select().from(roundScores).where(and(eq(roundScores.roundId, w.round.id), eq(roundScores.userId, lead.id)));
              for (const save of saves) save.base = current.find((c) => scoreName(c.needId, c.criterion) === save.name)?.revision ?? 0;
            }
            await autosaveCells({ roundId: w.round.id, userId: lead.id, saves, seenAt: whole ? new Date() : null });
            // 40% of 5 needs: at most 2 musts.
            expect(await musts()).toBeLessThanOrEqual(2);
          }
        },
      ),
      { numRuns: 20 },
    );
  }, 60_000);
});

describe("RICE rounds", () => {
  it("divide each lead's reach × impact × confidence by IT's effort, leave unestimated needs unranked, and agree with the domain", async () => {
    const w = await roundWorld({ method: "rice", needCount: 3 });
    const [n1, n2, n3] = w.needs.map((n) => n.id) as [string, string, string];
    await setNeedEffort({ needId: n1, input: { size: null, days: 10, note: "" }, actor: w.actor });
    await setNeedEffort({ needId: n2, input: { size: "s", days: null, note: "A size only: 5 days" }, actor: w.actor });
    const r = (needId: string, reach: number, impact: number, confidence: number) => [
      { needId, criterion: "reach", value: reach },
      { needId, criterion: "impact", value: impact },
      { needId, criterion: "confidence", value: confidence },
    ];
    // a: n1 = 100 × 2 × 1 / 10 = 20; n2 = 40 × 1 × 0.8 / 5 = 6.4.  b: n1 = 50 × 1 × 0.5 / 10 = 2.5; n2 = 60 × 3 × 1 / 5 = 36.
    await saveScores({ roundId: w.round.id, userId: w.leads[0]!.id, scores: [...r(n1, 100, 3, 2), ...r(n2, 40, 2, 1), ...r(n3, 500, 4, 2)] });
    await saveScores({ roundId: w.round.id, userId: w.leads[1]!.id, scores: [...r(n1, 50, 2, 0), ...r(n2, 60, 4, 2)] });
    const results = await roundResults({ roundId: w.round.id });
    expect(results.map((x) => x.needId)).toEqual([n2, n1]);
    expect(results[0]!.score).toBeCloseTo((6.4 + 36) / 2, 9);
    expect(results[1]!.score).toBeCloseTo((20 + 2.5) / 2, 9);
    const scores = await scoresOf(w.round.id);
    const inJs = aggregateRice(scores, new Map([[n1, 10], [n2, 5]]));
    expect(inJs.map((x) => [x.need, x.rank])).toEqual(results.map((x) => [x.needId, x.rank]));
    expect(inJs[0]!.score).toBeCloseTo(results[0]!.score, 9);
    expect((await refusal(saveScores({ roundId: w.round.id, userId: w.leads[0]!.id, scores: [{ needId: n1, criterion: "impact", value: 9 }] }))).message).toBe("Choose an impact");
  });
});

describe("each lead's own ranking and participation", () => {
  it("orders the needs by each lead's own weighted scores and counts what each lead has done", async () => {
    const w = await roundWorld({ needCount: 3 });
    const [n1, n2, n3] = w.needs.map((n) => n.id) as [string, string, string];
    const [a, b] = w.leads as [(typeof w.leads)[0], (typeof w.leads)[0]];
    const s = (needId: string, value: number, time: number) => [
      { needId, criterion: "value", value },
      { needId, criterion: "time", value: time },
    ];
    await saveScores({ roundId: w.round.id, userId: a.id, scores: [...s(n1, 5, 5), ...s(n2, 3, 3), ...s(n3, 1, 1)], rationales: [{ needId: n1, text: "Saturdays" }] });
    await saveScores({ roundId: w.round.id, userId: b.id, scores: [...s(n1, 1, 1), ...s(n2, 5, 2)] });
    const rankings = await leadRankings({ roundId: w.round.id });
    const ofA = rankings.find((r) => r.userId === a.id)!;
    const ofB = rankings.find((r) => r.userId === b.id)!;
    expect([ofA.ranks[n1]!.rank, ofA.ranks[n2]!.rank, ofA.ranks[n3]!.rank]).toEqual([1, 2, 3]);
    expect([ofB.ranks[n2]!.rank, ofB.ranks[n1]!.rank, ofB.ranks[n3]]).toEqual([1, 2, undefined]);
    expect(ofB.ranks[n2]!.value).toBeCloseTo((2 * 5 + 2) / 3, 9);
    await submitScores({ roundId: w.round.id, userId: a.id, actor: w.actor });
    const people = await participation({ roundId: w.round.id });
    expect(people.find((p) => p.userId === a.id)).toMatchObject({ role: "scorer", scoredNeeds: 3, needs: 3, rationales: 1 });
    expect(people.find((p) => p.userId === a.id)!.submittedAt).not.toBeNull();
    expect(people.find((p) => p.userId === b.id)).toMatchObject({ scoredNeeds: 2, submittedAt: null, rationales: 0 });
    expect(people.find((p) => p.userId === w.exec.id)).toMatchObject({ role: "observer" });
  });
});

describe("the grid's autosave", () => {
  it("saves a cell that still holds what the page saw, treats a repeat as saved, and returns a conflict for a stale one", async () => {
    const w = await roundWorld();
    const lead = w.leads[0]!;
    const need = w.needs[0]!.id;
    const name = scoreName(need, "value");
    const first = await autosaveCells({ roundId: w.round.id, userId: lead.id, saves: [{ name, value: "4", base: 0 }] });
    expect(first).toEqual([{ name, status: "saved", value: "4", revision: 1 }]);
    // The same request again (a retry after a lost answer) changes nothing.
    expect(await autosaveCells({ roundId: w.round.id, userId: lead.id, saves: [{ name, value: "4", base: 0 }] })).toEqual([{ name, status: "saved", value: "4", revision: 1 }]);
    // Another window, still on revision 0, tries a 2: it is told what is stored, and the 4 stays.
    expect(await autosaveCells({ roundId: w.round.id, userId: lead.id, saves: [{ name, value: "2", base: 0 }] })).toEqual([{ name, status: "conflict", value: "4", revision: 1 }]);
    // Bad values are refused one by one; the good one beside them is saved.
    const mixed = await autosaveCells({
      roundId: w.round.id,
      userId: lead.id,
      saves: [
        { name, value: "9", base: 1 },
        { name: scoreName(need, "time"), value: "abc", base: 0 },
        { name: `why.${need}`, value: "Branches lose Saturday trade", base: 0 },
        { name: scoreName(w.needs[1]!.id, "colour"), value: "3", base: 0 },
      ],
    });
    expect(mixed.map((r) => (r.status === "invalid" ? r.message : r.status))).toEqual(["Score from 1 to 5", "Scores are whole numbers", "saved", "That criterion is not in this round"]);
    // Clearing a score empties it; the cell keeps counting its revisions.
    expect(await autosaveCells({ roundId: w.round.id, userId: lead.id, saves: [{ name, value: "", base: 1 }] })).toEqual([{ name, status: "saved", value: "", revision: 2 }]);
    expect(await scoresOf(w.round.id)).toEqual([]);
  });

  it("does not let a page that saw an old score overwrite one cleared and set again elsewhere", async () => {
    const w = await roundWorld();
    const lead = w.leads[0]!;
    const name = scoreName(w.needs[0]!.id, "value");
    const save = (value: string, base: number) => autosaveCells({ roundId: w.round.id, userId: lead.id, saves: [{ name, value, base }] });
    // Both windows see a 5 (revision 1); the second clears it and then gives a 2.
    expect((await save("5", 0))[0]).toMatchObject({ revision: 1 });
    expect((await save("", 1))[0]).toMatchObject({ status: "saved", revision: 2 });
    expect((await save("2", 2))[0]).toMatchObject({ status: "saved", revision: 3 });
    // The first window, still on revision 1, tries a 4: a conflict, and the 2 stands.
    expect(await save("4", 1)).toEqual([{ name, status: "conflict", value: "2", revision: 3 }]);
    expect((await scoresOf(w.round.id)).map((s) => s.value)).toEqual([2]);
  });

  it("refuses the whole request after the deadline, after submitting, for observers, and in a closed round", async () => {
    const w = await roundWorld({ deadline: new Date("2030-01-01T00:00:00Z") });
    const need = w.needs[0]!.id;
    const saves = [{ name: scoreName(need, "value"), value: "3", base: 0 }];
    expect((await refusal(autosaveCells({ roundId: w.round.id, userId: w.leads[0]!.id, saves, now: new Date("2030-01-02T00:00:00Z") }))).code).toBe("past_deadline");
    expect((await refusal(autosaveCells({ roundId: w.round.id, userId: w.exec.id, saves }))).code).toBe("observer");
    await submitScores({ roundId: w.round.id, userId: w.leads[1]!.id, actor: w.actor });
    expect((await refusal(autosaveCells({ roundId: w.round.id, userId: w.leads[1]!.id, saves }))).code).toBe("already_submitted");
    await closeRound({ id: w.round.id, actor: w.actor });
    expect((await refusal(autosaveCells({ roundId: w.round.id, userId: w.leads[0]!.id, saves }))).code).toBe("round_closed");
    expect(await db().select().from(roundScores).where(eq(roundScores.roundId, w.round.id))).toHaveLength(0);
  });

  it("ends, whatever the order of saves and retries, with each cell's last value", async () => {
    const w = await roundWorld({ needCount: 2 });
    const lead = w.leads[0]!;
    const names = w.needs.flatMap((n) => [scoreName(n.id, "value"), scoreName(n.id, "time")]);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...names), fc.constantFrom("", "1", "2", "3", "4", "5"), fc.boolean()), { minLength: 1, maxLength: 12 }), async (edits) => {
        // The page: the last revision it knows of per cell, resending each save once more where `repeat` says so.
        const known = new Map<string, number>();
        const current = await db().select().from(roundScores).where(and(eq(roundScores.roundId, w.round.id), eq(roundScores.userId, lead.id)));
        for (const s of current) known.set(scoreName(s.needId, s.criterion), s.revision);
        const last = new Map<string, string>();
        for (const [name, value, repeat] of edits) {
          const save = { name, value, base: known.get(name) ?? 0 };
          for (let i = 0; i < (repeat ? 2 : 1); i++) {
            const [result] = await autosaveCells({ roundId: w.round.id, userId: lead.id, saves: [save] });
            expect(result!.status).toBe("saved");
            if (result!.status === "saved") known.set(name, result!.revision);
          }
          last.set(name, value);
        }
        const after = await db().select().from(roundScores).where(and(eq(roundScores.roundId, w.round.id), eq(roundScores.userId, lead.id)));
        for (const [name, value] of last) expect(after.find((s) => scoreName(s.needId, s.criterion) === name)?.value?.toString() ?? "").toBe(value);
      }),
      { numRuns: 20 },
    );
  }, 60_000);
});

describe("closing and reopening", () => {
  it("records each need's rank on close; an admin's reopening withdraws them with the reason in the audit trail", async () => {
    const w = await roundWorld({ needCount: 2 });
    const [n1, n2] = w.needs.map((n) => n.id) as [string, string];
    await saveScores({ roundId: w.round.id, userId: w.leads[0]!.id, scores: [{ needId: n1, criterion: "value", value: 2 }, { needId: n2, criterion: "value", value: 5 }] });
    await closeRound({ id: w.round.id, actor: w.actor });
    expect((await needRanks(n2)).map((r) => [r.title, r.rank, r.ranked])).toEqual([["Next year's priorities", 1, 2]]);
    expect((await needRanks(n1))[0]!.rank).toBe(2);
    const [closed] = await db().select().from(rounds).where(eq(rounds.id, w.round.id));
    await reopenRound({ id: w.round.id, reason: "Finance's scores were entered against the wrong need", actor: w.actor });
    expect(await needRanks(n1)).toEqual([]);
    expect(await db().select().from(roundRanks).where(eq(roundRanks.roundId, w.round.id))).toHaveLength(0);
    const [event] = await db().select().from(auditEvents).where(and(eq(auditEvents.kind, "round.reopened"), eq(auditEvents.subjectId, w.round.id)));
    expect(event!.payload).toEqual({ reason: "Finance's scores were entered against the wrong need", previousHash: closed!.snapshotHash });
    // Open again: scores change, and closing again records a new, verifiable snapshot.
    await saveScores({ roundId: w.round.id, userId: w.leads[0]!.id, scores: [{ needId: n1, criterion: "value", value: 5 }, { needId: n2, criterion: "value", value: 1 }] });
    const { hash } = await closeRound({ id: w.round.id, actor: w.actor });
    expect(hash).not.toBe(closed!.snapshotHash);
    expect(await verifyRoundSnapshot(w.round.id)).toBe(true);
    expect((await needRanks(n1))[0]!.rank).toBe(1);
    expect((await refusal(reopenRound({ id: (await roundWorld()).round.id, reason: "Not closed", actor: w.actor }))).code).toBe("not_closed");
  });

  it("lets the needs board sort by each need's rank in the latest closed round it was in, unranked needs last", async () => {
    const w = await roundWorld({ needCount: 3 });
    const [n1, n2, n3] = w.needs.map((n) => n.id) as [string, string, string];
    const viewer = { id: w.rm.id, role: w.rm.role, businessUnitId: null };
    const s = (needId: string, value: number) => ({ needId, criterion: "value", value });
    await saveScores({ roundId: w.round.id, userId: w.leads[0]!.id, scores: [s(n1, 1), s(n2, 5)] });
    await closeRound({ id: w.round.id, actor: w.actor });
    const ours = (rows: { id: string }[]) => rows.map((r) => r.id).filter((id) => [n1, n2, n3].includes(id));
    let board = await listNeeds({ viewer, filter: needFilterSchema.parse({ sort: "rank" }) });
    expect(ours(board.rows)).toEqual([n2, n1, n3]);
    expect(board.rows.find((r) => r.id === n2)!.latestRank).toEqual({ rank: 1, ranked: 2, title: "Next year's priorities" });
    expect(board.rows.find((r) => r.id === n3)!.latestRank).toBeNull();
    // A later round of all three, which puts n2 last, counts instead.
    const later = await createRound({
      input: { title: "Later", method: "weighted", criteria: ROUND_CRITERIA, mustCap: null, deadline: null, needIds: [n1, n2, n3], scorerIds: [w.leads[0]!.id], observerIds: [] },
      actor: w.actor,
    });
    await openRound({ id: later.id, actor: w.actor });
    await saveScores({ roundId: later.id, userId: w.leads[0]!.id, scores: [s(n1, 5), s(n3, 3), s(n2, 1)] });
    await closeRound({ id: later.id, actor: w.actor });
    board = await listNeeds({ viewer, filter: needFilterSchema.parse({ sort: "rank" }) });
    expect(ours(board.rows)).toEqual([n1, n3, n2]);
    expect((await needRanks(n1)).map((r) => [r.title, r.rank])).toEqual([
      ["Later", 1],
      ["Next year's priorities", 2],
    ]);
  });
});
