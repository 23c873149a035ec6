import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { answers, businessUnits, evidence, interviews, needs } from "../../db/schema";
import { db, dbHandle } from "../../app/db.server";
import type { GuideContent } from "../../app/domain/guide";
import { needFilterSchema } from "../../app/domain/need";
import { synthesisOf } from "../../app/domain/synthesis";
import type { Actor } from "../../app/models/audit.server";
import { captureEvidence, interviewEvidence } from "../../app/models/evidence.server";
import { listNeeds, needFacets } from "../../app/models/need-board.server";
import { NEED_FACETS_CHANNEL, needFacetsHeard } from "../../app/models/need-facet-cache.server";
import { getNeed } from "../../app/models/need-detail.server";
import { mergeNeed, unmergeNeed } from "../../app/models/need-merge.server";
import { createNeed, updateNeed } from "../../app/models/need.server";
import { updateStakeholder } from "../../app/models/stakeholder.server";
import * as evidencePage from "../../app/routes/interviews.$interviewId.evidence";
import * as board from "../../app/routes/needs._index";
import * as similar from "../../app/routes/needs.similar";
import { cookieFor, makeInterview, makePublishedGuideVersion, makeStakeholder, makeUnit, makeUser } from "../support/factories";
import { call, jsonOf } from "../support/routes";

const GUIDE: GuideContent = {
  sections: [{ id: "s", title: "One", purpose: "", questions: [{ id: "q", type: "long_text", prompt: "Tell us", help: "", required: false, condition: null, settings: {} }] }],
};

async function world() {
  const rm = await makeUser("relationship_manager");
  const rm2 = await makeUser("relationship_manager");
  const retail = await makeUnit({ name: "Retail Banking", code: "RB" });
  const finance = await makeUnit({ name: "Finance", code: "FIN" });
  const olivia = await makeStakeholder(retail.id, { name: "Olivia Bennett" });
  const priya = await makeStakeholder(finance.id, { name: "Priya Shah" });
  const version = await makePublishedGuideVersion("Discovery", GUIDE);
  const open = await makeInterview({ unitId: retail.id, interviewerId: rm.id, stakeholderIds: [olivia.id, priya.id], guideVersionId: version.id, status: "completed" });
  const secret = await makeInterview({ unitId: retail.id, interviewerId: rm.id, stakeholderIds: [olivia.id], guideVersionId: version.id, status: "completed", private: true });
  await db().insert(answers).values([
    { interviewId: open.id, kind: "answer", item: "q", value: "Branch phones fail on Saturdays." },
    { interviewId: secret.id, kind: "answer", item: "q", value: "The regional director plans to close twelve branches." },
  ]);
  const actor: Actor = { id: rm.id, name: rm.name, ip: "", userAgent: "" };
  const viewer = { id: rm.id, role: rm.role, businessUnitId: null };
  const quote = (interviewId: string, text: string, who: string[], tags: string[] = []) =>
    captureEvidence({ interviewId, input: { source: "answer", item: "q", text, stakeholderIds: who, tags }, viewer, actor });
  const need = (statement: string, unitIds: string[], evidenceIds: string[]) =>
    createNeed({ input: { statement, outcome: "", process: "", criticalPeriod: "", pain: "", category: "availability", unitIds, evidenceIds }, viewer, actor });
  return { rm, rm2, retail, finance, olivia, priya, open, secret, actor, viewer, quote, need, cookie: await cookieFor(rm.id) };
}

describe("private interviews", () => {
  it("their quotes find nothing for others: not by search, tag or stakeholder, not in the tag list", async () => {
    const w = await world();
    const hidden = await w.quote(w.secret.id, "close twelve branches", [w.olivia.id], ["closures"]);
    await w.need("Branches stay open in the regions", [w.retail.id], [hidden.id]);
    const other = { id: w.rm2.id, role: w.rm2.role, businessUnitId: null };
    const search = (viewer: typeof other, f: Record<string, string>) => listNeeds({ viewer, filter: needFilterSchema.parse(f) }).then((r) => r.rows.length);
    expect(await search(w.viewer, { q: "twelve" })).toBe(1);
    expect(await search(other, { q: "twelve" })).toBe(0);
    expect(await search(other, { tag: "closures" })).toBe(0);
    expect(await search(other, { stakeholder: w.olivia.id })).toBe(0);
    expect((await needFacets(other)).tags).not.toContain("closures");
    const page = await getNeed({ id: (await db().select().from(needs))[0]!.id, viewer: other });
    expect(page!.quotes).toEqual([expect.objectContaining({ text: null, stakeholders: [] })]);
    expect(page!.support.stakeholderCount).toBe(1);
  });
});

describe("the board's filter choices", () => {
  it("show a tag, a process or a unit changed by any process as soon as the change commits", async () => {
    const w = await world();
    const q = await w.quote(w.open.id, "Branch phones fail on Saturdays", [w.olivia.id], ["phones"]);
    await w.need("Branch phones work on Saturdays", [w.retail.id], [q.id]);
    await vi.waitFor(() => expect(needFacetsHeard()).toBe(true));
    // The notifications of the writes above arrive after their commits: wait for them all.
    const marker = randomUUID();
    let heard = () => {};
    const drained = new Promise<void>((resolve) => (heard = resolve));
    const unlisten = await dbHandle()!.listen(NEED_FACETS_CHANNEL, (payload) => payload === marker && heard(), () => {});
    await db().execute(sql`select pg_notify(${NEED_FACETS_CHANNEL}, ${marker})`);
    await drained;
    await unlisten();
    expect((await needFacets(w.viewer)).tags).toEqual(["phones"]);
    // Written straight to the tables, as another Charter process on the same database would: this
    // process's own code does not run, only what the database tells every process.
    const elsewhere = async (change: (tx: Parameters<Parameters<ReturnType<typeof db>["transaction"]>[0]>[0]) => Promise<unknown>, notify = true) =>
      db().transaction(async (tx) => {
        if (!notify) await tx.execute(sql`set local session_replication_role = replica`);
        await change(tx);
      });
    // Unheard (triggers off), a change is not seen while the choices are remembered: they are.
    await elsewhere((tx) => tx.update(evidence).set({ tags: ["phones", "rota"] }).where(eq(evidence.id, q.id)), false);
    expect((await needFacets(w.viewer)).tags).toEqual(["phones"]);
    await elsewhere((tx) => tx.update(evidence).set({ tags: ["phones", "rota", "saturdays"] }).where(eq(evidence.id, q.id)));
    await vi.waitFor(async () => expect((await needFacets(w.viewer)).tags).toEqual(["phones", "rota", "saturdays"]));
    await elsewhere((tx) => tx.update(needs).set({ process: "Weekend opening" }));
    await vi.waitFor(async () => expect((await needFacets(w.viewer)).processes).toEqual(["Weekend opening"]));
    await elsewhere((tx) => tx.update(businessUnits).set({ archivedAt: new Date() }).where(eq(businessUnits.id, w.finance.id)));
    await vi.waitFor(async () => expect((await needFacets(w.viewer)).units.map((u) => u.name)).toEqual(["Retail Banking"]));
  });
});

describe("business leads and merges", () => {
  it("a lead follows their unit's need into the need that absorbed it, and sees no other unit's needs", async () => {
    const w = await world();
    const lead = await makeUser("business_lead", { businessUnitId: w.finance.id });
    const leadViewer = { id: lead.id, role: lead.role, businessUnitId: w.finance.id };
    const theirs = await w.need("Payroll journals reach Finance on time", [w.finance.id], []);
    const survivor = await w.need("Journals arrive in the ledger automatically", [w.retail.id], []);
    const unrelated = await w.need("Branch phones work on Saturdays", [w.retail.id], []);
    await mergeNeed({ id: theirs.id, into: `N-${survivor.number}`, viewer: w.viewer, actor: w.actor });
    const board = await listNeeds({ viewer: leadViewer, filter: needFilterSchema.parse({}) });
    expect(board.rows.map((r) => r.id)).toEqual([survivor.id]);
    expect((await getNeed({ id: theirs.id, viewer: leadViewer }))!.need.merged!.survivorStatement).toBe("Journals arrive in the ledger automatically");
    expect(await getNeed({ id: unrelated.id, viewer: leadViewer })).toBeNull();
    // The survivor now concerns Finance too; its own units (what its form edits) are unchanged.
    expect((await getNeed({ id: survivor.id, viewer: w.viewer }))!.need.units).toEqual([
      { id: w.finance.id, name: "Finance", own: false },
      { id: w.retail.id, name: "Retail Banking", own: true },
    ]);
    await unmergeNeed({ id: theirs.id, viewer: w.viewer, actor: w.actor });
    expect((await listNeeds({ viewer: leadViewer, filter: needFilterSchema.parse({}) })).rows.map((r) => r.id)).toEqual([theirs.id]);
    expect(await getNeed({ id: survivor.id, viewer: leadViewer })).toBeNull();
  });
});

describe("support stays true", () => {
  it("recounts units when a stakeholder moves to another unit", async () => {
    const w = await world();
    const a = await w.quote(w.open.id, "Branch phones fail", [w.olivia.id, w.priya.id]);
    const need = await w.need("Branch phones work on Saturdays", [w.retail.id], [a.id]);
    expect((await db().select().from(needs).where(eq(needs.id, need.id)))[0]!.unitCount).toBe(2);
    await updateStakeholder({ id: w.priya.id, input: { name: "Priya Shah", title: "", level: "manager", businessUnitId: w.retail.id, email: "priya@example.com" }, actor: w.actor });
    expect((await db().select().from(needs).where(eq(needs.id, need.id)))[0]!.unitCount).toBe(1);
  });

  it("keeps evidence on the page when the answer it came from is cleared, flagged to check", async () => {
    const w = await world();
    await w.quote(w.open.id, "Branch phones fail", [w.olivia.id]);
    await db().update(answers).set({ value: null }).where(eq(answers.interviewId, w.open.id));
    const list = await interviewEvidence(w.open.id);
    const stored = [{ kind: "answer" as const, item: "q", value: null, quote: "", revision: 2, seq: 2, updatedAt: "", updatedByName: null, saveKey: null }];
    const view = synthesisOf(GUIDE, stored, list);
    expect(view.sections[0]!.questions[0]!.texts.flatMap((t) => t.evidenceIds)).toEqual([list[0]!.id]);
    expect(list[0]).toMatchObject({ changed: true, currentText: null });
  });

  it("keeps an archived unit on a need when it is edited", async () => {
    const w = await world();
    const need = await w.need("Branch phones work on Saturdays", [w.retail.id, w.finance.id], []);
    await db().update(businessUnits).set({ archivedAt: new Date() }).where(eq(businessUnits.id, w.finance.id));
    const input = { statement: "Branch phones work every Saturday", outcome: "", process: "", criticalPeriod: "", pain: "", category: "availability" as const, unitIds: [w.retail.id, w.finance.id], revision: 1 };
    await updateNeed({ id: need.id, input, viewer: w.viewer, actor: w.actor });
    const page = await getNeed({ id: need.id, viewer: w.viewer });
    expect(page!.need.units.map((u) => u.name).sort()).toEqual(["Finance", "Retail Banking"]);
  });
});

describe("requests that could go wrong", () => {
  it("removing another interview's evidence through this interview's page removes nothing", async () => {
    const w = await world();
    const ev = await w.quote(w.open.id, "Branch phones fail", [w.olivia.id]);
    const other = await makeInterview({ unitId: w.retail.id, interviewerId: w.rm.id, stakeholderIds: [w.olivia.id], status: "completed" });
    const response = await call(evidencePage, "action", {
      path: `/interviews/${other.id}/evidence`,
      params: { interviewId: other.id },
      cookie: w.cookie,
      form: { intent: "remove", evidenceId: ev.id },
    });
    expect(response.status).toBe(400);
    expect((await jsonOf<{ formError: string }>(response)).formError).toMatch(/no longer on this interview/);
    expect(await db().select().from(evidence)).toHaveLength(1);
  });

  it("answers a NUL character in the query string without a server error", async () => {
    const w = await world();
    expect((await call(board, "loader", { path: "/needs?q=%00abc&tag=%00&process=a%00b", cookie: w.cookie })).status).toBe(200);
    expect((await call(similar, "loader", { path: "/needs/similar?q=branch%00phones+on+saturdays", cookie: w.cookie })).status).toBe(200);
  });

  it("Enter in the need number adds the ticked quotes to that need; with no number it writes a new need", async () => {
    const w = await world();
    const ev = await w.quote(w.open.id, "Branch phones fail", [w.olivia.id]);
    const need = await w.need("Branch phones work on Saturdays", [w.retail.id], []);
    const post = (form: Record<string, string>) =>
      call(evidencePage, "action", { path: `/interviews/${w.open.id}/evidence`, params: { interviewId: w.open.id }, cookie: w.cookie, form: { intent: "pick", evidence: ev.id, ...form } });
    const fresh = await post({ need: "" });
    expect(fresh.status).toBe(302);
    expect(fresh.headers.get("location")).toBe(`/needs/new?evidence=${ev.id}`);
    const added = await post({ need: `N-${need.number}` });
    expect(added.headers.get("location")).toBe(`/needs/${need.id}`);
    expect((await db().select().from(needs).where(eq(needs.id, need.id)))[0]!.evidenceCount).toBe(1);
    const none = await call(evidencePage, "action", { path: `/interviews/${w.open.id}/evidence`, params: { interviewId: w.open.id }, cookie: w.cookie, form: { intent: "new-need" } });
    expect((await jsonOf<{ errors: Record<string, string> }>(none)).errors.evidence).toBe("Tick the quotes to use first");
    await db().update(interviews).set({ status: "cancelled" }).where(eq(interviews.id, w.open.id));
    const page = await jsonOf<{ canCapture: boolean; canEdit: boolean }>(await call(evidencePage, "loader", { path: `/interviews/${w.open.id}/evidence`, params: { interviewId: w.open.id }, cookie: w.cookie }));
    expect(page).toMatchObject({ canCapture: false, canEdit: true });
  });
});
