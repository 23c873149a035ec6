import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { AgreementDocument } from "./document-data";
import type { RenderReply, RenderRequest } from "./worker";

/**
 * Service-document PDFs are laid out off the request thread, in a small pool of worker threads
 * (app/pdf/worker.ts): a 20-page document takes most of a second of CPU, which on the request
 * thread would stall every other request for as long.
 *
 * Nothing here imports the renderer: react-pdf stays out of the Remix server bundle and is loaded
 * only by the workers, from source, with tsx.
 */

/** All workers busy and the queue full: the caller should answer 503 and ask to try again shortly. */
export class PdfBusyError extends Error {
  override name = "PdfBusyError";
  readonly code = "pdf_busy";
  constructor(message = "Charter is making many PDFs just now: try again in a few seconds.") {
    super(message);
  }
}

/** The document could not be rendered: the renderer threw, its thread died, or it took too long. */
export class PdfRenderError extends Error {
  override name = "PdfRenderError";
  readonly code = "pdf_failed";
}

export interface PdfPoolOptions {
  /** Worker threads; default `PDF_WORKERS`, else min(2, available parallelism). */
  size?: number;
  /** Documents that may wait for a worker before more are refused with PdfBusyError; default 32. */
  maxQueue?: number;
  /** A render taking longer than this has its worker stopped and fails; default 60 s. */
  timeoutMs?: number;
  /** The worker module; default app/pdf/worker.ts under the working directory. */
  workerPath?: string;
}

export interface PdfPool {
  render(doc: AgreementDocument): Promise<Uint8Array>;
  /**
   * Starts every worker and has each render a small document, so that the first real one does not
   * wait for a thread to start (about 2 s) and its first, slowest render. Resolves when all are warm.
   */
  warm(): Promise<void>;
  /** Stops the workers; documents still waiting fail. */
  close(): Promise<void>;
  /** For tests and health checks. */
  stats(): { workers: number; busy: number; queued: number };
}

interface Job {
  id: number;
  doc: AgreementDocument;
  resolve: (pdf: Uint8Array) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  /** Being stopped (its render took too long): takes no more work. */
  retiring: boolean;
}

export function defaultPoolSize(): number {
  const fromEnv = Number.parseInt(process.env.PDF_WORKERS ?? "", 10);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return Math.max(1, Math.min(2, os.availableParallelism()));
}

/**
 * The Remix server runs from a bundle (build/index.js), so the worker is found from the working
 * directory — the repository root, as for `npm start` and the tests — not from this module's URL.
 */
export function defaultWorkerPath(): string {
  return path.resolve(process.cwd(), "app/pdf/worker.ts");
}

/**
 * The worker's first lines: register tsx's loader in the new thread, then load the TypeScript
 * worker module. (`execArgv: ["--import", "tsx"]` does not reach a worker's module loading on
 * Node 20: the thread fails with "Unknown file extension .ts".)
 */
function bootstrap(workerPath: string): string {
  const url = pathToFileURL(workerPath).href;
  return `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(url)}); });`;
}

export function createPdfPool(options: PdfPoolOptions = {}): PdfPool {
  const size = Math.max(1, options.size ?? defaultPoolSize());
  const maxQueue = Math.max(0, options.maxQueue ?? 32);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const workerPath = options.workerPath ?? defaultWorkerPath();

  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;

  function start(): Slot {
    const worker = new Worker(bootstrap(workerPath), { eval: true });
    const slot: Slot = { worker, job: null, timer: null, retiring: false };
    worker.on("message", (reply: RenderReply) => {
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      finish(slot);
      if (reply.ok) {
        job.resolve(new Uint8Array(reply.pdf));
      } else {
        const error = new PdfRenderError(reply.message);
        if (reply.stack) error.stack = reply.stack;
        job.reject(error);
      }
      dispatch();
    });
    // An uncaught error ends the thread; "exit" follows and does the cleaning up.
    worker.on("error", (error) => {
      const job = slot.job;
      finish(slot);
      job?.reject(new PdfRenderError(`The PDF renderer stopped: ${error.message}`));
    });
    worker.on("exit", (code) => {
      const job = slot.job;
      finish(slot);
      const index = slots.indexOf(slot);
      if (index >= 0) slots.splice(index, 1);
      job?.reject(new PdfRenderError(`The PDF renderer stopped (exit code ${code}).`));
      // A replacement starts when there is work for it.
      if (!closed) dispatch();
    });
    slots.push(slot);
    return slot;
  }

  function finish(slot: Slot) {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    // An idle worker does not keep the process alive.
    slot.worker.unref();
  }

  function assign(slot: Slot, job: Job) {
    slot.job = job;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      if (slot.job !== job) return;
      slot.retiring = true;
      finish(slot);
      job.reject(new PdfRenderError(`The PDF took longer than ${Math.round(timeoutMs / 1000)} s to render.`));
      void slot.worker.terminate();
    }, timeoutMs);
    slot.timer.unref();
    slot.worker.postMessage({ id: job.id, doc: job.doc } satisfies RenderRequest);
  }

  function dispatch() {
    while (queue.length > 0 && !closed) {
      const live = slots.filter((s) => !s.retiring);
      const slot = live.find((s) => s.job === null) ?? (live.length < size ? start() : undefined);
      if (!slot) return;
      assign(slot, queue.shift()!);
    }
  }

  function render(doc: AgreementDocument): Promise<Uint8Array> {
    if (closed) return Promise.reject(new PdfRenderError("The PDF pool is closed."));
    const live = slots.filter((s) => !s.retiring);
    const idle = live.some((s) => s.job === null) || live.length < size;
    if (!idle && queue.length >= maxQueue) return Promise.reject(new PdfBusyError());
    return new Promise<Uint8Array>((resolve, reject) => {
      queue.push({ id: nextId++, doc, resolve, reject });
      dispatch();
    });
  }

  return {
    render,
    async warm() {
      // Jobs go to idle workers first, so `size` of them at once start and reach every worker.
      // Twice: the second run is where most of the just-in-time compiling pays off.
      for (let round = 0; round < 2; round += 1) await Promise.all(Array.from({ length: size }, () => render(WARM_UP)));
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new PdfRenderError("The PDF pool is closed."));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
    stats() {
      return { workers: slots.length, busy: slots.filter((s) => s.job !== null).length, queued: queue.length };
    },
  };
}

// One pool per process, kept on globalThis so that `remix dev` re-importing the server build does
// not start another set of workers each time.
const POOL = Symbol.for("charter.pdfPool");
type WithPool = typeof globalThis & { [POOL]?: PdfPool };

function pool(): PdfPool {
  const g = globalThis as WithPool;
  g[POOL] ??= createPdfPool();
  return g[POOL];
}

/** The service document's PDF, rendered off the request thread. Throws PdfBusyError when saturated. */
export async function renderPdf(doc: AgreementDocument): Promise<Uint8Array> {
  return pool().render(doc);
}

/** Starts the process's PDF workers ahead of the first request (e.g. at server start). */
export async function warmPdfPool(): Promise<void> {
  await pool().warm();
}

/** Stops the process's PDF workers (tests, shutdown); the next renderPdf starts new ones. */
export async function closePdfPool(): Promise<void> {
  const g = globalThis as WithPool;
  const current = g[POOL];
  delete g[POOL];
  await current?.close();
}

/** A document of a few pages that goes through every part of the layout, to warm a worker up. */
const WARM_UP: AgreementDocument = {
  status: "draft",
  date: "1 January 2026",
  workspace: "Warm-up",
  verifyUrl: "https://example.invalid/verify/0",
  version: { number: 1, contentHash: "0".repeat(64), createdAt: "1 January 2026, 00:00 UTC", createdBy: null },
  service: {
    name: "Warm-up",
    kind: "Business service",
    provider: null,
    deliveryModel: null,
    owner: { name: "—", title: "—", contact: "" },
    agreement: null,
    lifecycle: "Draft",
    criticality: "Low",
    review: null,
  },
  units: ["Unit"],
  consumers: [{ unit: "Unit", spokesperson: "Someone", note: "" }],
  purpose: "Warms the renderer up — café, “quotes”, ≥ 1.",
  outcomes: [{ id: "o1", label: "Outcome 1", text: "An outcome.", needs: [{ ref: "N-1", statement: "A need." }] }],
  scopeIn: [],
  scopeOut: [],
  hours: { summary: "Always.", timeZone: "UTC", coverage: ["Monday 08:00–18:00"], holidays: "" },
  criticalPeriods: [],
  serviceLevels: [{ title: "Normal time", when: null, rows: [{ id: "l1", label: "Service level 1", measure: "Availability", kind: "Percentage", target: "99%", howMeasured: "Monthly.", needs: [] }] }],
  support: "Desk.",
  escalation: "Manager.",
  providerCosts: "",
  providerRisks: "",
  supporting: [{ name: "Network", provider: "Networks", providerKind: "Internal", owner: "Someone", agreement: null }],
  needs: [{ ref: "N-1", statement: "A need.", status: "Open", rank: null }],
  signoff: null,
  traceability: Array.from({ length: 60 }, (_, i) => ({
    clause: `Outcome ${(i % 4) + 1} — Branches open accounts on Saturdays, with cash ready by 09:00.`,
    need: `N-${(i % 7) + 1} Staff see a customer’s whole relationship before serving them`,
    quote: "The quick brown fox jumps over the lazy dog: ÀÉÎÕÜ àéîõü ß ç — 0123456789 ‘quotes’ “and more” … ≥ ≤ × →",
    stakeholder: "Someone Important, Head of Something, Some Unit",
    interviewDate: i % 2 ? "1 January 2026" : null,
  })),
};
