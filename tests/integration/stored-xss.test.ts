import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agreedDocuments, mailMessages } from "../../db/schema";
import { db } from "../../app/db.server";
import { parseCsv, toCsv } from "../../app/domain/csv";
import { closePdfPool } from "../../app/pdf/pool.server";
import { hasPoppler } from "../support/poppler";
import { dangers, fieldBefore, hostile, markerOf, parseHtml, RAW_BREAKOUTS, VARIANTS } from "../support/xss-html";
import { buildHostileWorkspace, FIELDS, type HostileWorkspace, type Role } from "../support/xss-workspace";

/**
 * Stored XSS: text a user typed, however hostile, is shown as text on every page, in the data
 * the page hands to the browser, in CSV exports, in mail and in the PDF.
 *
 * Pages are rendered by the production server build (build/index.js, made by `npm test`'s
 * pretest `remix build`) through @remix-run/node's request handler, in this process, so they use
 * the test's database (PGlite or PostgreSQL): the same HTML documents a browser receives,
 * root layout, error boundaries, hydration data and scripts included.
 */

const BUILD = path.resolve("build/index.js");
const NONCE = randomBytes(16).toString("base64");
const run = promisify(execFile);
let handler: (request: Request, context: Record<string, unknown>) => Promise<Response>;

beforeAll(async () => {
  if (!fs.existsSync(BUILD)) throw new Error("run `npm run build` before this test (npm test does)");
  const build = (await import(pathToFileURL(BUILD).href)) as ServerBuild;
  const handle = createRequestHandler(build, "production");
  handler = (request, context) => handle(request, context);
});
afterAll(async () => {
  await closePdfPool();
});

type Who = Role | "anonymous";
interface Visit {
  url: string;
  as: Who;
  /** The status the page answers with, when not 200. */
  status?: number;
}

const q = encodeURIComponent(`[xss query.q] ${VARIANTS.join(" ")}`);

/** Every page (a route module with a default export) and how to reach it with the hostile workspace. */
const PAGES: Record<string, (w: HostileWorkspace) => Visit[]> = {
  "$.tsx": () => [{ url: `/no/such/${q}`, as: "admin", status: 404 }],
  "_index.tsx": () => (["admin", "relationship_manager", "business_lead", "executive"] as const).map((as) => ({ url: "/", as })),
  "about.tsx": () => [{ url: "/about", as: "anonymous" }],
  "account.calendar.tsx": () => [{ url: "/account/calendar", as: "relationship_manager" }],
  "account.password.tsx": () => [{ url: "/account/password", as: "relationship_manager" }],
  "admin.audit.tsx": () => [{ url: "/admin/audit", as: "admin" }, { url: `/admin/audit?q=${q}`, as: "admin" }],
  "admin.outbox.tsx": () => [{ url: "/admin/outbox", as: "admin" }],
  "admin.units.$unitId.tsx": (w) => [{ url: `/admin/units/${w.unit.id}`, as: "admin" }],
  "admin.units._index.tsx": () => [{ url: "/admin/units", as: "admin" }],
  "admin.units.new.tsx": () => [{ url: "/admin/units/new", as: "admin" }],
  "admin.users.$userId.tsx": (w) => [...Object.values(w.users), w.exec2].map((u) => ({ url: `/admin/users/${u.id}`, as: "admin" as const })),
  "admin.users._index.tsx": () => [{ url: "/admin/users", as: "admin" }],
  "admin.users.new.tsx": () => [{ url: "/admin/users/new", as: "admin" }],
  "guides.$guideId._index.tsx": (w) => [{ url: `/guides/${w.guideId}`, as: "relationship_manager" }],
  "guides.$guideId.edit.tsx": (w) => [{ url: `/guides/${w.guideId}/edit`, as: "relationship_manager" }],
  "guides.$guideId.v.$number.tsx": (w) => [{ url: `/guides/${w.guideId}/v/${w.guideVersion}`, as: "relationship_manager" }],
  "guides._index.tsx": () => [{ url: "/guides", as: "relationship_manager" }],
  "guides.import.tsx": () => [{ url: "/guides/import", as: "relationship_manager" }],
  "guides.new.tsx": () => [{ url: "/guides/new", as: "relationship_manager" }],
  "interviews.$interviewId._index.tsx": (w) => [w.interviewId, w.runningId, w.cancelledId].map((id) => ({ url: `/interviews/${id}`, as: "relationship_manager" as const })),
  "interviews.$interviewId.evidence.tsx": (w) => [{ url: `/interviews/${w.interviewId}/evidence`, as: "relationship_manager" }],
  "interviews.$interviewId.run.tsx": (w) => [w.interviewId, w.runningId].map((id) => ({ url: `/interviews/${id}/run`, as: "relationship_manager" as const })),
  "interviews.$interviewId.summary.tsx": (w) => [{ url: `/interviews/${w.interviewId}/summary`, as: "relationship_manager" }],
  "interviews._index.tsx": () => [{ url: "/interviews", as: "relationship_manager" }, { url: `/interviews?q=${q}`, as: "relationship_manager" }],
  "interviews.coverage.tsx": () => [{ url: "/interviews/coverage", as: "relationship_manager" }],
  "interviews.new.tsx": () => [{ url: "/interviews/new", as: "relationship_manager" }],
  "login.tsx": () => [{ url: `/login?redirectTo=${encodeURIComponent("javascript:alert(1)")}`, as: "anonymous" }],
  "needs.$needId._index.tsx": (w) => [
    ...w.needIds.map((id) => ({ url: `/needs/${id}`, as: "relationship_manager" as const })),
    { url: `/needs/${w.needIds[0]}`, as: "business_lead" },
  ],
  "needs.$needId.edit.tsx": (w) => [{ url: `/needs/${w.needIds[0]}/edit`, as: "relationship_manager" }],
  "needs._index.tsx": () => [{ url: "/needs", as: "relationship_manager" }, { url: `/needs?q=${q}`, as: "business_lead" }],
  "needs.new.tsx": () => [{ url: "/needs/new", as: "relationship_manager" }],
  "providers._index.tsx": () => [{ url: "/providers", as: "relationship_manager" }],
  "rounds.$roundId._index.tsx": (w) => [
    ...[w.closedRoundId, w.openRoundId, w.draftRoundId].map((id) => ({ url: `/rounds/${id}`, as: "relationship_manager" as const })),
    { url: `/rounds/${w.closedRoundId}`, as: "business_lead" },
    { url: `/rounds/${w.closedRoundId}`, as: "executive" },
  ],
  "rounds.$roundId.edit.tsx": (w) => [{ url: `/rounds/${w.draftRoundId}/edit`, as: "relationship_manager" }],
  "rounds.$roundId.efforts.tsx": (w) => [{ url: `/rounds/${w.openRoundId}/efforts`, as: "relationship_manager" }],
  "rounds.$roundId.needs.$needId.tsx": (w) => [w.openRoundId, w.closedRoundId].map((id) => ({ url: `/rounds/${id}/needs/${w.needIds[0]}`, as: "business_lead" as const })),
  "rounds.$roundId.score.tsx": (w) => [{ url: `/rounds/${w.openRoundId}/score`, as: "business_lead" }],
  "rounds._index.tsx": () => [{ url: "/rounds", as: "relationship_manager" }, { url: "/rounds", as: "business_lead" }],
  "rounds.new.tsx": () => [{ url: "/rounds/new", as: "relationship_manager" }],
  "s.$token.tsx": (w) => w.surveyTokens.slice(0, 2).map((t) => ({ url: `/s/${t}`, as: "anonymous" as const })),
  "services.$serviceId._index.tsx": (w) => [
    ...[w.serviceId, w.supportingId].map((id) => ({ url: `/services/${id}`, as: "relationship_manager" as const })),
    { url: `/services/${w.serviceId}`, as: "executive" },
  ],
  "services.$serviceId.compare.tsx": (w) => [{ url: `/services/${w.serviceId}/compare?from=1&to=2`, as: "relationship_manager" }, { url: `/services/${w.serviceId}/compare?from=1&to=draft`, as: "relationship_manager" }],
  "services.$serviceId.definition.tsx": (w) => [{ url: `/services/${w.serviceId}/definition`, as: "relationship_manager" }],
  "services.$serviceId.edit.tsx": (w) => [{ url: `/services/${w.serviceId}/edit`, as: "relationship_manager" }],
  "services.$serviceId.measures.tsx": (w) => [{ url: `/services/${w.serviceId}/measures`, as: "relationship_manager" }],
  "services.$serviceId.review-interview.tsx": (w) => [{ url: `/services/${w.serviceId}/review-interview`, as: "relationship_manager" }],
  "services.$serviceId.reviews.new.tsx": (w) => [{ url: `/services/${w.serviceId}/reviews/new`, as: "relationship_manager" }],
  "services.$serviceId.versions.$number.tsx": (w) => [
    ...[1, 2].map((n) => ({ url: `/services/${w.serviceId}/versions/${n}`, as: "executive" as const })),
    ...[1, 2].map((n) => ({ url: `/services/${w.supportingId}/versions/${n}`, as: "relationship_manager" as const })),
  ],
  // Both versions are agreed or under review, so the submit page sends the manager on.
  "services.$serviceId.versions.$number_.submit.tsx": (w) => [{ url: `/services/${w.serviceId}/versions/2/submit`, as: "relationship_manager", status: 302 }],
  "services._index.tsx": () => [{ url: "/services", as: "relationship_manager" }, { url: "/services", as: "executive" }, { url: `/services?q=${q}`, as: "relationship_manager" }],
  "services.import-measures.tsx": () => [{ url: "/services/import-measures", as: "relationship_manager" }],
  "services.new.tsx": () => [{ url: "/services/new", as: "relationship_manager" }],
  "signoff.$requestId.tsx": (w) => [
    { url: `/signoff/${w.agreedRequestId}`, as: "relationship_manager" },
    { url: `/signoff/${w.pendingRequestId}`, as: "relationship_manager" },
    { url: `/signoff/${w.pendingRequestId}`, as: "business_lead" },
    { url: `/signoff/${w.pendingRequestId}`, as: "executive" },
    { url: `/signoff/${w.handedRequestId}`, as: "relationship_manager" },
    { url: `/signoff/${w.withdrawnRequestId}`, as: "executive" },
  ],
  "signoff._index.tsx": () => (["relationship_manager", "business_lead", "executive"] as const).map((as) => ({ url: "/signoff", as })),
  "stakeholders.$stakeholderId.tsx": (w) => [{ url: `/stakeholders/${w.stakeholder.id}`, as: "relationship_manager" }],
  "stakeholders._index.tsx": () => [{ url: "/stakeholders", as: "relationship_manager" }, { url: `/stakeholders?q=${q}`, as: "relationship_manager" }],
  "stakeholders.import.tsx": () => [{ url: "/stakeholders/import", as: "relationship_manager" }],
  "stakeholders.new.tsx": () => [{ url: "/stakeholders/new", as: "relationship_manager" }],
  "surveys.$surveyId._index.tsx": (w) => [{ url: `/surveys/${w.surveyId}`, as: "relationship_manager" }],
  "surveys.$surveyId.results.tsx": (w) => [{ url: `/surveys/${w.surveyId}/results`, as: "relationship_manager" }],
  "surveys._index.tsx": () => [{ url: "/surveys", as: "relationship_manager" }],
  "surveys.new.tsx": () => [{ url: "/surveys/new", as: "relationship_manager" }],
  "verify.$versionId.tsx": (w) => [{ url: `/verify/${w.versionIds[0]}`, as: "anonymous" }],
  "verify._index.tsx": () => [{ url: "/verify", as: "anonymous" }],
};

/** Fields no page shows, and why (each is checked where it does appear: audit payloads, mail, PDF). */
const NOT_ON_PAGES: Record<string, string> = {
  "audit.userAgent": "the audit trail shows the address an action came from, not the browser",
  "round.rationale": "a closed round counts each lead's reasons; only the lead read them, on the scoring page of an open round (round2.rationale)",
};

async function get(w: HostileWorkspace, visit: Visit) {
  const cookie = visit.as === "anonymous" ? undefined : w.users[visit.as].cookie;
  const request = new Request(`http://localhost${visit.url}`, { headers: cookie ? { cookie } : {} });
  return handler(request, { cspNonce: NONCE, clientIp: "127.0.0.1" });
}

/**
 * What a browser would make of a page: raw markup that broke out, scripts and handlers that are
 * not the app's, hydration data that is not JSON or could end its script; and which fields'
 * markers and which payloads it shows as text.
 */
function inspect(html: string, where: string, fields: Iterable<string>) {
  const problems: string[] = [];
  for (const raw of RAW_BREAKOUTS) if (html.includes(raw)) problems.push(`${where}: raw markup "${raw}" from ${fieldBefore(html, html.indexOf(raw))}`);
  const page = parseHtml(html);
  for (const { at, what } of dangers(page, NONCE)) problems.push(`${where}: ${what} from ${fieldBefore(html, at)}`);
  const markers = markersIn(page.text, fields);
  // The hydration data: one script, valid JSON after the assignment, no "<" or ">" left to end the script early.
  const context = page.tags.filter((t) => t.name === "script" && (t.content ?? "").startsWith("window.__remixContext = "));
  if (context.length !== 1) problems.push(`${where}: ${context.length} __remixContext scripts`);
  else {
    const body = context[0]!.content!.slice("window.__remixContext = ".length).replace(/;\s*$/, "");
    if (/[<>]/.test(body)) problems.push(`${where}: "<" or ">" unescaped in __remixContext`);
    try {
      const data = JSON.stringify(JSON.parse(body));
      for (const f of markers) if (!data.includes(markerOf(f)) && f !== "query.q") problems.push(`${where}: ${f} shown but not in the page's data`);
    } catch (error) {
      problems.push(`${where}: __remixContext is not JSON (${(error as Error).message})`);
    }
  }
  return { problems, markers, variants: VARIANTS.filter((v) => page.text.includes(v)) };
}

/** The fields whose marker the text holds. */
function markersIn(text: string, fields: Iterable<string>) {
  return [...fields].filter((f) => text.includes(markerOf(f)));
}

describe("stored XSS", () => {
  it("lists every page: a route with a default export (a page) needs an entry here", () => {
    const dir = path.resolve("app/routes");
    const pages = fs.readdirSync(dir).filter((f) => /\.tsx$/.test(f) && /^export default /m.test(fs.readFileSync(path.join(dir, f), "utf8")));
    expect(pages.filter((f) => !PAGES[f])).toEqual([]);
    expect(Object.keys(PAGES).filter((f) => !pages.includes(f))).toEqual([]);
  });

  it("flags what a browser would run: the checker itself", () => {
    const flagged = (html: string) => dangers(parseHtml(html), "n").map((d) => d.what);
    expect(flagged(`<p>&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;svg onload=alert(1)&gt;</p><a href="/x">x</a><script nonce="n">1</script>`)).toEqual([]);
    expect(flagged(`<textarea>&lt;/textarea&gt;<script>alert(1)</script></textarea><title><img src=x onerror=alert(1)></title>`)).toEqual([]);
    expect(flagged(`<p><img src=x onerror=alert(1)></p>`)).toHaveLength(1);
    expect(flagged(`<input value=""><svg/onload=alert(1)>">`)).toHaveLength(1);
    expect(flagged(`<a href=" java\tscript:alert(1)">x</a>`)).toHaveLength(1);
    expect(flagged(`<textarea></textarea><script>alert(1)</script>`)).toHaveLength(1);
    expect(flagged(`<script nonce="other">1</script><script nonce="n" src="https://evil.example/x.js"></script>`)).toHaveLength(2);
    expect(flagged(`<script nonce="n">var s = "<!--<script>";</script>`)).toHaveLength(1);
  });

  it("shows every hostile field as text on every page, with no script, handler or javascript: address of its own", async () => {
    const w = await buildHostileWorkspace();
    const fields = [...FIELDS, "query.q"];
    const seen = new Map<string, string[]>();
    const problems: string[] = [];
    const variantsSeen = new Set<string>();
    for (const [file, visits] of Object.entries(PAGES)) {
      for (const visit of visits(w)) {
        const where = `${file} ${visit.url} as ${visit.as}`;
        const response = await get(w, visit);
        if (response.status !== (visit.status ?? 200)) problems.push(`${where}: answered ${response.status}`);
        if (response.status >= 300 && response.status < 400) continue;
        expect(response.headers.get("content-type"), where).toMatch(/^text\/html/);
        const found = inspect(await response.text(), where, fields);
        problems.push(...found.problems);
        for (const f of found.markers) seen.set(f, [...(seen.get(f) ?? []), where]);
        for (const v of found.variants) variantsSeen.add(v);
      }
    }
    expect(problems).toEqual([]);
    // The payloads reached the pages whole, as text.
    expect([...VARIANTS].filter((v) => !variantsSeen.has(v))).toEqual([]);
    // Every field typed is shown somewhere (or is named, with why, in NOT_ON_PAGES).
    expect(fields.filter((f) => !seen.has(f)).sort()).toEqual(Object.keys(NOT_ON_PAGES).sort());
  }, 120_000);
  it("shows what a form sent as text: flash messages, an imported guide, import previews", async () => {
    const w = await buildHostileWorkspace();
    const problems: string[] = [];
    const shown = new Set<string>();
    const send = async (as: Role, url: string, body: FormData | URLSearchParams) => {
      const cookie = w.users[as].cookie;
      const response = await handler(new Request(`http://localhost${url}`, { method: "POST", body, headers: { cookie } }), { cspNonce: NONCE, clientIp: "127.0.0.1" });
      if (response.status !== 302) return response;
      // Follow the redirect with the flash cookie it set, as a browser would.
      const flash = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      const next = new Request(`http://localhost${response.headers.get("location")}`, { headers: { cookie: [cookie, flash].filter(Boolean).join("; ") } });
      return handler(next, { cspNonce: NONCE, clientIp: "127.0.0.1" });
    };
    const look = async (where: string, response: Response, fields: string[], status = 200) => {
      expect(response.status, where).toBe(status);
      const found = inspect(await response.text(), where, fields);
      problems.push(...found.problems);
      for (const f of found.markers) shown.add(f);
    };
    // A new unit: its name comes back in the flash message on the next page.
    await look("new unit", await send("admin", "/admin/units/new", new URLSearchParams({ name: hostile("form.unit", 120), code: "HX1", description: "" })), ["form.unit"]);
    // A guide file imported: its title in the flash, its questions on the guide's page.
    const exported = await get(w, { url: `/guides/${w.guideId}/v/${w.guideVersion}/export`, as: "relationship_manager" });
    const file = { ...((await exported.json()) as Record<string, unknown>), title: hostile("import.title", 200), description: hostile("import.description", 2000) };
    const upload = new FormData();
    upload.set("file", new File([JSON.stringify(file)], "guide.json", { type: "application/json" }));
    await look("guide import", await send("relationship_manager", "/guides/import", upload), ["import.title", "import.description"]);
    // Import previews show every row with its errors (a 400 while any row is wrong), and the file's text goes back in the form.
    const people = toCsv([
      ["name", "title", "level", "unit", "email"],
      [hostile("csv.name", 120), hostile("csv.title", 120), "Manager", w.unit.code, ""],
      ["Someone", "", hostile("csv.level", 200), hostile("csv.unit", 200), "not an address"],
    ]);
    await look("stakeholder import", await send("relationship_manager", "/stakeholders/import", new URLSearchParams({ content: people, fileName: hostile("csv.fileName", 200) })), ["csv.name", "csv.title", "csv.level", "csv.unit", "csv.fileName"], 400);
    const measures = toCsv([
      ["service", "measure", "period", "value"],
      [hostile("measures.service", 200), hostile("measures.measure", 200), "2026-01", hostile("measures.value", 200)],
    ]);
    await look("measures import", await send("relationship_manager", "/services/import-measures", new URLSearchParams({ content: measures })), ["measures.service", "measures.measure", "measures.value"], 400);
    expect(problems).toEqual([]);
    expect([...shown].sort()).toEqual(["form.unit", "import.title", "import.description", "csv.name", "csv.title", "csv.level", "csv.unit", "csv.fileName", "measures.service", "measures.measure", "measures.value"].sort());
  }, 60_000);

  it("defuses formulas in every CSV export, and serves no download that holds typed text as HTML", async () => {
    const w = await buildHostileWorkspace();
    const csvs = [`/needs.csv`, `/interviews/answers.csv`, `/interviews/${w.interviewId}/answers.csv`];
    const cells: string[] = [];
    for (const url of csvs) {
      const response = await get(w, { url, as: "relationship_manager" });
      expect(response.status, url).toBe(200);
      expect(response.headers.get("content-type"), url).toMatch(/^text\/csv/);
      const table = parseCsv(await response.text());
      for (const row of [table.header, ...table.rows.map((r) => r.cells)]) cells.push(...row);
    }
    // A spreadsheet runs a cell starting with = + - @ (or a tab or return before one) as a formula.
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    for (const f of ["need2.statement", "need2.outcome", "need2.process", "need2.criticalPeriod", "need2.pain", "answer.short"]) {
      const cell = cells.find((c) => c.includes(markerOf(f)));
      expect(cell, f).toMatch(/^'[=+\-@]/);
    }
    // Downloads and data that carry typed text are never served as a page a browser would render.
    const downloads = [
      `/guides/${w.guideId}/v/${w.guideVersion}/export`,
      `/interviews/${w.interviewId}/ics`,
      `/needs/similar?q=${encodeURIComponent("<script>window.__xss=1</script>")}`,
      `/services/${w.serviceId}/versions/2.pdf`,
    ];
    for (const url of downloads) {
      const response = await get(w, { url, as: "relationship_manager" });
      expect(response.status, url).toBe(200);
      expect(response.headers.get("content-type"), url).not.toMatch(/html/);
      const disposition = response.headers.get("content-disposition");
      if (disposition) expect(disposition, url).toMatch(/^(attachment|inline); filename="[^"\\]*"$/);
      await response.arrayBuffer();
    }
  }, 60_000);

  it("escapes names, titles and messages in every mail's HTML, and keeps subjects on one line", async () => {
    await buildHostileWorkspace();
    const messages = await db().select().from(mailMessages);
    const kinds = new Set(messages.map((m) => m.kind));
    for (const kind of ["survey.invitation", "survey.reminder", "signoff.asked", "signoff.reminder", "signoff.decided", "signoff.agreed"]) expect(kinds, kind).toContain(kind);
    const problems: string[] = [];
    const shown = new Set<string>();
    for (const m of messages) {
      for (const raw of RAW_BREAKOUTS) if (m.html.includes(raw)) problems.push(`${m.kind}: raw markup "${raw}" from ${fieldBefore(m.html, m.html.indexOf(raw))}`);
      const page = parseHtml(m.html);
      // A mail has no scripts at all: any <script> is flagged (no nonce is right).
      for (const { at, what } of dangers(page, "no scripts in mail")) problems.push(`${m.kind}: ${what} from ${fieldBefore(m.html, at)}`);
      if (/[\r\n]/.test(m.subject)) problems.push(`${m.kind}: a line break in the subject`);
      for (const f of markersIn(page.text, FIELDS)) shown.add(f);
      // The plain part says the same words as the HTML.
      for (const f of markersIn(m.text, FIELDS)) if (!page.text.includes(markerOf(f))) problems.push(`${m.kind}: ${f} in the text part only`);
    }
    expect(problems).toEqual([]);
    for (const f of ["survey.title", "survey.intro", "rm.name", "signoff.message", "signoff2.message", "service.name", "signoff.approverComment"]) expect([...shown], f).toContain(f);
  }, 60_000);

  describe.skipIf(!hasPoppler)("in the PDF", () => {
    it("prints the hostile text literally in a draft version's PDF and in the agreed, sealed one", async () => {
      const w = await buildHostileWorkspace();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "charter-xss-"));
      try {
        const draft = await get(w, { url: `/services/${w.serviceId}/versions/2.pdf`, as: "executive" });
        expect(draft.status).toBe(200);
        const [sealed] = await db().select().from(agreedDocuments);
        const files = { draft: new Uint8Array(await draft.arrayBuffer()), agreed: new Uint8Array(sealed!.pdf) };
        for (const [name, bytes] of Object.entries(files)) {
          const file = path.join(dir, `${name}.pdf`);
          fs.writeFileSync(file, bytes);
          const text = (await run("pdftotext", ["-layout", file, "-"])).stdout.replace(/\s+/g, " ");
          const v = name === "draft" ? "2" : "1";
          const expected = [`def${v}.purpose`, `def${v}.outcome`, `def${v}.support`, `def${v}.measure`, `def${v}.periodName`, "service.name", "need.statement", "exec.name"];
          if (name === "agreed") expected.push("signoff.signerComment", "signoff.approverComment", "lead.title");
          expect(expected.filter((f) => !text.includes(markerOf(f))), name).toEqual([]);
          // Line breaks may fall anywhere: compare without spaces.
          const flat = text.replace(/\s+/g, "");
          expect(VARIANTS.filter((variant) => !flat.includes(variant.replace(/\s+/g, ""))), name).toEqual([]);
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }, 120_000);
  });

  it("never sets HTML from a string in the app (dangerouslySetInnerHTML, innerHTML, outerHTML, insertAdjacentHTML, document.write)", () => {
    // Files allowed to, each with why. None today: the root's scripts are Remix's own <Scripts nonce> and
    // <ScrollRestoration nonce>, which escape what they embed.
    const ALLOWED: Record<string, string> = {};
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.(tsx?|jsx?)$/.test(entry.name)) {
          const source = fs.readFileSync(file, "utf8");
          if (/dangerouslySetInnerHTML|\.(inner|outer)HTML\s*=|insertAdjacentHTML|document\.write/.test(source)) found.push(path.relative(process.cwd(), file));
        }
      }
    };
    walk(path.resolve("app"));
    expect(found.filter((f) => !ALLOWED[f])).toEqual([]);
  });
});
