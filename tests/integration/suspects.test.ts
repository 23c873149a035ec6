import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { answers, auditEvents, roundRanks, services, suspectClauses } from "../../db/schema";
import { db } from "../../app/db.server";
import { definitionSchema, type Definition } from "../../app/domain/definition";
import type { GuideContent } from "../../app/domain/guide";
import { serviceFactsSchema } from "../../app/domain/service";
import type { Actor } from "../../app/models/audit.server";
import { captureEvidence, confirmEvidence } from "../../app/models/evidence.server";
import { changeInterviewStatus } from "../../app/models/interview.server";
import { mergeNeed } from "../../app/models/need-merge.server";
import { changeNeedStatus, createNeed, updateNeed } from "../../app/models/need.server";
import { closeRound, createRound, saveScores } from "../../app/models/round.server";
import { addDependency, createService, saveDraft } from "../../app/models/service.server";
import { clearSuspects, servicesWithSuspects, suspectsOf, sweepSuspects } from "../../app/models/suspect.server";
import { agreeDraft } from "../support/agreement";
import { makeInterview, makePublishedGuideVersion, makeStakeholder, makeUnit, makeUser } from "../support/factories";
import { refusal } from "../support/refusal";
import { ROUND_CRITERIA, roundWorld } from "../support/round-world";

const GUIDE: GuideContent = {
  sections: [{ id: "s", title: "Your world", purpose: "", questions: [{ id: "q", type: "long_text", prompt: "What matters on Saturdays?", help: "", required: false, condition: null, settings: {} }] }],
};

async function world() {
  const rm = await makeUser("relationship_manager");
  const unit = await makeUnit();
  const actor: Actor & { id: string } = { id: rm.id, name: rm.name, ip: "", userAgent: "" };
  const viewer = { id: rm.id, role: rm.role, businessUnitId: null };
  const need = async (statement: string, evidenceIds: string[] = []) =>
    createNeed({ input: { statement, outcome: "", process: "", criticalPeriod: "", pain: "", category: "availability", unitIds: [unit.id], evidenceIds }, viewer, actor });
  return { rm, unit, actor, viewer, need };
}

/** A business service whose outcome answers `outcomeNeed`, whose Saturday level answers `levelNeed`, agreed. */
async function agreedService(actor: Actor & { id: string }, { outcomeNeed, levelNeed, name = `Branch Banking ${Math.random().toString(36).slice(2, 7)}` }: { outcomeNeed: string; levelNeed?: string; name?: string }) {
  const definition: Definition = definitionSchema.parse({
    outcomes: [
      { id: "open-accounts", text: "Branches open accounts on Saturdays", needIds: [outcomeNeed] },
      { id: "unrelated", text: "Customers book appointments online", needIds: [] },
    ],
    criticalPeriods: [{ id: "sat", name: "Saturday opening", when: "Saturdays" }],
    serviceLevels: [
      { id: "sl-avail", period: null, measure: "Availability", kind: "percent", target: "99.5", howMeasured: "Monitoring" },
      { id: "sl-sat", period: "sat", measure: "Phones back within", kind: "minutes", target: "15", howMeasured: "Fault log", needIds: levelNeed ? [levelNeed] : [] },
    ],
  });
  const row = await createService({ input: serviceFactsSchema.parse({ name, kind: "business" }), definition, actor });
  await agreeDraft(row.id, actor);
  return row.id;
}

const counts = async (serviceId: string) => {
  const row = (await servicesWithSuspects()).find((s) => s.id === serviceId);
  return row && { clauses: row.clauses, reasons: row.reasons };
};
const open = async (serviceId: string) => (await suspectsOf(serviceId)).items.map((i) => [i.clauseId, i.reason, i.detail]);

describe("suspect clauses", () => {
  it("marks the clauses answering an edited need, with the reason, and only on agreed versions", async () => {
    const w = await world();
    const need = await w.need("Branches open accounts on Saturdays");
    const other = await w.need("Phones work on Saturdays");
    const agreed = await agreedService(w.actor, { outcomeNeed: need.id, levelNeed: other.id });
    // A draft that names the same need has nothing agreed to doubt.
    const draft = await createService({ input: serviceFactsSchema.parse({ name: "Draft only", kind: "business" }), definition: definitionSchema.parse({ outcomes: [{ id: "o", text: "x", needIds: [need.id] }] }), actor: w.actor });

    await updateNeed({ id: need.id, input: { statement: "Branches open and fund accounts on Saturdays", outcome: "", process: "", criticalPeriod: "Saturday opening", pain: "", category: "availability", unitIds: [w.unit.id], revision: 1 }, viewer: w.viewer, actor: w.actor });

    const items = (await suspectsOf(agreed)).items;
    expect(items.map((i) => [i.clauseId, i.reason])).toEqual([["open-accounts", "need_edited"]]);
    expect(items[0]!.detail).toBe(`N-${need.number} was edited (statement, critical period changed)`);
    expect(items[0]!.clause).toEqual({ kind: "Outcome", text: "Branches open accounts on Saturdays" });
    expect((await suspectsOf(draft.id)).items).toEqual([]);
    expect(await counts(agreed)).toEqual({ clauses: 1, reasons: 1 });
    const [event] = await db().select().from(auditEvents).where(and(eq(auditEvents.kind, "suspect.flagged"), eq(auditEvents.subjectId, agreed)));
    expect(event!.payload).toMatchObject({ reason: "need_edited", sourceId: need.id });
  });

  it("records the marking on each service whose clauses a change puts in doubt", async () => {
    const w = await world();
    const need = await w.need("Branch phones work on Saturdays");
    const branch = await agreedService(w.actor, { outcomeNeed: need.id });
    const contact = await agreedService(w.actor, { outcomeNeed: need.id, levelNeed: need.id });
    await changeNeedStatus({ id: need.id, status: "rejected", reason: "Saturday opening ends", viewer: w.viewer, actor: w.actor });
    const events = await db().select().from(auditEvents).where(eq(auditEvents.kind, "suspect.flagged"));
    const clausesOf = (id: string) => (events.find((e) => e.subjectId === id)!.payload as { clauses: { clauseId: string }[] }).clauses.map((c) => c.clauseId).sort();
    expect(clausesOf(branch)).toEqual(["open-accounts"]);
    expect(clausesOf(contact)).toEqual(["open-accounts", "sl-sat"]);
  });

  it("marks clauses when their need is rejected or merged (both sides), not when it is parked", async () => {
    const w = await world();
    const a = await w.need("Accounts open at the first visit");
    const b = await w.need("Phones back within a quarter of an hour");
    const c = await w.need("Phones come back fast");
    const agreed = await agreedService(w.actor, { outcomeNeed: a.id, levelNeed: b.id });

    await changeNeedStatus({ id: a.id, status: "parked", reason: "Waiting for the pilot", viewer: w.viewer, actor: w.actor });
    expect(await open(agreed)).toEqual([]);
    await changeNeedStatus({ id: a.id, status: "rejected", reason: "The branches no longer ask for it", viewer: w.viewer, actor: w.actor });
    await mergeNeed({ id: c.id, into: `N-${b.number}`, viewer: w.viewer, actor: w.actor });
    expect(await open(agreed)).toEqual([
      ["open-accounts", "need_rejected", `N-${a.number} was rejected: The branches no longer ask for it`],
      ["sl-sat", "need_merged", `N-${b.number} had N-${c.number} merged into it`],
    ]);
  });

  it("marks clauses whose evidence changed at source in a sweep, once, and not after the change is confirmed", async () => {
    const w = await world();
    const person = await makeStakeholder(w.unit.id);
    const guide = await makePublishedGuideVersion("Discovery", GUIDE);
    const interview = await makeInterview({ unitId: w.unit.id, interviewerId: w.rm.id, stakeholderIds: [person.id], guideVersionId: guide.id, status: "completed" });
    await db().insert(answers).values({ interviewId: interview.id, kind: "answer", item: "q", value: "Customers walk out when accounts cannot be opened." });
    const quote = await captureEvidence({ interviewId: interview.id, input: { source: "answer", item: "q", text: "Customers walk out", stakeholderIds: [person.id], tags: [] }, viewer: w.viewer, actor: w.actor });
    const need = await w.need("Accounts open on Saturdays", [quote.id]);
    const agreed = await agreedService(w.actor, { outcomeNeed: need.id });

    expect(await sweepSuspects()).toBe(0);
    await db().update(answers).set({ value: "Customers wait a little when accounts cannot be opened." }).where(eq(answers.interviewId, interview.id));
    expect(await sweepSuspects()).toBe(1);
    expect(await sweepSuspects()).toBe(0);
    expect(await open(agreed)).toEqual([["open-accounts", "evidence_changed", `The answer quoted for N-${need.number} changed since it was taken as evidence ("Customers walk out")`]]);

    // Once someone confirms the evidence against the new text, a later sweep finds nothing new to mark.
    await confirmEvidence({ id: quote.id, interviewId: interview.id, viewer: w.viewer, actor: w.actor });
    await clearSuspects({ serviceId: agreed, input: { ids: (await suspectsOf(agreed)).items.map((i) => i.id), note: "The quote still says what the outcome needs." }, actor: w.actor });
    expect(await sweepSuspects()).toBe(0);
    expect(await open(agreed)).toEqual([]);

    // Reopened and changed again: completing it marks the clause at once, without waiting for the timer.
    await changeInterviewStatus({ id: interview.id, viewer: w.viewer, change: "reopen", reason: "A correction", actor: w.actor });
    await db().update(answers).set({ value: "Customers leave angry when accounts cannot be opened." }).where(eq(answers.interviewId, interview.id));
    await changeInterviewStatus({ id: interview.id, viewer: w.viewer, change: "complete", actor: w.actor });
    expect((await open(agreed)).map(([clause, reason]) => [clause, reason])).toEqual([["open-accounts", "evidence_changed"]]);
  });

  it("marks clauses when a newer round ranks their need differently, and not when the rank holds", async () => {
    const r = await roundWorld({ needCount: 3, leadCount: 1 });
    const [first, second, third] = r.needs;
    const agreed = await agreedService({ ...r.actor, id: r.rm.id }, { outcomeNeed: first!.id, levelNeed: third!.id });
    // An earlier round ranked the first need third of three, and the third need third too.
    const earlier = await createRound({ input: { title: "Last year's priorities", method: "weighted", criteria: ROUND_CRITERIA, mustCap: null, deadline: null, needIds: r.needs.map((n) => n.id), scorerIds: [r.leads[0]!.id], observerIds: [] }, actor: r.actor });
    const before = new Date(Date.now() - 86_400_000);
    await db().insert(roundRanks).values([
      { roundId: earlier.id, needId: first!.id, rank: 3, ranked: 3, closedAt: before },
      { roundId: earlier.id, needId: second!.id, rank: 1, ranked: 3, closedAt: before },
      { roundId: earlier.id, needId: third!.id, rank: 3, ranked: 3, closedAt: before },
    ]);
    const score = (needId: string, value: number) => [
      { needId, criterion: "value", value },
      { needId, criterion: "time", value },
    ];
    await saveScores({ roundId: r.round.id, userId: r.leads[0]!.id, scores: [...score(first!.id, 5), ...score(second!.id, 3), ...score(third!.id, 1)] });
    await closeRound({ id: r.round.id, actor: r.actor });
    expect(await open(agreed)).toEqual([["open-accounts", "rank_changed", `N-${first!.number} is ranked 1st of 3 in "Next year's priorities", was 3rd of 3 in "Last year's priorities"`]]);
  });

  it("marks the service levels of services resting on a supporting service whose agreement ran out", async () => {
    const w = await world();
    const need = await w.need("Phones work");
    const agreed = await agreedService(w.actor, { outcomeNeed: need.id });
    const telephony = await createService({
      input: serviceFactsSchema.parse({ name: "Branch telephony", kind: "supporting", agreementKind: "contract", agreementReference: "NT-2291", agreementStart: "2024-01-01", agreementEnd: "2026-10-31" }),
      actor: w.actor,
    });
    await addDependency({ serviceId: agreed, dependsOnId: telephony.id, actor: w.actor });
    expect(await sweepSuspects({ today: "2026-10-31" })).toBe(0);
    expect(await sweepSuspects({ today: "2026-11-01" })).toBe(2);
    expect(await open(agreed)).toEqual([
      ["sl-avail", "agreement_expired", "Branch telephony's agreement (NT-2291) ended on 31 Oct 2026"],
      ["sl-sat", "agreement_expired", "Branch telephony's agreement (NT-2291) ended on 31 Oct 2026"],
    ]);
    expect(await counts(agreed)).toEqual({ clauses: 2, reasons: 1 });
  });

  it("clears with a note (audited), refuses clearing twice, and stops showing marks once a newer version is agreed", async () => {
    const w = await world();
    const a = await w.need("Accounts open on Saturdays");
    const b = await w.need("Phones back fast");
    const agreed = await agreedService(w.actor, { outcomeNeed: a.id, levelNeed: b.id });
    await changeNeedStatus({ id: a.id, status: "rejected", reason: "Dropped", viewer: w.viewer, actor: w.actor });
    await changeNeedStatus({ id: b.id, status: "rejected", reason: "Dropped", viewer: w.viewer, actor: w.actor });
    const [first, second] = (await suspectsOf(agreed)).items;

    await clearSuspects({ serviceId: agreed, input: { ids: [first!.id], note: "Still what the branches need." }, actor: w.actor });
    expect((await suspectsOf(agreed)).items.map((i) => i.id)).toEqual([second!.id]);
    const [row] = await db().select().from(suspectClauses).where(eq(suspectClauses.id, first!.id));
    expect([row!.clearNote, row!.clearedBy]).toEqual(["Still what the branches need.", w.rm.id]);
    expect((await refusal(clearSuspects({ serviceId: agreed, input: { ids: [first!.id], note: "again" }, actor: w.actor }))).code).toBe("nothing_to_clear");
    // Another service's marks cannot be cleared from this one.
    const elsewhere = await agreedService(w.actor, { outcomeNeed: (await w.need("x")).id });
    expect((await refusal(clearSuspects({ serviceId: elsewhere, input: { ids: [second!.id], note: "no" }, actor: w.actor }))).code).toBe("nothing_to_clear");

    // A newer agreed version answers the doubt: the old marks no longer show or count.
    const [s] = await db().select({ revision: services.revision, draft: services.draft }).from(services).where(eq(services.id, agreed));
    await saveDraft({ id: agreed, revision: s!.revision, definition: { ...s!.draft, purpose: "Reworded after the review" }, actor: w.actor });
    expect((await suspectsOf(agreed)).versionNumber).toBe(1);
    await agreeDraft(agreed, w.actor);
    expect(await suspectsOf(agreed)).toEqual({ versionNumber: 2, items: [] });
    expect(await counts(agreed)).toBeUndefined();
  });
});
