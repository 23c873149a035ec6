import { and, eq, inArray, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { answers, evidence, evidenceStakeholders, interviews, interviewStakeholders, mailMessages, needEvidence, needs, stakeholders, surveyInvitees, users } from "../../db/schema";
import { db } from "../../app/db.server";
import { surveyPhase } from "../../app/domain/survey";
import { verifyAuditChain } from "../../app/models/audit.server";
import { getNeed } from "../../app/models/need-detail.server";
import { ensureResponse, listSurveys, openLink, remindInvitees, surveyProgress, surveyResponses, todayUtc } from "../../app/models/survey.server";
import { loadDemoWorkspace } from "../../db/seed/demo";
import { DEMO_NEEDS } from "../../db/seed/needs";
import { DEMO_CLOSED_SURVEY, DEMO_OPEN_SURVEY, PULSE_EVIDENCE } from "../../db/seed/surveys";

const DEMO = 120_000;
const daysFromToday = (date: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${todayUtc()}T00:00:00Z`)) / 86_400_000);
const tokenIn = (text: string) => /\/s\/([A-Za-z0-9_-]+)/.exec(text)![1]!;

async function surveyNamed(title: string) {
  const survey = (await listSurveys()).find((s) => s.title === title);
  expect(survey, title).toBeDefined();
  return survey!;
}

describe("the demo's surveys", () => {
  it("has a closed, anonymous workplace pulse answered across the units, whose quotes back needs without naming anyone", async () => {
    const started = Date.now();
    await loadDemoWorkspace();
    const loaded = Date.now() - started;
    const pulse = await surveyNamed(DEMO_CLOSED_SURVEY);

    // Opened about six weeks ago, closed about two weeks ago, anonymous, 40 of 48 sent.
    expect(pulse.phase).toBe("closed");
    expect(pulse.anonymous).toBe(true);
    expect(daysFromToday(pulse.opensOn)).toBeLessThanOrEqual(-35);
    expect(daysFromToday(pulse.closesOn)).toBeLessThanOrEqual(-10);
    expect(pulse.invited).toBe(48);
    expect(pulse.submitted).toBeGreaterThanOrEqual(38);

    // Who answered stays hidden; the counts per unit and level show answers from every unit, each enough to show.
    const progress = await surveyProgress(pulse.id, true);
    expect(progress.people).toEqual([]);
    expect(progress.totals).toMatchObject({ invited: 48, submitted: pulse.submitted });
    expect(progress.totals.started).toBeGreaterThan(0);
    expect(progress.totals.invited - progress.totals.submitted - progress.totals.started).toBeGreaterThan(0);
    const units = progress.byUnit.filter((u) => u.submitted >= 3);
    expect(units.length).toBeGreaterThanOrEqual(5);
    expect(progress.byLevel.filter((l) => l.submitted > 0).length).toBeGreaterThanOrEqual(4);

    // Every response names nobody: no stakeholders on the response, no names in the list to quote from, no author on an answer.
    const responses = await db().select().from(interviews).where(eq(interviews.surveyId, pulse.id));
    const responseIds = responses.map((r) => r.id);
    expect(responses.filter((r) => r.status === "completed")).toHaveLength(pulse.submitted);
    expect(await db().select().from(interviewStakeholders).where(inArray(interviewStakeholders.interviewId, responseIds))).toEqual([]);
    const sent = await surveyResponses(pulse.id, true);
    expect(sent).toHaveLength(pulse.submitted);
    expect(sent.every((r) => r.name === null && r.submittedAt === null)).toBe(true);
    const given = await db().select().from(answers).where(inArray(answers.interviewId, responseIds));
    expect(given.length).toBeGreaterThan(pulse.submitted * 6);
    expect(given.every((a) => a.updatedBy === null)).toBe(true);
    // Sent while the survey was open.
    for (const r of responses.filter((x) => x.status === "completed")) {
      const day = r.scheduledAt.toISOString().slice(0, 10);
      expect(surveyPhase(pulse, day)).toBe("open");
    }

    // Its invitations and the reminder went out weeks ago: nothing of it waits in the outbox, and a link from one opens the closed survey.
    const invitees = await db().select().from(surveyInvitees).where(eq(surveyInvitees.surveyId, pulse.id));
    const mail = await db().select().from(mailMessages).where(inArray(mailMessages.subjectId, invitees.map((i) => i.id)));
    expect(mail.filter((m) => m.kind === "survey.invitation")).toHaveLength(48);
    expect(mail.filter((m) => m.kind === "survey.reminder").length).toBeGreaterThan(0);
    expect(mail.every((m) => m.status === "sent" && m.sentAt! < new Date(`${pulse.closesOn}T00:00:00Z`))).toBe(true);
    const unanswered = invitees.find((i) => i.interviewId === null)!;
    const link = await openLink(tokenIn(mail.find((m) => m.subjectId === unanswered.id && m.kind === "survey.invitation")!.text));
    expect(link).toMatchObject({ phase: "closed", invitee: { id: unanswered.id, interviewId: null } });

    // Passages of anonymous answers are evidence behind needs the interviews found, with nobody named.
    const quoted = await db().select().from(evidence).where(inArray(evidence.interviewId, responseIds));
    expect(quoted).toHaveLength(PULSE_EVIDENCE.length);
    expect(await db().select().from(evidenceStakeholders).where(inArray(evidenceStakeholders.evidenceId, quoted.map((e) => e.id)))).toEqual([]);
    const [rm] = await db().select().from(users).where(eq(users.email, "rm@meridian.example"));
    const viewer = { id: rm!.id, role: rm!.role, businessUnitId: null };
    const statement = DEMO_NEEDS.find((n) => n.key === "saturday-building")!.statement;
    const [need] = await db().select().from(needs).where(eq(needs.statement, statement));
    const links = await db().select().from(needEvidence).where(and(eq(needEvidence.needId, need!.id), inArray(needEvidence.evidenceId, quoted.map((e) => e.id))));
    expect(links).toHaveLength(PULSE_EVIDENCE.filter((e) => e.need === "saturday-building").length);
    const page = await getNeed({ id: need!.id, viewer });
    const fromPulse = page!.quotes.filter((q) => responseIds.includes(q.interviewId));
    expect(fromPulse.map((q) => q.text).sort()).toEqual(PULSE_EVIDENCE.filter((e) => e.need === "saturday-building").map((e) => e.text).sort());
    expect(fromPulse.every((q) => q.stakeholders.length === 0)).toBe(true);
    // The interview quotes still name who said them.
    expect(page!.quotes.some((q) => q.stakeholders.length > 0)).toBe(true);

    expect((await verifyAuditChain(db())).ok).toBe(true);
    // The whole demo, surveys included, still loads quickly.
    expect(loaded).toBeLessThan(60_000);
  }, DEMO);

  it("has an open, named check-in that half have answered, whose queued invitations open each person's own response", async () => {
    await loadDemoWorkspace();
    const check = await surveyNamed(DEMO_OPEN_SURVEY);
    expect(check.phase).toBe("open");
    expect(check.anonymous).toBe(false);
    expect(daysFromToday(check.opensOn)).toBeLessThan(0);
    expect(daysFromToday(check.closesOn)).toBeGreaterThan(5);

    const progress = await surveyProgress(check.id, false);
    expect(progress.totals.invited).toBe(12);
    expect(progress.totals.submitted).toBe(6);
    expect(progress.totals.started).toBeGreaterThanOrEqual(1);
    const waiting = progress.people.filter((p) => p.state === "not_started");
    expect(waiting.length).toBeGreaterThanOrEqual(4);

    // A named response records its respondent.
    const responses = await db().select().from(interviews).where(eq(interviews.surveyId, check.id));
    const present = await db().select().from(interviewStakeholders).where(inArray(interviewStakeholders.interviewId, responses.map((r) => r.id)));
    expect(present).toHaveLength(responses.length);
    const sent = await surveyResponses(check.id, false);
    expect(sent.map((r) => r.name)).toEqual(progress.people.filter((p) => p.state === "submitted").map((p) => p.name).sort());

    // Everyone not started has an invitation waiting in the outbox; its link opens their own response, and no one else's.
    for (const person of waiting) {
      const [invitation] = await db()
        .select()
        .from(mailMessages)
        .where(and(eq(mailMessages.subjectId, person.id), eq(mailMessages.kind, "survey.invitation")));
      const [stakeholder] = await db().select().from(stakeholders).where(eq(stakeholders.name, person.name));
      expect(invitation).toMatchObject({ status: "queued", toAddress: stakeholder!.email });
      const link = await openLink(tokenIn(invitation!.text));
      expect(link).toMatchObject({ phase: "open", invitee: { id: person.id, stakeholderName: person.name, interviewId: null, submittedAt: null } });
      const responseId = await ensureResponse(link!);
      const [mine] = await db().select().from(surveyInvitees).where(eq(surveyInvitees.id, person.id));
      expect(mine!.interviewId).toBe(responseId);
    }

    // Two were reminded more than a day ago, so they may be reminded again today; the others' invitations are recent.
    const reminded = progress.people.filter((p) => p.reminders > 0);
    expect(reminded).toHaveLength(2);
    for (const p of reminded) expect(Date.now() - Date.parse(p.lastRemindedAt!)).toBeGreaterThan(24 * 3600_000);
    const [hannah] = await db().select().from(users).where(eq(users.email, "rm2@meridian.example"));
    const again = await remindInvitees({ surveyId: check.id, inviteeId: reminded[0]!.id, actor: { id: hannah!.id, name: hannah!.name, ip: "", userAgent: "" } });
    expect(again.sent).toBe(1);
    expect(await db().select().from(surveyInvitees).where(and(eq(surveyInvitees.surveyId, check.id), isNull(surveyInvitees.interviewId)))).toHaveLength(0);

    expect((await verifyAuditChain(db())).ok).toBe(true);
  }, DEMO);
});
