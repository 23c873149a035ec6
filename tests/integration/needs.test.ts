import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { answers, auditEvents, evidence, interviews, needEvidence, needs } from "../../db/schema";
import { db } from "../../app/db.server";
import type { GuideContent } from "../../app/domain/guide";
import { needFilterSchema, type CreateNeedInput } from "../../app/domain/need";
import type { Actor } from "../../app/models/audit.server";
import { refusal } from "../support/refusal";
import { captureEvidence, confirmEvidence, interviewEvidence, removeEvidence } from "../../app/models/evidence.server";
import { listNeeds, needsSupportedBy, similarNeeds } from "../../app/models/need-board.server";
import { getNeed } from "../../app/models/need-detail.server";
import { mergeNeed, unmergeNeed } from "../../app/models/need-merge.server";
import { changeNeedStatus, createNeed, linkEvidence, unlinkEvidence, updateNeed } from "../../app/models/need.server";
import { makeInterview, makePublishedGuideVersion, makeStakeholder, makeUnit, makeUser } from "../support/factories";

const GUIDE: GuideContent = {
  sections: [
    {
      id: "s-world",
      title: "Your world",
      purpose: "",
      questions: [
        { id: "q-purpose", type: "long_text", prompt: "What is your unit for?", help: "", required: false, condition: null, settings: {} },
        { id: "q-staff", type: "number", prompt: "How many people?", help: "", required: false, condition: null, settings: { unit: "people" } },
      ],
    },
  ],
};

const SATURDAY = "We open on Saturdays now. The account opening system is down until Monday, so customers walk out.";

async function world() {
  const rm = await makeUser("relationship_manager", { name: "Tom Okafor" });
  const retail = await makeUnit({ name: "Retail Banking", code: "RB" });
  const finance = await makeUnit({ name: "Finance", code: "FIN" });
  const olivia = await makeStakeholder(retail.id, { name: "Olivia Bennett", title: "Head of Branches" });
  const sam = await makeStakeholder(retail.id, { name: "Samuel Adeyemi" });
  const priya = await makeStakeholder(finance.id, { name: "Priya Shah" });
  const version = await makePublishedGuideVersion("Discovery", GUIDE);
  const first = await makeInterview({ unitId: retail.id, interviewerId: rm.id, stakeholderIds: [olivia.id, sam.id], guideVersionId: version.id, status: "completed", scheduledAt: new Date("2026-10-01T09:00:00Z") });
  const second = await makeInterview({ unitId: finance.id, interviewerId: rm.id, stakeholderIds: [priya.id, olivia.id], guideVersionId: version.id, status: "completed", scheduledAt: new Date("2026-11-05T09:00:00Z") });
  await db().insert(answers).values([
    { interviewId: first.id, kind: "answer", item: "q-purpose", value: SATURDAY, quote: "Saturday is when they come in." },
    { interviewId: first.id, kind: "answer", item: "q-staff", value: 40 },
    { interviewId: second.id, kind: "answer", item: "q-purpose", value: "Month-end: we cannot open accounts for new suppliers on a Saturday either." },
  ]);
  const viewer = { id: rm.id, role: rm.role, businessUnitId: null };
  const actor: Actor = { id: rm.id, name: rm.name, ip: "", userAgent: "" };
  return { rm, retail, finance, olivia, sam, priya, first, second, viewer, actor };
}

type World = Awaited<ReturnType<typeof world>>;

async function quote(w: World, interviewId: string, text: string, stakeholderIds: string[], extra: Partial<{ start: number; end: number; source: "answer" | "quote" }> = {}) {
  return captureEvidence({ interviewId, input: { source: extra.source ?? "answer", item: "q-purpose", text, start: extra.start, end: extra.end, stakeholderIds, tags: ["saturday"] }, viewer: w.viewer, actor: w.actor });
}

function needInput(w: World, statement: string, evidenceIds: string[]): CreateNeedInput {
  return { statement, outcome: "", process: "Account opening", criticalPeriod: "", pain: "", category: "availability", unitIds: [w.retail.id], evidenceIds };
}


describe("evidence", () => {
  it("keeps the exact passage and its offsets; a pasted quote is found in the answer", async () => {
    const w = await world();
    const start = SATURDAY.indexOf("The account");
    const passage = "The account opening system is down until Monday";
    const selected = await quote(w, w.first.id, passage, [w.olivia.id], { start, end: start + passage.length });
    expect(selected).toMatchObject({ start, end: start + passage.length, text: passage });
    // Pasted with different spacing and line breaks: found, and stored as it is written in the answer.
    const pasted = await quote(w, w.first.id, "so customers\n  walk out.", [w.sam.id]);
    expect(pasted.text).toBe("so customers walk out.");
    expect(SATURDAY.slice(pasted.start, pasted.end)).toBe("so customers walk out.");
    const fromQuote = await quote(w, w.first.id, "Saturday is when", [w.olivia.id], { source: "quote" });
    expect(fromQuote.start).toBe(0);
  });

  it("refuses a quote not in the answer, offsets out of range, and people not in the interview; nothing is written", async () => {
    const w = await world();
    expect((await refusal(quote(w, w.first.id, "customers love Mondays", [w.olivia.id]))).code).toBe("not_found");
    expect((await refusal(quote(w, w.first.id, "walk out", [w.olivia.id], { start: 90, end: 400 }))).code).toBe("out_of_range");
    expect((await refusal(quote(w, w.first.id, "walk out", [w.olivia.id], { start: 0, end: 8 }))).code).toBe("mismatch");
    expect((await refusal(quote(w, w.first.id, "walk out", [w.priya.id]))).code).toBe("stakeholder_not_present");
    const notText = captureEvidence({ interviewId: w.first.id, input: { source: "answer", item: "q-staff", text: "40", stakeholderIds: [w.olivia.id], tags: [] }, viewer: w.viewer, actor: w.actor });
    expect((await refusal(notText)).code).toBe("no_text");
    expect(await db().select().from(evidence)).toHaveLength(0);
  });

  it("refuses evidence from a private interview the user may not see", async () => {
    const w = await world();
    const other = await makeUser("relationship_manager");
    await db().update(interviews).set({ private: true }).where(eq(interviews.id, w.first.id));
    const error = await refusal(captureEvidence({ interviewId: w.first.id, input: { source: "answer", item: "q-purpose", text: "walk out", stakeholderIds: [w.olivia.id], tags: [] }, viewer: { id: other.id, role: other.role }, actor: w.actor }));
    expect(error.status).toBe(404);
    // Evidence already taken from it cannot be put behind a need by someone who may not see it.
    const ev = await quote(w, w.first.id, "walk out", [w.olivia.id]);
    const hidden = await refusal(createNeed({ input: needInput(w, "Customers can open accounts on Saturdays", [ev.id]), viewer: { id: other.id, role: other.role }, actor: w.actor }));
    expect(hidden.code).toBe("evidence_not_visible");
    expect(await db().select().from(needs)).toHaveLength(0);
  });

  it("is flagged changed at source when the answer changes, with old and new text, until confirmed", async () => {
    const w = await world();
    const ev = await quote(w, w.first.id, "customers walk out", [w.olivia.id]);
    expect((await interviewEvidence(w.first.id))[0]!.changed).toBe(false);
    const edited = SATURDAY.replace("walk out", "walk out and complain");
    await db().update(answers).set({ value: edited, revision: 2 }).where(and(eq(answers.interviewId, w.first.id), eq(answers.item, "q-purpose")));
    const [flagged] = await interviewEvidence(w.first.id);
    expect(flagged).toMatchObject({ changed: true, checkedText: SATURDAY, currentText: edited, text: "customers walk out", start: ev.start });
    await confirmEvidence({ id: ev.id, interviewId: w.first.id, viewer: w.viewer, actor: w.actor });
    const [confirmed] = await interviewEvidence(w.first.id);
    expect(confirmed).toMatchObject({ changed: false, text: "customers walk out", sourceText: SATURDAY });
    expect((await refusal(confirmEvidence({ id: ev.id, interviewId: w.first.id, viewer: w.viewer, actor: w.actor }))).code).toBe("not_changed");
  });
});

describe("needs", () => {
  it("counts each stakeholder once however often they said it, with their units and first and last heard", async () => {
    const w = await world();
    const a = await quote(w, w.first.id, "The account opening system is down", [w.olivia.id, w.sam.id]);
    const b = await quote(w, w.first.id, "customers walk out", [w.olivia.id]);
    const c = await captureEvidence({ interviewId: w.second.id, input: { source: "answer", item: "q-purpose", text: "cannot open accounts", stakeholderIds: [w.priya.id, w.olivia.id], tags: [] }, viewer: w.viewer, actor: w.actor });
    const need = await createNeed({ input: needInput(w, "Customers can open accounts on Saturdays", [a.id, b.id, c.id]), viewer: w.viewer, actor: w.actor });
    const [row] = await db().select().from(needs).where(eq(needs.id, need.id));
    expect(row).toMatchObject({ evidenceCount: 3, stakeholderCount: 3, unitCount: 2 });
    expect(row!.firstHeard!.toISOString()).toBe("2026-10-01T09:00:00.000Z");
    expect(row!.lastHeard!.toISOString()).toBe("2026-11-05T09:00:00.000Z");
    const detail = await getNeed({ id: need.id, viewer: w.viewer });
    expect(detail!.support).toMatchObject({ stakeholderCount: 3, unitCount: 2, evidenceCount: 3 });
    expect(detail!.quotes.map((q) => q.text)).toEqual(["The account opening system is down", "customers walk out", "cannot open accounts"]);
    // Removing evidence recounts: Sam only said the first passage.
    await removeEvidence({ id: a.id, interviewId: w.first.id, viewer: w.viewer, actor: w.actor });
    const [after] = await db().select().from(needs).where(eq(needs.id, need.id));
    expect(after).toMatchObject({ evidenceCount: 2, stakeholderCount: 2 });
  });

  it("links and unlinks evidence later, refusing what is already linked", async () => {
    const w = await world();
    const a = await quote(w, w.first.id, "customers walk out", [w.olivia.id]);
    const b = await quote(w, w.first.id, "The account opening system", [w.sam.id]);
    const need = await createNeed({ input: needInput(w, "Customers can open accounts on Saturdays", [a.id]), viewer: w.viewer, actor: w.actor });
    await linkEvidence({ id: need.id, evidenceIds: [b.id], viewer: w.viewer, actor: w.actor });
    expect((await db().select().from(needs).where(eq(needs.id, need.id)))[0]!.stakeholderCount).toBe(2);
    expect((await refusal(linkEvidence({ id: need.id, evidenceIds: [a.id], viewer: w.viewer, actor: w.actor }))).code).toBe("already_linked");
    await unlinkEvidence({ id: need.id, evidenceId: b.id, viewer: w.viewer, actor: w.actor });
    expect((await db().select().from(needs).where(eq(needs.id, need.id)))[0]!.stakeholderCount).toBe(1);
  });

  it("merges keeping every piece of evidence and stakeholder, and a merge can be undone", async () => {
    const w = await world();
    const a = await quote(w, w.first.id, "customers walk out", [w.olivia.id]);
    const c = await captureEvidence({ interviewId: w.second.id, input: { source: "answer", item: "q-purpose", text: "cannot open accounts", stakeholderIds: [w.priya.id], tags: ["suppliers"] }, viewer: w.viewer, actor: w.actor });
    const keep = await createNeed({ input: needInput(w, "Customers can open accounts on Saturdays", [a.id]), viewer: w.viewer, actor: w.actor });
    const dupe = await createNeed({ input: needInput(w, "Accounts can be opened at the weekend", [c.id]), viewer: w.viewer, actor: w.actor });
    await mergeNeed({ id: dupe.id, into: `N-${keep.number}`, viewer: w.viewer, actor: w.actor });
    const merged = await getNeed({ id: keep.id, viewer: w.viewer });
    expect(merged!.quotes.map((q) => q.text).sort()).toEqual(["cannot open accounts", "customers walk out"]);
    expect(merged!.support.stakeholderCount).toBe(2);
    expect(merged!.absorbed.map((n) => n.number)).toEqual([dupe.number]);
    expect((await db().select().from(needs).where(eq(needs.id, keep.id)))[0]).toMatchObject({ stakeholderCount: 2, unitCount: 2 });
    // The board lists the survivor only; filtering by the absorbed need's tag finds the survivor.
    const board = await listNeeds({ viewer: w.viewer, filter: needFilterSchema.parse({ tag: "suppliers" }) });
    expect(board.rows.map((r) => r.number)).toEqual([keep.number]);
    const searched = await listNeeds({ viewer: w.viewer, filter: needFilterSchema.parse({ q: "cannot open" }) });
    expect(searched.rows.map((r) => r.number)).toEqual([keep.number]);
    const dupeView = await getNeed({ id: dupe.id, viewer: w.viewer });
    expect(dupeView!.need.merged).toMatchObject({ survivorNumber: keep.number });

    await unmergeNeed({ id: dupe.id, viewer: w.viewer, actor: w.actor });
    expect((await db().select().from(needs).where(eq(needs.id, keep.id)))[0]).toMatchObject({ stakeholderCount: 1, evidenceCount: 1 });
    expect((await db().select().from(needs).where(eq(needs.id, dupe.id)))[0]).toMatchObject({ mergedInto: null, stakeholderCount: 1, evidenceCount: 1 });
    expect(await db().select().from(needEvidence)).toHaveLength(2);
    const again = await listNeeds({ viewer: w.viewer, filter: needFilterSchema.parse({ q: "cannot open" }) });
    expect(again.rows.map((r) => r.number)).toEqual([dupe.number]);
    const kinds = (await db().select({ kind: auditEvents.kind }).from(auditEvents)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(["need.merged", "need.unmerged"]));
  });

  it("refuses merging into itself, into a need it absorbed, and merging a merged need; nothing changes", async () => {
    const w = await world();
    const a = await createNeed({ input: needInput(w, "Customers can open accounts on Saturdays", []), viewer: w.viewer, actor: w.actor });
    const b = await createNeed({ input: needInput(w, "Accounts can be opened at the weekend", []), viewer: w.viewer, actor: w.actor });
    const c = await createNeed({ input: needInput(w, "Branches have working phones", []), viewer: w.viewer, actor: w.actor });
    expect((await refusal(mergeNeed({ id: a.id, into: `N-${a.number}`, viewer: w.viewer, actor: w.actor }))).code).toBe("merge_into_self");
    expect((await refusal(mergeNeed({ id: a.id, into: "N-99999", viewer: w.viewer, actor: w.actor }))).code).toBe("target_not_found");
    expect((await refusal(mergeNeed({ id: a.id, into: "twelve", viewer: w.viewer, actor: w.actor }))).code).toBe("bad_reference");
    await mergeNeed({ id: b.id, into: String(a.number), viewer: w.viewer, actor: w.actor });
    expect((await refusal(mergeNeed({ id: a.id, into: `N-${b.number}`, viewer: w.viewer, actor: w.actor }))).code).toBe("merge_cycle");
    expect((await refusal(mergeNeed({ id: b.id, into: `N-${c.number}`, viewer: w.viewer, actor: w.actor }))).code).toBe("already_merged");
    expect((await refusal(mergeNeed({ id: c.id, into: `N-${b.number}`, viewer: w.viewer, actor: w.actor }))).code).toBe("target_merged");
    // A chain: a (with b inside) merged into c; undoing b's merge later leaves a in c.
    await mergeNeed({ id: a.id, into: `N-${c.number}`, viewer: w.viewer, actor: w.actor });
    const rows = await db().select({ id: needs.id, survivorId: needs.survivorId }).from(needs);
    expect(rows.every((r) => r.survivorId === c.id)).toBe(true);
    await unmergeNeed({ id: b.id, viewer: w.viewer, actor: w.actor });
    const [bRow] = await db().select().from(needs).where(eq(needs.id, b.id));
    const [aRow] = await db().select().from(needs).where(eq(needs.id, a.id));
    expect(bRow).toMatchObject({ mergedInto: null, survivorId: b.id });
    expect(aRow).toMatchObject({ mergedInto: c.id, survivorId: c.id });
  });

  it("refuses edits to a changed need and status changes without a reason for rejecting", async () => {
    const w = await world();
    const need = await createNeed({ input: needInput(w, "Customers can open accounts on Saturdays", []), viewer: w.viewer, actor: w.actor });
    const edit = { ...needInput(w, "Customers can open accounts on Saturday mornings", []), revision: 1 };
    await updateNeed({ id: need.id, input: edit, viewer: w.viewer, actor: w.actor });
    expect((await refusal(updateNeed({ id: need.id, input: { ...edit, statement: "Something else entirely here" }, viewer: w.viewer, actor: w.actor }))).code).toBe("stale");
    expect((await refusal(changeNeedStatus({ id: need.id, status: "rejected", reason: "", viewer: w.viewer, actor: w.actor }))).code).toBe("reason_required");
    await changeNeedStatus({ id: need.id, status: "rejected", reason: "Branches will not open on Saturdays after 2027", viewer: w.viewer, actor: w.actor });
    expect((await db().select().from(needs).where(eq(needs.id, need.id)))[0]).toMatchObject({ status: "rejected", statement: "Customers can open accounts on Saturday mornings" });
  });

  it("finds reworded duplicates and searches statements and quotes", async () => {
    const w = await world();
    const ev = await quote(w, w.first.id, "customers walk out", [w.olivia.id]);
    const phones = await createNeed({ input: needInput(w, "Branch telephones keep working when the telephony supplier has an outage", []), viewer: w.viewer, actor: w.actor });
    await createNeed({ input: needInput(w, "Month-end reports are ready on the first working day", [ev.id]), viewer: w.viewer, actor: w.actor });
    const similar = await similarNeeds({ text: "Branch phones stay up during a telephony provider outage", viewer: w.viewer });
    expect(similar.map((s) => s.id)).toEqual([phones.id]);
    const byQuote = await listNeeds({ viewer: w.viewer, filter: needFilterSchema.parse({ q: "walk out" }) });
    expect(byQuote.rows.map((r) => r.statement)).toEqual(["Month-end reports are ready on the first working day"]);
    const byStatement = await listNeeds({ viewer: w.viewer, filter: needFilterSchema.parse({ q: "telephone" }) });
    expect(byStatement.rows.map((r) => r.id)).toEqual([phones.id]);
    expect((await needsSupportedBy({ viewer: w.viewer, stakeholderId: w.olivia.id })).map((n) => n.quotes)).toEqual([1]);
  });

  it("shows business leads the needs of their own unit only", async () => {
    const w = await world();
    const lead = await makeUser("business_lead", { businessUnitId: w.finance.id });
    const retailNeed = await createNeed({ input: needInput(w, "Customers can open accounts on Saturdays", []), viewer: w.viewer, actor: w.actor });
    const financeNeed = await createNeed({ input: { ...needInput(w, "Month-end reports are ready on day one", []), unitIds: [w.finance.id] }, viewer: w.viewer, actor: w.actor });
    const leadViewer = { id: lead.id, role: lead.role, businessUnitId: w.finance.id };
    const board = await listNeeds({ viewer: leadViewer, filter: needFilterSchema.parse({}) });
    expect(board.rows.map((r) => r.id)).toEqual([financeNeed.id]);
    expect(await getNeed({ id: retailNeed.id, viewer: leadViewer })).toBeNull();
  });
});
