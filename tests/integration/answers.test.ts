import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { answers, answerSaves, auditEvents, interviews } from "../../db/schema";
import { db } from "../../app/db.server";
import { storedFingerprint, type SaveResponse } from "../../app/domain/answers";
import type { GuideContent } from "../../app/domain/guide";
import * as csvAll from "../../app/routes/interviews.answers[.]csv";
import * as csvOne from "../../app/routes/interviews.$interviewId.answers[.]csv";
import * as detail from "../../app/routes/interviews.$interviewId._index";
import * as run from "../../app/routes/interviews.$interviewId.run";
import * as summary from "../../app/routes/interviews.$interviewId.summary";
import { cookieFor, makeInterview, makePublishedGuideVersion, makeStakeholder, makeUnit, makeUser } from "../support/factories";
import { call, jsonOf } from "../support/routes";

const GUIDE: GuideContent = {
  sections: [
    {
      id: "s-world",
      title: "Your world",
      purpose: "",
      questions: [
        { id: "q-purpose", type: "long_text", prompt: "What is your unit for?", help: "", required: true, condition: null, settings: {} },
        { id: "q-staff", type: "number", prompt: "How many people work here?", help: "", required: false, condition: null, settings: { min: 0, unit: "people" } },
        { id: "q-peaks", type: "yes_no", prompt: "Are there periods that cannot fail?", help: "", required: true, condition: null, settings: {} },
        {
          id: "q-peak-detail",
          type: "long_text",
          prompt: "Which periods?",
          help: "",
          required: true,
          condition: { questionId: "q-peaks", operator: "equals", value: true },
          settings: {},
        },
      ],
    },
    {
      id: "s-next",
      title: "What next",
      purpose: "",
      questions: [{ id: "q-first", type: "short_text", prompt: "What would you change first?", help: "", required: false, condition: null, settings: { maxLength: 200 } }],
    },
  ],
};

async function setting({ status = "in_progress", private: isPrivate = false }: { status?: "planned" | "in_progress" | "completed"; private?: boolean } = {}) {
  const rm = await makeUser("relationship_manager", { name: "Tom Okafor" });
  const rm2 = await makeUser("relationship_manager", { name: "Hannah Weiss" });
  const unit = await makeUnit({ name: "Retail Banking", code: "RB" });
  const person = await makeStakeholder(unit.id, { name: "Olivia Bennett" });
  const version = await makePublishedGuideVersion("Discovery", GUIDE);
  const interview = await makeInterview({ unitId: unit.id, interviewerId: rm.id, stakeholderIds: [person.id], guideVersionId: version.id, status, private: isPrivate });
  return { rm, rm2, unit, interview, cookie: await cookieFor(rm.id), cookie2: await cookieFor(rm2.id) };
}

type Save = { kind?: "answer" | "notes"; item: string; value: unknown; quote?: string; base: number; key?: string };
async function save(interviewId: string, cookie: string | undefined, saves: Save[], since = 0) {
  const body = { intent: "save", since, saves: saves.map((s) => ({ kind: "answer", quote: "", key: randomUUID(), ...s })) };
  const response = await call(run, "action", {
    path: `/interviews/${interviewId}/run`,
    params: { interviewId },
    cookie,
    body: JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
  return { status: response.status, body: await jsonOf<SaveResponse>(response) };
}

async function stored(interviewId: string, item: string) {
  const [row] = await db().select().from(answers).where(and(eq(answers.interviewId, interviewId), eq(answers.item, item)));
  return row;
}

describe("autosave", () => {
  it("saves an answer with revision 1, then 2 when based on 1", async () => {
    const { interview, cookie } = await setting();
    const first = await save(interview.id, cookie, [{ item: "q-purpose", value: "Serve customers at the counter", quote: "We are the bank's front door", base: 0 }]);
    expect(first.status).toBe(200);
    expect(first.body.results[0]).toMatchObject({ status: "saved", revision: 1 });
    const second = await save(interview.id, cookie, [{ item: "q-purpose", value: "Serve customers, six days a week", base: 1 }]);
    expect(second.body.results[0]).toMatchObject({ status: "saved", revision: 2 });
    expect(await stored(interview.id, "q-purpose")).toMatchObject({ value: "Serve customers, six days a week", revision: 2 });
  });

  it("refuses a stale save with 409, returns the stored version and leaves it unchanged", async () => {
    const { interview, cookie, cookie2 } = await setting();
    await save(interview.id, cookie, [{ item: "q-purpose", value: "Tom's words", base: 0 }]);
    await save(interview.id, cookie, [{ item: "q-purpose", value: "Tom's better words", base: 1 }]);
    const stale = await save(interview.id, cookie2, [{ item: "q-purpose", value: "Hannah's words", base: 1 }]);
    expect(stale.status).toBe(409);
    expect(stale.body.results[0]).toMatchObject({ status: "conflict", current: { value: "Tom's better words", revision: 2, updatedByName: "Tom Okafor" } });
    expect(await stored(interview.id, "q-purpose")).toMatchObject({ value: "Tom's better words", revision: 2 });
    const fresh = await save(interview.id, cookie2, [{ item: "q-purpose", value: "Hannah's words", base: 0 }]);
    expect(fresh.status).toBe(409);
  });

  it("lets only one of two saves based on the same revision through, whatever the timing", async () => {
    const { interview, cookie, cookie2 } = await setting();
    const [a, b] = await Promise.all([
      save(interview.id, cookie, [{ item: "q-purpose", value: "From Tom", base: 0 }]),
      save(interview.id, cookie2, [{ item: "q-purpose", value: "From Hannah", base: 0 }]),
    ]);
    const statuses = [a.body.results[0]!.status, b.body.results[0]!.status].sort();
    expect(statuses).toEqual(["conflict", "saved"]);
    expect((await stored(interview.id, "q-purpose"))!.revision).toBe(1);
  });

  it("applies a save once however often its idempotency key is retried", async () => {
    const { interview, cookie } = await setting();
    const key = randomUUID();
    const once = await save(interview.id, cookie, [{ item: "q-purpose", value: "Once", base: 0, key }]);
    const again = await save(interview.id, cookie, [{ item: "q-purpose", value: "Once", base: 0, key }]);
    expect(once.body.results[0]).toMatchObject({ status: "saved", revision: 1 });
    expect(again.status).toBe(200);
    expect(again.body.results[0]).toMatchObject({ status: "saved", revision: 1 });
    expect(await stored(interview.id, "q-purpose")).toMatchObject({ value: "Once", revision: 1 });
    expect(await db().select().from(answerSaves)).toHaveLength(1);
  });

  it("checks each answer against its question's type", async () => {
    const { interview, cookie } = await setting();
    const bad = await save(interview.id, cookie, [
      { item: "q-staff", value: "abc", base: 0 },
      { item: "q-peaks", value: "maybe", base: 0 },
      { item: "q-nowhere", value: "x", base: 0 },
      { item: "q-purpose", value: "Fine", base: 0 },
    ]);
    expect(bad.status).toBe(422);
    expect(bad.body.results.map((r) => (r.status === "invalid" ? r.message : r.status))).toEqual([
      "Enter a number",
      "Answer yes or no",
      "That question is not in this interview's guide",
      "saved",
    ]);
    expect(await stored(interview.id, "q-staff")).toBeUndefined();
    const negative = await save(interview.id, cookie, [{ item: "q-staff", value: -3, base: 0 }]);
    expect(negative.body.results[0]).toMatchObject({ status: "invalid", message: "At least 0 people" });
  });

  it("answers with what others saved since the page last looked", async () => {
    const { interview, cookie, cookie2 } = await setting();
    const mine = await save(interview.id, cookie, [{ item: "q-purpose", value: "Tom's", base: 0 }]);
    await save(interview.id, cookie2, [{ kind: "notes", item: "s-world", value: "Hannah's notes", base: 0 }]);
    const poll = await save(interview.id, cookie, [], mine.body.cursor);
    expect(poll.status).toBe(200);
    expect(poll.body.changes).toContainEqual(expect.objectContaining({ kind: "notes", item: "s-world", value: "Hannah's notes", updatedByName: "Hannah Weiss" }));
    expect(poll.body.cursor).toBeGreaterThan(mine.body.cursor);
  });

  it("tells a signed-out page so with a 401 instead of redirecting it, and refuses other roles", async () => {
    const { interview } = await setting();
    const out = await save(interview.id, undefined, [{ item: "q-purpose", value: "Lost?", base: 0 }]);
    expect(out.status).toBe(401);
    expect(out.body.error).toBe("signed_out");
    const lead = await makeUser("business_lead");
    const refused = await save(interview.id, await cookieFor(lead.id), [{ item: "q-purpose", value: "Mine", base: 0 }]);
    expect(refused.status).toBe(403);
    expect(await stored(interview.id, "q-purpose")).toBeUndefined();
  });

  it("saves nothing unless the interview is under way, and hides private interviews", async () => {
    const planned = await setting({ status: "planned" });
    const response = await save(planned.interview.id, planned.cookie, [{ item: "q-purpose", value: "Early", base: 0 }]);
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ error: "not_running", message: "Start the interview to save answers." });
    await db().update(interviews).set({ status: "in_progress", private: true }).where(eq(interviews.id, planned.interview.id));
    const hidden = await save(planned.interview.id, planned.cookie2, [{ item: "q-purpose", value: "Peek", base: 0 }]);
    expect(hidden.status).toBe(404);
  });

  it("stops saving as soon as the interview is completed, even for a page that saved a moment ago", async () => {
    const { interview, cookie, cookie2 } = await setting();
    expect((await save(interview.id, cookie, [{ item: "q-purpose", value: "First", base: 0 }])).status).toBe(200);
    await db().update(interviews).set({ private: true }).where(eq(interviews.id, interview.id));
    expect((await save(interview.id, cookie2, [{ item: "q-purpose", value: "Not mine to write", base: 1 }])).status).toBe(404);
    await db().update(interviews).set({ status: "completed" }).where(eq(interviews.id, interview.id));
    const late = await save(interview.id, cookie, [{ item: "q-purpose", value: "Second", base: 1 }]);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ error: "not_running", message: "This interview is completed: reopen it to save changes." });
    expect(await stored(interview.id, "q-purpose")).toMatchObject({ value: "First", revision: 1 });
  });

  it("shows nothing of a private interview to another RM, even through saves refused before the database", async () => {
    const { interview, cookie, cookie2 } = await setting();
    await save(interview.id, cookie, [{ item: "q-purpose", value: "Confidential", base: 0 }]);
    await db().update(interviews).set({ private: true }).where(eq(interviews.id, interview.id));
    const peek = await save(interview.id, cookie2, [{ item: "q-nowhere", value: "x", base: 0 }]);
    expect(peek.status).toBe(404);
    expect(JSON.stringify(peek.body)).not.toContain("Confidential");
  });

  it("refuses one bad answer without refusing the others, and never answers 500 for text PostgreSQL cannot store", async () => {
    const { interview, cookie } = await setting();
    const response = await save(interview.id, cookie, [
      { item: "q-purpose", value: "Fine", quote: "x".repeat(5001), base: 0 },
      { item: "q-first", value: "Also fine", base: 0 },
      { kind: "notes", item: "s-world", value: "Null \u0000 inside", base: 0 },
    ]);
    expect(response.status).toBe(422);
    expect(response.body.results.map((r) => r.status)).toEqual(["invalid", "saved", "invalid"]);
    expect(response.body.results[0]).toMatchObject({ message: "A quote has at most 5,000 characters" });
    expect(response.body.results[2]).toMatchObject({ message: "This answer holds characters or numbers that cannot be stored: please retype it" });
    const huge = await save(interview.id, cookie, [{ item: "q-first", value: "x", base: 2 ** 40 }]);
    expect(huge.status).toBe(400);
  });

  it("refuses malformed requests with 400", async () => {
    const { interview, cookie } = await setting();
    const response = await call(run, "action", {
      path: `/interviews/${interview.id}/run`,
      params: { interviewId: interview.id },
      cookie,
      body: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(response.status).toBe(400);
    const wrongShape = await call(run, "action", {
      path: `/interviews/${interview.id}/run`,
      params: { interviewId: interview.id },
      cookie,
      body: JSON.stringify({ intent: "save", saves: [{ item: "q-purpose", value: "x", base: -1, key: "nope" }] }),
      headers: { "content-type": "application/json" },
    });
    expect(wrongShape.status).toBe(400);
  });
});

describe("saving while the interview is being completed (PostgreSQL: real concurrency)", () => {
  it.runIf(Boolean(process.env.DATABASE_URL))("waits for the completion and then refuses, so no answer lands in a completed interview", async () => {
    const { interview, cookie } = await setting();
    await save(interview.id, cookie, [{ item: "q-purpose", value: "Before", base: 0 }]);
    let late: Promise<Awaited<ReturnType<typeof save>>> | undefined;
    await db().transaction(async (tx) => {
      await tx.select().from(interviews).where(eq(interviews.id, interview.id)).for("update");
      late = save(interview.id, cookie, [{ item: "q-purpose", value: "During", base: 1 }]);
      await new Promise((r) => setTimeout(r, 200));
      await tx.update(interviews).set({ status: "completed" }).where(eq(interviews.id, interview.id));
    });
    const response = await late!;
    expect(response.status).toBe(409);
    expect(response.body.error).toBe("not_running");
    expect(await stored(interview.id, "q-purpose")).toMatchObject({ value: "Before" });
  });
});

describe("show-if conditions, completing and reopening", () => {
  it("keeps a hidden question's answer but neither requires nor counts it", async () => {
    const { interview, cookie } = await setting();
    await save(interview.id, cookie, [
      { item: "q-purpose", value: "Counter service", base: 0 },
      { item: "q-peaks", value: true, base: 0 },
      { item: "q-peak-detail", value: "Month end", base: 0 },
    ]);
    await save(interview.id, cookie, [{ item: "q-peaks", value: false, base: 1 }]);
    expect(await stored(interview.id, "q-peak-detail")).toMatchObject({ value: "Month end" });
    const page = await jsonOf<{ sections: { questions: { id: string; shown: boolean; answer: string }[] }[]; progress: { answered: number; total: number; required: number } }>(
      await call(summary, "loader", { path: `/interviews/${interview.id}/summary`, params: { interviewId: interview.id }, cookie }),
    );
    expect(page.sections[0]!.questions.find((q) => q.id === "q-peak-detail")).toMatchObject({ shown: false, answer: "Month end" });
    expect(page.progress).toMatchObject({ answered: 2, total: 4, required: 2 });
    const done = await call(detail, "action", { path: `/interviews/${interview.id}`, params: { interviewId: interview.id }, cookie, form: { intent: "complete" } });
    expect(done.status).toBe(302);
  });

  it("will not complete with required answers missing, and lists them with links", async () => {
    const { interview, cookie } = await setting();
    await save(interview.id, cookie, [{ item: "q-peaks", value: true, base: 0 }]);
    const response = await call(detail, "action", { path: `/interviews/${interview.id}`, params: { interviewId: interview.id }, cookie, form: { intent: "complete" } });
    expect(response.status).toBe(409);
    const body = await jsonOf<{ missing: { questionId: string; sectionId: string; number: number }[] }>(response);
    expect(body.missing.map((m) => `${m.sectionId}/${m.questionId}/Q${m.number}`)).toEqual(["s-world/q-purpose/Q1", "s-world/q-peak-detail/Q4"]);
    const [row] = await db().select().from(interviews).where(eq(interviews.id, interview.id));
    expect(row!.status).toBe("in_progress");
  });

  it("reopens a completed interview only with a reason, and records it", async () => {
    const { interview, cookie } = await setting({ status: "completed" });
    const path = `/interviews/${interview.id}`;
    const noReason = await call(detail, "action", { path, params: { interviewId: interview.id }, cookie, form: { intent: "reopen", reason: " " } });
    expect(noReason.status).toBe(400);
    expect((await jsonOf(noReason)).errors).toMatchObject({ reason: "Say why it is reopened" });
    const blocked = await save(interview.id, cookie, [{ item: "q-purpose", value: "Late thought", base: 0 }]);
    expect(blocked.body.message).toBe("This interview is completed: reopen it to save changes.");
    const reopened = await call(detail, "action", { path, params: { interviewId: interview.id }, cookie, form: { intent: "reopen", reason: "Olivia sent figures afterwards" } });
    expect(reopened.status).toBe(302);
    const [event] = await db().select().from(auditEvents).where(eq(auditEvents.kind, "interview.reopened"));
    expect(event!.payload).toEqual({ reason: "Olivia sent figures afterwards" });
    expect((await save(interview.id, cookie, [{ item: "q-purpose", value: "Late thought", base: 0 }])).status).toBe(200);
  });
});

describe("the section form without JavaScript", () => {
  const post = (interviewId: string, cookie: string, form: Record<string, string | string[]>) =>
    call(run, "action", { path: `/interviews/${interviewId}/run`, params: { interviewId }, cookie, form: { intent: "section", section: "s-world", ...form } });
  const shown = { "shown.q-purpose": "1", "shown.q-staff": "1", "shown.q-peaks": "1" };

  it("saves the section's answers, quotes and notes, then moves to the next section", async () => {
    const { interview, cookie } = await setting();
    const response = await post(interview.id, cookie, {
      ...shown,
      "a.q-purpose": "Serve customers",
      "quote.q-purpose": "We are the front door",
      "a.q-staff": "1200",
      "a.q-peaks": "no",
      notes: "Olivia led.",
      go: "next",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/interviews/${interview.id}/run?section=s-next`);
    expect(await stored(interview.id, "q-purpose")).toMatchObject({ value: "Serve customers", quote: "We are the front door" });
    expect(await stored(interview.id, "q-staff")).toMatchObject({ value: 1200 });
    expect(await stored(interview.id, "q-peaks")).toMatchObject({ value: false });
    expect(await stored(interview.id, "s-world")).toMatchObject({ kind: "notes", value: "Olivia led." });
  });

  it("stays on the section when an answer brings up a new question", async () => {
    const { interview, cookie } = await setting();
    const response = await post(interview.id, cookie, { ...shown, "a.q-purpose": "Serve", "a.q-peaks": "yes", go: "next" });
    expect(response.headers.get("location")).toBe(`/interviews/${interview.id}/run?section=s-world#q-q-peak-detail`);
  });

  it("keeps the interviewer's text and explains when an answer is wrong or was changed by someone else", async () => {
    const { interview, cookie, cookie2 } = await setting();
    await save(interview.id, cookie2, [{ item: "q-purpose", value: "Hannah got here first", base: 0 }]);
    const response = await post(interview.id, cookie, { ...shown, "rev.a:q-purpose": "0", "a.q-purpose": "Tom's version", "a.q-staff": "abc", "a.q-peaks": "yes", go: "next" });
    expect(response.status).toBe(409);
    const body = await jsonOf<{ errors: Record<string, string>; conflicts: Record<string, { value: unknown }>; values: Record<string, { value: unknown }> }>(response);
    expect(body.errors["q-staff"]).toBe("Enter a number");
    expect(body.conflicts["q-purpose"]).toMatchObject({ value: "Hannah got here first" });
    expect(body.values["a:q-purpose"]).toMatchObject({ value: "Tom's version" });
    expect(await stored(interview.id, "q-purpose")).toMatchObject({ value: "Hannah got here first", revision: 1 });
    expect(await stored(interview.id, "q-peaks")).toMatchObject({ value: true });
  });

  it("leaves alone an answer the interviewer did not touch, even if someone else changed it meanwhile", async () => {
    const { interview, cookie, cookie2 } = await setting();
    await save(interview.id, cookie, [{ item: "q-purpose", value: "Line one\nLine two", base: 0 }]);
    // The page showed revision 1 of q-purpose; Hannah saves revision 2 before the form is posted.
    await save(interview.id, cookie2, [{ item: "q-purpose", value: "Hannah's better words", base: 1 }]);
    const response = await post(interview.id, cookie, {
      ...shown,
      "rev.a:q-purpose": "1",
      "was.a:q-purpose": storedFingerprint("Line one\nLine two", ""),
      "a.q-purpose": "Line one\r\nLine two",
      "a.q-peaks": "no",
      go: "next",
    });
    expect(response.status).toBe(302);
    expect(await stored(interview.id, "q-purpose")).toMatchObject({ value: "Hannah's better words", revision: 2 });
    const notes = await post(interview.id, cookie, { notes: "First line\r\nSecond line", go: "next" });
    expect(notes.status).toBe(302);
    expect(await stored(interview.id, "s-world")).toMatchObject({ value: "First line\nSecond line" });
  });

  it("does not count a form posted twice as a conflict", async () => {
    const { interview, cookie } = await setting();
    const form = { ...shown, "rev.a:q-purpose": "0", "a.q-purpose": "Same words", go: "next" };
    expect((await post(interview.id, cookie, form)).status).toBe(302);
    expect((await post(interview.id, cookie, form)).status).toBe(302);
    expect(await stored(interview.id, "q-purpose")).toMatchObject({ revision: 1 });
  });
});

describe("CSV export", () => {
  it("gives a row per answer with the interview, unit, stakeholders, section, question and quote", async () => {
    const { interview, cookie } = await setting();
    await save(interview.id, cookie, [
      { item: "q-purpose", value: "=HYPERLINK(\"http://evil\")", quote: "Counter, phones, Saturdays", base: 0 },
      { item: "q-peaks", value: true, base: 0 },
      { kind: "notes", item: "s-world", value: "Olivia led.", base: 0 },
    ]);
    const response = await call(csvOne, "loader", { path: `/interviews/${interview.id}/answers.csv`, params: { interviewId: interview.id }, cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const lines = (await response.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("Interview,Date,Unit,Stakeholders,Section,Question,Answer,Quote,Shown,Interviewer");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(`${interview.id},Tue 1 Dec 2026, 10:00,Retail Banking,Olivia Bennett,Your world,Q1 What is your unit for?,"'=HYPERLINK(""http://evil"")",`.replace("Tue 1 Dec 2026, 10:00", '"Tue 1 Dec 2026, 10:00"'));
    expect(lines[2]).toContain("Q3 Are there periods that cannot fail?,Yes");
    expect(lines[3]).toContain("Your world,Notes,Olivia led.");
  });

  it("exports a unit's or a date range's interviews the viewer may see, and refuses a bad filter", async () => {
    const { interview, cookie, cookie2, unit } = await setting({ private: true });
    await save(interview.id, cookie, [{ item: "q-purpose", value: "Private words", base: 0 }]);
    const mine = await call(csvAll, "loader", { path: `/interviews/answers.csv?unit=${unit.id}&from=2026-12-01&to=2026-12-01`, cookie });
    expect(await mine.text()).toContain("Private words");
    const theirs = await call(csvAll, "loader", { path: `/interviews/answers.csv?unit=${unit.id}`, cookie: cookie2 });
    expect(await theirs.text()).not.toContain("Private words");
    const outside = await call(csvAll, "loader", { path: "/interviews/answers.csv?from=2026-12-02", cookie });
    expect(await outside.text()).not.toContain("Private words");
    const bad = await call(csvAll, "loader", { path: "/interviews/answers.csv?unit=branch", cookie });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe("The unit must be a unit's id");
    const backwards = await call(csvAll, "loader", { path: "/interviews/answers.csv?from=2026-12-05&to=2026-12-01", cookie });
    expect(backwards.status).toBe(400);
  });
});
