import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, needs, providers, roundRanks, rounds, serviceDependencies, services, serviceVersions, users } from "../../db/schema";
import { db } from "../../app/db.server";
import { clauseNeedLinks } from "../../app/domain/definition";
import { addDays, utcToZoned } from "../../app/domain/interview";
import { coverageGaps, portfolio } from "../../app/models/service-portfolio.server";
import { diffVersions, verifyVersion } from "../../app/models/service-version.server";
import { loadDemoWorkspace } from "../../db/seed/demo";
import { DEMO_NEEDS } from "../../db/seed/needs";
import { DEMO_OVERDUE_REVIEW } from "../../db/seed/reviews";
import { DEMO_CLOSED_ROUND } from "../../db/seed/rounds";
import { DEMO_GAP_NEED } from "../../db/seed/services";

describe("demo services", () => {
  it("hold Branch Banking and what it runs on, two more business services, one agreement renewing soon and one coverage gap", async () => {
    const started = Date.now();
    await loadDemoWorkspace();
    const today = utcToZoned(new Date(started)).date;
    const all = await db().select().from(services);
    const byName = (name: string) => all.find((s) => s.name === name)!;

    // Providers: the bank's own units and two suppliers.
    const who = await db().select().from(providers);
    expect(who.filter((p) => p.kind === "internal").map((p) => p.name).sort()).toEqual(["Facilities", "Finance", "HR", "IT"]);
    expect(who.filter((p) => p.kind === "external")).toHaveLength(2);
    expect(who.filter((p) => p.kind === "internal").every((p) => p.businessUnitId !== null)).toBe(true);

    // Branch Banking: Retail Banking's, tier 1, in operation, with a named owner and at least six supporting services.
    const branch = byName("Branch Banking");
    expect(branch).toMatchObject({ kind: "business", lifecycle: "operation", criticality: "tier1" });
    expect(branch.ownerName).not.toBe("");
    expect(branch.ownerContact).toMatch(/@meridian\.example/);
    expect(branch.draft.consumers[0]!.spokesperson).toContain("Maria Lopez");
    expect(branch.draft.hours.coverage.find((c) => c.day === "sat")).toMatchObject({ from: "08:30", to: "13:30" });
    expect(branch.draft.serviceLevels.some((l) => l.period === "saturday-opening")).toBe(true);
    expect(branch.draft.serviceLevels.some((l) => l.period === null)).toBe(true);
    const edges = await db().select().from(serviceDependencies);
    const supporting = edges.filter((e) => e.serviceId === branch.id).map((e) => all.find((s) => s.id === e.dependsOnId)!);
    expect(supporting.length).toBeGreaterThanOrEqual(6);
    expect(supporting.every((s) => s.kind === "supporting" && s.providerId && s.deliveryModel && s.ownerName && s.agreementKind)).toBe(true);
    expect(supporting.map((s) => s.name)).toEqual(expect.arrayContaining(["Branch telephony", "Desktop", "Core banking application", "Network connectivity", "Branch facilities", "External contact centre"]));
    const network = byName("Network connectivity");
    for (const name of ["Branch telephony", "Desktop"]) expect(edges.some((e) => e.serviceId === byName(name).id && e.dependsOnId === network.id)).toBe(true);

    // Version 1 whose hash verifies, and the draft moved on since (a clause added, one changed), frozen as version 2 for sign-off.
    const versions = await db().select().from(serviceVersions).where(eq(serviceVersions.serviceId, branch.id));
    expect(versions.map((v) => v.number).sort()).toEqual([1, 2]);
    expect(await verifyVersion(branch.id, 1)).toBe(true);
    const changes = await diffVersions({ serviceId: branch.id, from: 1, to: "draft" });
    // The next review date the demo's reviews moved is not a term of the agreement: only the definition changed.
    expect(changes.map((c) => c.change).sort()).toEqual(["added", "changed"]);

    // Agreements: exactly one supplier contract whose renewal notice falls within 60 days, the contact centre's;
    // no other agreement's within 90 (the portfolio's "renewing soon").
    const inWindow = (days: number) => all.filter((s) => s.agreementRenewalNotice !== null && s.agreementRenewalNotice >= today && s.agreementRenewalNotice <= addDays(today, days));
    expect(inWindow(60).filter((s) => s.agreementKind === "contract").map((s) => s.name)).toEqual(["External contact centre"]);
    expect(inWindow(90)).toHaveLength(1);
    expect(all.filter((s) => s.agreementKind === "contract").length).toBeGreaterThanOrEqual(3);
    for (const s of all.filter((s) => s.agreementKind)) {
      expect(s.agreementStart! <= s.agreementEnd!).toBe(true);
      expect(s.agreementRenewalNotice! <= s.agreementEnd!).toBe(true);
    }
    // Every next review ahead of today but the one the demo's reviews leave overdue.
    expect(all.filter((s) => s.nextReview !== null && s.nextReview <= today).map((s) => s.name)).toEqual([DEMO_OVERDUE_REVIEW]);

    // Exactly one coverage gap, the payroll payment file, high in the closed round; every other high need is answered.
    const [closed] = await db().select().from(rounds).where(eq(rounds.title, DEMO_CLOSED_ROUND.title));
    const ranks = await db().select().from(roundRanks).where(eq(roundRanks.roundId, closed!.id));
    const high = ranks.filter((r) => r.rank <= Math.max(3, Math.ceil(r.ranked / 3)));
    expect(high.length).toBeGreaterThanOrEqual(4);
    const gaps = await coverageGaps();
    expect(gaps).toHaveLength(1);
    const gapStatement = DEMO_NEEDS.find((n) => n.key === DEMO_GAP_NEED)!.statement;
    expect(gaps[0]).toMatchObject({ statement: gapStatement, round: DEMO_CLOSED_ROUND.title });
    const answered = new Set(all.flatMap((s) => clauseNeedLinks(s.draft).map((l) => l.needId)));
    expect(high.filter((r) => !answered.has(r.needId)).map((r) => r.needId)).toEqual([gaps[0]!.needId]);

    // Every clause, in drafts and versions, names live needs: neither merged nor rejected.
    const frozen = await db().select().from(serviceVersions);
    const named = [...new Set([...all.map((s) => s.draft), ...frozen.map((v) => v.content.definition)].flatMap((d) => clauseNeedLinks(d).map((l) => l.needId)))];
    expect(named.length).toBeGreaterThanOrEqual(12);
    const rows = await db().select().from(needs).where(inArray(needs.id, named));
    expect(rows).toHaveLength(named.length);
    expect(rows.every((n) => n.mergedInto === null && n.status !== "rejected")).toBe(true);

    // The portfolio: three business services or more; Branch Banking's draft ahead of version 1, Month-end Close's not.
    const listed = await portfolio();
    const businessRows = listed.filter((r) => r.kind === "business");
    expect(businessRows.length).toBeGreaterThanOrEqual(3);
    expect(businessRows.find((r) => r.name === "Branch Banking")).toMatchObject({ version: 2, draftAhead: false, consumers: "Retail Banking" });
    expect(businessRows.find((r) => r.name === "Month-end Close")).toMatchObject({ version: 1, draftAhead: false, consumers: "Finance" });
    expect(businessRows.find((r) => r.name === "Joining the Bank")).toMatchObject({ version: null });
    expect(businessRows.every((r) => r.needs > 0)).toBe(true);

    // Written through the model, as the relationship manager.
    const [rm] = await db().select().from(users).where(eq(users.email, "rm@meridian.example"));
    const events = await db()
      .select({ kind: auditEvents.kind, actorId: auditEvents.actorId })
      .from(auditEvents)
      .where(inArray(auditEvents.subjectId, [...all.map((s) => s.id), ...who.map((p) => p.id)]));
    const count = (kind: string) => events.filter((e) => e.kind === kind).length;
    expect(count("provider.created")).toBe(who.length);
    expect(count("service.created")).toBe(all.length);
    expect(count("service.dependency_added")).toBe(edges.length);
    expect(count("service.version_created")).toBe(3);
    expect(events.every((e) => e.actorId === rm!.id)).toBe(true);
  }, 60_000);
});
