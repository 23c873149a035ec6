import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { answers, evidence, needComments, needs } from "../../db/schema";
import { db, recordQueries } from "../../app/db.server";
import type { GuideContent } from "../../app/domain/guide";
import type { Actor } from "../../app/models/audit.server";
import { captureEvidence } from "../../app/models/evidence.server";
import { createNeed } from "../../app/models/need.server";
import * as evidencePage from "../../app/routes/interviews.$interviewId.evidence";
import * as needPage from "../../app/routes/needs.$needId._index";
import * as board from "../../app/routes/needs._index";
import * as csv from "../../app/routes/needs[.]csv";
import * as newNeed from "../../app/routes/needs.new";
import * as similar from "../../app/routes/needs.similar";
import { cookieFor, makeInterview, makePublishedGuideVersion, makeStakeholder, makeUnit, makeUser } from "../support/factories";
import { call, jsonOf } from "../support/routes";

const GUIDE: GuideContent = {
  sections: [
    {
      id: "s-one",
      title: "One",
      purpose: "",
      questions: [{ id: "q-purpose", type: "long_text", prompt: "What is your unit for?", help: "", required: false, condition: null, settings: {} }],
    },
  ],
};
const SAID = "Branch phones go down on Saturdays and nobody answers the supplier's line until Monday.";

async function world() {
  const rm = await makeUser("relationship_manager", { name: "Tom Okafor" });
  const retail = await makeUnit({ name: "Retail Banking", code: "RB" });
  const lead = await makeUser("business_lead", { businessUnitId: retail.id, name: "Maria Lopez" });
  const otherLead = await makeUser("business_lead");
  const olivia = await makeStakeholder(retail.id, { name: "Olivia Bennett", title: "Head of Branches" });
  const version = await makePublishedGuideVersion("Discovery", GUIDE);
  const interview = await makeInterview({ unitId: retail.id, interviewerId: rm.id, stakeholderIds: [olivia.id], guideVersionId: version.id, status: "completed" });
  await db().insert(answers).values({ interviewId: interview.id, kind: "answer", item: "q-purpose", value: SAID });
  const actor: Actor = { id: rm.id, name: rm.name, ip: "", userAgent: "" };
  return {
    rm,
    retail,
    lead,
    olivia,
    interview,
    actor,
    viewer: { id: rm.id, role: rm.role, businessUnitId: null },
    cookies: { rm: await cookieFor(rm.id), lead: await cookieFor(lead.id), otherLead: await cookieFor(otherLead.id) },
  };
}
type World = Awaited<ReturnType<typeof world>>;

async function makeNeedWithQuote(w: World, statement: string, passage = "Branch phones go down on Saturdays") {
  const ev = await captureEvidence({ interviewId: w.interview.id, input: { source: "answer", item: "q-purpose", text: passage, stakeholderIds: [w.olivia.id], tags: ["telephony"] }, viewer: w.viewer, actor: w.actor });
  return createNeed({ input: { statement, outcome: "", process: "Branch operations", criticalPeriod: "", pain: "", category: "availability", unitIds: [w.retail.id], evidenceIds: [ev.id] }, viewer: w.viewer, actor: w.actor });
}

describe("capturing evidence without JavaScript", () => {
  it("saves a pasted passage with the offsets the server found", async () => {
    const w = await world();
    const response = await call(evidencePage, "action", {
      path: `/interviews/${w.interview.id}/evidence`,
      params: { interviewId: w.interview.id },
      cookie: w.cookies.rm,
      form: { intent: "capture", source: "answer", item: "q-purpose", text: "nobody answers the supplier's line", stakeholderIds: w.olivia.id, tags: "Telephony, weekend" },
    });
    expect(response.status).toBe(302);
    const [row] = await db().select().from(evidence);
    expect(row).toMatchObject({ text: "nobody answers the supplier's line", start: SAID.indexOf("nobody"), tags: ["telephony", "weekend"] });
  });

  it("keeps the typed passage and says why when it is not in the answer; nothing is written", async () => {
    const w = await world();
    const response = await call(evidencePage, "action", {
      path: `/interviews/${w.interview.id}/evidence`,
      params: { interviewId: w.interview.id },
      cookie: w.cookies.rm,
      form: { intent: "capture", source: "answer", item: "q-purpose", text: "phones are always fine", stakeholderIds: w.olivia.id, tags: "" },
    });
    expect(response.status).toBe(400);
    const body = await jsonOf<{ target: string; errors: Record<string, string>; values: Record<string, string> }>(response);
    expect(body.target).toBe("answer:q-purpose");
    expect(body.errors.text).toMatch(/does not occur in the answer/);
    expect(body.values.text).toBe("phones are always fine");
    expect(await db().select().from(evidence)).toHaveLength(0);
  });

  it("shows the evidence in place, the unsynthesised count, and flags a change at source", async () => {
    const w = await world();
    const url = { path: `/interviews/${w.interview.id}/evidence`, params: { interviewId: w.interview.id }, cookie: w.cookies.rm };
    let page = await jsonOf<{ counts: { unsynthesised: number; changed: number } }>(await call(evidencePage, "loader", url));
    expect(page.counts).toMatchObject({ unsynthesised: 1, changed: 0 });
    await makeNeedWithQuote(w, "Branch telephones work on Saturdays");
    await db().update(answers).set({ value: SAID.replace("Saturdays", "Saturday mornings") });
    page = await jsonOf(await call(evidencePage, "loader", url));
    expect(page.counts).toMatchObject({ unsynthesised: 0, changed: 1 });
  });
});

describe("needs pages", () => {
  it("writes a need from chosen evidence; a need without units is refused with a message", async () => {
    const w = await world();
    const ev = await captureEvidence({ interviewId: w.interview.id, input: { source: "answer", item: "q-purpose", text: "until Monday", stakeholderIds: [w.olivia.id], tags: [] }, viewer: w.viewer, actor: w.actor });
    const form = { statement: "Branch telephones are fixed on Saturdays", outcome: "", process: "", criticalPeriod: "", pain: "", category: "availability", evidenceIds: ev.id };
    const refused = await call(newNeed, "action", { path: "/needs/new", cookie: w.cookies.rm, form });
    expect(refused.status).toBe(400);
    expect((await jsonOf<{ errors: Record<string, string> }>(refused)).errors.unitIds).toBe("Choose at least one business unit");
    const saved = await call(newNeed, "action", { path: "/needs/new", cookie: w.cookies.rm, form: { ...form, unitIds: w.retail.id } });
    expect(saved.status).toBe(302);
    const [need] = await db().select().from(needs);
    expect(need).toMatchObject({ statement: "Branch telephones are fixed on Saturdays", stakeholderCount: 1 });
  });

  it("lets business leads of the need's unit read and comment, but not change it; other units see nothing", async () => {
    const w = await world();
    const need = await makeNeedWithQuote(w, "Branch telephones work on Saturdays");
    const at = { path: `/needs/${need.id}`, params: { needId: need.id } };
    const read = await call(needPage, "loader", { ...at, cookie: w.cookies.lead });
    expect(read.status).toBe(200);
    expect((await jsonOf<{ quotes: { text: string }[] }>(read)).quotes[0]!.text).toBe("Branch phones go down on Saturdays");
    expect((await call(needPage, "action", { ...at, cookie: w.cookies.lead, form: { intent: "comment", body: "This is our top one." } })).status).toBe(302);
    expect(await db().select().from(needComments)).toHaveLength(1);
    expect((await call(needPage, "action", { ...at, cookie: w.cookies.lead, form: { intent: "status", status: "parked", reason: "" } })).status).toBe(403);
    expect((await call(needPage, "loader", { ...at, cookie: w.cookies.otherLead })).status).toBe(404);
    expect((await call(needPage, "action", { ...at, cookie: w.cookies.otherLead, form: { intent: "comment", body: "Hello" } })).status).toBe(404);
    expect(await db().select().from(needComments)).toHaveLength(1);
  });

  it("refuses merging a need into itself or into a need it absorbed, with the reason next to the form", async () => {
    const w = await world();
    const a = await makeNeedWithQuote(w, "Branch telephones work on Saturdays");
    const b = await makeNeedWithQuote(w, "Branch phones are answered at the weekend", "nobody answers");
    const merge = (id: string, into: string) => call(needPage, "action", { path: `/needs/${id}`, params: { needId: id }, cookie: w.cookies.rm, form: { intent: "merge", into } });
    const self = await merge(a.id, `N-${a.number}`);
    expect(self.status).toBe(400);
    expect(await jsonOf(self)).toMatchObject({ intent: "merge", errors: { into: "A need cannot be merged into itself" } });
    expect((await merge(b.id, `N-${a.number}`)).status).toBe(302);
    const cycle = await jsonOf<{ errors: { into: string } }>(await merge(a.id, `N-${b.number}`));
    expect(cycle.errors.into).toMatch(/circle/);
    const [aRow] = await db().select().from(needs).where(eq(needs.id, a.id));
    expect(aRow!.mergedInto).toBeNull();
  });

  it("offers likely duplicates on request (the page without JavaScript) and through /needs/similar", async () => {
    const w = await world();
    const a = await makeNeedWithQuote(w, "Branch telephones work on Saturdays");
    const b = await makeNeedWithQuote(w, "Branch telephones are working on Saturday", "nobody answers");
    const at = { params: { needId: a.id }, cookie: w.cookies.rm };
    expect((await jsonOf<{ duplicates: unknown }>(await call(needPage, "loader", { ...at, path: `/needs/${a.id}` }))).duplicates).toBeNull();
    const asked = await jsonOf<{ duplicates: { id: string }[] }>(await call(needPage, "loader", { ...at, path: `/needs/${a.id}?duplicates=1` }));
    expect(asked.duplicates.map((d) => d.id)).toEqual([b.id]);
    const lead = await jsonOf<{ duplicates: unknown }>(await call(needPage, "loader", { params: { needId: a.id }, cookie: w.cookies.lead, path: `/needs/${a.id}?duplicates=1` }));
    expect(lead.duplicates).toBeNull();
  });

  it("board: searches quotes, refuses a bad filter with a reason, exports CSV with the filters", async () => {
    const w = await world();
    await makeNeedWithQuote(w, "Branch telephones work on Saturdays");
    await makeNeedWithQuote(w, "=HYPERLINK(\"http://x\") Supplier line is answered", "nobody answers the supplier's line");
    const found = await jsonOf<{ rows: { statement: string }[]; total: number }>(await call(board, "loader", { path: "/needs?q=supplier%27s+line", cookie: w.cookies.rm }));
    expect(found.rows.map((r) => r.statement)).toEqual(['=HYPERLINK("http://x") Supplier line is answered']);
    const bad = await call(board, "loader", { path: "/needs?sort=loudest&unit=nope", cookie: w.cookies.rm });
    expect(bad.status).toBe(400);
    expect((await jsonOf<{ errors: Record<string, string> }>(bad)).errors).toMatchObject({ sort: "Unknown sort order", unit: "That filter is not one of the choices" });
    const file = await call(csv, "loader", { path: "/needs.csv?q=telephones", cookie: w.cookies.lead });
    expect(file.status).toBe(200);
    const lines = (await file.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toMatch(/^Need,Statement,Status/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("Branch telephones work on Saturdays");
    expect((await call(csv, "loader", { path: "/needs.csv?status=maybe", cookie: w.cookies.rm })).status).toBe(400);
    const dupes = await jsonOf<{ similar: { statement: string }[] }>(await call(similar, "loader", { path: "/needs/similar?q=Branch+telephones+working+on+Saturday", cookie: w.cookies.rm }));
    expect(dupes.similar[0]!.statement).toBe("Branch telephones work on Saturdays");
  });

  it("runs as many queries for a page of 40 needs as for 2, and for a need with 12 quotes as with 1", async () => {
    const w = await world();
    const first = await makeNeedWithQuote(w, "Branch telephones work on Saturdays");
    await makeNeedWithQuote(w, "Branch phones are answered at the weekend");
    const count = async (fn: () => Promise<Response>) => {
      const { result, queries } = await recordQueries(fn);
      expect(result.status).toBe(200);
      return queries.length;
    };
    const boardQueries = () => count(() => call(board, "loader", { path: "/needs", cookie: w.cookies.rm }));
    const needQueries = () => count(() => call(needPage, "loader", { path: `/needs/${first.id}`, params: { needId: first.id }, cookie: w.cookies.rm }));
    const evidenceQueries = () => count(() => call(evidencePage, "loader", { path: `/interviews/${w.interview.id}/evidence`, params: { interviewId: w.interview.id }, cookie: w.cookies.rm }));
    const before = { board: await boardQueries(), need: await needQueries(), evidence: await evidenceQueries() };
    expect(Math.min(before.board, before.need, before.evidence)).toBeGreaterThanOrEqual(3);
    const words = SAID.split(" ");
    for (let i = 0; i < 38; i++) await makeNeedWithQuote(w, `Need number ${i} about branch telephones`, words.slice(i % 10, (i % 10) + 3).join(" "));
    const more = await Promise.all(
      Array.from({ length: 11 }, (_, i) =>
        captureEvidence({ interviewId: w.interview.id, input: { source: "answer", item: "q-purpose", text: words.slice(i, i + 2).join(" "), stakeholderIds: [w.olivia.id], tags: [] }, viewer: w.viewer, actor: w.actor }),
      ),
    );
    const { linkEvidence } = await import("../../app/models/need.server");
    await linkEvidence({ id: first.id, evidenceIds: more.map((e) => e.id), viewer: w.viewer, actor: w.actor });
    expect({ board: await boardQueries(), need: await needQueries(), evidence: await evidenceQueries() }).toEqual(before);
  });
});
