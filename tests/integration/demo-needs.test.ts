import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { needs, users } from "../../db/schema";
import { db } from "../../app/db.server";
import { similarNeeds } from "../../app/models/need-board.server";
import { getNeed } from "../../app/models/need-detail.server";
import { loadDemoWorkspace } from "../../db/seed/demo";
import { DEMO_MERGE, DEMO_NEAR_DUPLICATES, DEMO_NEEDS } from "../../db/seed/needs";

const statementOf = (key: string) => DEMO_NEEDS.find((n) => n.key === key)!.statement;

describe("demo needs", () => {
  it("suggest each of the waiting near-duplicates for the other, and nothing else; the merged pair counts both", async () => {
    await loadDemoWorkspace();
    const [rm] = await db().select().from(users).where(eq(users.email, "rm@meridian.example"));
    const viewer = { id: rm!.id, role: rm!.role, businessUnitId: null };
    const rows = await db().select().from(needs);
    const byStatement = (s: string) => rows.find((r) => r.statement === s)!;
    const [a, b] = DEMO_NEAR_DUPLICATES.map((k) => byStatement(statementOf(k)));
    expect((await similarNeeds({ text: a!.statement, viewer, excludeId: a!.id })).map((s) => s.id)).toEqual([b!.id]);
    expect((await similarNeeds({ text: b!.statement, viewer, excludeId: b!.id })).map((s) => s.id)).toEqual([a!.id]);
    // A need reworded by hand is found too.
    const reworded = await similarNeeds({ text: "HR's payroll journal is sent to Finance automatically before month end", viewer });
    expect(reworded.map((s) => s.id).sort()).toEqual([a!.id, b!.id].sort());

    const merged = byStatement(statementOf(DEMO_MERGE.need));
    const survivor = byStatement(statementOf(DEMO_MERGE.into));
    expect(merged.mergedInto).toBe(survivor.id);
    const page = await getNeed({ id: survivor.id, viewer });
    const own = await getNeed({ id: merged.id, viewer });
    expect(own!.quotes.length).toBeGreaterThan(0);
    for (const q of own!.quotes) expect(page!.quotes.map((p) => p.id)).toContain(q.id);
    expect(page!.support.stakeholderCount).toBe(survivor.stakeholderCount);
    expect(rows.length).toBeGreaterThanOrEqual(20);
  }, 60_000);
});
