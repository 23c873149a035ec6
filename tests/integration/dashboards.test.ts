import type { SerializeFrom } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { answers, auditEvents, evidence, interviews, needs, services, serviceVersions, users } from "../../db/schema";
import { db, recordQueries } from "../../app/db.server";
import { addDays, utcToZoned, weekOf, zonedToUtc } from "../../app/domain/interview";
import type { GuideContent } from "../../app/domain/guide";
import { addMonths } from "../../app/domain/review";
import { DEFAULT_CRITERIA } from "../../app/domain/round";
import { serviceFactsSchema } from "../../app/domain/service";
import type { Actor } from "../../app/models/audit.server";
import { auditChainStatus, FULL_CHECK_EVERY_MS, forgetAuditChainStatus } from "../../app/models/dashboard-audit.server";
import { captureEvidence } from "../../app/models/evidence.server";
import { relationshipManagerHome } from "../../app/models/home.server";
import { createRound, openRound, saveScores, submitScores } from "../../app/models/round.server";
import { coverageGaps } from "../../app/models/service-portfolio.server";
import { createService, saveDraft } from "../../app/models/service.server";
import { createVersion } from "../../app/models/service-version.server";
import { submitForSignoff } from "../../app/models/signoff.server";
import * as home from "../../app/routes/_index";
import * as evidencePage from "../../app/routes/interviews.$interviewId.evidence";
import { loadDemoWorkspace } from "../../db/seed/demo";
import { DEMO_NEEDS } from "../../db/seed/needs";
import { DEMO_OPEN_ROUND } from "../../db/seed/rounds";
import { DEMO_OVERDUE_REVIEW, DEMO_REVIEWED_SERVICE } from "../../db/seed/reviews";
import { DEMO_GAP_NEED } from "../../db/seed/services";
import { cookieFor, makeInterview, makePublishedGuideVersion, makeStakeholder, makeUnit, makeUser } from "../support/factories";
import { call, jsonOf } from "../support/routes";

type HomePage = SerializeFrom<typeof home.loader>;
type View<R extends HomePage["view"]["role"]> = Extract<HomePage["view"], { role: R }>["data"];

const DEMO = 120_000;

async function person(email: string) {
  const [user] = await db().select().from(users).where(eq(users.email, email));
  return user!;
}

const actorOf = (u: { id: string; name: string }): Actor & { id: string } => ({ id: u.id, name: u.name, ip: "", userAgent: "" });

/** The home page as the person sees it, and the queries it took. */
async function homeOf(user: { id: string }) {
  const cookie = await cookieFor(user.id);
  const { result: response, queries } = await recordQueries(() => call(home, "loader", { path: "/", cookie }));
  expect(response.status).toBe(200);
  return { page: await jsonOf<HomePage>(response), queries: queries.length };
}

async function viewOf<R extends HomePage["view"]["role"]>(user: { id: string }, role: R): Promise<View<R>> {
  const { page } = await homeOf(user);
  expect(page.view.role).toBe(role);
  return page.view.data as View<R>;
}

async function evidenceCounts(user: { id: string }, interviewId: string) {
  const response = await call(evidencePage, "loader", { path: `/interviews/${interviewId}/evidence`, params: { interviewId }, cookie: await cookieFor(user.id) });
  return jsonOf<SerializeFrom<typeof evidencePage.loader>>(response);
}

describe("the relationship manager's home", () => {
  it("shows Tom his week, the answers of his completed interviews nobody has quoted, the drafts, the sign-off request waiting on the COO", async () => {
    await loadDemoWorkspace();
    const tom = await person("rm@meridian.example");
    let view = await viewOf(tom, "relationship_manager");

    // Interviews: nothing today; the Facilities interview two days ahead, if that is still this week.
    const today = utcToZoned(new Date()).date;
    expect(view.today).toEqual([]);
    expect(view.later.map((i) => [i.unitName, i.status])).toEqual(addDays(today, 2) <= weekOf(today)[6]! ? [["Facilities", "planned"]] : []);

    // Unsynthesised: both of Tom's completed interviews (Hannah's is not his, nor are the responses to his survey), longest waiting first, counted as their evidence pages count.
    const held = await db().select().from(interviews).where(eq(interviews.status, "completed")).orderBy(interviews.scheduledAt);
    const his = held.filter((i) => i.interviewerId === tom.id && i.surveyId === null);
    expect(his).toHaveLength(2);
    expect(held.length).toBeGreaterThan(his.length);
    expect(view.synthesis.interviews.map((i) => i.id)).toEqual(his.map((i) => i.id));
    expect(view.synthesis.total).toBe(2);
    for (const listed of view.synthesis.interviews) {
      const page = await evidenceCounts(tom, listed.id);
      expect(listed.answers).toBeGreaterThan(0);
      expect(listed.answers + listed.notes).toBe(page.counts.unsynthesised);
      expect(listed.unitName).toBe("Retail Banking");
    }

    // Quoting an answer's verbatim quote synthesises that answer: one fewer.
    const first = view.synthesis.interviews[0]!;
    const page = await evidenceCounts(tom, first.id);
    const question = page.sections.flatMap((s) => s.questions).find((q) => q.texts.some((t) => t.text) && !q.texts.some((t) => t.evidenceIds.length))!;
    const text = question.texts.find((t) => t.source === "quote" && t.text) ?? question.texts.find((t) => t.text)!;
    await captureEvidence({
      interviewId: first.id,
      input: { source: text.source, item: text.item, text: text.text.slice(0, 40), stakeholderIds: [page.people[0]!.id], tags: [] },
      viewer: tom,
      actor: actorOf(tom),
    });
    view = await viewOf(tom, "relationship_manager");
    expect(view.synthesis.interviews.find((i) => i.id === first.id)?.answers).toBe(first.answers - 1);

    // Drafts: every listed service has no version yet, or a draft changed since its latest; Branch Banking joins once its draft moves on.
    const versions = await db().select({ serviceId: serviceVersions.serviceId, number: serviceVersions.number }).from(serviceVersions);
    const unversioned = (await db().select({ id: services.id }).from(services)).filter((s) => !versions.some((v) => v.serviceId === s.id));
    expect(view.drafts.total).toBeGreaterThanOrEqual(unversioned.length);
    expect(view.drafts.rows.length).toBe(Math.min(5, view.drafts.total));
    for (const d of view.drafts.rows) if (d.version !== null) expect(versions.some((v) => v.serviceId === d.id && v.number === d.version)).toBe(true);
    expect(view.drafts.rows.map((d) => d.name)).toContain("Joining the Bank");
    const [branch] = await db().select().from(services).where(eq(services.name, "Branch Banking"));
    const before = view.drafts.total;
    const branchListed = view.drafts.rows.some((d) => d.id === branch!.id);
    await saveDraft({ id: branch!.id, revision: branch!.revision, definition: { ...branch!.draft, purpose: `${branch!.draft.purpose} Reviewed.` }, actor: actorOf(tom) });
    view = await viewOf(tom, "relationship_manager");
    expect(view.drafts.rows[0]).toMatchObject({ name: "Branch Banking", version: 2 });
    expect(view.drafts.total).toBe(branchListed ? before : before + 1);

    // Sign-off: version 2 approved by the branch network, waiting on the COO.
    expect(view.waiting.map((r) => ({ service: r.serviceName, number: r.number, on: r.waitingOn.map((p) => p.name), decided: r.decided, of: r.total }))).toEqual([
      { service: "Branch Banking", number: 2, on: ["Sarah Johnson"], decided: 1, of: 2 },
    ]);
    expect(view.inbox).toEqual([]);

    // Reviews due: Branch facilities' overdue (marked so), Branch Banking's next month if that is within 30 days.
    const todayUtc = new Date().toISOString().slice(0, 10);
    const dueByName = new Map((await db().select({ name: services.name, nextReview: services.nextReview }).from(services)).map((s) => [s.name, s.nextReview]));
    const branchDue = dueByName.get(DEMO_REVIEWED_SERVICE)!;
    expect(view.reviews.rows.map((r) => [r.name, r.overdue])).toEqual([
      [DEMO_OVERDUE_REVIEW, true],
      ...(branchDue <= addDays(todayUtc, 30) ? [[DEMO_REVIEWED_SERVICE, false]] : []),
    ]);
    expect(view.reviews.rows[0]).toMatchObject({ nextReview: dueByName.get(DEMO_OVERDUE_REVIEW), ownerName: expect.stringMatching(/\S/) });
    expect(view.reviews.overdue).toBe(1);

    // Suspect clauses: Branch Banking's three, with the need edited since version 1 was agreed.
    expect(view.suspect.rows.map((r) => [r.name, r.clauses])).toEqual([[DEMO_REVIEWED_SERVICE, 3]]);
    expect(view.suspect.rows[0]!.latest).toMatch(/^N-\d+ was edited \(pain changed\)$/);
  }, DEMO);

  it("splits today from later this week, and counts only answers with text that no evidence was taken from", async () => {
    const rm = await makeUser("relationship_manager");
    const other = await makeUser("relationship_manager");
    const unit = await makeUnit({ name: "Finance" });
    const [fiona, mark] = [await makeStakeholder(unit.id, { name: "Fiona Campbell" }), await makeStakeholder(unit.id, { name: "Mark Davies" })];
    const content: GuideContent = {
      sections: [
        {
          id: "close",
          title: "Month-end close",
          purpose: "",
          questions: [
            { id: "q-quoted", type: "long_text", prompt: "What goes wrong?", help: "", required: false, condition: null, settings: {} },
            { id: "q-open", type: "short_text", prompt: "Which day?", help: "", required: false, condition: null, settings: { maxLength: 200 } },
            { id: "q-choice", type: "single_choice", prompt: "Is it monthly?", help: "", required: false, condition: null, settings: { options: [{ value: "yes", label: "Yes" }, { value: "no", label: "No" }] } },
            { id: "q-choice-said", type: "single_choice", prompt: "Does it slip?", help: "", required: false, condition: null, settings: { options: [{ value: "yes", label: "Yes" }, { value: "no", label: "No" }] } },
            { id: "q-empty", type: "long_text", prompt: "Anything else?", help: "", required: false, condition: null, settings: {} },
            { id: "q-by-quote", type: "long_text", prompt: "Who do you call?", help: "", required: false, condition: null, settings: {} },
            { id: "q-hidden", type: "long_text", prompt: "Why not monthly?", help: "", required: false, condition: { questionId: "q-choice", operator: "equals", value: "no" }, settings: {} },
          ],
        },
      ],
    };
    const guide = await makePublishedGuideVersion("Finance discovery", content);
    const plan = (interviewerId: string, at: Date, status: "planned" | "in_progress" | "completed" = "planned") =>
      makeInterview({ unitId: unit.id, interviewerId, stakeholderIds: [fiona.id, mark.id], guideVersionId: guide.id, scheduledAt: at, status });

    // A fixed Monday: one interview today, one on Wednesday, one next Monday, one last Friday.
    const monday = "2026-11-23";
    const now = zonedToUtc(monday, "08:00");
    const todays = await plan(rm.id, zonedToUtc(monday, "16:30"));
    const wednesday = await plan(rm.id, zonedToUtc(addDays(monday, 2), "10:00"));
    await plan(rm.id, zonedToUtc(addDays(monday, 7), "10:00"));
    await plan(rm.id, zonedToUtc(addDays(monday, -3), "10:00"));
    await plan(other.id, zonedToUtc(monday, "11:00"));

    // Completed: answers of every kind.
    const held = await plan(rm.id, zonedToUtc(addDays(monday, -10), "10:00"), "completed");
    const answer = (interviewId: string, item: string, value: unknown, quote = "", kind: "answer" | "notes" = "answer") => ({ interviewId, kind, item, value, quote });
    await db().insert(answers).values([
      answer(held.id, "q-quoted", "The journals arrive late from the payroll system."), // quoted from its text
      answer(held.id, "q-open", "Working day three"), // waiting
      answer(held.id, "q-choice", "yes"), // a choice: nothing to quote
      answer(held.id, "q-choice-said", "yes", "It slips every quarter end, without fail."), // a choice with their words: waiting
      answer(held.id, "q-empty", null), // empty
      answer(held.id, "q-by-quote", "The service desk.", "Honestly, nobody picks up after six."), // quoted from its verbatim quote
      answer(held.id, "q-hidden", "Left over from before it was monthly."), // hidden: q-choice is not "no"
      answer(held.id, "close", "Fiona leads the close; Mark runs the checklist.", "", "notes"), // notes: waiting
    ]);
    const quote = (interviewId: string, source: "answer" | "quote", item: string, text: string) => ({ interviewId, source, item, start: 0, end: text.length, text, sourceText: text, checkedText: text });
    await db().insert(evidence).values([quote(held.id, "answer", "q-quoted", "The journals arrive late"), quote(held.id, "quote", "q-by-quote", "Honestly, nobody picks up")]);
    // Evidence from another interview's answer to the same question does not count for this one.
    const elsewhere = await plan(rm.id, zonedToUtc(addDays(monday, -9), "10:00"), "completed");
    await db().insert(answers).values([answer(elsewhere.id, "q-quoted", "Nothing goes wrong."), answer(elsewhere.id, "q-empty", null)]);
    // Fully quoted; someone else's; one still under way: none of them listed.
    const done = await plan(rm.id, zonedToUtc(addDays(monday, -8), "10:00"), "completed");
    const theirs = await plan(other.id, zonedToUtc(addDays(monday, -8), "10:00"), "completed");
    const underWay = await plan(rm.id, zonedToUtc(addDays(monday, -1), "10:00"), "in_progress");
    await db().insert(answers).values([answer(done.id, "q-open", "Day one"), answer(theirs.id, "q-open", "Day two"), answer(underWay.id, "q-open", "Day four")]);
    await db().insert(evidence).values(quote(done.id, "answer", "q-open", "Day one"));

    const data = await relationshipManagerHome(rm, now);
    expect(data.today.map((i) => [i.id, i.time])).toEqual([[todays.id, "16:30"]]);
    expect(data.later.map((i) => [i.id, i.day, i.time])).toEqual([[wednesday.id, "Wed 25 Nov", "10:00"]]);
    expect(data.synthesis.interviews.map((i) => [i.id, i.answers, i.notes])).toEqual([
      [held.id, 2, 1],
      [elsewhere.id, 1, 0],
    ]);
    expect(data.synthesis.total).toBe(2);
    expect((await evidenceCounts(rm, held.id)).counts.unsynthesised).toBe(3);
  });
});

describe("the business lead's home", () => {
  it("shows Maria the round she has not submitted with its deadline, her unit's needs, and what she is asked to approve", async () => {
    await loadDemoWorkspace();
    const maria = await person("lead@meridian.example");
    const david = await person("lead.finance@meridian.example");
    const tom = await person("rm@meridian.example");
    let view = await viewOf(maria, "business_lead");

    // The demo's open round: she has started on one need (two of its four criteria) and not submitted.
    expect(view.rounds).toHaveLength(1);
    expect(view.rounds[0]).toMatchObject({ title: DEMO_OPEN_ROUND.title, needs: DEMO_OPEN_ROUND.needs.length, scored: 0, pastDeadline: false });
    expect(new Date(view.rounds[0]!.deadline!).getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000);

    // A second round opened with her as a scorer, without a deadline, comes after it; a draft does not show.
    const branchNeeds = await db().select({ id: needs.id, statement: needs.statement }).from(needs).where(sql`${needs.mergedInto} is null`).orderBy(needs.number).limit(3);
    const input = { method: "weighted" as const, criteria: DEFAULT_CRITERIA, mustCap: null, deadline: null, needIds: branchNeeds.map((n) => n.id), scorerIds: [maria.id, david.id], observerIds: [] };
    const next = await createRound({ input: { ...input, title: "Spring 2027 priorities" }, actor: actorOf(tom) });
    await openRound({ id: next.id, actor: actorOf(tom) });
    await createRound({ input: { ...input, title: "Still a draft" }, actor: actorOf(tom) });
    await saveScores({ roundId: next.id, userId: maria.id, scores: DEFAULT_CRITERIA.map((c) => ({ needId: branchNeeds[0]!.id, criterion: c.key, value: 4 })) });
    view = await viewOf(maria, "business_lead");
    expect(view.rounds.map((r) => [r.title, r.scored, r.needs, r.deadline])).toEqual([
      [DEMO_OPEN_ROUND.title, 0, DEMO_OPEN_ROUND.needs.length, view.rounds[0]!.deadline],
      ["Spring 2027 priorities", 1, 3, null],
    ]);

    // Submitting takes a round off her list.
    await submitScores({ roundId: view.rounds[0]!.id, userId: maria.id, actor: actorOf(maria) });
    expect((await viewOf(maria, "business_lead")).rounds.map((r) => r.title)).toEqual(["Spring 2027 priorities"]);

    // Her unit's needs: the best supported first, five of them, and how many there are.
    expect(view.needs.total).toBeGreaterThan(5);
    expect(view.needs.rows).toHaveLength(5);
    const support = view.needs.rows.map((n) => n.stakeholderCount);
    expect(support).toEqual([...support].sort((a, b) => b - a));

    // Documents: she approved Branch Banking version 2 already, so nothing waits on her; a new request does.
    expect(view.inbox).toEqual([]);
    const [joining] = await db().select().from(services).where(eq(services.name, "Joining the Bank"));
    await createVersion({ id: joining!.id, actor: actorOf(tom) });
    const sarah = await person("exec@meridian.example");
    await submitForSignoff({ serviceId: joining!.id, number: 1, input: { approvers: [maria.id], signers: [sarah.id], inOrder: true, message: "", dueOn: null }, actor: actorOf(tom) });
    expect((await viewOf(maria, "business_lead")).inbox.map((r) => [r.serviceName, r.number, r.role])).toEqual([["Joining the Bank", 1, "approver"]]);
  }, DEMO);
});

describe("the executive's home", () => {
  it("shows the COO Branch Banking version 2 to sign, the portfolio's health and the needs ranked high that no service answers", async () => {
    await loadDemoWorkspace();
    const sarah = await person("exec@meridian.example");
    const view = await viewOf(sarah, "executive");
    expect(view.inbox.map((r) => [r.serviceName, r.number, r.role, r.submitter])).toEqual([["Branch Banking", 2, "signer", "Tom Okafor"]]);

    // Portfolio health: the two services reviewed by their latest review; Branch Banking missed a normal-time level in its last
    // three months measured (its Saturday dip is older than that); Branch facilities' review is overdue.
    const all = await db().select({ id: services.id, name: services.name }).from(services);
    const named = (name: string) => all.find((s) => s.name === name)!.id;
    expect(view.health.services).toBe(all.length);
    expect(view.health.effectiveness).toEqual({ effective: 1, partially_effective: 1, ineffective: 0 });
    expect(view.health.notReviewed).toBe(all.length - 2);
    expect(view.health.belowTarget.rows.map((s) => s.id)).toEqual([named(DEMO_REVIEWED_SERVICE)]);
    const branch = view.health.belowTarget.rows[0]!;
    expect(branch.normal.met).toBeLessThan(branch.normal.measured);
    expect(branch.critical).toEqual({ met: branch.critical.measured, measured: expect.any(Number) });
    expect(branch.critical.measured).toBeGreaterThan(0);
    expect(branch.latestMonth).toBe(`${addMonths(new Date().toISOString().slice(0, 10), -1).slice(0, 7)}-01`);
    expect(view.health.overdue.rows.map((s) => [s.id, s.name])).toEqual([[named(DEMO_OVERDUE_REVIEW), DEMO_OVERDUE_REVIEW]]);

    const gap = DEMO_NEEDS.find((n) => n.key === DEMO_GAP_NEED)!;
    expect(view.gaps.rows.map((g) => g.statement)).toEqual([gap.statement]);
    expect(view.gaps.rows[0]).toMatchObject({ rank: 1, round: expect.any(String) });
    expect(view.gaps.rows.map((g) => g.needId)).toEqual((await coverageGaps()).map((g) => g.needId));
  }, DEMO);
});

describe("the admin's home", () => {
  it("says the audit chain holds with its number of events, checks only new events between full walks, and names the first broken event", async () => {
    await loadDemoWorkspace();
    forgetAuditChainStatus();
    const priya = await person("admin@meridian.example");
    const count = async () => (await db().select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]!.n;
    let view = await viewOf(priya, "admin");
    const events = await count();
    expect(view.chain).toMatchObject({ ok: true, events });
    const fullCheckAt = view.chain.fullCheckAt;

    // A new event (a sign-off request) is checked on its own at the next look: the full walk stands.
    const tom = await person("rm@meridian.example");
    const [joining] = await db().select().from(services).where(eq(services.name, "Joining the Bank"));
    await createVersion({ id: joining!.id, actor: actorOf(tom) });
    view = await viewOf(priya, "admin");
    expect(view.chain).toEqual({ ok: true, events: events + 1, fullCheckAt });

    // Altering an event written since the last full walk is caught at once, and named.
    const tamper = async (seq: number) =>
      db().transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`update audit_events set actor_name = 'Someone else' where seq = ${seq}`);
      });
    const [newest] = await db().select({ seq: auditEvents.seq }).from(auditEvents).orderBy(sql`seq desc`).limit(1);
    await tamper(newest!.seq);
    view = await viewOf(priya, "admin");
    expect(view.chain).toMatchObject({ ok: false, seq: newest!.seq, reason: "its content does not match its hash (it was altered)", checked: events });

    // An older event altered: a fresh process (or the walk every ten minutes) names the first broken one.
    await tamper(40);
    forgetAuditChainStatus();
    view = await viewOf(priya, "admin");
    expect(view.chain).toMatchObject({ ok: false, seq: 40, checked: 39 });
  }, DEMO);

  it("walks the whole chain again once ten minutes have passed since the last full walk", async () => {
    await loadDemoWorkspace();
    forgetAuditChainStatus();
    const start = new Date();
    expect(await auditChainStatus({ now: start })).toMatchObject({ ok: true });
    await db().transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update audit_events set payload = '{}'::jsonb where seq = 12`);
    });
    // Within ten minutes only new events are checked…
    expect(await auditChainStatus({ now: new Date(start.getTime() + 60_000) })).toMatchObject({ ok: true });
    // …after them, the whole chain.
    expect(await auditChainStatus({ now: new Date(start.getTime() + FULL_CHECK_EVERY_MS + 1) })).toMatchObject({ ok: false, seq: 12 });
  }, DEMO);
});

describe("the home pages' queries", () => {
  it("are as many for each role however many rows their lists hold", async () => {
    await loadDemoWorkspace();
    forgetAuditChainStatus();
    const [tom, maria, sarah, priya] = await Promise.all(["rm@meridian.example", "lead@meridian.example", "exec@meridian.example", "admin@meridian.example"].map(person));
    // The admin's first look walks the whole chain (a query per thousand events); the next ones check only new events.
    const firstLook = (await homeOf(priya!)).queries;
    const counts = async () => {
      const out: number[] = [];
      for (const u of [tom, maria, sarah, priya]) out.push((await homeOf(u!)).queries); // one at a time: the query recorder is global
      return out;
    };
    const before = await counts();

    // More of everything: completed interviews with answers nobody quoted, drafts, reviews overdue, rounds and documents waiting.
    const unit = await makeUnit({ name: "Treasury" });
    const stakeholder = await makeStakeholder(unit.id);
    for (let i = 0; i < 4; i++) {
      const held = await makeInterview({ unitId: unit.id, interviewerId: tom!.id, stakeholderIds: [stakeholder.id], status: "completed", scheduledAt: new Date(Date.now() - (i + 2) * 86_400_000) });
      await db().insert(answers).values({ interviewId: held.id, kind: "answer", item: "q-one", value: `Cash positions arrive late, day ${i}.`, quote: "" });
    }
    await makeInterview({ unitId: unit.id, interviewerId: tom!.id, stakeholderIds: [stakeholder.id], scheduledAt: zonedToUtc(utcToZoned(new Date()).date, "23:00") });
    for (const name of ["Treasury dealing", "Liquidity reporting", "Payments gateway"]) {
      await createService({ input: serviceFactsSchema.parse({ name, kind: "supporting", providerId: null, ownerName: "Ola Berg", nextReview: "2026-01-15" }), actor: actorOf(tom!) });
    }
    await db().update(services).set({ nextReview: "2025-12-01" }).where(eq(services.name, "Desktop"));
    const someNeeds = await db().select({ id: needs.id }).from(needs).where(sql`${needs.mergedInto} is null`).limit(2);
    for (const title of ["Treasury priorities", "Payments priorities"]) {
      const round = await createRound({
        input: { title, method: "weighted", criteria: DEFAULT_CRITERIA, mustCap: null, deadline: null, needIds: someNeeds.map((n) => n.id), scorerIds: [maria!.id], observerIds: [sarah!.id] },
        actor: actorOf(tom!),
      });
      await openRound({ id: round.id, actor: actorOf(tom!) });
    }
    // Two for Maria to approve before the COO is asked; one straight to the COO.
    for (const [name, approvers] of [["Treasury dealing", [maria!.id]], ["Liquidity reporting", [maria!.id]], ["Payments gateway", []]] as const) {
      const [service] = await db().select().from(services).where(eq(services.name, name));
      await createVersion({ id: service!.id, actor: actorOf(tom!) });
      await submitForSignoff({ serviceId: service!.id, number: 1, input: { approvers: [...approvers], signers: [sarah!.id], inOrder: false, message: "", dueOn: null }, actor: actorOf(tom!) });
    }

    const views = [await viewOf(tom!, "relationship_manager"), await viewOf(maria!, "business_lead"), await viewOf(sarah!, "executive")] as const;
    expect(views[0].synthesis.total).toBe(6);
    expect(views[0].reviews.overdue).toBeGreaterThanOrEqual(4);
    expect(views[0].waiting).toHaveLength(4);
    expect(views[1].rounds).toHaveLength(3);
    expect(views[1].inbox).toHaveLength(2);
    expect(views[2].inbox).toHaveLength(2);
    expect(views[2].health.overdue.total).toBeGreaterThanOrEqual(4);
    expect(await counts()).toEqual(before);
    expect(firstLook).toBeGreaterThan(before[3]!);
  }, DEMO);
});
