import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { fieldName, itemKey } from "../../app/domain/answers";
import { toGuideFile } from "../../app/domain/guide-file";
import { DEFAULT_CRITERIA } from "../../app/domain/round";
import { guideVersions, interviews, users } from "../../db/schema";
import { DISCOVERY_GUIDE } from "../../db/seed/guides";
import { todayUtc } from "../../app/models/survey.server";
import { makeInterview, makeStakeholder, makeUnit, makeUser } from "../support/factories";
import { buildRouteFixtures, type Fixtures, type Who } from "../support/route-fixtures";
import { call, type RouteModule } from "../support/routes";
import { makeRespondSurvey, respondWorld } from "../support/survey-respond";
import { changedTables, tableDigests } from "../support/table-digest";

/**
 * Property-based fuzzing of every action: whatever a client posts (missing
 * fields, wrong types, huge or odd text, repeated keys where one value belongs,
 * someone else's ids), the answer is a 2xx, 3xx or 4xx, never a 500; and a 4xx
 * changed nothing in the database.
 */

const modules = import.meta.glob<RouteModule>("../../app/routes/*.tsx", { eager: true });

/** The fixture world plus a respondent's link and an outsider's records (another RM's interview, another unit's stakeholder). */
type World = Fixtures & { token: string; rmId: string; guideVersionId: string; outsiderIds: string[] };

interface Target {
  path: (w: World) => string;
  params?: (w: World) => Record<string, string>;
  /** Who posts: a role the authorisation matrix lets act here (admins everywhere they may). */
  who: Who[];
  /** Field names this action reads beyond the common pool. */
  fields?: (w: World) => string[];
  /** Values that get a post past the first check (a real section, a real need). */
  values?: (w: World) => string[];
  /** A post the action accepts, which the fuzzing mostly mutates a field or two of (so it gets past the first check). */
  seed?: (w: World) => Record<string, string | string[]>;
  /** Posts always tried first: ones that once answered 500. */
  examples?: (w: World) => Body[];
  /** The action also takes JSON (an autosave). */
  json?: boolean;
  /** A file upload field. */
  file?: string;
  /** 4xx answers that save part of what was sent, by design: the nothing-written check skips them (why in the comment). */
  partial?: number[];
  setup?: (w: World) => Promise<void>;
}

const RM_AND_ADMIN: Who[] = ["admin", "relationship_manager"];

const startInterview = async (w: World) => {
  await db().update(interviews).set({ status: "in_progress" }).where(eq(interviews.id, w.interviewId));
};

const TARGETS: Record<string, Target> = {
  "$.tsx": { path: () => "/no/such/page", params: () => ({ "*": "no/such/page" }), who: ["admin"] },
  "account.calendar.tsx": { path: () => "/account/calendar", who: RM_AND_ADMIN },
  "account.password.tsx": { path: () => "/account/password", who: ["admin"], fields: () => ["current", "next", "confirm", "currentPassword", "newPassword"] },
  "admin.outbox.tsx": { path: () => "/admin/outbox", who: ["admin"], fields: () => ["messageId"] },
  "admin.units.$unitId.tsx": { path: (w) => `/admin/units/${w.unitId}`, params: (w) => ({ unitId: w.unitId }), who: ["admin"] },
  "admin.units.new.tsx": { path: () => "/admin/units/new", who: ["admin"], seed: () => ({ name: "Finance", code: "FIN" }) },
  "admin.users.$userId.tsx": { path: (w) => `/admin/users/${w.userId}`, params: (w) => ({ userId: w.userId }), who: ["admin"] },
  "admin.users.new.tsx": { path: () => "/admin/users/new", who: ["admin"], seed: (w) => ({ name: "Dana Fox", email: "dana.fox@example.com", title: "Controller", role: "business_lead", businessUnitId: w.unitId }) },
  "bench.insert.tsx": { path: () => "/bench/insert", who: ["admin"] },
  "guides.$guideId._index.tsx": { path: (w) => `/guides/${w.guideId}`, params: (w) => ({ guideId: w.guideId }), who: RM_AND_ADMIN },
  "guides.$guideId.edit.tsx": { path: (w) => `/guides/${w.guideId}/edit`, params: (w) => ({ guideId: w.guideId }), who: RM_AND_ADMIN, fields: () => ["content", "sectionId", "questionId"] },
  "guides.import.tsx": {
    path: () => "/guides/import",
    who: RM_AND_ADMIN,
    file: "file",
    // A good guide file whose text holds a NUL, or half a surrogate pair: PostgreSQL refused them with a 500.
    examples: () =>
      ["a\u0000b", "\uD800x"].map((bad) => ({
        kind: "multipart" as const,
        form: {},
        file: JSON.stringify(toGuideFile({ ...DISCOVERY_GUIDE, title: `Discovery ${bad}` }, DISCOVERY_GUIDE.content)),
        fileName: "guide.json",
      })),
  },
  "guides.new.tsx": { path: () => "/guides/new", who: RM_AND_ADMIN, seed: () => ({ title: "Discovery", description: "" }) },
  "interviews.$interviewId._index.tsx": { path: (w) => `/interviews/${w.interviewId}`, params: (w) => ({ interviewId: w.interviewId }), who: RM_AND_ADMIN },
  "interviews.$interviewId.evidence.tsx": {
    path: (w) => `/interviews/${w.interviewId}/evidence`,
    params: (w) => ({ interviewId: w.interviewId }),
    who: RM_AND_ADMIN,
    fields: () => ["evidenceId", "questionId", "needId", "text", "quote"],
    setup: startInterview,
  },
  /**
   * The section form saves each valid answer and answers 400 ("the others are
   * saved") or 409 for the rest; the autosave answers 409/422 per answer after
   * saving the others (interviews.$interviewId.run.server.ts, saveSection and autosave).
   */
  "interviews.$interviewId.run.tsx": {
    path: (w) => `/interviews/${w.interviewId}/run`,
    params: (w) => ({ interviewId: w.interviewId }),
    who: RM_AND_ADMIN,
    fields: () => ["section", "go", fieldName.shown("q-one"), fieldName.value("q-one"), fieldName.quote("q-one"), fieldName.notes, fieldName.revision(itemKey("answer", "q-one")), fieldName.was(itemKey("answer", "q-one"))],
    values: () => ["s-one", "q-one", "next", "prev", "finish"],
    seed: () => ({ section: "s-one", go: "next", [fieldName.shown("q-one")]: "1", [fieldName.value("q-one")]: "Saturdays matter", [fieldName.quote("q-one")]: "", [fieldName.notes]: "" }),
    json: true,
    partial: [400, 409, 422],
    setup: startInterview,
  },
  "interviews.new.tsx": {
    path: () => "/interviews/new",
    who: RM_AND_ADMIN,
    seed: (w) => ({ guideVersionId: w.guideVersionId, businessUnitId: w.unitId, stakeholderIds: [w.stakeholderId], interviewerId: w.rmId, date: "2026-07-15", time: "09:30", durationMinutes: "90", location: "Leeds", purpose: "Saturday opening" }),
  },
  "login.tsx": { path: () => "/login", who: ["admin", "anonymous"], fields: () => ["email", "password", "redirectTo"], values: () => ["rm@meridian.example"] },
  "logout.tsx": { path: () => "/logout", who: ["admin"] },
  "needs.$needId._index.tsx": {
    path: (w) => `/needs/${w.needId}`,
    params: (w) => ({ needId: w.needId }),
    who: ["admin", "relationship_manager", "business_lead"],
    fields: () => ["into", "body", "status", "reason"],
    seed: () => ({ intent: "comment", body: "This is our top one." }),
  },
  "needs.$needId.edit.tsx": { path: (w) => `/needs/${w.needId}/edit`, params: (w) => ({ needId: w.needId }), who: RM_AND_ADMIN, fields: () => ["unitIds", "evidenceIds", "mergeInto"] },
  "needs.new.tsx": {
    path: () => "/needs/new",
    who: RM_AND_ADMIN,
    fields: () => ["unitIds", "evidence", "evidenceIds"],
    seed: (w) => ({ statement: "Branch telephones are fixed on Saturdays", outcome: "", process: "", criticalPeriod: "", pain: "", category: "availability", unitIds: [w.unitId] }),
  },
  "providers._index.tsx": { path: () => "/providers", who: RM_AND_ADMIN },
  "rounds.$roundId._index.tsx": { path: (w) => `/rounds/${w.roundId}`, params: (w) => ({ roundId: w.roundId }), who: ["admin", "business_lead"] },
  "rounds.$roundId.edit.tsx": { path: (w) => `/rounds/${w.roundId}/edit`, params: (w) => ({ roundId: w.roundId }), who: RM_AND_ADMIN, fields: () => DEFAULT_CRITERIA.map((c) => `weight_${c.key}`) },
  "rounds.$roundId.efforts.tsx": {
    path: (w) => `/rounds/${w.roundId}/efforts`,
    params: (w) => ({ roundId: w.roundId }),
    who: RM_AND_ADMIN,
    fields: (w) => [`effort.${w.needId}`, `effort_${w.needId}`, w.needId],
  },
  /**
   * The grid saves every valid cell and answers 409/422 for the others ("the
   * others were"); its autosave likewise per cell (rounds.$roundId.score.server.ts).
   */
  "rounds.$roundId.score.tsx": {
    path: (w) => `/rounds/${w.roundId}/score`,
    params: (w) => ({ roundId: w.roundId }),
    who: ["business_lead", "admin"],
    fields: (w) => ["seenAt", ...DEFAULT_CRITERIA.map((c) => `score.${w.needId}.${c.key}`), `why.${w.needId}`],
    values: () => ["save", "submit", new Date().toISOString(), "1", "5", "6"],
    seed: (w) => ({ intent: "save", seenAt: new Date().toISOString(), [`score.${w.needId}.value`]: "5", [`why.${w.needId}`]: "Saturdays" }),
    // A NUL in an autosaved rationale reached PostgreSQL (which refuses it) and failed the whole save.
    examples: (w) => [{ kind: "json", text: JSON.stringify({ intent: "autosave", saves: [{ name: `why.${w.needId}`, value: "a\u0000b", base: 0 }] }) }],
    json: true,
    partial: [409, 422],
  },
  "rounds.new.tsx": { path: () => "/rounds/new", who: RM_AND_ADMIN, fields: () => ["scorerIds", "observerIds", "needIds", "mustCap"] },
  /**
   * The respondent's page saves each valid answer and refuses the others, like
   * the interview runner it shares its answers with (s.$token.server.ts).
   */
  "s.$token.tsx": {
    path: (w) => `/s/${w.token}`,
    params: (w) => ({ token: w.token }),
    who: ["anonymous", "admin"],
    fields: () => ["section", "go", "q-rating", fieldName.shown("q-rating"), fieldName.value("q-rating"), fieldName.value("q-vpn"), fieldName.value("q-change"), fieldName.shown("q-change")],
    values: () => ["s-tools", "s-next", "q-rating", "q-vpn", "q-change", "next", "prev", "finish", "send", "submit"],
    seed: () => ({ intent: "section", section: "s-tools", go: "next", [fieldName.shown("q-rating")]: "1", [fieldName.value("q-rating")]: "4", [fieldName.shown("q-vpn")]: "1", [fieldName.value("q-vpn")]: "no" }),
    json: true,
    partial: [400, 409, 422],
  },
  "services.$serviceId._index.tsx": { path: (w) => `/services/${w.serviceId}`, params: (w) => ({ serviceId: w.serviceId }), who: RM_AND_ADMIN },
  "services.$serviceId.definition.tsx": {
    path: (w) => `/services/${w.serviceId}/definition`,
    params: (w) => ({ serviceId: w.serviceId }),
    who: RM_AND_ADMIN,
    fields: () => ["clauseId", "outcomes", "scopeIn", "scopeOut", "serviceLevels", "text", "section"],
  },
  "services.$serviceId.edit.tsx": { path: (w) => `/services/${w.serviceId}/edit`, params: (w) => ({ serviceId: w.serviceId }), who: RM_AND_ADMIN },
  "services.$serviceId.measures.tsx": {
    path: (w) => `/services/${w.serviceId}/measures`,
    params: (w) => ({ serviceId: w.serviceId }),
    who: RM_AND_ADMIN,
    fields: () => ["month", "measureId", "values.avail"],
  },
  "services.$serviceId.review-interview.tsx": { path: (w) => `/services/${w.serviceId}/review-interview`, params: (w) => ({ serviceId: w.serviceId }), who: RM_AND_ADMIN },
  "services.$serviceId.reviews.new.tsx": { path: (w) => `/services/${w.serviceId}/reviews/new`, params: (w) => ({ serviceId: w.serviceId }), who: RM_AND_ADMIN },
  "services.$serviceId.versions.$number_.submit.tsx": {
    path: (w) => `/services/${w.serviceId}/versions/1/submit`,
    params: (w) => ({ serviceId: w.serviceId, number: "1" }),
    who: RM_AND_ADMIN,
  },
  "services.import-measures.tsx": { path: () => "/services/import-measures", who: RM_AND_ADMIN, file: "file" },
  "services.new.tsx": { path: () => "/services/new", who: RM_AND_ADMIN, fields: () => ["need"], seed: (w) => ({ name: "Payments", kind: "business", needIds: [w.needId] }) },
  "signoff.$requestId.tsx": { path: (w) => `/signoff/${w.requestId}`, params: (w) => ({ requestId: w.requestId }), who: ["admin", "relationship_manager", "business_lead", "executive"] },
  "stakeholders.$stakeholderId.tsx": {
    path: (w) => `/stakeholders/${w.stakeholderId}`,
    params: (w) => ({ stakeholderId: w.stakeholderId }),
    who: RM_AND_ADMIN,
    seed: (w) => ({ intent: "update", name: "Dana Fox", email: "dana@example.com", title: "Controller", level: "manager", businessUnitId: w.unitId }),
  },
  "stakeholders.import.tsx": { path: () => "/stakeholders/import", who: RM_AND_ADMIN, file: "file" },
  "stakeholders.new.tsx": { path: () => "/stakeholders/new", who: RM_AND_ADMIN, seed: (w) => ({ name: "Dana Fox", email: "dana@example.com", title: "Controller", level: "manager", businessUnitId: w.unitId }) },
  "surveys.$surveyId._index.tsx": { path: (w) => `/surveys/${w.surveyId}`, params: (w) => ({ surveyId: w.surveyId }), who: RM_AND_ADMIN, fields: () => ["inviteeId"] },
  "surveys.new.tsx": {
    path: () => "/surveys/new",
    who: RM_AND_ADMIN,
    seed: (w) => ({ guideVersionId: w.guideVersionId, title: "Workplace pulse", intro: "", opensOn: todayUtc(), closesOn: todayUtc(), audience: "people", stakeholderIds: [w.stakeholderId] }),
  },
  "verify._index.tsx": { path: () => "/verify?index", who: ["anonymous", "admin"], file: "file" },
};

/** Field names many actions read (from their schemas), for every route. */
const COMMON_FIELDS = [
  "intent", "id", "name", "title", "description", "statement", "reason", "comment", "message", "note", "notes", "text", "body",
  "unitId", "businessUnitId", "stakeholderIds", "stakeholderId", "needIds", "needId", "interviewId", "serviceId", "providerId",
  "guideVersionId", "scorerIds", "observerIds", "approvers", "signers", "userId", "requestId",
  "number", "date", "dueOn", "opensOn", "closesOn", "deadline", "scheduledAt", "occurredOn", "month", "period", "from", "to",
  "value", "values", "section", "email", "role", "code", "kind", "category", "status", "decision", "audience", "anonymous",
  "method", "mustCap", "level", "location", "durationMinutes", "timeZone", "outcome", "process", "pain", "criticalPeriod",
  "confirm", "password", "redirectTo", "version", "revision", "base", "key", "order", "target", "owner", "ownerName",
  "lifecycle", "criticality", "inOrder", "ids", "quote", "tags", "source", "summary", "subject", "intro",
];

/** Every intent the actions know, so posts get past the first switch. */
const INTENTS = [
  "add-dependency", "add-section", "add-to-need", "approve", "archive", "autosave", "cancel", "capture", "close", "comment",
  "complete", "create", "deactivate", "decide", "delegate", "delete", "discard-draft", "finish", "link", "merge", "more-actions",
  "more-events", "new-need", "open", "pick", "publish", "reactivate", "reject", "remind", "remind-all", "remove-dependency",
  "reopen", "reset-password", "restore", "revoke", "save", "start", "start-draft", "status", "submit", "unlink", "unmerge",
  "update", "withdraw",
];

const HUGE = "x".repeat(100_000);
const ODD = [
  "", " ", " \t\n ", HUGE, "😀".repeat(20_000), "\u202Eevil\u202C", "שלום עולם", "a\u0000b", "\u0000", "\uD800", "x\uDFFF", "\uFEFF",
  "-1", "0", "-0", "1.5", "NaN", "Infinity", "-Infinity", "1e309", "99999999999999999999", "2147483648", "-2147483649",
  "true", "false", "null", "undefined", "[]", "{}", '{"a":1}', "2026-02-30", "0000-00-00", "9999-12-31", "2026-13-01", "not a date",
  "<script>alert(1)</script>", "' or 1=1 --", "../../etc/passwd", "%00", "\\", "admin", "00000000-0000-0000-0000-000000000000",
];

/**
 * The short words in a route's source (its module and its .server.ts): the
 * field names and intents it reads are among them, so posts use its own names.
 */
function sourceWords(file: string): string[] {
  const base = path.resolve(__dirname, "../../app/routes", file);
  const texts = [base, base.replace(/\.tsx$/, ".server.ts")].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f, "utf8"));
  const words = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(/"([a-zA-Z][a-zA-Z0-9_.-]{0,40})"/g)) words.add(m[1]!);
  return [...words].filter((w) => !/^(@|\.)/.test(w) && !w.includes("/"));
}

function arbitraries(w: World, target: Target, file: string) {
  const words = sourceWords(file);
  const intents = words.filter((x) => INTENTS.includes(x));
  const ids = [w.userId, w.unitId, w.stakeholderId, w.guideId, w.interviewId, w.needId, w.roundId, w.serviceId, w.versionId, w.requestId, w.surveyId, ...w.outsiderIds];
  const scalar = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ODD, ...INTENTS, ...(target.values?.(w) ?? [])) },
    { weight: 2, arbitrary: fc.constantFrom(...words, "x") },
    { weight: 3, arbitrary: fc.constantFrom(...ids) },
    { weight: 1, arbitrary: fc.uuid().map(String) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40, unit: "binary" }) },
    { weight: 1, arbitrary: fc.integer().map(String) },
    { weight: 1, arbitrary: fc.double().map(String) },
  );
  // A repeated key (an array where one value belongs) now and then.
  const value = fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(scalar, { minLength: 2, maxLength: 4 }) });
  const names = [...COMMON_FIELDS, ...words, ...(target.fields?.(w) ?? [])];
  const intent = intents.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...intents) }, { weight: 1, arbitrary: fc.constantFrom(...INTENTS) }) : fc.constantFrom(...INTENTS);
  const random = fc
    .tuple(fc.option(intent, { freq: 4 }), fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 8 }))
    .map(([intent, fields]) => (intent === null || "intent" in fields ? fields : { intent, ...fields }));
  const seed = target.seed?.(w);
  if (!seed) return { scalar, form: random };
  // One or two fields of the good post dropped or replaced, and now and then a stranger added.
  const keys = Object.keys(seed);
  const change = fc.oneof({ weight: 1, arbitrary: fc.constant<"drop">("drop") }, { weight: 4, arbitrary: value });
  const mutated = fc
    .tuple(fc.subarray(keys, { minLength: 1, maxLength: 2 }), fc.tuple(change, change), fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 1 }))
    .map(([changed, changes, extra]) => {
      const out: Record<string, string | string[]> = { ...extra, ...seed };
      changed.forEach((k, i) => {
        const c = changes[i]!;
        if (c === "drop") delete out[k];
        else out[k] = c;
      });
      return out;
    });
  return { scalar, form: fc.oneof({ weight: 3, arbitrary: mutated }, { weight: 1, arbitrary: random }) };
}

/** A JSON body in the shapes the autosaves read, with anything in their fields, or not JSON at all. */
function jsonBodies(w: World, target: Target, file: string) {
  const { scalar } = arbitraries(w, target, file);
  const any = fc.oneof(scalar, fc.jsonValue({ maxDepth: 2 }), fc.integer(), fc.double(), fc.constant(-1), fc.constant(null));
  const save = fc.record(
    {
      kind: fc.oneof(fc.constantFrom("answer", "notes"), scalar),
      item: fc.oneof(fc.constantFrom(...(target.values?.(w) ?? []), ...(target.fields?.(w) ?? [])), scalar),
      name: fc.oneof(fc.constantFrom(...(target.fields?.(w) ?? [])), scalar),
      value: any,
      quote: fc.oneof(scalar, any),
      base: fc.oneof(fc.nat(5), any),
      key: fc.oneof(fc.uuid().map(String), scalar),
    },
    { requiredKeys: [] },
  );
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .record(
          {
            intent: fc.oneof(fc.constantFrom("save", "autosave"), scalar),
            since: fc.oneof(fc.nat(10), any),
            requestId: fc.oneof(fc.uuid().map(String), any),
            saves: fc.oneof({ weight: 4, arbitrary: fc.array(save, { maxLength: 4 }) }, { weight: 1, arbitrary: any }),
          },
          { requiredKeys: [] },
        )
        .map((b) => JSON.stringify(b)),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.constantFrom("", "{", "nul", '{"saves": [', `"${HUGE}"`, JSON.stringify({ intent: "save", saves: Array.from({ length: 500 }, () => ({})) })) },
  );
}

/** A file field holding nothing useful: empty, huge, binary, almost-JSON, almost-CSV. */
const fileContents = fc.oneof(
  fc.constantFrom("", HUGE, "{", "null", "[]", '{"sections": 5}', "name,email\n", "a,b,c\n1,2\n\"unterminated", "%PDF-1.7\n%%EOF", "\u0000\u0001\u0002"),
  fc.string({ maxLength: 200, unit: "binary" }),
  fc.uint8Array({ maxLength: 200 }),
);

type Body = { kind: "form"; form: Record<string, string | string[]> } | { kind: "json"; text: string } | { kind: "multipart"; form: Record<string, string | string[]>; file: string | Uint8Array; fileName: string };

function bodies(w: World, target: Target, file: string): fc.Arbitrary<Body> {
  const { form } = arbitraries(w, target, file);
  const choices: fc.Arbitrary<Body>[] = [form.map((f) => ({ kind: "form" as const, form: f }))];
  if (target.json) choices.push(jsonBodies(w, target, file).map((text) => ({ kind: "json" as const, text })));
  if (target.file) {
    choices.push(
      fc.tuple(form, fileContents, fc.constantFrom("a.json", "a.csv", "a.pdf", "", "ü😀.txt")).map(([f, file, fileName]) => ({ kind: "multipart" as const, form: f, file, fileName })),
    );
  }
  return fc.oneof(...choices);
}

/**
 * Tables a refused request may still write, by design: the session's last-seen
 * time, failed sign-in counters, and the per-address attempt counts that slow
 * down guessing (a refused guess must count too).
 */
const UNCHECKED = new Set(["sessions", "login_lockouts", "rate_limits"]);

/** A checksum per table of every row, to tell whether a request wrote anything. */
const snapshot = () => tableDigests({ skipTables: UNCHECKED });

function toRequest(body: Body) {
  if (body.kind === "form") return { form: body.form };
  if (body.kind === "json") return { body: body.text, headers: { "Content-Type": "application/json" } };
  const data = new FormData();
  for (const [k, v] of Object.entries(body.form)) for (const item of Array.isArray(v) ? v : [v]) data.append(k, item);
  data.append("file", new File([typeof body.file === "string" ? body.file : new Uint8Array(body.file)], body.fileName, { type: body.fileName.endsWith(".json") ? "application/json" : "text/plain" }));
  return { form: data };
}

/** What a failing run printed to reproduce it: huge values shortened. */
const shown = (body: Body) => JSON.stringify(body, (_k, v: unknown) => (typeof v === "string" && v.length > 200 ? `${v.slice(0, 40)}…(${v.length} chars)` : v));

/** Fixed so a failure reproduces; FUZZ_SEED and FUZZ_RUNS explore further by hand. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const HANG_MS = 8_000;

const routeFiles = Object.keys(modules).map((p) => path.basename(p));

describe("fuzzing every action", () => {
  it("has a target for every route that takes posts", () => {
    const actions = routeFiles.filter((f) => modules[`../../app/routes/${f}`]!.action);
    expect(actions.filter((f) => !TARGETS[f])).toEqual([]);
    expect(Object.keys(TARGETS).filter((f) => !actions.includes(f))).toEqual([]);
  });

  let world: World;
  let cookies: Record<Who, string | undefined>;
  beforeEach(async () => {
    const built = await buildRouteFixtures();
    cookies = built.cookies;
    // Someone else's records: another relationship manager's interview in another unit.
    const otherUnit = await makeUnit();
    const otherRm = await makeUser("relationship_manager");
    const otherStakeholder = await makeStakeholder(otherUnit.id);
    const otherInterview = await makeInterview({ unitId: otherUnit.id, interviewerId: otherRm.id, stakeholderIds: [otherStakeholder.id] });
    const respond = await makeRespondSurvey(await respondWorld());
    const [rm] = await db().select().from(users).where(eq(users.role, "relationship_manager")).orderBy(users.createdAt).limit(1);
    const [version] = await db().select().from(guideVersions).where(eq(guideVersions.status, "published")).limit(1);
    world = {
      ...built.fixtures,
      rmId: rm!.id,
      guideVersionId: version!.id,
      token: respond.tokens[0]!,
      outsiderIds: [otherUnit.id, otherRm.id, otherStakeholder.id, otherInterview.id, respond.id, respond.invitees[1]!.id],
    };
  });

  // The good posts are good: mutations of them reach past the first check.
  for (const [file, target] of Object.entries(TARGETS)) {
    if (!target.seed) continue;
    it(`${file} accepts its good post as ${target.who[0]}`, async () => {
      await target.setup?.(world);
      const response = await call(modules[`../../app/routes/${file}`]!, "action", { path: target.path(world), params: target.params?.(world), cookie: cookies[target.who[0]!], form: target.seed!(world) });
      expect(response.status, await response.clone().text()).toBeLessThan(400);
    });
  }

  for (const [file, target] of Object.entries(TARGETS)) {
    for (const who of target.who) {
      it(`${file} as ${who}`, async () => {
        await target.setup?.(world);
        const mod = modules[`../../app/routes/${file}`]!;
        let before = await snapshot();
        await fc.assert(
          fc.asyncProperty(bodies(world, target, file), async (body) => {
            let response: Response;
            // FUZZ_STATS=1 prints each post and its answer, to see how deep the posts get.
            if (process.env.FUZZ_STATS) console.log(`BODY ${file} ${who} ${shown(body)}`);
            let timer: ReturnType<typeof setTimeout> | undefined;
            try {
              // A request that never answers (a lock waiting on itself) fails here, naming the post, rather than hanging the file.
              const hung = new Promise<never>((_, reject) => {
                timer = setTimeout(() => reject(new Error(`no answer within ${HANG_MS / 1000} s`)), HANG_MS);
              });
              response = await Promise.race([call(mod, "action", { path: target.path(world), params: target.params?.(world), cookie: cookies[who], ...toRequest(body) }), hung]);
            } catch (error) {
              throw new Error(`${file} as ${who} failed (threw, a 500, or hung) for ${shown(body)}: ${error instanceof Error ? error.stack : String(error)}`);
            } finally {
              clearTimeout(timer);
            }
            const after = await snapshot();
            const status = response.status;
            if (process.env.FUZZ_STATS) console.log(`STAT ${file} ${who} ${status}`);
            expect(status, `${file} as ${who} for ${shown(body)}`).toBeLessThan(500);
            if (status >= 400 && !target.partial?.includes(status)) {
              const changed = changedTables(before, after);
              expect(changed, `${file} as ${who} answered ${status} but wrote to ${changed.join(", ")} for ${shown(body)}`).toEqual([]);
            }
            before = after;
          }),
          { seed: SEED, numRuns: RUNS, endOnFailure: true, examples: (target.examples?.(world) ?? []).map((b) => [b] as [Body]) },
        );
      });
    }
  }
});
