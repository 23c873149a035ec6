import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { answers, auditEvents, interviews } from "../../db/schema";
import { db } from "../../app/db.server";
import * as calendarPage from "../../app/routes/account.calendar";
import * as feed from "../../app/routes/calendar.$token";
import * as detail from "../../app/routes/interviews.$interviewId._index";
import * as ics from "../../app/routes/interviews.$interviewId.ics";
import * as newInterview from "../../app/routes/interviews.new";
import * as stakeholderPage from "../../app/routes/stakeholders.$stakeholderId";
import { interviewCoverage } from "../../app/models/interview.server";
import { cookieFor, makeInterview, makePublishedGuideVersion, makeStakeholder, makeUnit, makeUser } from "../support/factories";
import { call, jsonOf } from "../support/routes";

async function setting() {
  const rm = await makeUser("relationship_manager", { name: "Tom Okafor", email: "tom@example.com" });
  const unit = await makeUnit({ name: "Retail Banking", code: "RB" });
  const other = await makeUnit({ name: "Finance", code: "FIN" });
  const a = await makeStakeholder(unit.id, { name: "Olivia Bennett", email: "olivia@example.com" });
  const b = await makeStakeholder(other.id, { name: "Mark Davies", email: null });
  const version = await makePublishedGuideVersion();
  return { rm, cookie: await cookieFor(rm.id), unit, other, a, b, version };
}

describe("planning an interview", () => {
  it("writes the interview with stakeholders from two units, in UK time, with an audit event", async () => {
    const { rm, cookie, unit, a, b, version } = await setting();
    const response = await call(newInterview, "action", {
      path: "/interviews/new",
      cookie,
      form: {
        guideVersionId: version.id,
        businessUnitId: unit.id,
        stakeholderIds: [a.id, b.id],
        interviewerId: rm.id,
        date: "2026-07-15",
        time: "09:30",
        durationMinutes: "90",
        location: "Leeds, room 2",
        purpose: "Saturday opening",
      },
    });
    expect(response.status).toBe(302);
    const [row] = await db().select().from(interviews);
    expect(row).toMatchObject({ status: "planned", durationMinutes: 90, private: false });
    expect(row!.scheduledAt.toISOString()).toBe("2026-07-15T08:30:00.000Z");
    const events = await db().select().from(auditEvents).where(eq(auditEvents.kind, "interview.planned"));
    expect(events[0]!.payload).toMatchObject({ stakeholderIds: expect.arrayContaining([a.id, b.id]) });
  });

  it("refuses bad plans with field messages and writes nothing", async () => {
    const { rm, cookie, unit, a } = await setting();
    const lead = await makeUser("business_lead");
    const draftGuide = "6f1f2b8e-0b7a-4f1a-9a3c-2b1c0d9e8f7a";
    const base = { businessUnitId: unit.id, stakeholderIds: [a.id], interviewerId: rm.id, date: "2026-12-01", time: "10:00", durationMinutes: "60" };
    const missing = await call(newInterview, "action", { path: "/interviews/new", cookie, form: { ...base, stakeholderIds: [], date: "2026-02-30", time: "25:00", durationMinutes: "5" } });
    expect((await jsonOf(missing)).errors).toMatchObject({
      guideVersionId: "Choose a published guide",
      stakeholderIds: "Choose at least one stakeholder",
      date: "Enter a real date, like 2026-12-01",
      time: "Enter a time like 09:30",
      durationMinutes: "At least 15 minutes",
    });
    const notPublished = await call(newInterview, "action", { path: "/interviews/new", cookie, form: { ...base, guideVersionId: draftGuide } });
    expect((await jsonOf(notPublished)).errors).toEqual({ guideVersionId: "Choose a published guide that is not archived" });
    const version = await makePublishedGuideVersion();
    const notAnRm = await call(newInterview, "action", { path: "/interviews/new", cookie, form: { ...base, guideVersionId: version.id, interviewerId: lead.id } });
    expect((await jsonOf(notAnRm)).errors).toEqual({ interviewerId: "Choose an active relationship manager to interview" });
    expect(await db().select().from(interviews)).toHaveLength(0);
  });

  it("moves planned → in progress → completed, and cancels only with a reason", async () => {
    const { rm, cookie, unit, a } = await setting();
    const iv = await makeInterview({ unitId: unit.id, interviewerId: rm.id, stakeholderIds: [a.id] });
    const post = (form: Record<string, string>) => call(detail, "action", { path: `/interviews/${iv.id}`, params: { interviewId: iv.id }, cookie, form });
    expect((await jsonOf(await post({ intent: "complete" }))).formError).toBe("This interview is planned: it cannot be completed now");
    expect((await post({ intent: "start" })).status).toBe(302);
    expect((await jsonOf(await post({ intent: "cancel", reason: " " }))).errors).toEqual({ reason: "Say why it is cancelled" });
    expect((await post({ intent: "complete" })).status).toBe(409);
    await db().insert(answers).values({ interviewId: iv.id, kind: "answer", item: "q-one", value: "Branches open on Saturdays", updatedBy: rm.id });
    expect((await post({ intent: "complete" })).status).toBe(302);
    const [row] = await db().select().from(interviews);
    expect(row!.status).toBe("completed");
    expect((await db().select().from(auditEvents)).map((e) => e.kind)).toEqual(["interview.started", "interview.completed"]);
  });
});

describe("invitations and calendars", () => {
  it("downloads an .ics whose attendees are the stakeholders with an email", async () => {
    const { rm, cookie, unit, a, b } = await setting();
    const iv = await makeInterview({ unitId: unit.id, interviewerId: rm.id, stakeholderIds: [a.id, b.id], location: "Leeds" });
    const response = await call(ics, "loader", { path: `/interviews/${iv.id}/ics`, params: { interviewId: iv.id }, cookie });
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="interview-2026-12-01.ics"');
    // Long lines are folded (RFC 5545): read them unfolded.
    const text = (await response.text()).replace(/\r\n /g, "");
    expect(text).toContain("DTSTART:20261201T100000Z");
    expect(text).toContain("mailto:olivia@example.com");
    expect(text).not.toContain("Mark Davies;");
    expect(text).toContain('ORGANIZER;CN="Tom Okafor":mailto:tom@example.com');
  });

  it("keeps another relationship manager's private interview from the page, the .ics and the list", async () => {
    const { rm, unit, a } = await setting();
    const iv = await makeInterview({ unitId: unit.id, interviewerId: rm.id, stakeholderIds: [a.id], private: true });
    const colleague = await makeUser("relationship_manager");
    const theirs = await cookieFor(colleague.id);
    expect((await call(ics, "loader", { path: `/interviews/${iv.id}/ics`, params: { interviewId: iv.id }, cookie: theirs })).status).toBe(404);
    expect((await call(detail, "loader", { path: `/interviews/${iv.id}`, params: { interviewId: iv.id }, cookie: theirs })).status).toBe(404);
    expect((await call(detail, "action", { path: `/interviews/${iv.id}`, params: { interviewId: iv.id }, cookie: theirs, form: { intent: "start" } })).status).toBe(404);
    const admin = await cookieFor((await makeUser("admin")).id);
    expect((await call(ics, "loader", { path: `/interviews/${iv.id}/ics`, params: { interviewId: iv.id }, cookie: admin })).status).toBe(200);
  });

  it("serves a private feed by secret address until it is revoked", async () => {
    const { rm, cookie, unit, a } = await setting();
    await makeInterview({ unitId: unit.id, interviewerId: rm.id, stakeholderIds: [a.id] });
    const made = await call(calendarPage, "action", { path: "/account/calendar", cookie, form: { intent: "create" } });
    const { url } = await jsonOf<{ url: string }>(made);
    const token = url.split("/calendar/")[1]!;
    const ok = await call(feed, "loader", { path: `/calendar/${token}`, params: { token } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("BEGIN:VEVENT");
    await call(calendarPage, "action", { path: "/account/calendar", cookie, form: { intent: "revoke" } });
    expect((await call(feed, "loader", { path: `/calendar/${token}`, params: { token } })).status).toBe(404);
  });
});

describe("coverage", () => {
  it("counts each unit's stakeholders as interviewed, planned or never", async () => {
    const { rm, unit, a } = await setting();
    const c = await makeStakeholder(unit.id, { name: "Chloe Turner" });
    await makeStakeholder(unit.id, { name: "Never Asked" });
    await makeInterview({ unitId: unit.id, interviewerId: rm.id, stakeholderIds: [a.id], status: "completed", scheduledAt: new Date("2026-10-01T09:00:00Z") });
    await makeInterview({ unitId: unit.id, interviewerId: rm.id, stakeholderIds: [a.id, c.id], status: "planned" });
    const rows = await interviewCoverage();
    expect(rows.find((r) => r.name === "Retail Banking")).toMatchObject({ total: 3, interviewed: 1, planned: 1, never: 1, lastInterview: "2026-10-01T09:00:00.000Z" });
    expect(rows.find((r) => r.name === "Finance")).toMatchObject({ total: 1, interviewed: 0, planned: 0, never: 1, lastInterview: null });
  });

  it("keeps a stakeholder who took part in an interview on the list", async () => {
    const { rm, cookie, unit, a } = await setting();
    await makeInterview({ unitId: unit.id, interviewerId: rm.id, stakeholderIds: [a.id] });
    const response = await call(stakeholderPage, "action", { path: `/stakeholders/${a.id}`, params: { stakeholderId: a.id }, cookie, form: { intent: "delete" } });
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).formError).toMatch(/takes part in interviews/);
  });
});
