import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { providers } from "../../db/schema";
import { db, recordQueries } from "../../app/db.server";
import { definitionSchema, type Change } from "../../app/domain/definition";
import { serviceFactsSchema } from "../../app/domain/service";
import type { Actor } from "../../app/models/audit.server";
import { createNeed } from "../../app/models/need.server";
import { listProvidersWithCounts } from "../../app/models/provider.server";
import { servicesAnswering } from "../../app/models/service-links.server";
import { createVersion } from "../../app/models/service-version.server";
import { createProvider, createService, saveDraft } from "../../app/models/service.server";
import * as needPage from "../../app/routes/needs.$needId._index";
import * as providersPage from "../../app/routes/providers._index";
import * as comparePage from "../../app/routes/services.$serviceId.compare";
import * as versionPage from "../../app/routes/services.$serviceId.versions.$number";
import { cookieFor, makeUnit, makeUser } from "../support/factories";
import { call, jsonOf } from "../support/routes";

/** Branch Banking with one outcome and one critical-period service level answering a need, frozen as version 1. */
async function world() {
  const rm = await makeUser("relationship_manager");
  const lead = await makeUser("business_lead");
  const actor: Actor = { id: rm.id, name: rm.name, ip: "", userAgent: "" };
  const unit = await makeUnit({ name: "Retail Banking" });
  const need = await createNeed({
    input: { statement: "Branches can open accounts on Saturdays", outcome: "", process: "", criticalPeriod: "", pain: "", category: "availability", unitIds: [lead.businessUnitId!], evidenceIds: [] },
    viewer: rm,
    actor,
  });
  const provider = await createProvider({ input: { name: "IT", kind: "internal", businessUnitId: unit.id, description: "" }, actor });
  const definition = definitionSchema.parse({
    purpose: "Lets branches serve customers at the counter.",
    outcomes: [{ id: "o1", text: "Accounts opened on Saturdays", needIds: [need.id] }],
    consumers: [{ unitId: unit.id, spokesperson: "Maria Lopez" }],
    criticalPeriods: [{ id: "sat", name: "Saturday opening", when: "Saturdays 09:00–13:00" }],
    serviceLevels: [{ id: "l1", period: "sat", measure: "Accounts opened within 20 minutes", kind: "percent", target: "95", howMeasured: "Branch system timestamps", needIds: [need.id] }],
  });
  const service = await createService({
    input: serviceFactsSchema.parse({ name: "Branch Banking", kind: "business", providerId: provider.id, ownerName: "Sam Patel" }),
    definition,
    actor,
  });
  await createVersion({ id: service.id, actor });
  return { rm, lead, actor, unit, need, provider, service, definition, cookie: await cookieFor(lead.id), rmCookie: await cookieFor(rm.id) };
}

type VersionPage = {
  title: string;
  version: { number: number; hash: string; verified: boolean; draftDiffers: boolean; sections: { section: string; lines: { key: string; text: string }[] }[]; needs: { id: string; label: string }[] };
  previous: number | null;
};
type ComparePage = { from: number | null; to: number | "draft"; problems: { status: number; message: string }[]; changes: Change[] | null };

describe("a version's page", () => {
  it("reads the frozen version section by section, with its hash verified; an unknown number, a word or an unknown service is a 404", async () => {
    const w = await world();
    const open = (number: string, serviceId = w.service.id) =>
      call(versionPage, "loader", { path: `/services/${serviceId}/versions/${number}`, params: { serviceId, number }, cookie: w.cookie });
    const response = await open("1");
    expect(response.status).toBe(200);
    const page = await jsonOf<VersionPage>(response);
    expect(page.title).toBe("Branch Banking, version 1");
    expect(page.version.verified).toBe(true);
    expect(page.version.draftDiffers).toBe(false);
    expect(page.version.hash).toMatch(/^[0-9a-f]{64}$/);
    const section = (name: string) => page.version.sections.find((s) => s.section === name)?.lines.map((l) => l.text);
    expect(section("Purpose")).toEqual(["Lets branches serve customers at the counter."]);
    expect(section("Outcomes")).toEqual([`Accounts opened on Saturdays (answers N-${w.need.number} Branches can open accounts on Saturdays)`]);
    expect(section("Service levels")).toEqual(["During Saturday opening: Accounts opened within 20 minutes, target 95%; measured by Branch system timestamps"]);
    expect(section("Consumers")).toEqual(["Retail Banking, spoken for by Maria Lopez"]);
    expect(page.version.needs).toEqual([{ id: w.need.id, label: `N-${w.need.number} Branches can open accounts on Saturdays` }]);
    expect(page.previous).toBeNull();

    await saveDraft({ id: w.service.id, revision: 1, definition: { ...w.definition, purpose: "Something else" }, actor: w.actor });
    expect((await jsonOf<VersionPage>(await open("1"))).version.draftDiffers).toBe(true);

    for (const [number, message] of [
      ["2", "Branch Banking has no version 2."],
      ["abc", "Versions are numbered 1, 2, 3 and so on: “abc” is not one."],
      ["0", "Versions are numbered 1, 2, 3 and so on: “0” is not one."],
      ["1.5", "Versions are numbered 1, 2, 3 and so on: “1.5” is not one."],
    ]) {
      const missing = await open(number!);
      expect(missing.status, number).toBe(404);
      expect(await missing.text()).toBe(message);
    }
    const unknown = await open("1", "00000000-0000-4000-8000-000000000000");
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe("That service does not exist.");
  });
});

describe("comparing versions", () => {
  it("shows the draft's changes against the latest version by default, clause by clause, and between two versions", async () => {
    const w = await world();
    const path = (q: string) => `/services/${w.service.id}/compare${q}`;
    const open = (q: string) => call(comparePage, "loader", { path: path(q), params: { serviceId: w.service.id }, cookie: w.cookie });

    let page = await jsonOf<ComparePage>(await open(""));
    expect(page).toMatchObject({ from: 1, to: "draft", problems: [], changes: [] });

    await saveDraft({
      id: w.service.id,
      revision: 1,
      definition: definitionSchema.parse({
        ...w.definition,
        purpose: "Lets branches serve customers at the counter and by video.",
        outcomes: [...w.definition.outcomes, { id: "o2", text: "Video appointments booked the same day" }],
        consumers: [],
      }),
      actor: w.actor,
    });
    const response = await open("?from=1&to=draft");
    expect(response.status).toBe(200);
    page = await jsonOf<ComparePage>(response);
    expect(page.changes).toEqual([
      { key: "purpose", section: "Purpose", change: "changed", before: "Lets branches serve customers at the counter.", after: "Lets branches serve customers at the counter and by video." },
      { key: "outcome:o2", section: "Outcomes", change: "added", before: null, after: "Video appointments booked the same day" },
      { key: `consumer:${w.unit.id}`, section: "Consumers", change: "removed", before: "Retail Banking, spoken for by Maria Lopez", after: null },
    ]);

    await createVersion({ id: w.service.id, actor: w.actor });
    page = await jsonOf<ComparePage>(await open("?to=2"));
    expect(page.from).toBe(1);
    expect(page.changes).toHaveLength(3);
    page = await jsonOf<ComparePage>(await open(""));
    expect(page).toMatchObject({ from: 2, to: "draft", changes: [] });
  });

  it("answers a choice that is not a version on the page, with 400 for a word and 404 for a number it does not have", async () => {
    const w = await world();
    const open = (q: string) => call(comparePage, "loader", { path: `/services/${w.service.id}/compare${q}`, params: { serviceId: w.service.id }, cookie: w.cookie });
    let response = await open("?from=abc&to=draft");
    expect(response.status).toBe(400);
    let page = await jsonOf<ComparePage>(response);
    expect(page.problems.map((p) => p.message)).toEqual(["“abc” is not a version to compare from: choose one from the list."]);
    expect(page).toMatchObject({ from: 1, to: "draft", changes: null });

    response = await open("?from=99");
    expect(response.status).toBe(404);
    expect((await jsonOf<ComparePage>(response)).problems.map((p) => p.message)).toEqual(["There is no version 99 of Branch Banking to compare from: it has version 1 only."]);

    response = await open("?from=1&to=nonsense");
    expect(response.status).toBe(400);
    page = await jsonOf<ComparePage>(response);
    expect(page.problems.map((p) => p.message)).toEqual(["“nonsense” is not a version to compare to: choose one from the list, or the current draft."]);

    const unknown = await call(comparePage, "loader", { path: "/services/00000000-0000-4000-8000-000000000000/compare", params: { serviceId: "00000000-0000-4000-8000-000000000000" }, cookie: w.cookie });
    expect(unknown.status).toBe(404);
  });

  it("says so when the service has no version yet", async () => {
    const rm = await makeUser("relationship_manager");
    const service = await createService({ input: serviceFactsSchema.parse({ name: "Desktop", kind: "supporting" }), actor: { id: rm.id, name: rm.name, ip: "", userAgent: "" } });
    const response = await call(comparePage, "loader", { path: `/services/${service.id}/compare?from=1`, params: { serviceId: service.id }, cookie: await cookieFor(rm.id) });
    expect(response.status).toBe(200);
    expect(await jsonOf<ComparePage>(response)).toMatchObject({ from: null, changes: null });
  });
});

describe("the providers page", () => {
  it("lists each provider with its unit and the services it provides, in a fixed number of queries", async () => {
    const w = await world();
    await createProvider({ input: { name: "Contact Centre Ltd", kind: "external", businessUnitId: null, description: "The outsourced contact centre" }, actor: w.actor });
    const response = await call(providersPage, "loader", { path: "/providers", cookie: w.cookie });
    expect(response.status).toBe(200);
    const page = await jsonOf<{ providers: Awaited<ReturnType<typeof listProvidersWithCounts>>; canEdit: boolean; units: unknown[] }>(response);
    expect(page.canEdit).toBe(false);
    expect(page.units).toEqual([]);
    expect(page.providers.map((p) => [p.name, p.kind, p.unitName, p.services.map((s) => s.name)])).toEqual([
      ["Contact Centre Ltd", "external", null, []],
      ["IT", "internal", "Retail Banking", ["Branch Banking"]],
    ]);

    const count = async () => {
      const { result, queries } = await recordQueries(() => call(providersPage, "loader", { path: "/providers", cookie: w.rmCookie }));
      expect(result.status).toBe(200);
      return queries.length;
    };
    const before = await count();
    for (let i = 0; i < 6; i++) {
      const p = await createProvider({ input: { name: `Supplier ${i}`, kind: "external", businessUnitId: null, description: "" }, actor: w.actor });
      await createService({ input: serviceFactsSchema.parse({ name: `Supporting ${i}`, kind: "supporting", providerId: p.id }), actor: w.actor });
    }
    expect(await count()).toBe(before);
  });

  it("lets a relationship manager add one (not a lead); a name taken in any case and an internal provider without its unit are refused on their fields", async () => {
    const w = await world();
    const post = (form: Record<string, string>, cookie = w.rmCookie) => call(providersPage, "action", { path: "/providers", cookie, form });
    let response = await post({ name: "Branch Facilities", kind: "internal", businessUnitId: w.unit.id, description: "Buildings and security" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/providers");
    const [added] = await db().select().from(providers).where(eq(providers.name, "Branch Facilities"));
    expect(added).toMatchObject({ kind: "internal", businessUnitId: w.unit.id, description: "Buildings and security" });

    response = await post({ name: "Someone", kind: "external" }, w.cookie);
    expect(response.status).toBe(403);

    response = await post({ name: "branch facilities", kind: "external" });
    expect(response.status).toBe(409);
    expect(await jsonOf(response)).toMatchObject({ errors: { name: "A provider of that name exists already" }, values: { name: "branch facilities" } });

    response = await post({ name: "HR", kind: "internal", businessUnitId: "" });
    expect(response.status).toBe(400);
    expect(await jsonOf(response)).toMatchObject({ errors: { businessUnitId: "An internal provider is one of the bank's units: choose it" } });

    // What a browser sends when nothing was filled in (no radio chosen).
    response = await post({ name: " ", businessUnitId: "", description: "" });
    expect(response.status).toBe(400);
    expect(await jsonOf(response)).toMatchObject({ errors: { name: "Name the provider", kind: "Say whether the provider is internal or external" } });
    expect(await db().select({ name: providers.name }).from(providers).orderBy(providers.name)).toEqual([{ name: "Branch Facilities" }, { name: "IT" }]);
  });
});

describe("from a need to the services answering it", () => {
  it("names each service and the clause's words, and the need's page shows them", async () => {
    const w = await world();
    // Named for the whole service too: that link comes first.
    await saveDraft({ id: w.service.id, revision: 1, definition: { ...w.definition, needIds: [w.need.id] }, actor: w.actor });
    expect(await servicesAnswering(w.need.id)).toEqual([
      {
        id: w.service.id,
        name: "Branch Banking",
        kind: "business",
        clauses: [
          { clauseId: "service", kind: "service", text: null },
          { clauseId: "o1", kind: "outcome", text: "Accounts opened on Saturdays" },
          { clauseId: "l1", kind: "level", text: "During Saturday opening: Accounts opened within 20 minutes, target 95%; measured by Branch system timestamps" },
        ],
      },
    ]);
    const other = await createNeed({
      input: { statement: "Nobody answers this", outcome: "", process: "", criticalPeriod: "", pain: "", category: "support", unitIds: [w.unit.id], evidenceIds: [] },
      viewer: w.rm,
      actor: w.actor,
    });
    expect(await servicesAnswering(other.id)).toEqual([]);

    const response = await call(needPage, "loader", { path: `/needs/${w.need.id}`, params: { needId: w.need.id }, cookie: w.cookie });
    expect(response.status).toBe(200);
    expect((await jsonOf<{ answeredBy: unknown[] }>(response)).answeredBy).toHaveLength(1);
  });
});
