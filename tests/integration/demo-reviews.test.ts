import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, services, users } from "../../db/schema";
import { db } from "../../app/db.server";
import { addMonths, attainment, measuredLevels, monthsEnding } from "../../app/domain/review";
import { verifyAuditChain } from "../../app/models/audit.server";
import { definitionInForce, measurementsOf } from "../../app/models/measures.server";
import { reviewsOf } from "../../app/models/review.server";
import { servicesWithSuspects, suspectsOf } from "../../app/models/suspect.server";
import { portfolioHealth, reviewsDue } from "../../app/models/service-health.server";
import { loadDemoWorkspace } from "../../db/seed/demo";
import { DEMO_DIP_MONTHS_AGO, DEMO_MEASURED_MONTHS, DEMO_OVERDUE_REVIEW, DEMO_REVIEWED_SERVICE } from "../../db/seed/reviews";

describe("the demo's reviews and measures", () => {
  it("has a year of Branch Banking measures with a Saturday dip, two reviews either side of a supplier change, and one overdue review elsewhere", async () => {
    const started = Date.now();
    await loadDemoWorkspace();
    const today = new Date(started).toISOString().slice(0, 10);
    const all = await db().select().from(services);
    const byName = (name: string) => all.find((s) => s.name === name)!;
    const branch = byName(DEMO_REVIEWED_SERVICE);

    // Two reviews, effective then partially effective, the supplier change between them.
    const reviews = await reviewsOf(branch.id);
    const [second, first] = reviews;
    expect(reviews.map((r) => r.effectiveness).reverse()).toEqual(["effective", "partially_effective"]);
    expect(first!.reviewedOn).toBe(addMonths(today, -11));
    expect(second!.reviewedOn).toBe(addMonths(today, -5));
    expect(reviews.every((r) => r.versionNumber === 1 && r.by === "Tom Okafor" && r.notes !== "" && r.measuresSummary !== "")).toBe(true);
    const supplier = second!.events.find((e) => e.kind === "supplier_change");
    expect(supplier).toBeDefined();
    expect(supplier!.occurredOn > first!.reviewedOn && supplier!.occurredOn < second!.reviewedOn).toBe(true);
    expect(supplier!.description).toMatch(/Northline/);
    expect(second!.measuresSummary).toMatch(/Saturday opening: \d+ of 36 measurements/);
    expect(first!.actions.map((a) => a.status)).toEqual(["done"]);
    expect(second!.actions.map((a) => a.status)).toEqual(["done", "open"]);
    expect(second!.actions.every((a) => a.owner !== "" && a.dueOn > second!.reviewedOn)).toBe(true);

    // Reviewed every 6 months: the next review a cadence after the newest, about a month from now.
    expect(branch.reviewEveryMonths).toBe(6);
    expect(branch.nextReview).toBe(addMonths(second!.reviewedOn, 6));
    expect(branch.nextReview! > today).toBe(true);

    // Twelve full months before this one, for every level of version 1.
    const inForce = (await definitionInForce(db(), [branch.id])).get(branch.id)!;
    expect(inForce.agreedVersion).toBe(1);
    const levels = measuredLevels(inForce.definition);
    const months = monthsEnding(addMonths(today, -1), DEMO_MEASURED_MONTHS);
    const measured = await measurementsOf(branch.id);
    for (const level of levels) expect(measured.filter((m) => m.levelId === level.id).map((m) => m.period)).toEqual(months);
    expect(measured).toHaveLength(levels.length * 12);

    // Saturday opening dips for three months while normal time stays mostly met.
    const groups = attainment(levels, measured, months);
    const normal = groups.find((g) => g.periodId === null)!;
    const saturday = groups.find((g) => g.periodId === "saturday-opening")!;
    const dip = DEMO_DIP_MONTHS_AGO.map((n) => months.length - n);
    for (const i of dip) expect(saturday.share[i]!).toBeLessThan(normal.share[i]!);
    for (const i of dip) expect(saturday.share[i]!).toBeLessThanOrEqual(0.67);
    const metShare = (g: typeof normal, indexes: number[]) => {
      const cells = g.levels.flatMap((l) => indexes.map((i) => l.cells[i]));
      return cells.filter((c) => c?.met).length / cells.length;
    };
    const others = months.map((_, i) => i).filter((i) => !dip.includes(i));
    expect(metShare(normal, months.map((_, i) => i))).toBeGreaterThanOrEqual(0.9);
    expect(metShare(saturday, others)).toBeGreaterThanOrEqual(0.9);
    const sat = (id: string) => saturday.levels.find((l) => l.level.id === id)!.cells[dip[0]!]!;
    expect([sat("sl-sat-phones").value, sat("sl-sat-it-answer").value, sat("sl-sat-available").value]).toEqual([40, 9, 97.8]);

    // Branch facilities, reviewed every 12 months and last about 14 months ago: overdue.
    const overdue = byName(DEMO_OVERDUE_REVIEW);
    expect(overdue.reviewEveryMonths).toBe(12);
    expect(overdue.nextReview).toBe(addMonths(addMonths(today, -14), 12));
    const health = await portfolioHealth({ on: today });
    expect(health.filter((h) => h.overdue).map((h) => h.name)).toEqual([DEMO_OVERDUE_REVIEW]);
    expect(health.find((h) => h.name === DEMO_OVERDUE_REVIEW)!.lastReview).toMatchObject({ effectiveness: "effective", on: addMonths(today, -14) });
    expect(health.find((h) => h.name === DEMO_REVIEWED_SERVICE)).toMatchObject({
      overdue: false,
      lastReview: { effectiveness: "partially_effective" },
      latestMonth: months[11],
      openActions: 1,
    });
    const due = await reviewsDue({ on: today });
    expect(due.filter((d) => d.overdue).map((d) => d.name)).toEqual([DEMO_OVERDUE_REVIEW]);

    // Through the models, as the relationship manager: an import, the newest month typed, and a chain that verifies.
    const [rm] = await db().select().from(users).where(eq(users.email, "rm@meridian.example"));
    const events = await db()
      .select({ kind: auditEvents.kind, actorId: auditEvents.actorId, payload: auditEvents.payload })
      .from(auditEvents)
      .where(inArray(auditEvents.subjectId, [branch.id, overdue.id]));
    const of = (kind: string) => events.filter((e) => e.kind === kind);
    expect(of("measures.imported").map((e) => (e.payload as { rows: number }).rows)).toEqual([levels.length * 11]);
    expect(of("measures.recorded")).toHaveLength(1);
    expect(of("review.recorded")).toHaveLength(3);
    expect(of("review.action_updated")).toHaveLength(2);
    expect(events.filter((e) => e.kind.startsWith("measures.") || e.kind.startsWith("review.")).every((e) => e.actorId === rm!.id)).toBe(true);
    expect((await verifyAuditChain(db())).ok).toBe(true);

    // The warm-transfer need was edited after version 1 was agreed: the Monday peak, its level and the outcome it answers are suspect, with why.
    const suspect = await suspectsOf(branch.id);
    expect(suspect.versionNumber).toBe(1);
    expect(suspect.items.map((i) => [i.clauseId, i.reason])).toEqual([
      ["monday-peak", "need_edited"],
      ["picked-up-where-left", "need_edited"],
      ["sl-monday-transfers", "need_edited"],
    ]);
    expect(suspect.items[0]!.detail).toMatch(/^N-\d+ was edited \(pain changed\)$/);
    expect((await servicesWithSuspects()).map((s) => [s.id, s.clauses, s.reasons])).toEqual([[branch.id, 3, 1]]);
  }, 60_000);
});
