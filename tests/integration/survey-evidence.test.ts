import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { answers, evidence, evidenceStakeholders, interviews, needs, surveyInvitees } from "../../db/schema";
import { db } from "../../app/db.server";
import { ANONYMOUS_NAMES_NOBODY } from "../../app/domain/evidence";
import type { NeedQuote } from "../../app/domain/need";
import { RESPONSE_READ_ONLY } from "../../app/domain/survey-response";
import { captureEvidence } from "../../app/models/evidence.server";
import { createNeed } from "../../app/models/need.server";
import { openLink, saveResponse, submitResponse } from "../../app/models/survey.server";
import * as responsePage from "../../app/routes/interviews.$interviewId._index";
import * as evidencePage from "../../app/routes/interviews.$interviewId.evidence";
import * as summaryPage from "../../app/routes/interviews.$interviewId.summary";
import * as runPage from "../../app/routes/interviews.$interviewId.run";
import * as allAnswersCsv from "../../app/routes/interviews.answers[.]csv";
import * as oneAnswersCsv from "../../app/routes/interviews.$interviewId.answers[.]csv";
import * as needPage from "../../app/routes/needs.$needId._index";
import { cookieFor, makeInterview, makeStakeholder } from "../support/factories";
import { refusal } from "../support/refusal";
import { call, jsonOf } from "../support/routes";
import { actorOf } from "../support/survey";
import { makeRespondSurvey, respondWorld } from "../support/survey-respond";

const VPN = "The VPN drops every afternoon, so I lose whatever I was typing into the branch system.";
const LOCKERS = "Give us lockers near the desks: I carry my laptop between three floors.";

type World = Awaited<ReturnType<typeof respondWorld>> & { cookie: string };

async function world(): Promise<World> {
  const w = await respondWorld();
  return { ...w, cookie: await cookieFor(w.rm.id) };
}

/** The respondent behind `token` answers (the rating, and `text` as what they would change first) and sends: their response's id. */
async function answerAndSend(token: string, text: string, send = true): Promise<string> {
  const link = (await openLink(token))!;
  const saves = [
    { kind: "answer" as const, item: "q-rating", value: 2, quote: "", base: 0, key: randomUUID() },
    { kind: "answer" as const, item: "q-change", value: text, quote: "", base: 0, key: randomUUID() },
  ];
  const saved = await saveResponse(link, { intent: "save", since: 0, saves });
  expect(saved.results.map((r) => r.status)).toEqual(["saved", "saved"]);
  if (send) await submitResponse(link, "127.0.0.1", "vitest");
  const [invitee] = await db().select({ interviewId: surveyInvitees.interviewId }).from(surveyInvitees).where(eq(surveyInvitees.id, link.invitee.id));
  return invitee!.interviewId!;
}

/** Quotes a passage of what a respondent would change first, through the evidence page's action. */
function quote(w: World, interviewId: string, text: string, stakeholderIds: string[] = []) {
  return call(evidencePage, "action", {
    path: `/interviews/${interviewId}/evidence`,
    params: { interviewId },
    cookie: w.cookie,
    form: { intent: "capture", source: "answer", item: "q-change", text, stakeholderIds, tags: "" },
  });
}

async function evidenceOf(interviewId: string) {
  return db().select().from(evidence).where(eq(evidence.interviewId, interviewId));
}

function needFrom(w: World, statement: string, evidenceIds: string[]) {
  return createNeed({
    input: { statement, outcome: "", process: "Remote working", criticalPeriod: "", pain: "", category: "availability", unitIds: [w.unit.id], evidenceIds },
    viewer: { id: w.rm.id, role: w.rm.role },
    actor: actorOf(w.rm),
  });
}

async function needPageData(w: World, needId: string) {
  const response = await call(needPage, "loader", { path: `/needs/${needId}`, params: { needId }, cookie: w.cookie });
  expect(response.status).toBe(200);
  return jsonOf<{ quotes: NeedQuote[]; support: { stakeholderCount: number; unitCount: number; evidenceCount: number; firstHeard: string } }>(response);
}

describe("evidence from a named survey's response", () => {
  it("is said by the respondent, the only person to choose, and the need's quote names them and the survey", async () => {
    const w = await world();
    const [ana] = w.people;
    const survey = await makeRespondSurvey(w, { title: "Hybrid working tools check-in" });
    const responseId = await answerAndSend(survey.tokens[0]!, VPN);

    const page = await jsonOf<{ people: { id: string; name: string }[]; anonymousAs: string | null; response: { heading: string } }>(
      await call(evidencePage, "loader", { path: `/interviews/${responseId}/evidence`, params: { interviewId: responseId }, cookie: w.cookie }),
    );
    expect(page.people).toEqual([{ id: ana!.id, name: "Ana Reyes" }]);
    expect(page.anonymousAs).toBeNull();
    expect(page.response.heading).toBe("Response from Ana Reyes");

    // As for an interview, who said it must be chosen.
    const nobody = await quote(w, responseId, "The VPN drops every afternoon");
    expect(nobody.status).toBe(400);
    expect((await jsonOf<{ errors: Record<string, string> }>(nobody)).errors.stakeholderIds).toBe("Choose who said it");
    expect((await quote(w, responseId, "The VPN drops every afternoon", [ana!.id])).status).toBe(302);
    const [ev] = await evidenceOf(responseId);
    expect(await db().select().from(evidenceStakeholders).where(eq(evidenceStakeholders.evidenceId, ev!.id))).toEqual([{ evidenceId: ev!.id, stakeholderId: ana!.id }]);

    const need = await needFrom(w, "Staff keep their work when the VPN drops", [ev!.id]);
    const data = await needPageData(w, need.id);
    expect(data.quotes).toHaveLength(1);
    expect(data.quotes[0]).toMatchObject({ text: "The VPN drops every afternoon", stakeholders: [{ id: ana!.id, name: "Ana Reyes" }], anonymousAs: null, survey: { title: "Hybrid working tools check-in", anonymous: false } });
    expect(data.support).toMatchObject({ stakeholderCount: 1, unitCount: 1, evidenceCount: 1 });
  });
});

describe("evidence from an anonymous survey's response", () => {
  it("names nobody: a name given is refused, and the need's quotes read 'anonymous respondent, <unit>' with no name or time anywhere", async () => {
    const w = await world();
    const survey = await makeRespondSurvey(w, { title: "Hybrid working, anonymously", anonymous: "on" });
    const [anaResponse, benResponse] = [await answerAndSend(survey.tokens[0]!, VPN), await answerAndSend(survey.tokens[1]!, LOCKERS)];
    const label = `anonymous respondent, ${w.unit.name}`;

    const page = await call(evidencePage, "loader", { path: `/interviews/${benResponse}/evidence`, params: { interviewId: benResponse }, cookie: w.cookie });
    const shown = await jsonOf<{ people: unknown[]; anonymousAs: string; response: { heading: string } }>(page);
    expect(shown.people).toEqual([]);
    expect(shown.anonymousAs).toBe(label);
    expect(shown.response.heading).toBe(`Anonymous response, ${w.unit.name}`);
    expect(await page.text()).not.toMatch(/Ana Reyes|Ben Ward/);

    // Nobody can attach a name, not even the respondent's own.
    const named = await quote(w, benResponse, "Give us lockers near the desks", [w.people[1]!.id]);
    expect(named.status).toBe(400);
    expect((await jsonOf<{ errors: Record<string, string> }>(named)).errors.stakeholderIds).toBe(ANONYMOUS_NAMES_NOBODY);
    const direct = captureEvidence({
      interviewId: benResponse,
      input: { source: "answer", item: "q-change", text: "lockers", stakeholderIds: [w.people[1]!.id], tags: [] },
      viewer: { id: w.rm.id, role: w.rm.role },
      actor: actorOf(w.rm),
    });
    expect((await refusal(direct)).code).toBe("anonymous_response");
    expect(await evidenceOf(benResponse)).toEqual([]);

    expect((await quote(w, benResponse, "Give us lockers near the desks")).status).toBe(302);
    expect((await quote(w, anaResponse, "The VPN drops every afternoon")).status).toBe(302);
    const ids = [...(await evidenceOf(benResponse)), ...(await evidenceOf(anaResponse))].map((e) => e.id);
    expect(await db().select().from(evidenceStakeholders)).toEqual([]);

    // Found when linking quotes to another need, they read the same.
    const other = await needFrom(w, "Laptops are light enough to carry", []);
    const search = await call(needPage, "loader", { path: `/needs/${other.id}?evidence=lockers`, params: { needId: other.id }, cookie: w.cookie });
    const { evidenceHits } = await jsonOf<{ evidenceHits: { text: string; people: string; heardIn: string }[] }>(search);
    expect(evidenceHits).toEqual([expect.objectContaining({ text: "Give us lockers near the desks", people: label, heardIn: expect.stringMatching(/^Hybrid working, anonymously \(survey\), \d+ \w+ \d{4}$/) })]);
    expect(await search.text()).not.toMatch(/Ana Reyes|Ben Ward/);

    const need = await needFrom(w, "Hybrid workers can work from any floor", ids);
    const response = await call(needPage, "loader", { path: `/needs/${need.id}`, params: { needId: need.id }, cookie: w.cookie });
    const body = await response.text();
    const data = JSON.parse(body) as Awaited<ReturnType<typeof needPageData>>;
    const byText = (a: NeedQuote, b: NeedQuote) => (a.text ?? "").localeCompare(b.text ?? "");
    expect([...data.quotes].sort(byText).map((q) => [q.text, q.anonymousAs, q.survey?.title, q.stakeholders])).toEqual([
      ["Give us lockers near the desks", label, "Hybrid working, anonymously", []],
      ["The VPN drops every afternoon", label, "Hybrid working, anonymously", []],
    ]);
    expect(body).not.toMatch(/Ana Reyes|Ben Ward/);
    // Sent at a time that could tell who: kept to the day.
    const sent = await db().select({ at: surveyInvitees.submittedAt }).from(surveyInvitees).where(eq(surveyInvitees.surveyId, survey.id));
    for (const s of sent) if (s.at) expect(body).not.toContain(s.at.toISOString());
    expect(data.quotes.every((q) => q.heardAt.endsWith("T12:00:00.000Z"))).toBe(true);
    // Two respondents in one unit, though neither is named; the needs board counts them alike.
    expect(data.support).toMatchObject({ stakeholderCount: 2, unitCount: 1, evidenceCount: 2 });
    const [row] = await db().select({ stakeholderCount: needs.stakeholderCount, unitCount: needs.unitCount }).from(needs).where(eq(needs.id, need.id));
    expect(row).toEqual({ stakeholderCount: 2, unitCount: 1 });
  });

  it("still needs who said it for an ordinary interview", async () => {
    const w = await world();
    const person = await makeStakeholder(w.unit.id, { name: "Chloe Turner" });
    const held = await makeInterview({ unitId: w.unit.id, interviewerId: w.rm.id, stakeholderIds: [person.id], guideVersionId: w.version.id, status: "completed" });
    const refused = captureEvidence({
      interviewId: held.id,
      input: { source: "answer", item: "q-change", text: "lockers", stakeholderIds: [], tags: [] },
      viewer: { id: w.rm.id, role: w.rm.role },
      actor: actorOf(w.rm),
    });
    expect(await refusal(refused)).toMatchObject({ code: "stakeholder_required", message: "Choose who said it" });
  });
});

describe("a survey response's pages", () => {
  it("refuse starting, completing, cancelling and reopening it, and show no respondent or time for an anonymous one", async () => {
    const w = await world();
    const survey = await makeRespondSurvey(w, { title: "Hybrid working, anonymously", anonymous: "on" });
    const id = await answerAndSend(survey.tokens[1]!, LOCKERS);
    const at = { path: `/interviews/${id}`, params: { interviewId: id }, cookie: w.cookie };
    const intents: Record<string, string>[] = [{ intent: "start" }, { intent: "complete" }, { intent: "cancel", reason: "Duplicate" }, { intent: "reopen", reason: "Typo" }];
    for (const form of intents) {
      const refused = await call(responsePage, "action", { ...at, form });
      expect(refused.status).toBe(409);
      expect((await jsonOf<{ formError: string }>(refused)).formError).toBe(RESPONSE_READ_ONLY);
    }
    const [row] = await db().select({ status: interviews.status }).from(interviews).where(eq(interviews.id, id));
    expect(row!.status).toBe("completed");

    const [sent] = await db().select({ at: surveyInvitees.submittedAt }).from(surveyInvitees).where(and(eq(surveyInvitees.surveyId, survey.id), eq(surveyInvitees.interviewId, id)));
    for (const page of [responsePage, summaryPage]) {
      const response = await call(page, "loader", { ...at, path: page === summaryPage ? `/interviews/${id}/summary` : at.path });
      expect(response.status).toBe(200);
      const body = await response.text();
      const data = JSON.parse(body) as { response: { heading: string; surveyId: string; sent: boolean } };
      expect(data.response).toMatchObject({ heading: `Anonymous response, ${w.unit.name}`, surveyId: survey.id, sent: true });
      expect(body).not.toMatch(/Ana Reyes|Ben Ward/);
      expect(body).not.toContain(sent!.at!.toISOString());
    }
  });

  it("keep an unsent response's answers to its respondent: nothing to read or quote yet", async () => {
    const w = await world();
    const survey = await makeRespondSurvey(w);
    const id = await answerAndSend(survey.tokens[0]!, VPN, false);
    const summary = await call(summaryPage, "loader", { path: `/interviews/${id}/summary`, params: { interviewId: id }, cookie: w.cookie });
    expect(await summary.text()).not.toContain("VPN drops");
    const early = await quote(w, id, "The VPN drops every afternoon", [w.people[0]!.id]);
    expect(early.status).toBe(409);
    expect((await jsonOf<{ formError: string }>(early)).formError).toBe("Evidence comes from answers sent: this response has not been sent yet");
    const completing = await call(responsePage, "action", { path: `/interviews/${id}`, params: { interviewId: id }, cookie: w.cookie, form: { intent: "complete" } });
    expect(completing.status).toBe(409);
    expect((await db().select({ status: interviews.status }).from(interviews).where(eq(interviews.id, id)))[0]!.status).toBe("in_progress");
  });

  it("take no answers from staff: the interview runner sends them back, and its saves are refused", async () => {
    const w = await world();
    const survey = await makeRespondSurvey(w);
    const id = await answerAndSend(survey.tokens[0]!, VPN, false);
    const page = await call(runPage, "loader", { path: `/interviews/${id}/run`, params: { interviewId: id }, cookie: w.cookie });
    expect([page.status, page.headers.get("location")]).toEqual([302, `/interviews/${id}`]);
    const save = await call(runPage, "action", {
      path: `/interviews/${id}/run`,
      params: { interviewId: id },
      cookie: w.cookie,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ intent: "save", since: 0, saves: [{ kind: "answer", item: "q-change", value: "Typed by staff", quote: "", base: 1, key: randomUUID() }] }),
    });
    expect(save.status).toBe(409);
    const [kept] = await db().select({ value: answers.value }).from(answers).where(and(eq(answers.interviewId, id), eq(answers.item, "q-change")));
    expect(kept!.value).toBe(VPN);
    // Asking only for what changed gets nothing either: an unsent response's answers are its respondent's.
    const peek = await call(runPage, "action", {
      path: `/interviews/${id}/run`,
      params: { interviewId: id },
      cookie: w.cookie,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ intent: "save", since: 0, saves: [] }),
    });
    expect(peek.status).toBe(409);
    expect(await peek.text()).not.toContain("VPN drops");
    const section = await call(runPage, "action", { path: `/interviews/${id}/run`, params: { interviewId: id }, cookie: w.cookie, form: { intent: "section", section: "s-tools" } });
    expect(section.status).toBe(409);
    // Nor is an unsent named response exported.
    const csv = await call(oneAnswersCsv, "loader", { path: `/interviews/${id}/answers.csv`, params: { interviewId: id }, cookie: w.cookie });
    expect(csv.status).toBe(404);
  });

  it("stay out of the interviews' answers export, and an anonymous one has no export of its own", async () => {
    const w = await world();
    const named = await makeRespondSurvey(w, { title: "Named check-in" });
    const namedId = await answerAndSend(named.tokens[0]!, VPN);
    const anonymous = await makeRespondSurvey(w, { title: "Anonymous pulse", anonymous: "on" });
    const anonymousId = await answerAndSend(anonymous.tokens[0]!, LOCKERS);
    const all = await (await call(allAnswersCsv, "loader", { path: "/interviews/answers.csv", cookie: w.cookie })).text();
    expect(all).not.toContain("VPN drops");
    expect(all).not.toContain("lockers near the desks");
    const one = await call(oneAnswersCsv, "loader", { path: `/interviews/${namedId}/answers.csv`, params: { interviewId: namedId }, cookie: w.cookie });
    expect(one.status).toBe(200);
    expect(await one.text()).toContain("VPN drops");
    const hidden = await call(oneAnswersCsv, "loader", { path: `/interviews/${anonymousId}/answers.csv`, params: { interviewId: anonymousId }, cookie: w.cookie });
    expect(hidden.status).toBe(404);
  });
});
