import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { needs, serviceClauseNeeds, serviceDependencies, serviceVersions } from "../../db/schema";
import { db } from "../../app/db.server";
import { definitionSchema } from "../../app/domain/definition";
import { serviceFactsSchema } from "../../app/domain/service";
import type { Actor } from "../../app/models/audit.server";
import { createNeed } from "../../app/models/need.server";
import { closeRound, saveScores } from "../../app/models/round.server";
import { coverageGaps, draftFromNeeds, portfolio } from "../../app/models/service-portfolio.server";
import { contentHash, createVersion, diffVersions, namesFor, verifyVersion } from "../../app/models/service-version.server";
import { addDependency, createProvider, createService, saveDraft, updateServiceFacts } from "../../app/models/service.server";
import { makeUnit, makeUser } from "../support/factories";
import { refusal } from "../support/refusal";
import { roundWorld } from "../support/round-world";

async function people() {
  const rm = await makeUser("relationship_manager");
  const actor: Actor = { id: rm.id, name: rm.name, ip: "", userAgent: "" };
  return { rm, actor };
}
const facts = (over: Record<string, unknown> = {}) => serviceFactsSchema.parse({ name: `Service ${Math.random().toString(36).slice(2, 8)}`, kind: "supporting", ...over });

describe("the dependency graph", () => {
  it("refuses a loop with its path in words, and a dependency on itself; nothing is written", async () => {
    const { actor } = await people();
    const a = await createService({ input: facts({ name: "Branch Banking", kind: "business" }), actor });
    const b = await createService({ input: facts({ name: "Core banking application" }), actor });
    const c = await createService({ input: facts({ name: "Network connectivity" }), actor });
    await addDependency({ serviceId: a.id, dependsOnId: b.id, actor });
    await addDependency({ serviceId: b.id, dependsOnId: c.id, actor });
    const loop = await refusal(addDependency({ serviceId: c.id, dependsOnId: a.id, actor }));
    expect(loop.message).toBe("That would make a loop: Network connectivity → Branch Banking → Core banking application → Network connectivity");
    expect((await refusal(addDependency({ serviceId: a.id, dependsOnId: a.id, actor }))).message).toBe("A service cannot depend on itself");
    expect((await refusal(addDependency({ serviceId: a.id, dependsOnId: b.id, actor }))).code).toBe("dependency_exists");
    const edges = await db().select().from(serviceDependencies).where(inArray(serviceDependencies.serviceId, [a.id, b.id, c.id]));
    expect(edges).toHaveLength(2);
  });
});

describe("facts and drafts", () => {
  it("refuses an agreement that ends before it starts, a service level for a critical period the definition does not name, and a target that is not a number", async () => {
    const bad = serviceFactsSchema.safeParse({ name: "Branch telephony", kind: "supporting", agreementKind: "contract", agreementStart: "2027-01-01", agreementEnd: "2026-12-31" });
    expect(bad.success ? [] : bad.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([["agreementEnd", "The agreement cannot end before it starts"]]);
    const definition = definitionSchema.safeParse({
      serviceLevels: [
        { id: "l1", period: "month-end", measure: "Extracts loaded", kind: "minutes", target: "soon", howMeasured: "Batch log" },
        { id: "l2", period: null, measure: "Availability", kind: "percent", target: "120", howMeasured: "Monitoring" },
      ],
    });
    expect(definition.success ? [] : definition.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["serviceLevels.0.period", "That critical period is not named in this definition: add it first"],
      ["serviceLevels.0.target", "Give the target as a number"],
      ["serviceLevels.1.target", "A percentage is at most 100"],
    ]);
  });

  it("keeps each clause's needs linked both ways, refuses a merged or unknown need, and refuses a stale draft", async () => {
    const { rm, actor } = await people();
    const unit = await makeUnit();
    const need = await createNeed({
      input: { statement: "Branches can open accounts on Saturdays", outcome: "", process: "", criticalPeriod: "", pain: "", category: "availability", unitIds: [unit.id], evidenceIds: [] },
      viewer: rm,
      actor,
    });
    const s = await createService({ input: facts({ kind: "business" }), actor });
    const definition = definitionSchema.parse({ outcomes: [{ id: "o1", text: "Accounts opened on Saturdays", needIds: [need.id] }], consumers: [{ unitId: unit.id, spokesperson: "Maria Lopez" }] });
    const { revision } = await saveDraft({ id: s.id, revision: 1, definition, actor });
    expect(await db().select().from(serviceClauseNeeds).where(eq(serviceClauseNeeds.needId, need.id))).toEqual([{ serviceId: s.id, clauseId: "o1", kind: "outcome", needId: need.id }]);
    expect((await refusal(saveDraft({ id: s.id, revision: 1, definition, actor }))).code).toBe("stale");
    const unknown = definitionSchema.parse({ outcomes: [{ id: "o1", text: "x", needIds: ["00000000-0000-4000-8000-000000000000"] }] });
    expect((await refusal(saveDraft({ id: s.id, revision, definition: unknown, actor }))).code).toBe("need_not_found");
  });
});

describe("versions", () => {
  it("freeze the service with a content hash independent of key order; nothing changed is refused; the diff reads field by field", async () => {
    const { actor } = await people();
    const unit = await makeUnit({ name: "Retail Banking" });
    const provider = await createProvider({ input: { name: `IT ${Math.random()}`, kind: "internal", businessUnitId: unit.id, description: "" }, actor });
    const s = await createService({ input: facts({ name: "Branch Banking", kind: "business", providerId: provider.id, ownerName: "Priya Shah" }), actor });
    const base = definitionSchema.parse({
      purpose: "Branches serve customers in person.",
      outcomes: [{ id: "o1", text: "Customers open accounts in a branch" }],
      consumers: [{ unitId: unit.id, spokesperson: "Maria Lopez" }],
      criticalPeriods: [{ id: "sat", name: "Saturday opening", when: "Saturdays 08:30–13:30" }],
      serviceLevels: [{ id: "l1", period: "sat", measure: "Accounts opened within", kind: "minutes", target: "20", howMeasured: "Branch system timestamps" }],
    });
    const { revision } = await saveDraft({ id: s.id, revision: 1, definition: base, actor });
    const v1 = await createVersion({ id: s.id, actor });
    expect(v1.number).toBe(1);
    expect(v1.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await refusal(createVersion({ id: s.id, actor }))).message).toBe("Nothing has changed since version 1");
    const [stored] = await db().select().from(serviceVersions).where(eq(serviceVersions.serviceId, s.id));
    // The same content in another key order hashes the same.
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reverseKeys) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)])) : v;
    const reordered = reverseKeys(stored!.content) as NonNullable<typeof stored>["content"];
    expect(Object.keys(reordered)).toEqual([...Object.keys(stored!.content)].reverse());
    expect(contentHash(reordered)).toBe(v1.hash);
    expect(await verifyVersion(s.id, 1)).toBe(true);
    await expect(db().update(serviceVersions).set({ contentHash: "x" }).where(eq(serviceVersions.serviceId, s.id))).rejects.toThrow();

    const changed = definitionSchema.parse({
      ...base,
      outcomes: [...base.outcomes, { id: "o2", text: "Customers reach a person at their branch by phone" }],
      serviceLevels: [{ ...base.serviceLevels[0]!, target: "15" }],
      criticalPeriods: base.criticalPeriods,
    });
    await saveDraft({ id: s.id, revision, definition: changed, actor });
    await updateServiceFacts({ id: s.id, revision: revision + 1, input: facts({ name: "Branch Banking", kind: "business", providerId: provider.id, ownerName: "Tom Okafor", lifecycle: "operation" }), actor });
    const toDraft = await diffVersions({ serviceId: s.id, from: 1, to: "draft" });
    expect(toDraft.map((c) => [c.section, c.change, c.before, c.after])).toEqual([
      ["Accountable owner", "changed", "Priya Shah", "Tom Okafor"],
      ["Lifecycle stage", "changed", "Design", "Operation"],
      ["Outcomes", "added", null, "Customers reach a person at their branch by phone"],
      [
        "Service levels",
        "changed",
        "During Saturday opening: Accounts opened within, target 20 minutes; measured by Branch system timestamps",
        "During Saturday opening: Accounts opened within, target 15 minutes; measured by Branch system timestamps",
      ],
    ]);
    const v2 = await createVersion({ id: s.id, actor });
    expect((await diffVersions({ serviceId: s.id, from: 1, to: v2.number })).length).toBe(4);
    expect(await diffVersions({ serviceId: s.id, from: 2, to: "draft" })).toEqual([]);
  });
});

describe("draft from needs, coverage and the portfolio", () => {
  it("prefills outcomes, critical periods and consumers linked to their needs; a highly ranked need no definition answers is a gap", async () => {
    const w = await roundWorld({ needCount: 3 });
    const [n1, n2, n3] = w.needs as [(typeof w.needs)[0], (typeof w.needs)[0], (typeof w.needs)[0]];
    const s = (needId: string, value: number) => ({ needId, criterion: "value", value });
    await saveScores({ roundId: w.round.id, userId: w.leads[0]!.id, scores: [s(n1.id, 5), s(n2.id, 4), s(n3.id, 1)] });
    await closeRound({ id: w.round.id, actor: w.actor });
    const gapsBefore = (await coverageGaps()).map((g) => g.needId);
    expect(gapsBefore).toEqual(expect.arrayContaining([n1.id, n2.id, n3.id]));
    const made = await draftFromNeeds({ input: facts({ name: "Branch Banking", kind: "business" }), needIds: [n1.id, n2.id], actor: w.actor });
    const row = (await portfolio()).find((p) => p.id === made.id)!;
    expect(row).toMatchObject({ name: "Branch Banking", needs: 2, topNeed: { number: n1.number, rank: 1, ranked: 3 }, version: null, consumers: w.unit.name });
    const links = await db().select().from(serviceClauseNeeds).where(eq(serviceClauseNeeds.serviceId, made.id));
    expect(links.filter((l) => l.kind === "outcome").map((l) => [l.clauseId, l.needId]).sort()).toEqual(
      [
        [`outcome-${n1.number}`, n1.id],
        [`outcome-${n2.number}`, n2.id],
      ].sort(),
    );
    const gapsAfter = (await coverageGaps()).map((g) => g.needId);
    expect(gapsAfter).not.toContain(n1.id);
    expect(gapsAfter).toContain(n3.id);
    expect((await refusal(draftFromNeeds({ input: facts(), needIds: [], actor: w.actor }))).code).toBe("no_needs");
  });
});

describe("a version reads as it was frozen", () => {
  it("keeps the needs' words of its day, while the draft reads today's; the diff shows the rewording", async () => {
    const { rm, actor } = await people();
    const unit = await makeUnit();
    const need = await createNeed({
      input: { statement: "Branch phones work on Saturdays", outcome: "", process: "", criticalPeriod: "", pain: "", category: "availability", unitIds: [unit.id], evidenceIds: [] },
      viewer: rm,
      actor,
    });
    const s = await createService({ input: facts({ kind: "business" }), actor });
    await saveDraft({ id: s.id, revision: 1, definition: definitionSchema.parse({ needIds: [need.id] }), actor });
    await createVersion({ id: s.id, actor });
    await db().update(needs).set({ statement: "Branch phones work whenever a branch is open" }).where(eq(needs.id, need.id));
    const [v1] = await db().select().from(serviceVersions).where(eq(serviceVersions.serviceId, s.id));
    const names = await namesFor(v1!.content);
    expect(names.need(need.id)).toBe(`N-${need.number} Branch phones work on Saturdays`);
    expect(await diffVersions({ serviceId: s.id, from: 1, to: "draft" })).toEqual([
      { key: `need:${need.id}`, section: "Needs answered", change: "changed", before: `N-${need.number} Branch phones work on Saturdays`, after: `N-${need.number} Branch phones work whenever a branch is open` },
    ]);
  });
});

