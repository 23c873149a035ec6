import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APPENDIX_SECTION } from "../../app/pdf/components/appendix";
import { DEFINITION_SECTIONS } from "../../app/pdf/components/sections";
import { SIGNOFF_SECTION } from "../../app/pdf/components/signoff";
import type { AgreementDocument } from "../../app/pdf/document-data";
import { closePdfPool, createPdfPool, PdfBusyError, PdfRenderError, renderPdf, warmPdfPool, type PdfPool } from "../../app/pdf/pool.server";
import { renderDocument } from "../../app/pdf/render";
import { SAMPLE_HASH, SAMPLE_VERIFY_URL, sampleDocument } from "../support/sample-document";
import { hasPoppler } from "../support/poppler";

// Rendering takes a second or two cold; a worker thread starts in one or two more.
const SLOW = 90_000;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "charter-pdf-"));
let files = 0;

/**
 * The PDF's text as poppler reads it, in content order (-raw keeps the rotated watermark's words),
 * with runs of white space as one space, so that a phrase wrapped over two lines still matches.
 */
function pdfText(pdf: Uint8Array): string {
  const file = path.join(dir, `doc-${++files}.pdf`);
  fs.writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
}

function pdfInfo(pdf: Uint8Array): Record<string, string> {
  const file = path.join(dir, `info-${++files}.pdf`);
  fs.writeFileSync(file, pdf);
  const out = execFileSync("pdfinfo", ["-enc", "UTF-8", file], { encoding: "utf8" });
  return Object.fromEntries(out.split("\n").map((line) => [line.slice(0, line.indexOf(":")).trim(), line.slice(line.indexOf(":") + 1).trim()]));
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasPoppler)("renderDocument", () => {
  const agreed = sampleDocument({ status: "agreed" });
  const pending = sampleDocument({ status: "pending" });
  let agreedPdf: Uint8Array;
  let agreedText: string;
  let pendingText: string;

  beforeAll(async () => {
    agreedPdf = await renderDocument(agreed);
    agreedText = pdfText(agreedPdf);
    pendingText = pdfText(await renderDocument(pending));
  }, SLOW);

  it("prints every section, in the contents and in the body", () => {
    for (const { title } of [...DEFINITION_SECTIONS, SIGNOFF_SECTION, APPENDIX_SECTION]) {
      expect(count(agreedText, title), title).toBeGreaterThanOrEqual(2);
    }
    expect(agreedText).toContain("Contents");
  });

  it("names the service, its version, the people who signed off, the hash and the verify link", () => {
    expect(agreedText).toContain("Branch Banking");
    expect(agreedText).toContain("Version 3");
    expect(agreedText).toContain("Meridian Bank");
    const signoff = agreed.signoff!;
    expect(agreedText).toContain(signoff.submittedBy);
    for (const person of signoff.people) {
      expect(agreedText).toContain(person.name);
      expect(agreedText).toContain(person.decision);
    }
    expect(agreedText).toContain("Delegated by Dana Okafor");
    // On every page: the footer.
    const pages = Number(pdfInfo(agreedPdf).Pages);
    expect(count(agreedText, SAMPLE_HASH)).toBeGreaterThanOrEqual(pages);
    expect(count(agreedText, SAMPLE_VERIFY_URL)).toBeGreaterThanOrEqual(pages);
    expect(agreedText).toContain(`Page 1 of ${pages}`);
    expect(agreedText).toContain(`Page ${pages} of ${pages}`);
  });

  it("prints text as it was written: accents, curly quotes, dashes, symbols and markup", () => {
    for (const s of ["Café", "Tomás Ibáñez", "customer’s", "“customer’s”", "–", "—", "≥ 99.5%", "≤ 16", "→", "<script>alert(1)</script>"]) {
      expect(agreedText, s).toContain(s);
    }
  });

  it(
    "sets accents typed as a letter and a combining mark as the accented letter",
    async () => {
      const decomposed = { ...agreed, purpose: "Cafe\u0301 opening; the Mo\u0308bius strip." };
      expect(pdfText(await renderDocument(decomposed))).toContain("Café opening; the Möbius strip.");
    },
    SLOW,
  );

  it("ranks the needs and traces clauses to quotes", () => {
    expect(agreedText).toContain("3rd of 14 — Branch and back-office priorities, autumn 2026");
    expect(agreedText).toContain("Not ranked");
    expect(agreedText).toContain("Priya Shah, Branch Manager, Retail Banking");
    expect(agreedText).toContain("interviewed 5 October 2026");
    expect(agreedText).toContain("Answers N-1 Branches open new current accounts on the day");
  });

  it("marks a copy that is not agreed as a draft on every page, and only then", () => {
    expect(agreedText).not.toContain("DRAFT");
    expect(count(pendingText, "DRAFT — not agreed")).toBe(count(pendingText, SAMPLE_HASH));
    expect(pendingText).toContain("Under review");
  });

  it("sets the PDF's metadata", () => {
    const info = pdfInfo(agreedPdf);
    expect(Number(info.Pages)).toBeGreaterThan(1);
    expect(info.Title).toBe("Branch Banking — version 3");
    expect(info.Author).toBe("Meridian Bank");
    expect(info.Subject).toBe("Service definition");
    expect(info.Creator).toBe("Charter");
    expect(info["Page size"]).toMatch(/^595\.\d+ x 841\.\d+ pts \(A4\)/);
  });

  it(
    "grows to about twenty pages with a 200-quote appendix",
    async () => {
      const pdf = await renderDocument(sampleDocument({ status: "agreed", pad: true }));
      const pages = Number(pdfInfo(pdf).Pages);
      expect(pages).toBeGreaterThanOrEqual(18);
      expect(pages).toBeLessThanOrEqual(28);
      expect(pdfText(pdf)).toContain(`Page ${pages} of ${pages}`);
    },
    SLOW,
  );

  it(
    "says what is missing instead of leaving sections out, and wraps words longer than a line",
    async () => {
      const long = "x".repeat(400);
      const empty: AgreementDocument = {
        ...agreed,
        status: "draft",
        purpose: `See ${long}`,
        outcomes: [],
        scopeIn: [],
        scopeOut: [],
        consumers: [],
        units: [],
        hours: { summary: "", timeZone: "", coverage: [], holidays: "" },
        criticalPeriods: [],
        serviceLevels: [],
        support: "",
        escalation: "",
        providerCosts: "",
        providerRisks: "",
        supporting: [],
        needs: [],
        signoff: null,
        traceability: [],
      };
      const text = pdfText(await renderDocument(empty));
      expect(count(text, "None recorded.")).toBeGreaterThanOrEqual(12);
      expect(text).toContain("Not yet submitted for sign-off.");
      expect(text).toContain("Draft — not submitted");
      expect(text).toContain("DRAFT — not agreed");
      // The long word is broken across lines (with hyphens) rather than cut off at the margin.
      expect(text.replace(/[ -]/g, "")).toContain(long);
    },
    SLOW,
  );
});

describe("PDF worker pool", () => {
  const pools: PdfPool[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
    await closePdfPool();
  });

  /** A stand-in worker answering after `ms`, or dying when the document's workspace is "crash". */
  function fakeWorker(ms: number): string {
    const file = path.join(dir, `fake-worker-${++files}.mjs`);
    fs.writeFileSync(
      file,
      `import { parentPort } from "node:worker_threads";
parentPort.on("message", ({ id, doc }) => {
  if (doc.workspace === "crash") process.exit(3);
  setTimeout(() => {
    const pdf = new TextEncoder().encode("%PDF-fake " + doc.workspace).buffer;
    parentPort.postMessage({ id, ok: true, pdf }, [pdf]);
  }, ${ms});
});
`,
    );
    return file;
  }

  const named = (workspace: string): AgreementDocument => ({ ...sampleDocument(), workspace });
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

  it(
    "starts its workers ahead of time, then renders four documents at once off the request thread",
    async () => {
      await warmPdfPool();
      const docs = [sampleDocument({ status: "agreed" }), sampleDocument({ status: "pending" }), sampleDocument({ status: "draft" }), sampleDocument({ status: "rejected" })];
      const pdfs = await Promise.all(docs.map((d) => renderPdf(d)));
      for (const pdf of pdfs) {
        expect(decode(pdf.subarray(0, 5))).toBe("%PDF-");
        expect(Number(pdfInfo(pdf).Pages)).toBeGreaterThan(1);
      }
      expect(pdfText(pdfs[0]!)).not.toContain("DRAFT");
      expect(pdfText(pdfs[3]!)).toContain("DRAFT");
    },
    SLOW,
  );

  it.skipIf(!hasPoppler)(
    "keeps every letter in a document rendered after one with accented letters by the same worker",
    async () => {
      // A fresh worker: the letters an accented one is drawn from (U in Ü, e in é) must not go
      // missing from the next document, as they did once a document with them had been embedded.
      const pool = createPdfPool({ size: 1 });
      pools.push(pool);
      // Every text of the first document only accented capitals: none of their plain letters is laid out before.
      const accented = (value: unknown, key = ""): unknown =>
        typeof value === "string" ? (key === "status" ? value : "ÀÉÎÕÜ") : Array.isArray(value) ? value.map((v) => accented(v)) : value && typeof value === "object" ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, accented(v, k)])) : value;
      await pool.render(accented(sampleDocument({ status: "pending" })) as AgreementDocument);
      const doc = sampleDocument({ status: "pending" });
      const quote = "Under Edam, Ice Out Anne: Umbrella queue at the counter";
      const text = pdfText(await pool.render({ ...doc, purpose: quote, traceability: doc.traceability.map((row) => ({ ...row, quote })) }));
      expect(text).toContain(quote);
    },
    SLOW,
  );

  it("refuses work beyond its queue with PdfBusyError, and finishes what it took", async () => {
    const pool = createPdfPool({ size: 1, maxQueue: 1, workerPath: fakeWorker(300) });
    pools.push(pool);
    const first = pool.render(named("first"));
    const second = pool.render(named("second"));
    const third = pool.render(named("third"));
    await expect(third).rejects.toBeInstanceOf(PdfBusyError);
    await expect(third).rejects.toThrow(/try again/);
    expect(decode(await first)).toBe("%PDF-fake first");
    expect(decode(await second)).toBe("%PDF-fake second");
    expect(pool.stats()).toEqual({ workers: 1, busy: 0, queued: 0 });
  }, SLOW);

  it("fails the job of a worker that dies, and starts another for the next", async () => {
    const pool = createPdfPool({ size: 1, maxQueue: 4, workerPath: fakeWorker(10) });
    pools.push(pool);
    const crashed = pool.render(named("crash"));
    const after = pool.render(named("after"));
    await expect(crashed).rejects.toBeInstanceOf(PdfRenderError);
    expect(decode(await after)).toBe("%PDF-fake after");
  }, SLOW);

  it("fails a render that takes too long, and carries on", async () => {
    const pool = createPdfPool({ size: 1, timeoutMs: 100, workerPath: fakeWorker(5_000) });
    pools.push(pool);
    await expect(pool.render(named("slow"))).rejects.toThrow(/longer than/);
    expect(pool.stats().busy).toBe(0);
  }, SLOW);
});
