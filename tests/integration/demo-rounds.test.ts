import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, needs, roundRanks, rounds, users } from "../../db/schema";
import { db } from "../../app/db.server";
import { participation } from "../../app/models/round-results.server";
import { listRounds, myScores, roundResults, verifyRoundSnapshot, type RoundResult } from "../../app/models/round.server";
import { loadDemoWorkspace } from "../../db/seed/demo";
import { DEMO_NEEDS } from "../../db/seed/needs";
import { DEMO_CLOSED_ROUND, DEMO_OPEN_ROUND } from "../../db/seed/rounds";

const DAY = 24 * 60 * 60 * 1000;
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Ranks 1..n in order: each the same as the one before (a tie) or its position; tied needs in id order. */
function expectWellFormed(ranking: Pick<RoundResult, "needId" | "rank">[]) {
  expect(ranking[0]!.rank).toBe(1);
  ranking.forEach((r, i) => {
    if (i === 0) return;
    const before = ranking[i - 1]!;
    if (r.rank === before.rank) expect(r.needId > before.needId).toBe(true);
    else expect(r.rank).toBe(i + 1);
  });
}

describe("demo rounds", () => {
  it("hold a closed round four leads scored and disagreed on, and an open one Maria still has to score", async () => {
    await loadDemoWorkspace();
    const people = await db().select().from(users);
    const byEmail = (email: string) => people.find((u) => u.email === email)!;
    expect(people.filter((u) => u.role === "business_lead")).toHaveLength(4);

    const all = await db().select().from(rounds);
    expect(all.map((r) => r.status).sort()).toEqual(["closed", "open"]);
    const closed = all.find((r) => r.status === "closed")!;
    const open = all.find((r) => r.status === "open")!;
    expect(closed.title).toBe(DEMO_CLOSED_ROUND.title);
    expect(open.title).toBe(DEMO_OPEN_ROUND.title);

    // The closed round: a record whose hash verifies, four leads who all submitted, executives watching.
    expect(closed.snapshotHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await verifyRoundSnapshot(closed.id)).toBe(true);
    expect(closed.criteria.map((c) => [c.key, c.weight])).toEqual([
      ["value", 3],
      ["time", 2],
      ["risk", 2],
      ["reach", 1],
    ]);
    const members = await participation({ roundId: closed.id });
    const scorers = members.filter((m) => m.role === "scorer");
    expect(scorers).toHaveLength(4);
    expect(scorers.every((s) => s.submittedAt !== null)).toBe(true);
    expect(scorers.every((s) => s.rationales >= 3)).toBe(true);
    for (const o of members.filter((m) => m.role === "observer")) expect(people.find((u) => u.id === o.userId)!.role).toBe("executive");
    // One lead left a need unscored; the others scored them all.
    const counts = scorers.map((s) => s.scoredNeeds).sort((a, b) => a - b);
    expect(counts[0]).toBeLessThan(counts[1]!);
    expect(counts.slice(1)).toEqual([1, 2, 3].map(() => DEMO_CLOSED_ROUND.needs.length));
    expect(scorers.find((s) => s.scoredNeeds === counts[0])!.userId).toBe(byEmail("lead.facilities@meridian.example").id);

    // The ranking: as recorded, as recomputed, well formed, with every need ranked.
    const snapshot = closed.snapshot as { ranking: RoundResult[]; needs: { id: string }[] };
    const ranking = await roundResults({ roundId: closed.id });
    expect(snapshot.ranking.map((r) => [r.needId, r.rank])).toEqual(ranking.map((r) => [r.needId, r.rank]));
    expect(ranking).toHaveLength(DEMO_CLOSED_ROUND.needs.length);
    expect(snapshot.needs).toHaveLength(DEMO_CLOSED_ROUND.needs.length);
    expectWellFormed(ranking);
    expect(await db().select().from(roundRanks).where(eq(roundRanks.roundId, closed.id))).toHaveLength(ranking.length);

    // Disagreement: a few needs stand well above the usual spread, and they are the ones the story names.
    const typical = median(ranking.map((r) => r.spread));
    const disputed = ranking.filter((r) => r.spread >= 2 * typical && r.high - r.low >= 2.5);
    expect(disputed.length).toBeGreaterThanOrEqual(2);
    expect(disputed.length).toBeLessThanOrEqual(3);
    const statements = new Map((await db().select({ id: needs.id, statement: needs.statement }).from(needs)).map((n) => [n.id, n.statement]));
    const keyOf = (id: string) => DEMO_NEEDS.find((n) => n.statement === statements.get(id))!.key;
    expect(disputed.map((r) => keyOf(r.needId)).sort()).toEqual(["day-one-ready", "extracts-on-time", "saturday-support"]);

    // The open round: due in about a fortnight, Maria yet to submit with at most a couple of scores, the COO observing.
    expect(open.snapshot).toBeNull();
    expect(open.deadline!.getTime() - Date.now()).toBeGreaterThan(13 * DAY);
    expect(open.deadline!.getTime() - Date.now()).toBeLessThan(15 * DAY);
    const openMembers = await participation({ roundId: open.id });
    const maria = byEmail("lead@meridian.example");
    expect(openMembers.find((m) => m.userId === maria.id)).toMatchObject({ role: "scorer", submittedAt: null });
    expect(openMembers.filter((m) => m.role === "scorer" && m.submittedAt !== null)).toHaveLength(2);
    expect(openMembers.find((m) => m.userId === byEmail("exec@meridian.example").id)).toMatchObject({ role: "observer" });
    expect((await myScores({ roundId: open.id, userId: maria.id })).scores.length).toBeLessThanOrEqual(2);
    const hers = await listRounds({ id: maria.id, role: maria.role });
    expect(hers.find((r) => r.id === open.id)).toMatchObject({ status: "open", myRole: "scorer", mySubmitted: false });
    expectWellFormed(await roundResults({ roundId: open.id }));

    // Each step went through the model: its audit events are there.
    const events = await db()
      .select({ kind: auditEvents.kind })
      .from(auditEvents)
      .where(inArray(auditEvents.subjectId, [closed.id, open.id]));
    const count = (kind: string) => events.filter((e) => e.kind === kind).length;
    expect([count("round.created"), count("round.opened"), count("round.scores_submitted"), count("round.closed")]).toEqual([2, 2, 6, 1]);
  }, 60_000);
});
