import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, guideVersions, interviewGuides, interviews, interviewStakeholders, services, users } from "../../db/schema";
import { db } from "../../app/db.server";
import { addDays, utcToZoned } from "../../app/domain/interview";
import { definitionSchema, type Definition } from "../../app/domain/definition";
import { guideContentSchema, type GuideContent } from "../../app/domain/guide";
import { serviceFactsSchema } from "../../app/domain/service";
import type { Actor } from "../../app/models/audit.server";
import type { Sealed } from "../../app/models/agreement-seal.server";
import { createVersion } from "../../app/models/service-version.server";
import { createService, saveDraft } from "../../app/models/service.server";
import { decide, submitForSignoff } from "../../app/models/signoff.server";
import * as detail from "../../app/routes/interviews.$interviewId._index";
import * as exportOne from "../../app/routes/interviews.$interviewId.answers[.]csv";
import * as evidencePage from "../../app/routes/interviews.$interviewId.evidence";
import * as run from "../../app/routes/interviews.$interviewId.run";
import * as summary from "../../app/routes/interviews.$interviewId.summary";
import * as page from "../../app/routes/services.$serviceId.review-interview";
import { loadDemoWorkspace } from "../../db/seed/demo";
import { REVIEW_GUIDE } from "../../db/seed/guides";
import { cookieFor, makeInterview, makePublishedGuideVersion, makeStakeholder, makeUnit, makeUser } from "../support/factories";
import { call, jsonOf } from "../support/routes";

const actorOf = (u: { id: string; name: string }): Actor & { id: string } => ({ id: u.id, name: u.name, ip: "203.0.113.7", userAgent: "vitest" });

const definitionFor = (unitId: string, outcome = "Customers leave the branch with their account open."): Definition =>
  definitionSchema.parse({
    outcomes: [
      { id: "first-visit", text: outcome },
      { id: "someone-to-call", text: "Branch staff always have someone to call." },
    ],
    consumers: [{ unitId, spokesperson: "", note: "" }],
    criticalPeriods: [{ id: "saturday", name: "Saturday opening", when: "Saturdays 08:30–13:30" }],
    serviceLevels: [
      { id: "open-minutes", period: null, measure: "Accounts opened within", kind: "minutes", target: "20", howMeasured: "Account log" },
      { id: "sat-fix", period: "saturday", measure: "Faults fixed within", kind: "hours", target: "1", howMeasured: "Service desk" },
    ],
  });

/** Makes a version of the draft and has an executive sign it, so it is agreed. */
async function agree(serviceId: string, actor: Actor & { id: string }) {
  const exec = await makeUser("executive");
  const { number } = await createVersion({ id: serviceId, actor });
  const { id } = await submitForSignoff({ serviceId, number, input: { approvers: [], signers: [exec.id], inOrder: false, message: "", dueOn: null }, actor });
  const seal = async ({ requestId }: { requestId: string }): Promise<Sealed> => ({ pdf: new TextEncoder().encode(`%PDF-1.7 ${requestId}`), sha256: `sha-${requestId}`, pages: 1 });
  const result = await decide({ requestId: id, decision: "approve", comment: "", actor: actorOf(exec), origin: "http://x", seal });
  expect(result.status).toBe("agreed");
}

async function setting({ agreed = true } = {}) {
  const rm = await makeUser("relationship_manager");
  const unit = await makeUnit({ name: "Retail Banking", code: "RB" });
  const other = await makeUnit({ name: "Finance", code: "FIN" });
  const senior = await makeStakeholder(unit.id, { name: "Olivia Bennett", level: "senior_manager" });
  const front = await makeStakeholder(unit.id, { name: "Chloe Turner", level: "front_line" });
  const outsider = await makeStakeholder(other.id, { name: "Mark Davies", level: "executive" });
  await makePublishedGuideVersion("Business needs discovery");
  const guide = await makePublishedGuideVersion("Service review", guideContentSchema.parse(REVIEW_GUIDE.content) as GuideContent);
  const name = "Branch Banking";
  const service = await createService({ input: serviceFactsSchema.parse({ name, kind: "business" }), definition: definitionFor(unit.id), actor: actorOf(rm) });
  if (agreed) await agree(service.id, actorOf(rm));
  return { rm, cookie: await cookieFor(rm.id), unit, other, senior, front, outsider, guide, service: { id: service.id, name } };
}

const path = (serviceId: string) => `/services/${serviceId}/review-interview`;

type PlanPage = {
  service: { id: string; name: string; agreedVersion: number | null };
  preview: { outcomes: string; serviceLevels: string };
  guides: { value: string; label: string }[];
  units: { value: string; label: string }[];
  defaults: Record<string, string | string[]>;
};

const allPrompts = (content: GuideContent) => content.sections.flatMap((s) => [s.title, s.purpose, ...s.questions.flatMap((q) => [q.prompt, q.help])]).join("\n");

describe("planning a review interview from a service", () => {
  it("offers a form filled for the service, stores the service on the interview, and its pages show the filled questions", async () => {
    const { rm, cookie, unit, senior, front, outsider, guide, service } = await setting();
    const open = await call(page, "loader", { path: path(service.id), params: { serviceId: service.id }, cookie });
    expect(open.status).toBe(200);
    const form = await jsonOf<PlanPage>(open);
    expect(form.service).toEqual({ id: service.id, name: "Branch Banking", agreedVersion: 1 });
    expect(form.defaults).toMatchObject({ guideVersionId: guide.id, businessUnitId: unit.id, interviewerId: rm.id, purpose: "Review of Branch Banking", durationMinutes: "60" });
    // The consumer's people, most senior first; not the outsider.
    expect(form.defaults.stakeholderIds).toEqual([senior.id, front.id]);
    expect(form.units[0]).toEqual({ value: unit.id, label: "Retail Banking (uses Branch Banking)" });
    expect(form.preview.outcomes).toBe("1. Customers leave the branch with their account open.\n2. Branch staff always have someone to call.");

    const tomorrow = addDays(utcToZoned(new Date()).date, 1);
    const planned = await call(page, "action", {
      path: path(service.id),
      params: { serviceId: service.id },
      cookie,
      form: { ...form.defaults, stakeholderIds: [senior.id, outsider.id], date: tomorrow, location: "Leeds Briggate" } as Record<string, string | string[]>,
    });
    expect(planned.status).toBe(302);
    const [row] = await db().select().from(interviews);
    expect(planned.headers.get("location")).toBe(`/interviews/${row!.id}`);
    expect(row).toMatchObject({ serviceId: service.id, guideVersionId: guide.id, businessUnitId: unit.id, purpose: "Review of Branch Banking", location: "Leeds Briggate" });
    expect((await db().select().from(interviewStakeholders).where(eq(interviewStakeholders.interviewId, row!.id))).map((s) => s.stakeholderId).sort()).toEqual([senior.id, outsider.id].sort());
    const [event] = await db().select().from(auditEvents).where(and(eq(auditEvents.kind, "interview.planned"), eq(auditEvents.subjectId, row!.id)));
    expect(event!.payload).toMatchObject({ serviceId: service.id, guideVersionId: guide.id });

    const params = { interviewId: row!.id };
    const page1 = await jsonOf<{ interview: { service: { id: string; name: string } | null }; content: GuideContent }>(
      await call(run, "loader", { path: `/interviews/${row!.id}/run`, params, cookie }),
    );
    expect(page1.interview.service).toEqual({ id: service.id, name: "Branch Banking" });
    const first = page1.content.sections[0]!.questions[0]!;
    expect(first.prompt).toBe(
      "These are the outcomes agreed for Branch Banking:\n1. Customers leave the branch with their account open.\n2. Branch staff always have someone to call.\nDo they still describe what your unit needs from it?",
    );
    const levels = page1.content.sections[1]!.questions[0]!.prompt;
    expect(levels).toContain("Normal time:\n- Accounts opened within: 20 minutes\nDuring Saturday opening:\n- Faults fixed within: 1 hour");
    expect(page1.content.sections[1]!.questions[1]!.prompt).toContain("- Saturday opening: Saturdays 08:30–13:30");
    expect(allPrompts(page1.content)).not.toContain("{{");

    // The interview's page names the service; the summary shows the filled questions.
    const interviewPage = await jsonOf<{ serviceName: string; interview: { serviceId: string } }>(await call(detail, "loader", { path: `/interviews/${row!.id}`, params, cookie }));
    expect(interviewPage).toMatchObject({ serviceName: "Branch Banking", interview: { serviceId: service.id } });
    const printed = await jsonOf<{ sections: { title: string; questions: { prompt: string }[] }[]; service: { name: string } }>(
      await call(summary, "loader", { path: `/interviews/${row!.id}/summary`, params, cookie }),
    );
    expect(printed.service.name).toBe("Branch Banking");
    expect(printed.sections[0]!.questions[0]!.prompt).toBe(first.prompt);
    expect(JSON.stringify(printed)).not.toContain("{{");

    // Answered: the evidence page and the CSV name the question as it was asked.
    await call(detail, "action", { path: `/interviews/${row!.id}`, params, cookie, form: { intent: "start" } });
    const saved = await call(run, "action", {
      path: `/interviews/${row!.id}/run?section=s-agreed`,
      params,
      cookie,
      form: { intent: "section", section: "s-agreed", "shown.q-outcomes-hold": "", "a.q-outcomes-hold": "most", go: "next" },
    });
    expect(saved.status).toBe(302);
    const quoted = await jsonOf<{ sections: { questions: { prompt: string }[] }[] }>(await call(evidencePage, "loader", { path: `/interviews/${row!.id}/evidence`, params, cookie }));
    expect(quoted.sections[0]!.questions[0]!.prompt).toBe(first.prompt);
    const csv = await (await call(exportOne, "loader", { path: `/interviews/${row!.id}/answers.csv`, params, cookie })).text();
    expect(csv).toContain("These are the outcomes agreed for Branch Banking:\n1. Customers leave the branch");
    expect(csv).not.toContain("{{");

    // Missing answers are named as asked, too.
    const completing = await call(detail, "action", { path: `/interviews/${row!.id}`, params, cookie, form: { intent: "complete" } });
    expect(completing.status).toBe(409);
    const { missing } = await jsonOf<{ missing: { prompt: string }[] }>(completing);
    expect(missing.map((m) => m.prompt).join("\n")).toContain("how effective is Branch Banking for your unit today?");
  });

  it("keeps the questions as they were asked when a later version is agreed from the answers", async () => {
    const { rm, cookie, unit, senior, service } = await setting();
    const open = await jsonOf<PlanPage>(await call(page, "loader", { path: path(service.id), params: { serviceId: service.id }, cookie }));
    // Recorded after the fact: held yesterday, planned now.
    const yesterday = addDays(utcToZoned(new Date()).date, -1);
    await call(page, "action", { path: path(service.id), params: { serviceId: service.id }, cookie, form: { ...open.defaults, stakeholderIds: [senior.id], date: yesterday } as Record<string, string | string[]> });
    const [row] = await db().select().from(interviews);
    const [current] = await db().select({ revision: services.revision }).from(services).where(eq(services.id, service.id));
    await saveDraft({ id: service.id, revision: current!.revision, definition: definitionFor(unit.id, "Accounts open in one visit, weekdays and Saturdays."), actor: actorOf(rm) });
    await agree(service.id, actorOf(rm));
    const loaded = await jsonOf<{ content: GuideContent }>(await call(run, "loader", { path: `/interviews/${row!.id}/run`, params: { interviewId: row!.id }, cookie }));
    expect(loaded.content.sections[0]!.questions[0]!.prompt).toContain("1. Customers leave the branch with their account open.");
    // A review planned now shows version 2.
    const now = await jsonOf<PlanPage>(await call(page, "loader", { path: path(service.id), params: { serviceId: service.id }, cookie }));
    expect(now.service.agreedVersion).toBe(2);
    expect(now.preview.outcomes).toContain("1. Accounts open in one visit");
  });

  it("works for a service with no agreed version, showing its draft", async () => {
    const { cookie, service } = await setting({ agreed: false });
    const form = await jsonOf<PlanPage>(await call(page, "loader", { path: path(service.id), params: { serviceId: service.id }, cookie }));
    expect(form.service.agreedVersion).toBeNull();
    const planned = await call(page, "action", { path: path(service.id), params: { serviceId: service.id }, cookie, form: form.defaults as Record<string, string | string[]> });
    expect(planned.status).toBe(302);
    const [row] = await db().select().from(interviews);
    const loaded = await jsonOf<{ content: GuideContent }>(await call(run, "loader", { path: `/interviews/${row!.id}/run`, params: { interviewId: row!.id }, cookie }));
    expect(loaded.content.sections[0]!.questions[0]!.prompt).toContain("1. Customers leave the branch with their account open.");
  });

  it("shows the placeholders as typed in an interview about no service", async () => {
    const { rm, cookie, unit, senior, guide } = await setting();
    const plain = await makeInterview({ unitId: unit.id, interviewerId: rm.id, stakeholderIds: [senior.id], guideVersionId: guide.id });
    const loaded = await jsonOf<{ content: GuideContent; interview: { service: unknown } }>(await call(run, "loader", { path: `/interviews/${plain.id}/run`, params: { interviewId: plain.id }, cookie }));
    expect(loaded.interview.service).toBeNull();
    expect(loaded.content.sections[0]!.questions[0]!.prompt).toBe(REVIEW_GUIDE.content.sections[0]!.questions[0]!.prompt);
  });

  it("is for relationship managers and admins only", async () => {
    const { service } = await setting();
    const params = { serviceId: service.id };
    for (const role of ["business_lead", "executive"] as const) {
      const cookie = await cookieFor((await makeUser(role)).id);
      expect((await call(page, "loader", { path: path(service.id), params, cookie })).status).toBe(403);
      expect((await call(page, "action", { path: path(service.id), params, cookie, form: {} })).status).toBe(403);
    }
    for (const kind of ["loader", "action"] as const) {
      const anonymous = await call(page, kind, { path: path(service.id), params });
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    }
    const admin = await cookieFor((await makeUser("admin")).id);
    expect((await call(page, "loader", { path: path(service.id), params, cookie: admin })).status).toBe(200);
    expect(await db().select().from(interviews)).toEqual([]);
  });

  it("answers 404 for a service that does not exist", async () => {
    const { cookie, senior, guide, unit, rm } = await setting();
    const missing = "6f1c8d1e-0000-4000-8000-000000000000";
    expect((await call(page, "loader", { path: path(missing), params: { serviceId: missing }, cookie })).status).toBe(404);
    expect((await call(page, "loader", { path: path("not-an-id"), params: { serviceId: "not-an-id" }, cookie })).status).toBe(404);
    const form = { guideVersionId: guide.id, businessUnitId: unit.id, stakeholderIds: [senior.id], interviewerId: rm.id, date: "2027-01-12", time: "10:00", durationMinutes: "60" };
    expect((await call(page, "action", { path: path(missing), params: { serviceId: missing }, cookie, form })).status).toBe(404);
    expect(await db().select().from(interviews)).toEqual([]);
  });

  it("refuses a bad form with a message on each field, writing nothing", async () => {
    const { cookie, service, guide } = await setting();
    const events = (await db().select().from(auditEvents)).length;
    const refused = await call(page, "action", {
      path: path(service.id),
      params: { serviceId: service.id },
      cookie,
      form: { guideVersionId: guide.id, businessUnitId: "", interviewerId: "", date: "2027-02-30", time: "25:00", durationMinutes: "5", purpose: "Review of Branch Banking" },
    });
    expect(refused.status).toBe(400);
    const body = await jsonOf<{ errors: Record<string, string>; values: Record<string, string> }>(refused);
    expect(Object.keys(body.errors).sort()).toEqual(["businessUnitId", "date", "durationMinutes", "interviewerId", "stakeholderIds", "time"]);
    expect(body.errors.stakeholderIds).toBe("Choose at least one stakeholder");
    // What was typed comes back, so the page shows it again without JavaScript.
    expect(body.values).toMatchObject({ guideVersionId: guide.id, purpose: "Review of Branch Banking" });
    expect(await db().select().from(interviews)).toEqual([]);
    expect((await db().select().from(auditEvents)).length).toBe(events);
  });
});

describe("the demo's Service review guide", () => {
  it("is published, and the review page of Branch Banking starts from it", async () => {
    await loadDemoWorkspace();
    const versions = await db()
      .select({ status: guideVersions.status, id: guideVersions.id })
      .from(guideVersions)
      .innerJoin(interviewGuides, eq(interviewGuides.id, guideVersions.guideId))
      .where(eq(interviewGuides.title, "Service review"));
    expect(versions.map((v) => v.status)).toEqual(["published"]);
    const [branch] = await db().select({ id: services.id }).from(services).where(eq(services.name, "Branch Banking"));
    const [rm] = await db().select().from(users).where(eq(users.email, "rm@meridian.example"));
    const form = await jsonOf<PlanPage>(await call(page, "loader", { path: path(branch!.id), params: { serviceId: branch!.id }, cookie: await cookieFor(rm!.id) }));
    expect(form.defaults.guideVersionId).toBe(versions[0]!.id);
    expect(form.service.agreedVersion).toBe(1);
    expect((form.defaults.stakeholderIds as string[]).length).toBeGreaterThan(0);
  }, 60_000);
});
