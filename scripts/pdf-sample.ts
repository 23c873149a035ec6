/**
 * Renders the sample service document (tests/support/sample-document.ts) into data/pdf-sample/,
 * normal and padded to about twenty pages, agreed and under review, for looking at:
 *
 *   npx tsx scripts/pdf-sample.ts            # all four
 *   npx tsx scripts/pdf-sample.ts padded     # only those whose name contains "padded"
 *   npx tsx scripts/pdf-sample.ts --time 20  # and then time 20 renders of the padded one (p50)
 *
 * Prints each file with its pages and how long it took.
 */
import fs from "node:fs";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import type { DocumentStatus } from "../app/pdf/document-data";
import { renderDocument } from "../app/pdf/render";
import { sampleDocument } from "../tests/support/sample-document";

const outDir = path.resolve(process.cwd(), "data/pdf-sample");
const args = process.argv.slice(2);
const timeIndex = args.indexOf("--time");
const runs = timeIndex >= 0 ? Number(args.splice(timeIndex, 2)[1] ?? 20) : 0;
const only = args[0];

const samples: { name: string; status: DocumentStatus; pad: boolean }[] = [
  { name: "branch-banking-agreed", status: "agreed", pad: false },
  { name: "branch-banking-pending", status: "pending", pad: false },
  { name: "branch-banking-padded-agreed", status: "agreed", pad: true },
  { name: "branch-banking-padded-pending", status: "pending", pad: true },
];

fs.mkdirSync(outDir, { recursive: true });
for (const sample of samples.filter((s) => !only || s.name.includes(only))) {
  const started = performance.now();
  const pdf = await renderDocument(sampleDocument({ status: sample.status, pad: sample.pad }));
  const ms = performance.now() - started;
  const file = path.join(outDir, `${sample.name}.pdf`);
  fs.writeFileSync(file, pdf);
  const pages = (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
  console.log(`${path.relative(process.cwd(), file)}: ${pages} pages, ${(pdf.byteLength / 1024).toFixed(0)} KB, ${ms.toFixed(0)} ms`);
}

if (runs > 0) {
  const doc = sampleDocument({ status: "pending", pad: true });
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await renderDocument(doc);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  console.log(`padded, ${runs} renders: p50 ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms, min ${times[0]!.toFixed(0)} ms`);
}
