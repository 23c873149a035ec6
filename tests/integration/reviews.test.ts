import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, reviewActions, serviceMeasurements, serviceReviews, services } from "../../db/schema";
import { db } from "../../app/db.server";
import { definitionSchema, type Definition } from "../../app/domain/definition";
import { addMonths, reviewFormSchema, type ReviewFormInput } from "../../app/domain/review";
import { serviceFactsSchema } from "../../app/domain/service";
import type { Actor } from "../../app/models/audit.server";
import { importMeasures, levelsInForce, measurementsOf, recordMeasures } from "../../app/models/measures.server";
import { recordReview, reviewsOf, setActionStatus } from "../../app/models/review.server";
import { portfolioHealth, reviewsDue } from "../../app/models/service-health.server";
import { createService, saveDraft } from "../../app/models/service.server";
import { agreeDraft } from "../support/agreement";
import { makeUser } from "../support/factories";
import { refusal } from "../support/refusal";

const actorOf = (u: { id: string; name: string }): Actor & { id: string } => ({ id: u.id, name: u.name, ip: "203.0.113.7", userAgent: "vitest" });

/** Normal-time levels and a Saturday opening with its own, one of them stated in words. */
const definitionWith = (availabilityTarget = "99.5"): Definition =>
  definitionSchema.parse({
    purpose: "Branches serve customers in person.",
    criticalPeriods: [{ id: "sat", name: "Saturday opening", when: "Saturdays 08:30–13:30" }],
    serviceLevels: [
      { id: "avail", period: null, measure: "Availability", kind: "percent", target: availabilityTarget, howMeasured: "Monitoring" },
      { id: "answer", period: null, measure: "Calls answered within", kind: "minutes", target: "15", howMeasured: "Telephony" },
      { id: "sat-open", period: "sat", measure: "Accounts opened within", kind: "minutes", target: "20", howMeasured: "Branch system" },
      { id: "sat-staff", period: "sat", measure: "Branches fully staffed", kind: "text", target: "Every branch opens on time", howMeasured: "Rota" },
    ],
  });

async function people() {
  const rm = await makeUser("relationship_manager");
  return { rm, actor: actorOf(rm) };
}

async function serviceWith(actor: Actor, { definition = definitionWith(), ...facts }: { definition?: Definition } & Record<string, unknown> = {}) {
  const name = (facts.name as string | undefined) ?? `Branch Banking ${Math.random().toString(36).slice(2, 7)}`;
  const row = await createService({ input: serviceFactsSchema.parse({ kind: "business", ...facts, name }), definition, actor });
  return { id: row.id, name };
}

const agree = agreeDraft;

async function redraft(serviceId: string, definition: Definition, actor: Actor) {
  const [row] = await db().select({ revision: services.revision }).from(services).where(eq(services.id, serviceId));
  await saveDraft({ id: serviceId, revision: row!.revision, definition, actor });
}

const eventsOf = async (subjectId: string, kind: string) => db().select().from(auditEvents).where(and(eq(auditEvents.subjectId, subjectId), eq(auditEvents.kind, kind)));
const byLevel = async (serviceId: string) => Object.fromEntries((await measurementsOf(serviceId)).map((m) => [`${m.levelId} ${m.period}`, { target: m.target, value: m.value, met: m.met }]));

describe("recording a month's measures", () => {
  it("writes each value with met against the target, copying the kind and target, and records who did it", async () => {
    const { rm, actor } = await people();
    const s = await serviceWith(actor);
    const result = await recordMeasures({ serviceId: s.id, input: { period: "2026-03", values: { avail: "99.7%", answer: "21", "sat-open": "18", "sat-staff": "missed" } }, actor });
    expect(result).toEqual({ ok: true, saved: 4, cleared: 0, period: "2026-03-01" });
    expect(await measurementsOf(s.id)).toEqual([
      { levelId: "answer", period: "2026-03-01", kind: "minutes", target: "15", value: 21, met: false },
      { levelId: "avail", period: "2026-03-01", kind: "percent", target: "99.5", value: 99.7, met: true },
      { levelId: "sat-open", period: "2026-03-01", kind: "minutes", target: "20", value: 18, met: true },
      { levelId: "sat-staff", period: "2026-03-01", kind: "text", target: "Every branch opens on time", value: null, met: false },
    ]);
    const stored = await db().select().from(serviceMeasurements).where(eq(serviceMeasurements.levelId, "sat-open"));
    expect(stored.map((r) => [r.criticalPeriodId, r.recordedBy])).toEqual([["sat", rm.id]]);
    const [event] = await eventsOf(s.id, "measures.recorded");
    expect(event!.payload).toEqual({
      period: "2026-03-01",
      values: [
        { levelId: "avail", value: 99.7, met: true },
        { levelId: "answer", value: 21, met: false },
        { levelId: "sat-open", value: 18, met: true },
        { levelId: "sat-staff", value: null, met: false },
      ],
      cleared: [],
    });
    expect(event!.actorName).toBe(rm.name);
  });

  it("measures against the newest agreed version's targets once one is agreed, else the draft's", async () => {
    const { actor } = await people();
    const s = await serviceWith(actor, { definition: definitionWith("99.9") });
    expect((await levelsInForce(s.id))!.agreedVersion).toBeNull();
    await recordMeasures({ serviceId: s.id, input: { period: "2026-01", values: { avail: "99.7" } }, actor });

    await redraft(s.id, definitionWith("99.5"), actor);
    expect(await agree(s.id, actor)).toBe(1);
    // The draft moves on to a stricter target, not yet agreed: version 1's target is still the one in force.
    await redraft(s.id, definitionWith("99.8"), actor);
    const inForce = (await levelsInForce(s.id))!;
    expect(inForce.agreedVersion).toBe(1);
    expect(inForce.levels.find((l) => l.id === "avail")!.target).toBe("99.5");
    await recordMeasures({ serviceId: s.id, input: { period: "2026-02", values: { avail: "99.7" } }, actor });

    expect(await byLevel(s.id)).toEqual({
      "avail 2026-01-01": { target: "99.9", value: 99.7, met: false },
      "avail 2026-02-01": { target: "99.5", value: 99.7, met: true },
    });
  });

  it("replaces a value given again and clears one left blank", async () => {
    const { actor } = await people();
    const s = await serviceWith(actor);
    await recordMeasures({ serviceId: s.id, input: { period: "2026-02", values: { avail: "99", answer: "10" } }, actor });
    await recordMeasures({ serviceId: s.id, input: { period: "2026-03", values: { avail: "99.9" } }, actor });
    const again = await recordMeasures({ serviceId: s.id, input: { period: "2026-02", values: { avail: " ", answer: "16" } }, actor });
    expect(again).toEqual({ ok: true, saved: 1, cleared: 1, period: "2026-02-01" });
    expect(await byLevel(s.id)).toEqual({
      "answer 2026-02-01": { target: "15", value: 16, met: false },
      "avail 2026-03-01": { target: "99.5", value: 99.9, met: true },
    });
    const events = await eventsOf(s.id, "measures.recorded");
    expect(events.map((e) => (e.payload as { cleared: string[] }).cleared)).toEqual([[], [], ["avail"]]);
    // Nothing to save and nothing to clear: no event.
    expect(await recordMeasures({ serviceId: s.id, input: { period: "2026-04", values: {} }, actor })).toEqual({ ok: true, saved: 0, cleared: 0, period: "2026-04-01" });
    expect(await eventsOf(s.id, "measures.recorded")).toHaveLength(3);
  });

  it("a bad value comes back by field and nothing is written, not even the good values beside it", async () => {
    const { actor } = await people();
    const s = await serviceWith(actor);
    await recordMeasures({ serviceId: s.id, input: { period: "2026-03", values: { avail: "99.1" } }, actor });
    const result = await recordMeasures({ serviceId: s.id, input: { period: "2026-03", values: { avail: "", answer: "12", "sat-open": "101,5", "sat-staff": "mostly" } }, actor });
    expect(result).toEqual({
      ok: false,
      errors: { "values.sat-open": "Give a number", "values.sat-staff": "This level is stated in words: say met or missed" },
    });
    expect(await byLevel(s.id)).toEqual({ "avail 2026-03-01": { target: "99.5", value: 99.1, met: false } });
    expect(await eventsOf(s.id, "measures.recorded")).toHaveLength(1);
  });

  it("refuses a level the definition no longer has, a period that is not a month or has not begun, and a service that does not exist", async () => {
    const { actor } = await people();
    const s = await serviceWith(actor);
    const gone = await refusal(recordMeasures({ serviceId: s.id, input: { period: "2026-03", values: { avail: "99", removed: "5" } }, actor }));
    expect([gone.code, gone.status]).toEqual(["unknown_level", 409]);
    const period = await refusal(recordMeasures({ serviceId: s.id, input: { period: "2026-13", values: { avail: "99" } }, actor }));
    expect([period.code, period.field]).toEqual(["bad_period", "period"]);
    const future = await refusal(recordMeasures({ serviceId: s.id, input: { period: "2062-01", values: { avail: "99" } }, actor }));
    expect([future.code, future.field, future.message]).toEqual(["future_period", "period", "January 2062 has not begun yet"]);
    const missing = await refusal(recordMeasures({ serviceId: "00000000-0000-4000-8000-000000000000", input: { period: "2026-03", values: { avail: "99" } }, actor }));
    expect(missing.status).toBe(404);
    expect(await db().select().from(serviceMeasurements)).toEqual([]);
  });
});

describe("importing measures", () => {
  const csv = (...rows: string[]) => ["service,measure,period,value", ...rows].join("\n");

  it("a file with one bad row among good ones imports nothing", async () => {
    const { actor } = await people();
    const s = await serviceWith(actor, { name: "Branch Banking" });
    const file = csv("Branch Banking,Availability,2026-01,99.9", "Branch Banking,Calls answered within,2026-01,12", "Branch Banking,Availability,2026-02,high", "Branch Banking,sat-staff,2026-01,met");
    const error = await refusal(importMeasures({ content: file, actor }));
    expect([error.code, error.message, error.field]).toEqual(["bad_rows", "1 row has errors; nothing was imported", "file"]);
    expect(await measurementsOf(s.id)).toEqual([]);
    expect(await eventsOf(s.id, "measures.imported")).toEqual([]);
    const unreadable = await refusal(importMeasures({ content: "service,measure,month\nBranch Banking,Availability,2026-01", actor }));
    expect([unreadable.code, unreadable.message]).toEqual(["bad_file", 'The file has no "value" column. The columns are: service, measure, period, value.']);
  });

  it("a good file writes every row across services, counts the values it replaced, and records an event per service", async () => {
    const { actor } = await people();
    const branch = await serviceWith(actor, { name: "Branch Banking" });
    const payroll = await serviceWith(actor, { name: "Payroll" });
    await recordMeasures({ serviceId: branch.id, input: { period: "2026-01", values: { avail: "98", answer: "30" } }, actor });
    const result = await importMeasures({
      content: csv(
        "Branch Banking,Availability,2026-01,99.9",
        "Branch Banking,Calls answered within,2026-01,12",
        "Branch Banking,Accounts opened within,2026-01,25",
        "Branch Banking,Branches fully staffed,2026-01,yes",
        "payroll,avail,2026-01,99.0",
      ),
      actor,
    });
    expect(result).toEqual({ rows: 5, services: 2, replaced: 2 });
    expect(await byLevel(branch.id)).toEqual({
      "answer 2026-01-01": { target: "15", value: 12, met: true },
      "avail 2026-01-01": { target: "99.5", value: 99.9, met: true },
      "sat-open 2026-01-01": { target: "20", value: 25, met: false },
      "sat-staff 2026-01-01": { target: "Every branch opens on time", value: null, met: true },
    });
    expect(await byLevel(payroll.id)).toEqual({ "avail 2026-01-01": { target: "99.5", value: 99, met: false } });
    expect((await eventsOf(branch.id, "measures.imported")).map((e) => (e.payload as { rows: number }).rows)).toEqual([4]);
    expect((await eventsOf(payroll.id, "measures.imported")).map((e) => (e.payload as { rows: number }).rows)).toEqual([1]);
  });

  it("values recorded under an old target keep their met when the target changes", async () => {
    const { actor } = await people();
    const s = await serviceWith(actor, { name: "Branch Banking", definition: definitionWith("99.9") });
    await importMeasures({ content: csv("Branch Banking,Availability,2026-01,99.7"), actor });
    await redraft(s.id, definitionWith("99.5"), actor);
    await importMeasures({ content: csv("Branch Banking,Availability,2026-02,99.7"), actor });
    expect(await byLevel(s.id)).toEqual({
      "avail 2026-01-01": { target: "99.9", value: 99.7, met: false },
      "avail 2026-02-01": { target: "99.5", value: 99.7, met: true },
    });
  });
});

describe("reviews", () => {
  const review = (over: Partial<ReviewFormInput> = {}) => reviewFormSchema.parse({ reviewedOn: "2026-03-31", effectiveness: "partially_effective", ...over });

  it("moves the next review on by the service's cadence from the review's date", async () => {
    const { actor } = await people();
    const s = await serviceWith(actor, { reviewEveryMonths: 12, nextReview: "2026-03-01" });
    const { nextReview } = await recordReview({ serviceId: s.id, input: review({ reviewedOn: "2024-02-29" }), actor, today: "2026-04-01" });
    expect(nextReview).toBe("2025-02-28");
    const later = await recordReview({ serviceId: s.id, input: review({ reviewedOn: "2026-03-31" }), actor, today: "2026-04-01" });
    expect(later.nextReview).toBe("2027-03-31");
    // An older review recorded late does not bring the next one forward.
    const late = await recordReview({ serviceId: s.id, input: review({ reviewedOn: "2025-09-30" }), actor, today: "2026-04-01" });
    expect(late.nextReview).toBe("2027-03-31");
    const [row] = await db().select({ nextReview: services.nextReview }).from(services).where(eq(services.id, s.id));
    expect(row!.nextReview).toBe("2027-03-31");
    const [event] = await eventsOf(s.id, "review.recorded");
    expect(event!.payload).toEqual({ reviewedOn: "2024-02-29", effectiveness: "partially_effective", events: 0, actions: 0, nextReview: "2025-02-28" });
  });

  it("without a cadence keeps the next review date as it was", async () => {
    const { actor } = await people();
    const s = await serviceWith(actor, { nextReview: "2026-09-30" });
    expect((await recordReview({ serviceId: s.id, input: review(), actor, today: "2026-04-01" })).nextReview).toBe("2026-09-30");
  });

  it("refuses a review dated after today; today itself is fine", async () => {
    const { actor } = await people();
    const s = await serviceWith(actor, { reviewEveryMonths: 6 });
    const future = await refusal(recordReview({ serviceId: s.id, input: review({ reviewedOn: "2026-04-02" }), actor, today: "2026-04-01" }));
    expect([future.code, future.field]).toEqual(["review_in_future", "reviewedOn"]);
    expect(await db().select().from(serviceReviews)).toEqual([]);
    expect((await recordReview({ serviceId: s.id, input: review({ reviewedOn: "2026-04-01" }), actor, today: "2026-04-01" })).nextReview).toBe("2026-10-01");
  });

  it("stores the change events and actions, read back newest review first, events by date and actions as typed", async () => {
    const { rm, actor } = await people();
    const s = await serviceWith(actor, { reviewEveryMonths: 12 });
    await recordReview({ serviceId: s.id, input: review({ reviewedOn: "2025-03-31", effectiveness: "effective" }), actor, today: "2026-04-01" });
    await agree(s.id, actor);
    await recordReview({
      serviceId: s.id,
      input: review({
        measuresSummary: "Normal time: 5 of 6 met.",
        notes: "Saturdays are short-staffed.",
        events: [
          { kind: "supplier_change", occurredOn: "2026-02-15", description: "Card printing moved supplier" },
          { kind: "", occurredOn: "", description: "" },
          { kind: "reorganisation", occurredOn: "2025-11-01", description: "Regions merged" },
        ],
        actions: [
          { text: "Agree Saturday cover", owner: "Priya Shah", dueOn: "2026-06-30" },
          { text: "Retrain new staff", owner: "Tom Okafor", dueOn: "2026-05-31" },
        ],
      }),
      actor,
      today: "2026-04-01",
    });
    const [newest, oldest] = await reviewsOf(s.id);
    expect(newest).toMatchObject({ reviewedOn: "2026-03-31", effectiveness: "partially_effective", versionNumber: 1, measuresSummary: "Normal time: 5 of 6 met.", notes: "Saturdays are short-staffed.", by: rm.name });
    expect(newest!.events.map((e) => [e.kind, e.occurredOn, e.description])).toEqual([
      ["reorganisation", "2025-11-01", "Regions merged"],
      ["supplier_change", "2026-02-15", "Card printing moved supplier"],
    ]);
    expect(newest!.actions.map((a) => [a.text, a.owner, a.dueOn, a.status])).toEqual([
      ["Agree Saturday cover", "Priya Shah", "2026-06-30", "open"],
      ["Retrain new staff", "Tom Okafor", "2026-05-31", "open"],
    ]);
    expect(oldest).toMatchObject({ reviewedOn: "2025-03-31", effectiveness: "effective", versionNumber: null, events: [], actions: [] });
    const counts = (await eventsOf(s.id, "review.recorded")).map((e) => e.payload as { events: number; actions: number });
    expect(counts.map((p) => [p.events, p.actions])).toEqual([
      [0, 0],
      [2, 2],
    ]);
  });

  it("an action's status changes only through its own service, once per change, each change audited", async () => {
    const { actor } = await people();
    const s = await serviceWith(actor);
    const other = await serviceWith(actor);
    await recordReview({ serviceId: s.id, input: review({ actions: [{ text: "Agree Saturday cover", owner: "Priya Shah", dueOn: "2026-06-30" }] }), actor, today: "2026-04-01" });
    const [action] = await db().select().from(reviewActions);
    const wrong = await refusal(setActionStatus({ serviceId: other.id, actionId: action!.id, status: "done", actor }));
    expect([wrong.code, wrong.status]).toEqual(["action_not_found", 404]);
    expect((await reviewsOf(s.id))[0]!.actions[0]!.status).toBe("open");

    expect(await setActionStatus({ serviceId: s.id, actionId: action!.id, status: "done", actor })).toEqual({ changed: true });
    expect(await setActionStatus({ serviceId: s.id, actionId: action!.id, status: "done", actor })).toEqual({ changed: false });
    expect((await reviewsOf(s.id))[0]!.actions[0]!.status).toBe("done");
    const events = await eventsOf(s.id, "review.action_updated");
    expect(events.map((e) => e.payload)).toEqual([{ actionId: action!.id, from: "open", to: "done" }]);
    expect(await eventsOf(other.id, "review.action_updated")).toEqual([]);
  });
});

describe("portfolio health", () => {
  it("counts normal time apart from critical periods over the newest three months measured, with overdue reviews and open actions", async () => {
    const { actor } = await people();
    const s = await serviceWith(actor, { name: "Branch Banking", reviewEveryMonths: 12 });
    const quiet = await serviceWith(actor, { name: "Payroll", nextReview: "2026-04-01" });
    const rows = [
      // November is more than three months before March, the newest month: left out.
      "Branch Banking,Availability,2025-11,90",
      "Branch Banking,Availability,2026-01,99.9",
      "Branch Banking,Calls answered within,2026-01,30",
      "Branch Banking,Availability,2026-02,99.9",
      "Branch Banking,Availability,2026-03,99",
      "Branch Banking,Calls answered within,2026-03,10",
      "Branch Banking,Accounts opened within,2026-01,25",
      "Branch Banking,Branches fully staffed,2026-02,met",
      "Branch Banking,Branches fully staffed,2026-03,met",
    ];
    await importMeasures({ content: ["service,measure,period,value", ...rows].join("\n"), actor });
    await recordReview({
      serviceId: s.id,
      input: reviewFormSchema.parse({
        reviewedOn: "2025-03-31",
        effectiveness: "effective",
        actions: [
          { text: "One", owner: "A", dueOn: "2026-06-30" },
          { text: "Two", owner: "B", dueOn: "2026-06-30" },
          { text: "Three", owner: "C", dueOn: "2026-06-30" },
        ],
      }),
      actor,
      today: "2026-04-01",
    });
    const [, second] = await db().select().from(reviewActions).orderBy(reviewActions.position);
    await setActionStatus({ serviceId: s.id, actionId: second!.id, status: "done", actor });
    await agree(s.id, actor);

    const health = await portfolioHealth({ on: "2026-04-01" });
    const branch = health.find((h) => h.id === s.id)!;
    expect(branch).toMatchObject({
      name: "Branch Banking",
      agreed: 1,
      lastReview: { on: "2025-03-31", effectiveness: "effective" },
      reviewEveryMonths: 12,
      nextReview: "2026-03-31",
      overdue: true,
      latestMonth: "2026-03-01",
      normal: { met: 3, measured: 5 },
      critical: { met: 2, measured: 3 },
      openActions: 2,
    });
    // Due on the day itself is not yet overdue; nothing measured counts nothing.
    expect(health.find((h) => h.id === quiet.id)).toMatchObject({
      agreed: null,
      lastReview: null,
      nextReview: "2026-04-01",
      overdue: false,
      latestMonth: null,
      normal: { met: 0, measured: 0 },
      critical: { met: 0, measured: 0 },
      openActions: 0,
    });
  });

  it("a retired service is not overdue for review, as the list of reviews due leaves it out", async () => {
    const { actor } = await people();
    await serviceWith(actor, { name: "Fax gateway", nextReview: "2026-01-01", lifecycle: "retired" });
    const live = await serviceWith(actor, { name: "Payroll", nextReview: "2026-01-01", lifecycle: "operation" });
    const health = await portfolioHealth({ on: "2026-04-01" });
    expect(health.map((h) => [h.name, h.nextReview, h.overdue])).toEqual([
      ["Fax gateway", "2026-01-01", false],
      ["Payroll", "2026-01-01", true],
    ]);
    expect((await reviewsDue({ on: "2026-04-01" })).map((r) => r.id)).toEqual([live.id]);
  });

  it("lists reviews overdue first, then those due within 30 days, leaving out retired services", async () => {
    const { actor } = await people();
    const due = async (name: string, nextReview: string | null, lifecycle = "operation") => serviceWith(actor, { name, nextReview, lifecycle });
    await due("Later", "2026-07-02");
    await due("Thirty days", "2026-07-01");
    await due("Soon", "2026-06-10");
    await due("Overdue", "2026-05-01");
    await due("Long overdue", "2025-12-31");
    await due("Today", "2026-06-01");
    await due("Retired", "2026-01-01", "retired");
    await due("Never", null);
    const list = await reviewsDue({ on: "2026-06-01" });
    expect(list.map((r) => [r.name, r.nextReview, r.overdue])).toEqual([
      ["Long overdue", "2025-12-31", true],
      ["Overdue", "2026-05-01", true],
      ["Today", "2026-06-01", false],
      ["Soon", "2026-06-10", false],
      ["Thirty days", "2026-07-01", false],
    ]);
    expect((await reviewsDue({ on: "2026-06-01", withinDays: 0 })).map((r) => r.name)).toEqual(["Long overdue", "Overdue", "Today"]);
  });
});

describe("the first review date", () => {
  it("falls a cadence after the version is agreed when none was set, and is left alone when one was", async () => {
    const { actor } = await people();
    const unset = await serviceWith(actor, { reviewEveryMonths: 6 });
    const set = await serviceWith(actor, { reviewEveryMonths: 6, nextReview: "2027-03-01" });
    await agree(unset.id, actor);
    await agree(set.id, actor);
    const next = async (id: string) => (await db().select({ next: services.nextReview }).from(services).where(eq(services.id, id)))[0]!.next;
    expect(await next(unset.id)).toBe(addMonths(new Date().toISOString().slice(0, 10), 6));
    expect(await next(set.id)).toBe("2027-03-01");
  });
});
