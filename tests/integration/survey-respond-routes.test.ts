import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { answers, auditEvents, interviews, surveyInvitees } from "../../db/schema";
import { db } from "../../app/db.server";
import { storedFingerprint, type SaveResponse } from "../../app/domain/answers";
import { closeSurvey, openLink, revokeInvitee } from "../../app/models/survey.server";
import * as respond from "../../app/routes/s.$token";
import { cookieFor, makeUser } from "../support/factories";
import { call, jsonOf } from "../support/routes";
import { makeRespondSurvey, respondWorld } from "../support/survey-respond";
import { actorOf, day } from "../support/survey";

type Page = Record<string, unknown> & { state: string };

const open = (token: string, { query = "", cookie }: { query?: string; cookie?: string } = {}) =>
  call(respond, "loader", { path: `/s/${token}${query}`, params: { token }, cookie });

async function save(token: string, saves: { item: string; value: unknown; base?: number; kind?: string; quote?: string }[], { since = 0, cookie }: { since?: number; cookie?: string } = {}) {
  const body = { intent: "save", since, saves: saves.map((s) => ({ kind: "answer", quote: "", base: 0, key: randomUUID(), ...s })) };
  const response = await call(respond, "action", { path: `/s/${token}`, params: { token }, cookie, body: JSON.stringify(body), headers: { "content-type": "application/json" } });
  return { status: response.status, body: await jsonOf<SaveResponse>(response) };
}

const post = (token: string, form: Record<string, string | string[]>, cookie?: string) =>
  call(respond, "action", { path: `/s/${token}?section=${String(form.section ?? "")}`, params: { token }, form, cookie });

async function responseOf(token: string) {
  const link = (await openLink(token))!;
  const [invitee] = await db().select().from(surveyInvitees).where(eq(surveyInvitees.id, link.invitee.id));
  const rows = invitee!.interviewId ? await db().select().from(answers).where(eq(answers.interviewId, invitee!.interviewId)) : [];
  return { invitee: invitee!, answers: Object.fromEntries(rows.map((r) => [r.item, r.value])), rows };
}

describe("a link that opens nothing", () => {
  it("a made-up token shows the page saying the link no longer works, with status 404 and nothing about any survey", async () => {
    const w = await respondWorld();
    await makeRespondSurvey(w);
    for (const token of [randomUUID().replace(/-/g, ""), "short", "..%2F..%2Fadmin"]) {
      const response = await open(token);
      expect(response.status).toBe(404);
      expect(await jsonOf(response)).toEqual({ state: "gone" });
      expect(response.headers.get("Cache-Control")).toBe("no-store");
      expect(response.headers.get("X-Robots-Tag")).toBe("noindex");
    }
  });

  it("a withdrawn link shows the same page as a made-up one, and refuses answers", async () => {
    const w = await respondWorld();
    const s = await makeRespondSurvey(w);
    const [ana] = s.tokens;
    await save(ana!, [{ item: "q-rating", value: 4 }]);
    const link = (await openLink(ana!))!;
    await revokeInvitee({ surveyId: s.id, inviteeId: link.invitee.id, actor: actorOf(w.rm) });
    const response = await open(ana!);
    expect(response.status).toBe(404);
    expect(await jsonOf(response)).toEqual({ state: "gone" });
    const refused = await save(ana!, [{ item: "q-rating", value: 2, base: 1 }]);
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ error: "not_found", message: "This link no longer works: your answers cannot be saved." });
    const section = await post(ana!, { intent: "section", section: "s-tools", "shown.q-rating": "1", "a.q-rating": "1" });
    expect(section.status).toBe(404);
    expect(await jsonOf(section)).toMatchObject({ formError: "This link no longer works: your answers were not saved." });
  });

  it("a closed survey says so (410) and names only whom to contact; answers and sending are refused with words", async () => {
    const w = await respondWorld();
    const s = await makeRespondSurvey(w);
    const [ana, ben] = s.tokens;
    await save(ana!, [{ item: "q-rating", value: 4 }]);
    await closeSurvey({ surveyId: s.id, actor: actorOf(w.rm) });
    const response = await open(ana!);
    expect(response.status).toBe(410);
    expect(await jsonOf(response)).toEqual({ state: "closed", ownerName: "Tom Okafor" });
    const refused = await save(ana!, [{ item: "q-rating", value: 2, base: 1 }]);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe("This survey has closed: answers can no longer be sent.");
    const sent = await post(ben!, { intent: "submit" });
    expect(sent.status).toBe(410);
    expect(await jsonOf(sent)).toMatchObject({ formError: "This survey has closed: answers can no longer be sent." });
    expect((await responseOf(ana!)).answers).toEqual({ "q-rating": 4 });
  });

  it("a survey not open yet says when it opens, and keeps no answers", async () => {
    const w = await respondWorld();
    const s = await makeRespondSurvey(w, { opensOn: day(3), closesOn: day(10) });
    const response = await open(s.tokens[0]!);
    expect(response.status).toBe(200);
    const page = await jsonOf<Page & { survey: { opensOn: string; title: string } }>(response);
    expect(page.state).toBe("scheduled");
    expect(page.survey).toMatchObject({ opensOn: day(3), title: "Hybrid working tools check-in" });
    expect(page).not.toHaveProperty("content");
    const refused = await save(s.tokens[0]!, [{ item: "q-rating", value: 3 }]);
    expect(refused.body).toMatchObject({ error: "not_running", message: "This survey has not opened yet." });
    expect((await responseOf(s.tokens[0]!)).invitee.interviewId).toBeNull();
  });
});

describe("answering", () => {
  it("opens on the survey with its questions, no answers yet, and makes no response until something is answered", async () => {
    const w = await respondWorld();
    const s = await makeRespondSurvey(w);
    const response = await open(s.tokens[0]!);
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const page = await jsonOf<Page & { survey: Record<string, unknown>; respondent: Record<string, unknown>; resume: string; answers: unknown[] }>(response);
    expect(page.state).toBe("open");
    expect(page.survey).toMatchObject({ title: "Hybrid working tools check-in", ownerName: "Tom Okafor", anonymous: false });
    expect(page.respondent).toMatchObject({ name: "Ana Reyes" });
    expect(page.resume).toBe("s-tools");
    expect(page.answers).toEqual([]);
    // The page's look for changes (an empty save) does not start a response either.
    const poll = await save(s.tokens[0]!, []);
    expect(poll.status).toBe(200);
    expect((await responseOf(s.tokens[0]!)).invitee.interviewId).toBeNull();
  });

  it("an anonymous survey never names its respondent in the page", async () => {
    const w = await respondWorld();
    const s = await makeRespondSurvey(w, { anonymous: "on" });
    const page = await jsonOf<Page & { respondent: Record<string, unknown> }>(await open(s.tokens[0]!));
    expect(page.respondent).toEqual({ name: null, unitName: w.unit.name });
    expect(JSON.stringify(page)).not.toContain("Ana Reyes");
  });

  it("autosaves to the link's own response; another invitee's link never sees it; a signed-in user's cookie changes nothing", async () => {
    const w = await respondWorld();
    const s = await makeRespondSurvey(w);
    const [ana, ben] = s.tokens;
    const admin = await makeUser("admin", { name: "Amira Haddad" });
    const cookie = await cookieFor(admin.id);

    const first = await save(ana!, [{ item: "q-rating", value: 4 }], { cookie });
    expect(first.status).toBe(200);
    expect(first.body.results[0]).toMatchObject({ status: "saved", revision: 1 });
    const second = await save(ana!, [{ item: "q-change", value: "Headsets that work with the softphone." }]);
    expect(second.body.results[0]).toMatchObject({ status: "saved" });
    const stored = await responseOf(ana!);
    expect(stored.answers).toEqual({ "q-rating": 4, "q-change": "Headsets that work with the softphone." });
    // A respondent is no user: the admin's session did not become the author.
    expect(stored.rows.every((r) => r.updatedBy === null)).toBe(true);

    const benPage = await jsonOf<Page & { answers: unknown[] }>(await open(ben!, { cookie }));
    expect(benPage.answers).toEqual([]);
    await save(ben!, [{ item: "q-rating", value: 2 }]);
    // Ben's page asking for every change since the start hears only of his own answer.
    const benPoll = await save(ben!, [], { since: 0 });
    expect(benPoll.body.changes.map((c) => [c.item, c.value])).toEqual([["q-rating", 2]]);
    expect((await responseOf(ana!)).answers["q-rating"]).toBe(4);

    // Ana's page, opened again, shows her answers and resumes in the section she answered last.
    const again = await jsonOf<Page & { answers: { item: string; value: unknown; quote: string }[]; resume: string }>(await open(ana!));
    expect(again.answers.map((a) => a.item).sort()).toEqual(["q-change", "q-rating"]);
    expect(again.resume).toBe("s-next");
  });

  it("keeps no notes or quotes from a respondent, and refuses an answer that does not fit its question", async () => {
    const w = await respondWorld();
    const s = await makeRespondSurvey(w);
    const [ana] = s.tokens;
    const notes = await save(ana!, [{ kind: "notes", item: "s-tools", value: "A note" }]);
    expect(notes.status).toBe(400);
    expect(notes.body.message).toBe("Only answers to the survey's questions can be saved.");
    await save(ana!, [{ item: "q-change", value: "Better headsets", quote: "a quote nobody asked for" }]);
    expect((await responseOf(ana!)).rows[0]!.quote).toBe("");
    const bad = await save(ana!, [{ item: "q-rating", value: 9 }]);
    expect(bad.status).toBe(422);
    expect(bad.body.results[0]).toMatchObject({ status: "invalid" });
  });
});

describe("without JavaScript", () => {
  it("a section post saves its answers and moves to the next section", async () => {
    const w = await respondWorld();
    const s = await makeRespondSurvey(w);
    const [ana] = s.tokens;
    const response = await post(ana!, { intent: "section", section: "s-tools", go: "next", "shown.q-rating": "1", "a.q-rating": "3", "shown.q-vpn": "1", "a.q-vpn": "no" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/s/${ana}?section=s-next`);
    expect((await responseOf(ana!)).answers).toEqual({ "q-rating": 3, "q-vpn": false });
  });

  it("stays on the section when an answer brings up another question, and keeps what was typed when an answer does not fit", async () => {
    const w = await respondWorld();
    const s = await makeRespondSurvey(w);
    const [ana] = s.tokens;
    const appeared = await post(ana!, { intent: "section", section: "s-tools", go: "next", "shown.q-rating": "1", "a.q-rating": "2", "shown.q-vpn": "1", "a.q-vpn": "yes" });
    expect(appeared.headers.get("location")).toBe(`/s/${ana}?section=s-tools#q-q-vpn-pain`);

    const wrong = await post(ana!, {
      intent: "section",
      section: "s-tools",
      go: "next",
      "shown.q-rating": "1",
      "a.q-rating": "7",
      "shown.q-vpn-pain": "1",
      "a.q-vpn-pain": "It drops every time the laptop sleeps.",
      "rev.a:q-rating": "1",
      "was.a:q-rating": storedFingerprint(2, ""),
    });
    expect(wrong.status).toBe(400);
    const data = await jsonOf<{ formError: string; errors: Record<string, string>; values: Record<string, { value: unknown }> }>(wrong);
    expect(data.formError).toBe("Some answers need correcting: the others are saved.");
    expect(Object.keys(data.errors)).toEqual(["q-rating"]);
    expect(data.values["a:q-rating"]!.value).toBe(7);
    expect((await responseOf(ana!)).answers).toMatchObject({ "q-rating": 2, "q-vpn-pain": "It drops every time the laptop sleeps." });
  });

  it("'Continue later' saves the section and comes back to it", async () => {
    const w = await respondWorld();
    const s = await makeRespondSurvey(w);
    const [ana] = s.tokens;
    const response = await post(ana!, { intent: "section", section: "s-next", go: "later", "shown.q-change": "1", "a.q-change": "Fewer logins." });
    expect(response.headers.get("location")).toBe(`/s/${ana}?section=s-next&later=1`);
    expect((await responseOf(ana!)).answers).toEqual({ "q-change": "Fewer logins." });
  });
});

describe("sending", () => {
  it("with a required answer missing, lists it and sends nothing", async () => {
    const w = await respondWorld();
    const s = await makeRespondSurvey(w);
    const [ana] = s.tokens;
    await save(ana!, [{ item: "q-vpn", value: true }]);
    const response = await post(ana!, { intent: "submit" });
    expect(response.status).toBe(400);
    const data = await jsonOf<{ formError: string; missing: { questionId: string; sectionId: string; number: number }[] }>(response);
    expect(data.formError).toBe("2 required questions are not answered yet: nothing was sent.");
    expect(data.missing.map((m) => [m.sectionId, m.questionId, m.number])).toEqual([
      ["s-tools", "q-rating", 1],
      ["s-tools", "q-vpn-pain", 3],
    ]);
    const { invitee } = await responseOf(ana!);
    expect(invitee.submittedAt).toBeNull();
    const [interview] = await db().select().from(interviews).where(eq(interviews.id, invitee.interviewId!));
    expect(interview!.status).toBe("in_progress");
  });

  it("sends, then shows a read-only copy; answers after that are refused with words", async () => {
    const w = await respondWorld();
    const s = await makeRespondSurvey(w);
    const [ana] = s.tokens;
    await save(ana!, [
      { item: "q-rating", value: 4 },
      { item: "q-change", value: "Headsets that work with the softphone." },
    ]);
    const sent = await post(ana!, { intent: "submit" }, await cookieFor((await makeUser("relationship_manager")).id));
    expect(sent.status).toBe(302);
    expect(sent.headers.get("location")).toBe(`/s/${ana}`);

    const page = await jsonOf<Page & { answers: { item: string; value: unknown }[]; sentAt: string }>(await open(ana!));
    expect(page.state).toBe("sent");
    expect(page.answers.map((a) => [a.item, a.value])).toEqual(
      expect.arrayContaining([
        ["q-rating", 4],
        ["q-change", "Headsets that work with the softphone."],
      ]),
    );
    expect(page.sentAt).toBeTruthy();

    const late = await save(ana!, [{ item: "q-rating", value: 1, base: 1 }]);
    expect(late.status).toBe(409);
    expect(late.body.message).toBe("You have sent your answers: they can no longer be changed.");
    const lateSection = await post(ana!, { intent: "section", section: "s-tools", "shown.q-rating": "1", "a.q-rating": "1" });
    expect(lateSection.status).toBe(409);
    expect(await jsonOf(lateSection)).toMatchObject({ formError: "You have sent your answers: they can no longer be changed." });
    const again = await post(ana!, { intent: "submit" });
    expect(again.status).toBe(409);
    expect((await responseOf(ana!)).answers["q-rating"]).toBe(4);
  });

  it("an anonymous response is sent without the respondent's address or browser in the audit trail", async () => {
    const w = await respondWorld();
    const s = await makeRespondSurvey(w, { anonymous: "on" });
    const [ana] = s.tokens;
    await save(ana!, [{ item: "q-rating", value: 5 }]);
    const sent = await call(respond, "action", { path: `/s/${ana}`, params: { token: ana! }, form: { intent: "submit" }, headers: { "user-agent": "Phone Browser 1.0" } });
    expect(sent.status).toBe(302);
    const [event] = await db().select().from(auditEvents).where(and(eq(auditEvents.kind, "survey.response_sent")));
    expect(event!.actorName).toMatch(/^Anonymous respondent/);
    expect(JSON.stringify(event)).not.toContain("Phone Browser");
    expect(JSON.stringify(event)).not.toContain("127.0.0.1");
  });
});
