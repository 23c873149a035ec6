import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { serviceMeasurements, serviceReviews } from "../../db/schema";
import { db } from "../../app/db.server";
import { definitionSchema } from "../../app/domain/definition";
import { serviceFactsSchema } from "../../app/domain/service";
import { createService } from "../../app/models/service.server";
import * as measuresPage from "../../app/routes/services.$serviceId.measures";
import * as reviewPage from "../../app/routes/services.$serviceId.reviews.new";
import { cookieFor, makeUser } from "../support/factories";
import { call, jsonOf } from "../support/routes";

async function world() {
  const rm = await makeUser("relationship_manager");
  const service = await createService({
    input: serviceFactsSchema.parse({ name: `Branch Banking ${Math.random().toString(36).slice(2, 7)}`, kind: "business", reviewEveryMonths: 6 }),
    definition: definitionSchema.parse({ serviceLevels: [{ id: "avail", period: null, measure: "Availability", kind: "percent", target: "99.5", howMeasured: "Monitoring" }] }),
    actor: { id: rm.id, name: rm.name, ip: "", userAgent: "" },
  });
  return { cookie: await cookieFor(rm.id), id: service.id };
}

describe("the measures page", () => {
  it("answers bad months and bad values with messages in the page and saves nothing", async () => {
    const w = await world();
    const at = { path: `/services/${w.id}/measures`, params: { serviceId: w.id }, cookie: w.cookie };
    const shown = await jsonOf<{ monthProblem: string | null }>(await call(measuresPage, "loader", { ...at, path: `${at.path}?month=someday` }));
    expect(shown.monthProblem).toBe('"someday" is not a month like 2026-03: showing last month instead.');

    const future = await call(measuresPage, "action", { ...at, form: { period: "2062-01", "values.avail": "99.9" } });
    expect(future.status).toBe(400);
    expect((await jsonOf<{ errors: Record<string, string> }>(future)).errors.period).toBe("January 2062 has not begun yet");
    const over = await call(measuresPage, "action", { ...at, form: { period: "2026-01", "values.avail": "101" } });
    expect(over.status).toBe(400);
    expect((await jsonOf<{ errors: Record<string, string> }>(over)).errors["values.avail"]).toBe("A percentage is at most 100");
    const garbage = await call(measuresPage, "action", { ...at, form: { period: ["2026-01", "2026-02"], "values.avail": ["1", "2"] } });
    expect(garbage.status).toBe(400);
    expect(await db().select().from(serviceMeasurements).where(eq(serviceMeasurements.serviceId, w.id))).toEqual([]);

    const saved = await call(measuresPage, "action", { ...at, form: { period: "2026-01", "values.avail": "99.7%" } });
    expect(saved.status).toBe(302);
    expect((await db().select().from(serviceMeasurements).where(eq(serviceMeasurements.serviceId, w.id))).map((m) => [m.period, m.value, m.met])).toEqual([["2026-01-01", 99.7, true]]);
  });
});

describe("the review form", () => {
  it("names what a half-filled row lacks, keeps what was typed, gives more rows without JavaScript, and records a whole review", async () => {
    const w = await world();
    const at = { path: `/services/${w.id}/reviews/new`, params: { serviceId: w.id }, cookie: w.cookie };
    const half = await call(reviewPage, "action", { ...at, form: { reviewedOn: "2026-10-01", effectiveness: "effective", "events.0.kind": "regulation", "events.0.description": "New rules on branch opening hours" } });
    expect(half.status).toBe(400);
    const body = await jsonOf<{ errors: Record<string, string>; values: Record<string, string> }>(half);
    expect(body.errors["events.0.occurredOn"]).toBe("When did it happen? A date like 2026-03-31");
    expect(body.values["events.0.description"]).toBe("New rules on branch opening hours");

    const more = await jsonOf<{ rows: { events: number; actions: number } }>(await call(reviewPage, "action", { ...at, form: { intent: "more-events", eventRows: "3", notes: "kept" } }));
    expect(more.rows).toEqual({ events: 6, actions: 3 });

    const done = await call(reviewPage, "action", {
      ...at,
      form: { reviewedOn: "2026-10-01", effectiveness: "partially_effective", "events.0.kind": "regulation", "events.0.occurredOn": "2026-09-01", "events.0.description": "New rules", "actions.2.text": "Check the rules", "actions.2.owner": "Tom", "actions.2.dueOn": "2026-12-01" },
    });
    expect(done.status).toBe(302);
    const [review] = await db().select().from(serviceReviews).where(eq(serviceReviews.serviceId, w.id));
    expect(review!.effectiveness).toBe("partially_effective");
  });
});
