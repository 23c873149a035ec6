import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SECRET_FIELD } from "../../app/utils/form-values";
import { loadBuiltApp, pageFields, shownValues, type PageField } from "../support/page-fields";
import { markerOf } from "../support/xss-html";
import { buildHostileWorkspace, type HostileWorkspace, type Role } from "../support/xss-workspace";

/**
 * Every form works as a plain post without JavaScript: the page the server draws shows the
 * record being edited (or the form's defaults) in its fields, and a refused post comes back with
 * what was typed and the field's message, never a password.
 *
 * Pages are rendered by the production server build (build/index.js) in this process, against
 * the test's database, from the hostile workspace (whose texts name their field, so a value
 * shown is known to be the right one).
 */

let handler: (request: Request) => Promise<Response>;
/** React's warnings while drawing pages (the test runs React's development build): a field both controlled and not, for one. */
const warnings: string[] = [];
beforeAll(async () => {
  handler = await loadBuiltApp();
  const error = console.error.bind(console);
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].startsWith("Warning:")) warnings.push(args.map(String).join(" ").slice(0, 300));
    error(...args);
  });
});
afterAll(() => {
  vi.restoreAllMocks();
});

/**
 * What a field must show: a marker (`[xss …]`) is looked for in its value; any other string is
 * the value itself; a pattern matches it; a list is the values ticked (checkboxes, radios) or shown (fields repeated
 * across the page's forms), in page order.
 */
type Shows = Record<string, string | string[] | RegExp>;
interface Visit {
  url: string;
  as: Role;
  shows: Shows;
}

const m = markerOf;
const TODAY = new Date().toISOString().slice(0, 10);
/** The measures page opens on the month just ended. */
const LAST_MONTH = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1)).toISOString().slice(0, 7);

/** Every page with a form built with useRemixForm, and the fields its server HTML must fill. */
const PAGES: Record<string, ((w: HostileWorkspace) => Visit[]) | { refusedOnly: string }> = {
  "admin.units.$unitId.tsx": (w) => [{ url: `/admin/units/${w.unit.id}`, as: "admin", shows: { name: m("unit.name"), code: w.unit.code, description: m("unit.description") } }],
  "admin.users.$userId.tsx": (w): Visit[] => [
    { url: `/admin/users/${w.users.relationship_manager.id}`, as: "admin", shows: { name: m("rm.name"), title: m("rm.title"), role: "relationship_manager", intent: ["update", "reset-password", "deactivate"] } },
    { url: `/admin/users/${w.users.business_lead.id}`, as: "admin", shows: { role: "business_lead", businessUnitId: w.unit.id } },
  ],
  "stakeholders.$stakeholderId.tsx": (w) => [
    { url: `/stakeholders/${w.stakeholder.id}`, as: "relationship_manager", shows: { name: m("stakeholder0.name"), title: m("stakeholder0.title"), level: "manager", businessUnitId: w.unit.id, email: /^s0\.\w+@example\.com$/ } },
  ],
  "guides.$guideId._index.tsx": (w) => [{ url: `/guides/${w.guideId}`, as: "relationship_manager", shows: { title: m("guide.title"), description: m("guide.description") } }],
  "guides.$guideId.edit.tsx": (w) => [
    {
      url: `/guides/${w.guideId}/edit`,
      as: "relationship_manager",
      shows: { title: m("section.title"), purpose: m("section.purpose"), prompt: m("question.prompt"), help: m("question.help"), minLabel: m("scale.minLabel"), pointLabels: m("scale.point1"), allowOther: ["on"], maxLength: "500" },
    },
  ],
  "needs.$needId.edit.tsx": (w) => [
    {
      url: `/needs/${w.needIds[0]}/edit`,
      as: "relationship_manager",
      shows: { statement: m("need.statement"), outcome: m("need.outcome"), process: m("need.process"), criticalPeriod: m("need.criticalPeriod"), pain: m("need.pain"), category: "availability", unitIds: [w.unit.id] },
    },
  ],
  "needs.new.tsx": () => [{ url: "/needs/new", as: "relationship_manager", shows: { statement: "", category: "" } }],
  "rounds.$roundId.edit.tsx": (w) => [
    { url: `/rounds/${w.draftRoundId}/edit`, as: "relationship_manager", shows: { revision: "1", title: m("round3.title"), c0_name: m("criterion.name"), c0_p1: m("criterion.point"), c0_weight: "1", c1_key: "time" } },
  ],
  "rounds.new.tsx": (w) => [{ url: "/rounds/new", as: "relationship_manager", shows: { method: ["weighted"], weight_value: "1", needIds: [w.needIds[0]!, w.needIds[1]!].sort(), scorerIds: [w.users.business_lead.id] } }],
  "services.$serviceId.definition.tsx": (w) => [
    {
      url: `/services/${w.serviceId}/definition`,
      as: "relationship_manager",
      shows: { revision: "3", purpose: m("def2.purpose"), o_0_id: "o-one", o_0_text: m("def2.outcome"), o_0_needs: "N-1", c_0_unit: w.unit.id, hoursSummary: m("def2.hoursSummary"), cov_mon_from: "09:00", l_0_kind: "percent", l_1_period: "p-one", support: m("def2.support") },
    },
  ],
  "services.$serviceId.edit.tsx": (w) => [
    { url: `/services/${w.serviceId}/edit`, as: "relationship_manager", shows: { revision: "3", name: m("service.name"), kind: "business", ownerName: m("service.ownerName"), agreementKind: "contract", agreementReference: m("service.agreementReference"), reviewEveryMonths: "12" } },
  ],
  "services.$serviceId.measures.tsx": (w) => [{ url: `/services/${w.serviceId}/measures`, as: "relationship_manager", shows: { period: LAST_MONTH } }],
  "services.$serviceId.review-interview.tsx": (w) => [
    { url: `/services/${w.serviceId}/review-interview`, as: "relationship_manager", shows: { businessUnitId: w.unit.id, interviewerId: w.users.relationship_manager.id, time: "10:00", durationMinutes: "60", purpose: m("service.name") } },
  ],
  "services.$serviceId.reviews.new.tsx": (w) => [{ url: `/services/${w.serviceId}/reviews/new`, as: "relationship_manager", shows: { reviewedOn: TODAY, eventRows: "3" } }],
  // Its request was withdrawn, so the latest version may be sent again.
  "services.$serviceId.versions.$number_.submit.tsx": (w) => [{ url: `/services/${w.supportingId}/versions/2/submit`, as: "relationship_manager", shows: { order: ["in_order"], message: "", dueOn: "" } }],
  "services.new.tsx": () => [{ url: "/services/new", as: "relationship_manager", shows: { kind: "business", lifecycle: "design", criticality: "tier3" } }],
  "signoff.$requestId.tsx": (w) => [{ url: `/signoff/${w.pendingRequestId}`, as: "business_lead", shows: { intent: ["decide", "comment"], decision: [] } }],
  "providers._index.tsx": () => [{ url: "/providers", as: "relationship_manager", shows: { kind: [] } }],
  "surveys.new.tsx": () => [{ url: "/surveys/new", as: "relationship_manager", shows: { audience: ["groups"], anonymous: [], opensOn: TODAY } }],
  "interviews.new.tsx": (w) => [{ url: "/interviews/new", as: "relationship_manager", shows: { interviewerId: w.users.relationship_manager.id, time: "10:00", durationMinutes: "60", stakeholderIds: [], private: [] } }],
  "login.tsx": { refusedOnly: "empty until something is typed" },
  "account.password.tsx": { refusedOnly: "passwords are never shown" },
  "admin.users.new.tsx": { refusedOnly: "empty until something is typed" },
  "admin.units.new.tsx": { refusedOnly: "empty until something is typed" },
  "stakeholders.new.tsx": { refusedOnly: "empty until something is typed" },
  "guides.new.tsx": { refusedOnly: "empty until something is typed" },
};

interface Refused {
  route: string;
  url: (w: HostileWorkspace) => string;
  as: Role | "anonymous";
  body: (w: HostileWorkspace) => Record<string, string | string[]>;
  /** The status of the refusal (400 unless told). */
  status?: number;
  /** Fields marked invalid, with their message on the page. */
  invalid: string[];
  /** A message for the whole form, instead of or besides field messages. */
  formError?: RegExp;
  shows: (w: HostileWorkspace) => Shows;
}

const SECRET = "typed-secret-Zq7";

/** A post each form refuses, sent without JavaScript (a document request, no `_data`). */
const REFUSED: Refused[] = [
  { route: "login.tsx", url: () => "/login", as: "anonymous", body: () => ({ email: "not an address", password: SECRET }), invalid: ["email"], shows: () => ({ email: "not an address", password: "" }) },
  {
    route: "login.tsx",
    url: () => "/login",
    as: "anonymous",
    body: () => ({ email: "nobody@example.com", password: SECRET, redirectTo: "/needs" }),
    invalid: [],
    formError: /do not match an account/,
    shows: () => ({ email: "nobody@example.com", password: "" }),
  },
  {
    route: "account.password.tsx",
    url: () => "/account/password",
    as: "relationship_manager",
    body: () => ({ current: `${SECRET}-current`, next: `${SECRET}-n`, confirm: `${SECRET}-other` }),
    invalid: ["confirm"],
    shows: () => ({ current: "", next: "", confirm: "" }),
  },
  {
    route: "interviews.new.tsx",
    url: () => "/interviews/new",
    as: "relationship_manager",
    body: (w) => ({ guideVersionId: "", businessUnitId: w.unit.id, stakeholderIds: [w.stakeholder.id], interviewerId: w.users.relationship_manager.id, date: "2031-02-03", time: "14:30", durationMinutes: "90", location: "Room 4, typed", purpose: "Typed purpose", private: "on" }),
    invalid: ["guideVersionId"],
    shows: (w) => ({ businessUnitId: w.unit.id, stakeholderIds: [w.stakeholder.id], date: "2031-02-03", time: "14:30", durationMinutes: "90", location: "Room 4, typed", purpose: "Typed purpose", private: ["on"] }),
  },
  { route: "guides.new.tsx", url: () => "/guides/new", as: "relationship_manager", body: () => ({ title: "", description: "A typed description" }), invalid: ["title"], shows: () => ({ title: "", description: "A typed description" }) },
  {
    route: "admin.users.new.tsx",
    url: () => "/admin/users/new",
    as: "admin",
    body: () => ({ name: "Typed Person", email: "no-at-sign", title: "Typed title", role: "executive", businessUnitId: "" }),
    invalid: ["email"],
    shows: () => ({ name: "Typed Person", email: "no-at-sign", title: "Typed title", role: "executive" }),
  },
  {
    route: "stakeholders.new.tsx",
    url: () => "/stakeholders/new",
    as: "relationship_manager",
    body: (w) => ({ name: "Typed Stakeholder", title: "Typed title", level: "", businessUnitId: w.unit.id, email: "typed@example.com" }),
    invalid: ["level"],
    shows: (w) => ({ name: "Typed Stakeholder", title: "Typed title", businessUnitId: w.unit.id, email: "typed@example.com" }),
  },
  { route: "admin.units.new.tsx", url: () => "/admin/units/new", as: "admin", body: () => ({ name: "Typed unit", code: "", description: "Typed description" }), invalid: ["code"], shows: () => ({ name: "Typed unit", code: "", description: "Typed description" }) },
  // A code already taken: refused by the model, not the schema.
  {
    route: "admin.units.new.tsx",
    url: () => "/admin/units/new",
    as: "admin",
    body: (w) => ({ name: "Typed unit", code: w.unit.code, description: "Typed description" }),
    invalid: ["code"],
    shows: (w) => ({ name: "Typed unit", code: w.unit.code, description: "Typed description" }),
  },
  // Edit forms: the typed change is kept, not the stored value.
  {
    route: "admin.units.$unitId.tsx",
    url: (w) => `/admin/units/${w.unit.id}`,
    as: "admin",
    body: (w) => ({ intent: "update", name: "", code: w.unit.code, description: "A new description, typed" }),
    invalid: ["name"],
    shows: (w) => ({ name: "", code: w.unit.code, description: "A new description, typed" }),
  },
  {
    route: "stakeholders.$stakeholderId.tsx",
    url: (w) => `/stakeholders/${w.stakeholder.id}`,
    as: "relationship_manager",
    body: (w) => ({ intent: "update", name: "Renamed, typed", title: "", level: "", businessUnitId: w.unit.id, email: "" }),
    invalid: ["level"],
    shows: () => ({ name: "Renamed, typed", title: "" }),
  },
  {
    route: "providers._index.tsx",
    url: () => "/providers",
    as: "relationship_manager",
    body: () => ({ name: "", kind: "external", businessUnitId: "", description: "Typed description" }),
    invalid: ["name"],
    shows: () => ({ kind: ["external"], description: "Typed description" }),
  },
  {
    route: "services.$serviceId.versions.$number_.submit.tsx",
    url: (w) => `/services/${w.supportingId}/versions/2/submit`,
    as: "relationship_manager",
    body: () => ({ order: "parallel", signer_0: "", message: "A typed message", dueOn: "2031-05-06" }),
    invalid: ["signer_0"],
    shows: () => ({ order: ["parallel"], message: "A typed message", dueOn: "2031-05-06" }),
  },
  {
    route: "services.$serviceId.reviews.new.tsx",
    url: (w) => `/services/${w.serviceId}/reviews/new`,
    as: "relationship_manager",
    body: () => ({ eventRows: "3", actionRows: "3", reviewedOn: "", effectiveness: "partially_effective", measuresSummary: "A typed summary", notes: "Typed notes", "actions.0.text": "A typed action", "actions.0.owner": "A typed owner" }),
    invalid: ["reviewedOn"],
    shows: () => ({ reviewedOn: "", effectiveness: ["partially_effective"], measuresSummary: "A typed summary", notes: "Typed notes", "actions.0.text": "A typed action", "actions.0.owner": "A typed owner", "actions.1.text": "" }),
  },
  {
    route: "services.$serviceId.review-interview.tsx",
    url: (w) => `/services/${w.serviceId}/review-interview`,
    as: "relationship_manager",
    body: (w) => ({ guideVersionId: "", businessUnitId: w.unit.id, stakeholderIds: [w.stakeholder.id], interviewerId: w.users.relationship_manager.id, date: "2031-03-04", time: "09:15", durationMinutes: "45", location: "Typed room", purpose: "A typed purpose" }),
    invalid: ["guideVersionId"],
    shows: (w) => ({ stakeholderIds: [w.stakeholder.id], date: "2031-03-04", time: "09:15", durationMinutes: "45", location: "Typed room", purpose: "A typed purpose" }),
  },
  // Ticks come back as posted: a box ticked, a choice made, a list picked (and the default list emptied).
  {
    route: "surveys.new.tsx",
    url: () => "/surveys/new",
    as: "relationship_manager",
    body: (w) => ({ guideVersionId: "", title: "A typed survey", intro: "A typed intro", opensOn: "2031-01-05", closesOn: "2031-01-20", anonymous: "on", audience: "people", stakeholderIds: [w.stakeholder.id] }),
    invalid: ["guideVersionId"],
    shows: (w) => ({ title: "A typed survey", intro: "A typed intro", opensOn: "2031-01-05", anonymous: ["on"], audience: ["people"], stakeholderIds: [w.stakeholder.id], levels: [] }),
  },
  // The guide editor: one page of small forms, each refused on its own.
  {
    route: "guides.$guideId.edit.tsx",
    url: (w) => `/guides/${w.guideId}/edit`,
    as: "relationship_manager",
    body: () => ({ intent: "update-section", target: "s-one", title: "", purpose: "A typed purpose" }),
    invalid: ["title"],
    shows: () => ({ purpose: ["A typed purpose", ""] }),
  },
  {
    route: "guides.$guideId.edit.tsx",
    url: (w) => `/guides/${w.guideId}/edit`,
    as: "relationship_manager",
    body: () => ({ intent: "update-question", target: "q-short", prompt: "", help: "Typed help", type: "short_text", maxLength: "120", conditionQuestionId: "", conditionOperator: "", conditionValue: "" }),
    invalid: ["prompt"],
    shows: () => ({ help: "Typed help", maxLength: "120" }),
  },
  {
    route: "signoff.$requestId.tsx",
    url: (w) => `/signoff/${w.pendingRequestId}`,
    as: "business_lead",
    body: () => ({ intent: "decide", decision: "reject", comment: "" }),
    invalid: ["comment"],
    shows: () => ({ decision: ["reject"], comment: "" }),
  },
];

function request(w: HostileWorkspace, as: Role | "anonymous", url: string, body?: Record<string, string | string[]>) {
  const headers: Record<string, string> = {};
  if (as !== "anonymous") headers.cookie = w.users[as].cookie;
  if (!body) return new Request(`http://localhost${url}`, { headers });
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(body)) for (const one of [v].flat()) form.append(k, one);
  return new Request(`http://localhost${url}`, { method: "POST", body: form, headers });
}

/** Where the page's fields differ from what they must show. */
function mismatches(fields: PageField[], shows: Shows): string[] {
  const shown = shownValues(fields);
  const out: string[] = [];
  for (const [name, want] of Object.entries(shows)) {
    const present = fields.some((f) => f.name === name);
    if (!present) {
      out.push(`${name}: no such field`);
      continue;
    }
    const got = shown.get(name) ?? [];
    if (Array.isArray(want)) {
      if (JSON.stringify([...got].sort()) !== JSON.stringify([...want].sort())) out.push(`${name}: shows ${JSON.stringify(got)}, not ${JSON.stringify(want)}`);
    } else if (want instanceof RegExp) {
      if (!got.some((v) => want.test(v))) out.push(`${name}: shows ${JSON.stringify(got)}, not ${want}`);
    } else if (want.startsWith("[xss ")) {
      if (!got.some((v) => v.includes(want))) out.push(`${name}: shows ${JSON.stringify(got.map((v) => v.slice(0, 40)))}, not ${want}`);
    } else if (!got.includes(want)) out.push(`${name}: shows ${JSON.stringify(got)}, not ${JSON.stringify(want)}`);
  }
  return out;
}

/** Route modules whose page has a form made with useRemixForm, directly or through a component. */
function routesWithRemixForms(): string[] {
  const uses = (file: string) => /\buseRemixForm\(/.test(fs.readFileSync(file, "utf8"));
  const components: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx$/.test(entry.name) && !full.endsWith(path.join("components", "forms.tsx")) && uses(full)) components.push(path.relative("app", full).replace(/\.tsx$/, ""));
    }
  };
  walk(path.resolve("app/components"));
  const dir = path.resolve("app/routes");
  return fs.readdirSync(dir).filter((f) => {
    if (!/\.tsx$/.test(f)) return false;
    const source = fs.readFileSync(path.join(dir, f), "utf8");
    return /\buseRemixForm\(/.test(source) || components.some((c) => source.includes(`"../${c}"`));
  });
}

describe("forms without JavaScript", () => {
  it("lists every page with a form built with useRemixForm: each needs an entry here", () => {
    const routes = routesWithRemixForms();
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((f) => !PAGES[f])).toEqual([]);
    expect(Object.keys(PAGES).filter((f) => !routes.includes(f))).toEqual([]);
    // Every route answering only a refused post here has one below.
    for (const [file, entry] of Object.entries(PAGES)) if (typeof entry !== "function") expect(REFUSED.some((r) => r.route === file), file).toBe(true);
  });

  it("reads a page's fields as a browser does: the checker itself", () => {
    const fields = pageFields(
      `<form method="post"><input name="a" value="x &amp; y"><input name="b"><textarea name="c">\nline</textarea><select name="d"><option value="">-</option><option value="2" selected="">Two</option></select><select name="e"><option value="1">One</option></select><input type="checkbox" name="f" value="1" checked=""><input type="checkbox" name="f" value="2"><input type="radio" name="g" value="r"></form>`,
    );
    expect(Object.fromEntries(shownValues(fields))).toEqual({ a: ["x & y"], b: [""], c: ["line"], d: ["2"], e: ["1"], f: ["1"] });
    expect(mismatches(fields, { a: "x & y", f: ["1"], g: [] })).toEqual([]);
    expect(mismatches(fields, { b: "typed", f: ["2"], g: ["r"], h: "" })).toHaveLength(4);
  });

  it("draws each form with the record's values and the page's defaults in the server's HTML", async () => {
    const w = await buildHostileWorkspace();
    const problems: string[] = [];
    let checked = 0;
    for (const [file, entry] of Object.entries(PAGES)) {
      if (typeof entry !== "function") continue;
      for (const visit of entry(w)) {
        const response = await handler(request(w, visit.as, visit.url));
        const where = `${file} ${visit.url}`;
        if (response.status !== 200) {
          problems.push(`${where}: answered ${response.status}`);
          continue;
        }
        const fields = pageFields(await response.text());
        problems.push(...mismatches(fields, visit.shows).map((p) => `${where}: ${p}`));
        checked += Object.keys(visit.shows).length;
      }
    }
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    expect(checked).toBeGreaterThan(80);
  }, 120_000);

  it("shows a refused post's typed values and messages again, and never a password", async () => {
    const w = await buildHostileWorkspace();
    const problems: string[] = [];
    for (const refused of REFUSED) {
      const body = refused.body(w);
      const url = refused.url(w);
      const where = `${refused.route} POST ${url}`;
      const response = await handler(request(w, refused.as, url, body));
      if (response.status !== (refused.status ?? 400)) {
        problems.push(`${where}: answered ${response.status}`);
        continue;
      }
      expect(response.headers.get("content-type"), where).toMatch(/^text\/html/);
      const html = await response.text();
      const fields = pageFields(html);
      problems.push(...mismatches(fields, refused.shows(w)).map((p) => `${where}: ${p}`));
      for (const name of refused.invalid) {
        const field = fields.find((f) => f.name === name && f.invalid) ?? fields.find((f) => f.name === name);
        if (!field?.invalid) problems.push(`${where}: ${name} is not marked invalid`);
        else if (!field.describedBy || !new RegExp(`id="${field.describedBy.split(" ").pop()!.replace(/[^\w-]/g, "\\$&")}"[^>]*>[^<]+<`).test(html)) problems.push(`${where}: ${name} has no message`);
      }
      if (refused.formError && !refused.formError.test(html)) problems.push(`${where}: no ${refused.formError} on the page`);
      // Nothing secret comes back, neither in a field nor in the page's data.
      for (const [name, value] of Object.entries(body)) if (SECRET_FIELD.test(name) && html.includes(String(value))) problems.push(`${where}: ${name} comes back in the page`);
    }
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
  }, 120_000);
});
