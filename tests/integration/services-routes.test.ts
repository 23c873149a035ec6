import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { services, serviceVersions } from "../../db/schema";
import { db } from "../../app/db.server";
import { serviceFactsSchema } from "../../app/domain/service";
import { SYSTEM_ACTOR } from "../../app/models/audit.server";
import { createNeed } from "../../app/models/need.server";
import { addDependency, createService } from "../../app/models/service.server";
import * as definitionPage from "../../app/routes/services.$serviceId.definition";
import * as servicePage from "../../app/routes/services.$serviceId._index";
import * as newServicePage from "../../app/routes/services.new";
import * as portfolioPage from "../../app/routes/services._index";
import { cookieFor, makeUnit, makeUser } from "../support/factories";
import { call, jsonOf } from "../support/routes";

const facts = (name: string, kind = "supporting") => serviceFactsSchema.parse({ name, kind });

describe("the service pages", () => {
  it("add a service (refusing an agreement that ends before it starts), and draft one from needs", async () => {
    const rm = await makeUser("relationship_manager");
    const cookie = await cookieFor(rm.id);
    const unit = await makeUnit();
    const need = await createNeed({
      input: { statement: "Branch phones are answered on Saturdays", outcome: "A person answers within a minute", process: "", criticalPeriod: "Saturday opening", pain: "", category: "availability", unitIds: [unit.id], evidenceIds: [] },
      viewer: rm,
      actor: SYSTEM_ACTOR,
    });
    const base = { name: "Branch telephony", kind: "supporting", lifecycle: "operation", criticality: "tier2" };
    const bad = await call(newServicePage, "action", { path: "/services/new", cookie, form: { ...base, agreementKind: "contract", agreementStart: "2027-01-01", agreementEnd: "2026-01-01" } });
    expect(bad.status).toBe(400);
    expect((await jsonOf<{ errors: Record<string, string> }>(bad)).errors).toEqual({ agreementEnd: "The agreement cannot end before it starts" });
    const made = await call(newServicePage, "action", { path: "/services/new", cookie, form: { ...base, name: "Branch Banking", kind: "business", needIds: [need.id] } });
    expect(made.status).toBe(302);
    const id = made.headers.get("location")!.split("/").pop()!;
    const [row] = await db().select().from(services).where(eq(services.id, id));
    expect(row!.draft.outcomes).toEqual([{ id: `outcome-${need.number}`, text: "A person answers within a minute", needIds: [need.id] }]);
    expect(row!.draft.criticalPeriods.map((p) => p.name)).toEqual(["Saturday opening"]);
    const page = await jsonOf<{ rows: { name: string }[] }>(await call(portfolioPage, "loader", { path: "/services?kind=business", cookie: await cookieFor((await makeUser("executive")).id) }));
    expect(page.rows.map((r) => r.name)).toContain("Branch Banking");
    expect(page.rows.every((r) => r.name !== "Branch telephony")).toBe(true);
  });

  it("the definition editor puts each problem on its field and writes nothing, then saves; versions and loops answer with messages", async () => {
    const rm = await makeUser("relationship_manager");
    const cookie = await cookieFor(rm.id);
    const s = await createService({ input: facts("Month-end Close", "business"), actor: SYSTEM_ACTOR });
    const path = `/services/${s.id}/definition`;
    const params = { serviceId: s.id };
    const bad = await call(definitionPage, "action", {
      path,
      params,
      cookie,
      form: { revision: "1", purpose: "Finance closes the books on time.", l_0_period: "month-end", l_0_measure: "Extracts loaded by", l_0_kind: "hours", l_0_target: "seven", l_0_how: "Batch log", o_0_text: "Books closed", o_0_needs: "N-999999" },
    });
    expect(bad.status).toBe(400);
    expect((await jsonOf<{ errors: Record<string, string> }>(bad)).errors).toEqual({
      o_0_needs: "There is no need “N-999999”: name needs by number, like N-12",
      l_0_period: "That critical period is not named in this definition: add it first",
      l_0_target: "Give the target as a number",
    });
    expect((await db().select().from(services).where(eq(services.id, s.id)))[0]!.draft.purpose).toBe("");
    const ok = await call(definitionPage, "action", {
      path,
      params,
      cookie,
      form: { revision: "1", purpose: "Finance closes the books on time.", p_0_name: "Month-end close", p_0_when: "Last two working days", o_0_text: "Books closed by day 3" },
    });
    expect(ok.status).toBe(302);
    const stale = await call(definitionPage, "action", { path, params, cookie, form: { revision: "1", purpose: "Again" } });
    expect(stale.status).toBe(409);
    // Versions and dependencies from the service page.
    const pagePath = `/services/${s.id}`;
    expect((await call(servicePage, "action", { path: pagePath, params, cookie, form: { intent: "version" } })).status).toBe(302);
    const again = await call(servicePage, "action", { path: pagePath, params, cookie, form: { intent: "version" } });
    expect((await jsonOf<{ formError: string }>(again)).formError).toBe("Nothing has changed since version 1");
    expect(await db().select().from(serviceVersions).where(eq(serviceVersions.serviceId, s.id))).toHaveLength(1);
    const core = await createService({ input: facts("Core banking"), actor: SYSTEM_ACTOR });
    await addDependency({ serviceId: core.id, dependsOnId: s.id, actor: SYSTEM_ACTOR });
    const loop = await call(servicePage, "action", { path: pagePath, params, cookie, form: { intent: "add-dependency", dependsOnId: core.id } });
    expect(loop.status).toBe(400);
    expect((await jsonOf<{ dependencyError: string }>(loop)).dependencyError).toBe("That would make a loop: Month-end Close → Core banking → Month-end Close");
    // A value that only looks like an id is refused with a message, not an error page.
    const dashes = await call(servicePage, "action", { path: pagePath, params, cookie, form: { intent: "add-dependency", dependsOnId: "-".repeat(36) } });
    expect(dashes.status).toBe(400);
    expect((await jsonOf<{ dependencyError: string }>(dashes)).dependencyError).toBe("Choose a service from the list");
    const lead = await cookieFor((await makeUser("business_lead")).id);
    expect((await call(servicePage, "action", { path: pagePath, params, cookie: lead, form: { intent: "version" } })).status).toBe(403);
    expect((await call(servicePage, "loader", { path: pagePath, params, cookie: lead })).status).toBe(200);
  });
});
