import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import { chromium } from "playwright-core";
import { createElement, type FunctionComponent } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { closeDatabase, db, openDatabase, type OpenOptions } from "../app/db.server";
import { DocumentView } from "../app/components/signoff/document-view";
import { documentData } from "../app/models/agreement-document.server";
import { rowsOf } from "../app/models/rows.server";
import type { AgreementDocument, ClauseText, ServiceLevelRow, TraceRow } from "../app/pdf/document-data";
import { closePdfPool } from "../app/pdf/pool.server";
import { renderDocument } from "../app/pdf/render";
import { bootstrapWorkspace } from "../db/seed/bootstrap";
import { DEMO_PASSWORD } from "../db/seed/demo-users";
import { demoOrigin } from "../db/seed/signoff";
import { freshPostgresDatabase } from "../scripts/fresh-database";
import { autosaveLoad, pacedAutosave, startInterviews } from "./autosave";
import { table } from "./load";
import { signInCookie, spawnServer } from "./server";

/**
 * Service-document PDFs (app/pdf/render.ts, app/pdf/pool.server.ts), three ways:
 *
 * 1. In process: the demo's largest agreed document (Branch Banking, version 1), padded to about
 *    20 pages (a traceability appendix of exactly 200 quotes, the real rows repeated, and more
 *    outcomes and service levels, the real ones repeated), rendered BENCH_PDF_RUNS (200) times
 *    back to back with renderDocument. Targets: p50 < 1 s per document; resident memory after
 *    all the renders within 50 MB of what it was after the first 10 (both read after a full GC
 *    when the process runs with --expose-gc; without it the figures are marked as taken without).
 *    When the p50 target is missed, a CPU profile of a few renders says where the time goes.
 * 2. Off the request thread: the production build on the demo workspace (loaded once, by this
 *    process, into the database the server then starts on), 50 interviewers saving twice a second
 *    each (bench/autosave.ts) alone, then again while 4 GETs of a draft version's PDF (rendered on
 *    every request, by the worker pool) are always in flight. Target: autosave p95 < 100 ms with
 *    the PDFs rendering; also printed: the PDFs made per second, and (on Linux) the CPU the
 *    server's request thread and its other threads used in each run, with the machine's load.
 * 3. Headless Chromium (playwright-core, /usr/bin/chromium or CHROMIUM_PATH) making the same
 *    content into an A4 PDF from HTML (the sign-off page's DocumentView with the app's CSS, plus
 *    cover, sign-off and appendix tables): setContent + pdf, 20 runs after 3 warm-ups, on a warm
 *    browser and page. Prints its p50 and react-pdf's p50 over it.
 *
 * Alone: `node --expose-gc --import tsx bench/pdf.ts` (`npx tsx bench/pdf.ts` works too, with
 * the memory figures read without a forced GC). BENCH_PDF_RUNS=20 for a quick look;
 * BENCH_SECONDS (10) is the length of each autosave run. Prints figures; the exit code is 0 either way.
 */
const RENDER_P50_TARGET_MS = 1000;
const RSS_GROWTH_TARGET_MB = 50;
const AUTOSAVE_P95_TARGET_MS = 100;
const TRACE_ROWS = 200;
const TARGET_PAGES = 20;
const PDFS_IN_FLIGHT = 4;
const CHROMIUM_RUNS = 20;
const CHROMIUM_WARM_UPS = 3;
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

const MB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** The machine's 1-minute load average against its cores: figures taken on a busy machine say so. */
const loadAverage = () => `${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores`;

const ms = (n: number) => `${n.toFixed(0)} ms`;
const verdict = (ok: boolean) => (ok ? "met" : "NOT met");

async function pageCount(pdf: Uint8Array): Promise<number> {
  return (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
}

/** Resident memory and the JS heap in MB, after a full collection when the process allows one. */
function memoryMb(): { rss: number; heap: number } {
  if (gc) {
    gc();
    gc();
  }
  const m = process.memoryUsage();
  return { rss: m.rss / MB, heap: m.heapUsed / MB };
}

// ---------------------------------------------------------------------------------------------
// The document: the demo's largest agreed one, as documentData gathers it, padded to ~20 pages.

/**
 * Loads the demo workspace (as the server does on an empty database) and gathers its largest
 * agreed document: by default into an in-memory PGlite, as the tests do; pdfBench loads it into
 * the folder (or PostgreSQL database) the bench server then starts on, so the demo is loaded once.
 */
export async function demoAgreedDocument(
  open: OpenOptions = { pgliteDir: "memory://" },
): Promise<{ doc: AgreementDocument; sealedPages: number; sealedBytes: number }> {
  await openDatabase(open);
  try {
    const workspace = await bootstrapWorkspace({ loadDemo: true });
    if (workspace.state !== "demo-loaded") throw new Error(`Expected an empty database for the demo workspace, found ${workspace.state}.`);
    const [largest] = rowsOf<{ version_id: string; pages: number; bytes: number }>(
      await db().execute(sql`select version_id, pages, bytes from agreed_documents order by pages desc, bytes desc limit 1`),
    );
    if (!largest) throw new Error("The demo workspace has no agreed document (db/seed/signoff.ts seals Branch Banking's version 1).");
    const doc = await documentData({ versionId: largest.version_id, origin: demoOrigin() });
    if (!doc) throw new Error("The agreed version's document could not be gathered.");
    return { doc, sealedPages: largest.pages, sealedBytes: largest.bytes };
  } finally {
    await closeDatabase();
    // Sealing the demo's agreement rendered in the worker pool; this process renders in its own thread from here on.
    await closePdfPool();
  }
}

/** `count` items taken round-robin from `real`, each made distinct by `make(item, index, round)`. */
function cycle<T, U>(real: readonly T[], count: number, make: (item: T, index: number, round: number) => U): U[] {
  if (real.length === 0) return [];
  return Array.from({ length: count }, (_, i) => make(real[i % real.length]!, i, Math.floor(i / real.length)));
}

/**
 * The document with `extra` more outcomes and normal-time service levels (the real ones again,
 * numbered on) and an appendix of exactly 200 quotes (the real rows again, citing the added clauses too).
 */
export function padDocument(doc: AgreementDocument, extra: number): AgreementDocument {
  const outcomes: ClauseText[] = [
    ...doc.outcomes,
    ...cycle(doc.outcomes, extra, (c, i, round) => ({ ...c, id: `${c.id}-pad-${round}-${i}`, label: `Outcome ${doc.outcomes.length + i + 1}` })),
  ];
  const [normal, ...periods] = doc.serviceLevels;
  const normalRows = normal?.rows ?? [];
  const allRows = doc.serviceLevels.flatMap((t) => t.rows);
  const levelCount = allRows.length;
  const addedLevels: ServiceLevelRow[] = cycle(normalRows.length ? normalRows : allRows, extra, (l, i, round) => ({
    ...l,
    id: `${l.id}-pad-${round}-${i}`,
    label: `Service level ${levelCount + i + 1}`,
  }));
  const serviceLevels = [{ title: normal?.title ?? "Normal time", when: normal?.when ?? null, rows: [...normalRows, ...addedLevels] }, ...periods];
  const real = doc.traceability.length
    ? doc.traceability
    : outcomes.map((c): TraceRow => ({ clause: `${c.label} — ${c.text}`, need: c.needs[0] ? `${c.needs[0].ref} ${c.needs[0].statement}` : "", quote: c.text, stakeholder: doc.service.owner.name, interviewDate: doc.date }));
  const traceability = cycle(real, TRACE_ROWS, (row, i): TraceRow => {
    if (i < real.length) return row;
    const clause = outcomes[i % outcomes.length]!;
    return i % 2 === 0 ? row : { ...row, clause: `${clause.label} — ${clause.text}` };
  });
  return { ...doc, outcomes, serviceLevels, traceability };
}

/** Adds clauses until the rendered document reaches about TARGET_PAGES pages; returns it with its page count and size. */
export async function paddedToPages(doc: AgreementDocument): Promise<{ doc: AgreementDocument; pages: number; bytes: number; extra: number }> {
  let extra = 0;
  for (let attempt = 0; ; attempt++) {
    const padded = padDocument(doc, extra);
    const pdf = await renderDocument(padded);
    const pages = await pageCount(pdf);
    if (pages >= TARGET_PAGES - 1 || attempt >= 8) return { doc: padded, pages, bytes: pdf.byteLength, extra };
    // Roughly three added pairs (an outcome and a service level) to a page: do not overshoot by much.
    extra += Math.max(2, (TARGET_PAGES - pages) * 3);
  }
}

// ---------------------------------------------------------------------------------------------
// 1. In process.

export interface InProcessResult {
  p50: number;
  p95: number;
  max: number;
  first: number;
  after10: { rss: number; heap: number };
  afterAll: { rss: number; heap: number };
  runs: number;
}

export async function inProcessRenders(doc: AgreementDocument, runs: number): Promise<InProcessResult> {
  const times: number[] = [];
  let after10 = { rss: 0, heap: 0 };
  const started = performance.now();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const pdf = await renderDocument(doc);
    times.push(performance.now() - t);
    if (pdf.byteLength < 1000) throw new Error(`render ${i + 1} gave ${pdf.byteLength} bytes`);
    if (i === Math.min(10, runs) - 1) after10 = memoryMb();
    if ((i + 1) % 50 === 0 && i + 1 < runs) console.log(`  … ${i + 1} of ${runs} renders, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const afterAll = memoryMb();
  const first = times[0] ?? 0;
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: sorted[sorted.length - 1] ?? 0, first, after10, afterAll, runs };
}

export interface ProfileLine {
  name: string;
  ms: number;
  share: number;
}

/**
 * Where a render's time goes: a CPU profile of `runs` renders, self time per render summed by
 * package (react-pdf's layout, textkit, pdfkit, fontkit, yoga; pdf-lib; the app's own components;
 * GC), and the functions that take most of it.
 */
export async function renderProfile(doc: AgreementDocument, runs = 5): Promise<{ packages: ProfileLine[]; functions: ProfileLine[] }> {
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 500 });
    await session.post("Profiler.start");
    for (let i = 0; i < runs; i++) await renderDocument(doc);
    const { profile } = await session.post("Profiler.stop");
    const root = fileURLToPath(new URL("..", import.meta.url));
    const packageOf = (url: string, fn: string): string => {
      if (!url) return fn.startsWith("(") ? fn : "(native / builtins)";
      const file = url.startsWith("file://") ? fileURLToPath(url) : url;
      const nm = file.lastIndexOf("node_modules/");
      if (nm >= 0) {
        const rest = file.slice(nm + "node_modules/".length).split("/");
        return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
      }
      if (file.startsWith("node:")) return "(node internals)";
      if (file.startsWith("wasm://")) return "(WebAssembly: yoga)";
      if (file.startsWith(root)) return path.relative(root, file);
      return file;
    };
    const counts = new Map<number, number>();
    for (const id of profile.samples ?? []) counts.set(id, (counts.get(id) ?? 0) + 1);
    const total = profile.samples?.length ?? 0;
    const msPerSample = (profile.endTime - profile.startTime) / 1000 / Math.max(1, total);
    const packages = new Map<string, number>();
    const functions = new Map<string, number>();
    for (const node of profile.nodes) {
      const n = counts.get(node.id) ?? 0;
      if (!n) continue;
      const { url, functionName, lineNumber } = node.callFrame;
      const pkg = packageOf(url, functionName);
      packages.set(pkg, (packages.get(pkg) ?? 0) + n);
      const fn = url ? `${functionName || "(anonymous)"} (${pkg}${pkg.startsWith("(") ? "" : `:${lineNumber + 1}`})` : pkg;
      functions.set(fn, (functions.get(fn) ?? 0) + n);
    }
    const lines = (m: Map<string, number>) =>
      [...m.entries()].map(([name, n]) => ({ name, ms: (n * msPerSample) / runs, share: n / Math.max(1, total) })).sort((a, b) => b.ms - a.ms);
    return { packages: lines(packages), functions: lines(functions) };
  } finally {
    session.disconnect();
  }
}

/**
 * The body's layout alone (sections, sign-off, appendix: react-pdf's renderToBuffer of the body
 * document render.ts lays out first), median of `runs`; the rest of a render is the front (cover,
 * contents and one page of header, footer and QR code per page) and pdf-lib joining them.
 * Null when the module no longer has that shape.
 */
export async function bodyLayoutMs(doc: AgreementDocument, runs = 5): Promise<number | null> {
  const parts = (await import("../app/pdf/components/document")) as Record<string, unknown>;
  const { renderToBuffer } = await import("@react-pdf/renderer");
  const Body = parts.BodyDocument;
  if (typeof Body !== "function") return null;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await renderToBuffer(createElement(Body as FunctionComponent<{ doc: AgreementDocument }>, { doc }) as Parameters<typeof renderToBuffer>[0]);
    times.push(performance.now() - t);
  }
  return percentile(times.sort((a, b) => a - b), 0.5);
}

// ---------------------------------------------------------------------------------------------
// 2. Off the request thread.

interface ServiceRow {
  id: string;
  name: string;
}

/** A version that is not agreed, so its PDF route renders on every GET: one never submitted if there is one. */
async function draftVersionPath(url: string, cookie: string): Promise<{ path: string; label: string }> {
  const list = (await (await fetch(`${url}/services?_data=routes%2Fservices._index`, { headers: { cookie } })).json()) as { rows: ServiceRow[] };
  const candidates: { path: string; label: string; submitted: boolean }[] = [];
  for (const s of list.rows) {
    const page = (await (await fetch(`${url}/services/${s.id}?_data=routes%2Fservices.%24serviceId._index`, { headers: { cookie } })).json()) as {
      versions: { number: number }[];
      signoffs: Record<string, { status: string } | undefined>;
    };
    for (const v of page.versions) {
      const signoff = page.signoffs[v.number];
      if (signoff?.status === "agreed") continue;
      candidates.push({ path: `/services/${s.id}/versions/${v.number}.pdf`, label: `${s.name}, version ${v.number} (${signoff ? signoff.status : "draft"})`, submitted: Boolean(signoff) });
    }
  }
  const chosen = candidates.find((c) => !c.submitted) ?? candidates[0];
  if (!chosen) throw new Error("The demo workspace has no version that is not agreed: no PDF to render on request.");
  return chosen;
}

/** `inFlight` loops, each GETting the PDF again as soon as the last one arrived, until `stop()`. */
function pdfLoad(url: string, pdfPath: string, cookie: string, inFlight: number) {
  let running = true;
  const done: { at: number; ms: number; status: number }[] = [];
  let errors = 0;
  const loops = Array.from({ length: inFlight }, async () => {
    while (running) {
      const t = performance.now();
      try {
        const response = await fetch(`${url}${pdfPath}`, { headers: { cookie } });
        await response.arrayBuffer();
        done.push({ at: performance.now(), ms: performance.now() - t, status: response.status });
        if (response.status === 503) await new Promise((r) => setTimeout(r, 100));
      } catch {
        errors += 1;
      }
    }
  });
  return {
    done,
    get errors() {
      return errors;
    },
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

/**
 * CPU seconds so far of the bench server's threads (Linux /proc), the request thread apart from
 * the rest (render workers, V8's GC and compiler helpers, libuv): saves slowed by a starved
 * request thread look different from saves held up by work on it. Null elsewhere.
 */
function serverThreadCpu(): { main: number; others: number } | null {
  try {
    const pid = execFileSync("pgrep", ["-P", String(process.pid), "-f", "server/index.ts"], { encoding: "utf8" }).trim().split("\n")[0];
    if (!pid) return null;
    const tick = 100; // USER_HZ on Linux
    let main = 0;
    let others = 0;
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      try {
        const fields = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8").split(") ")[1]!.split(" ");
        const seconds = (Number(fields[11]) + Number(fields[12])) / tick;
        if (tid === pid) main += seconds;
        else others += seconds;
      } catch {
        // the thread ended
      }
    }
    return { main, others };
  } catch {
    return null;
  }
}

/** What a stretch of the run cost the server's threads, in cores busy on average. */
async function withServerCpu<T>(fn: () => Promise<T>): Promise<{ result: T; cpu: string }> {
  const before = serverThreadCpu();
  const started = performance.now();
  const result = await fn();
  const after = serverThreadCpu();
  const seconds = (performance.now() - started) / 1000;
  const cpu =
    before && after
      ? `request thread ${((after.main - before.main) / seconds).toFixed(2)} cores, its other threads ${((after.others - before.others) / seconds).toFixed(2)}, machine load ${loadAverage()}`
      : `machine load ${loadAverage()}`;
  return { result, cpu };
}

export interface OffThreadResult {
  alone: number;
  withPdfs: number;
  pdfsPerSecond: number;
}

/**
 * The production build on loopback, on the demo workspace at `dataDir` / `databaseUrl` (loaded
 * already, or loaded by the server on its empty database).
 */
export async function offRequestThread({
  duration = 10,
  build = true,
  port = 3203,
  dataDir,
  databaseUrl,
}: {
  duration?: number;
  build?: boolean;
  port?: number;
  dataDir: string;
  databaseUrl: string;
}): Promise<OffThreadResult> {
  if (build) execFileSync("npx", ["remix", "build"], { stdio: "ignore", env: { ...process.env, NODE_ENV: "production" } });
  const server = await spawnServer({ port, dataDir, databaseUrl, env: { CHARTER_DEMO: "1" } });
  try {
    const rm = await signInCookie(server.url, "rm@meridian.example", DEMO_PASSWORD);
    const draft = await draftVersionPath(server.url, rm);
    const first = await fetch(`${server.url}${draft.path}`, { headers: { cookie: rm } });
    const firstPdf = new Uint8Array(await first.arrayBuffer());
    if (first.status !== 200 || first.headers.get("content-type") !== "application/pdf") throw new Error(`${draft.path} answered ${first.status}, not a PDF: nothing measured.`);
    const draftPages = await pageCount(firstPdf);

    // Two sets of interviewers, so each paced run's first save is based on the answer's real revision (0).
    const alone = await startInterviews(server.url, rm, 50);
    const withPdfs = await startInterviews(server.url, rm, 50);
    await autosaveLoad(server.url, rm, alone, { duration: 2 });
    await autosaveLoad(server.url, rm, withPdfs, { duration: 2 });
    // Warm the pool: every worker has rendered before anything is measured.
    const warm = pdfLoad(server.url, draft.path, rm, PDFS_IN_FLIGHT);
    await new Promise((r) => setTimeout(r, 3000));
    await warm.stop();

    const { result: pacedAlone, cpu: cpuAlone } = await withServerCpu(() => pacedAutosave(server.url, rm, alone, { duration, perSecond: 2 }));
    const pdfs = pdfLoad(server.url, draft.path, rm, PDFS_IN_FLIGHT);
    await new Promise((r) => setTimeout(r, 500));
    const from = performance.now();
    const { result: pacedWith, cpu: cpuWith } = await withServerCpu(() => pacedAutosave(server.url, rm, withPdfs, { duration, perSecond: 2 }));
    const to = performance.now();
    await pdfs.stop();

    const during = pdfs.done.filter((d) => d.at >= from && d.at <= to);
    const rendered = during.filter((d) => d.status === 200);
    const busy = during.filter((d) => d.status === 503).length;
    const other = during.length - rendered.length - busy;
    const pdfMs = rendered.map((d) => d.ms).sort((a, b) => a - b);
    const pdfsPerSecond = rendered.length / ((to - from) / 1000);
    pacedWith.name = `${pacedWith.name}, ${PDFS_IN_FLIGHT} PDFs in flight`;

    console.log(`\n2. PDFs off the request thread (load average ${loadAverage()}): production build, ${databaseUrl ? "PostgreSQL" : "PGlite (embedded)"}, draft PDF ${draft.label}: ${draftPages} pages, ${(firstPdf.byteLength / 1024).toFixed(0)} KB.\n`);
    table([pacedAlone, pacedWith]);
    console.log(
      `\nPDFs during the run: ${rendered.length} in ${((to - from) / 1000).toFixed(1)} s = ${pdfsPerSecond.toFixed(2)} PDFs/s ` +
        `(each ${ms(percentile(pdfMs, 0.5))} p50, ${ms(percentile(pdfMs, 0.95))} p95 to the last byte)` +
        `${busy ? `; ${busy} answered 503 (pool busy)` : ""}${other ? `; ${other} other non-200` : ""}${pdfs.errors ? `; ${pdfs.errors} errors` : ""}`,
    );
    console.log(`server CPU, autosave alone: ${cpuAlone}; with the PDFs: ${cpuWith}.`);
    console.log(`autosave p95 alone: ${pacedAlone.p95.toFixed(1)} ms; with ${PDFS_IN_FLIGHT} PDFs rendering: ${pacedWith.p95.toFixed(1)} ms  (target < ${AUTOSAVE_P95_TARGET_MS} ms: ${verdict(pacedWith.p95 < AUTOSAVE_P95_TARGET_MS)})`);
    for (const r of [pacedAlone, pacedWith]) {
      if (r.non2xx > 0 || r.errors > 0) console.log(`WARNING: ${r.non2xx} refused saves and ${r.errors} errors in "${r.name}".`);
    }
    return { alone: pacedAlone.p95, withPdfs: pacedWith.p95, pdfsPerSecond };
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Headless Chromium, the same content from HTML.

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The document as one HTML page: cover facts, the sign-off page's DocumentView, the sign-off record and the appendix, with the app's CSS. */
export function documentHtml(doc: AgreementDocument, css: string): string {
  const e = escapeHtml;
  const facts: [string, string | null][] = [
    ["Service", `${doc.service.name} (${doc.service.kind})`],
    ["Provider", doc.service.provider],
    ["Owner", `${doc.service.owner.name}, ${doc.service.owner.title}, ${doc.service.owner.contact}`],
    ["Agreement", doc.service.agreement],
    ["Lifecycle", doc.service.lifecycle],
    ["Criticality", doc.service.criticality],
    ["Review", doc.service.review],
    ["Used by", doc.units.join(", ")],
    ["Content SHA-256", doc.version.contentHash],
    ["Verify at", doc.verifyUrl],
  ];
  const cover = `<header class="doc-cover"><p class="muted">${e(doc.workspace)} · Service definition</p><h1>${e(doc.service.name)}</h1>
<p>Version ${doc.version.number} · ${e(doc.status)} · ${e(doc.date)}</p>
<dl>${facts.filter(([, v]) => v).map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v!)}</dd>`).join("")}</dl></header>`;
  const view = renderToStaticMarkup(createElement(DocumentView, { doc, comments: [] }));
  const s = doc.signoff;
  const signoff = s
    ? `<section class="doc-section"><h3>12. Sign-off</h3><p>Submitted by ${e(s.submittedBy)}, ${e(s.submittedAt)} · ${e(s.order)}${s.due ? ` · due ${e(s.due)}` : ""}</p>${s.message ? `<p class="pre-line">${e(s.message)}</p>` : ""}
<table><thead><tr><th>Role</th><th>Name</th><th>Decision</th><th>When</th><th>Comment</th></tr></thead><tbody>${s.people
        .map((p) => `<tr><td>${e(p.role)}</td><td>${e(p.name)}<div class="small muted">${e(p.title)}${p.delegation ? ` · ${e(p.delegation)}` : ""}</div></td><td>${e(p.decision)}</td><td>${e(p.at ?? "")}</td><td>${e(p.comment ?? "")}</td></tr>`)
        .join("")}</tbody></table></section>`
    : "";
  const appendix = `<section class="doc-section"><h3>Appendix: traceability</h3><table><thead><tr><th>Clause</th><th>Need</th><th>What was said</th><th>Who, when</th></tr></thead><tbody>${doc.traceability
    .map((t) => `<tr><td>${e(t.clause)}</td><td>${e(t.need)}</td><td>“${e(t.quote)}”</td><td>${e(t.stakeholder)}${t.interviewDate ? `<div class="small muted">${e(t.interviewDate)}</div>` : ""}</td></tr>`)
    .join("")}</tbody></table></section>`;
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${e(doc.service.name)} — version ${doc.version.number}</title><style>${css}
@page { size: A4; margin: 18mm 16mm; } body { background: #fff; } table { width: 100%; border-collapse: collapse; font-size: 0.8rem; } th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #ddd; padding: 4px; } tr { break-inside: avoid; }
.doc-clause { grid-template-columns: minmax(0, 1fr); } /* no comments beside the clauses on paper */
</style></head><body><main>${cover}${view}${signoff}${appendix}</main></body></html>`;
}

export interface ChromiumResult {
  p50: number;
  p95: number;
  pages: number;
  bytes: number;
  launchMs: number;
}

export async function chromiumRenders(doc: AgreementDocument, { runs = CHROMIUM_RUNS, warmUps = CHROMIUM_WARM_UPS } = {}): Promise<ChromiumResult> {
  const css = fs.readFileSync(fileURLToPath(new URL("../app/styles/app.css", import.meta.url)), "utf8");
  const html = documentHtml(doc, css);
  const launchStart = performance.now();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const launchMs = performance.now() - launchStart;
    const times: number[] = [];
    let pdf: Uint8Array = new Uint8Array();
    for (let i = 0; i < warmUps + runs; i++) {
      const t = performance.now();
      await page.setContent(html, { waitUntil: "load" });
      pdf = await page.pdf({ format: "A4", printBackground: true });
      if (i >= warmUps) times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), pages: await pageCount(pdf), bytes: pdf.byteLength, launchMs };
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------------

export async function pdfBench({
  runs = Number(process.env.BENCH_PDF_RUNS ?? 200),
  duration = Number(process.env.BENCH_SECONDS ?? 10),
  build = true,
  port = 3203,
}: { runs?: number; duration?: number; build?: boolean; port?: number } = {}) {
  const benchStart = performance.now();
  console.log(`\nPDF bench (Node ${process.version}${gc ? ", --expose-gc" : ", no --expose-gc: memory read without a forced GC"}).`);
  // The demo is loaded once, here, into the database the bench server then starts on (PostgreSQL
  // when DATABASE_URL is set, else a PGlite folder that is this process's until it closes it).
  const dataDir = path.resolve("bench/.results/pdf");
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const databaseUrl = process.env.DATABASE_URL ? await freshPostgresDatabase(process.env.DATABASE_URL, "charter_bench_pdf") : "";

  let reactPdfP50: number | null = null;
  let padded: AgreementDocument | null = null;
  let demoLoaded = false;
  try {
    const t = performance.now();
    const { doc, sealedPages, sealedBytes } = await demoAgreedDocument(databaseUrl ? { url: databaseUrl } : { pgliteDir: path.join(dataDir, "pglite"), lockDir: dataDir });
    demoLoaded = true;
    const loaded = performance.now() - t;
    const result = await paddedToPages(doc);
    padded = result.doc;
    const levels = padded.serviceLevels.reduce((n, tb) => n + tb.rows.length, 0);
    console.log(
      `\n1. In process (load average ${loadAverage()}): ${doc.service.name}, version ${doc.version.number} (${doc.status}; sealed copy ${sealedPages} pages, ${(sealedBytes / 1024).toFixed(0)} KB; ` +
        `demo loaded in ${(loaded / 1000).toFixed(1)} s), with an appendix of ${padded.traceability.length} quotes (its ${doc.traceability.length} real ones repeated)` +
        (result.extra
          ? ` and ${result.extra} more outcomes and service levels (now ${padded.outcomes.length} and ${levels})`
          : ` and its own ${padded.outcomes.length} outcomes and ${levels} service levels (the appendix alone takes it past ${TARGET_PAGES - 1} pages)`) +
        `: ${result.pages} pages (target about ${TARGET_PAGES}), ${(result.bytes / 1024).toFixed(0)} KB.`,
    );
    const r = await inProcessRenders(padded, runs);
    reactPdfP50 = r.p50;
    const growth = r.afterAll.rss - r.after10.rss;
    console.log(`${r.runs} renders with renderDocument, one at a time: p50 ${ms(r.p50)}, p95 ${ms(r.p95)}, max ${ms(r.max)} (the first of them ${ms(r.first)})  (target p50 < ${RENDER_P50_TARGET_MS} ms: ${verdict(r.p50 < RENDER_P50_TARGET_MS)})`);
    console.log(
      `RSS${gc ? " after a full GC" : " (no forced GC)"}: ${r.after10.rss.toFixed(0)} MB after ${Math.min(10, r.runs)} renders, ${r.afterAll.rss.toFixed(0)} MB after ${r.runs}: ` +
        `${growth >= 0 ? "+" : ""}${growth.toFixed(1)} MB  (target within ${RSS_GROWTH_TARGET_MB} MB: ${verdict(growth <= RSS_GROWTH_TARGET_MB)}); ` +
        `JS heap in use ${r.after10.heap.toFixed(0)} MB, then ${r.afterAll.heap.toFixed(0)} MB`,
    );
    if (r.p50 >= RENDER_P50_TARGET_MS || process.env.BENCH_PDF_PROFILE) {
      const body = await bodyLayoutMs(padded);
      if (body !== null) console.log(`Of that, the body's layout alone (sections, sign-off, appendix; react-pdf renderToBuffer): ${ms(body)} p50; the front (cover, contents, a chrome page per page) and joining take the rest.`);
      const profile = await renderProfile(padded);
      const row = (p: ProfileLine) => ({ "ms per render": p.ms.toFixed(0), share: `${(p.share * 100).toFixed(1)}%` });
      console.log(`Where a render's time goes (CPU profile of 5 renders, self time per render), by package:`);
      console.table(profile.packages.slice(0, 12).map((p) => ({ where: p.name, ...row(p) })));
      console.log("and by function:");
      console.table(profile.functions.slice(0, 15).map((p) => ({ function: p.name, ...row(p) })));
    }
  } catch (error) {
    console.log(`\n1. In process: failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  }

  try {
    if (!demoLoaded) {
      // Loading the demo failed above: start afresh and let the server load it.
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.mkdirSync(dataDir, { recursive: true });
    }
    await offRequestThread({ duration, build, port, dataDir, databaseUrl: demoLoaded || !process.env.DATABASE_URL ? databaseUrl : await freshPostgresDatabase(process.env.DATABASE_URL, "charter_bench_pdf") });
  } catch (error) {
    console.log(`\n2. Off the request thread: failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  if (padded) {
    try {
      const c = await chromiumRenders(padded);
      console.log(
        `\n3. Headless Chromium (load average ${loadAverage()}), the same document as HTML (warm browser and page; launch took ${ms(c.launchMs)}): setContent + pdf A4, ${CHROMIUM_RUNS} runs after ${CHROMIUM_WARM_UPS} warm-ups: ` +
          `p50 ${ms(c.p50)}, p95 ${ms(c.p95)}; ${c.pages} pages, ${(c.bytes / 1024).toFixed(0)} KB.`,
      );
      if (reactPdfP50 !== null) console.log(`react-pdf p50 / Chromium p50: ${(reactPdfP50 / c.p50).toFixed(2)}`);
    } catch (error) {
      console.log(`\n3. Headless Chromium: failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  console.log(`\nPDF bench took ${((performance.now() - benchStart) / 1000).toFixed(0)} s.`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  pdfBench().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
