/**
 * A PDF rendering thread (see pool.server.ts): receives one document at a time, answers with its
 * bytes, transferred rather than copied. The pool registers tsx in the thread first, so this
 * source runs as it is.
 */
import os from "node:os";
import { parentPort } from "node:worker_threads";
import type { AgreementDocument } from "./document-data";
import { loadFonts } from "./fonts.js";
import { renderDocument } from "./render";

export interface RenderRequest {
  id: number;
  doc: AgreementDocument;
}

export type RenderReply = { id: number; ok: true; pdf: ArrayBuffer } | { id: number; ok: false; message: string; stack?: string };

if (!parentPort) throw new Error("app/pdf/worker.ts runs as a worker thread (see pool.server.ts)");
const port = parentPort;

// Rendering gives way to the thread that answers requests: on Linux a thread's niceness is its own,
// so this lowers only the rendering thread. Where the system refuses, it renders at normal priority.
try {
  os.setPriority(19);
} catch {
  // not permitted here: carry on
}

// Parse the fonts while the first document is on its way.
const ready = loadFonts();

port.on("message", async ({ id, doc }: RenderRequest) => {
  try {
    await ready;
    const bytes = await renderDocument(doc);
    // Transfer needs a buffer of exactly these bytes; pdf-lib's output is one, but be sure.
    const pdf = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
    port.postMessage({ id, ok: true, pdf } satisfies RenderReply, [pdf]);
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    port.postMessage({ id, ok: false, message: err.message, stack: err.stack } satisfies RenderReply);
  }
});
