import { renderToBuffer, type DocumentProps } from "@react-pdf/renderer";
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject, type PDFPage } from "pdf-lib";
import { createElement, type ReactElement } from "react";
import { APPENDIX_SECTION } from "./components/appendix";
import { BodyDocument, FRONT_LAYOUT, FrontDocument } from "./components/document";
import { frameInfo } from "./components/frame";
import type { ContentsEntry } from "./components/front";
import { sectionBookmark } from "./components/blocks";
import { DEFINITION_SECTIONS } from "./components/sections";
import { SIGNOFF_SECTION } from "./components/signoff";
import type { AgreementDocument } from "./document-data";
import { loadFonts } from "./fonts.js";

/** Cover and contents: always one page each, so the body's page numbers are known before they are laid out. */
const FRONT_PAGES = 2;

/**
 * The service document as PDF bytes. Pure: the same document data gives the same pages (only the
 * PDF's creation date differs between runs).
 *
 * 1. The body (sections, sign-off, appendix) is laid out first; its outline tells on which page
 *    each section starts.
 * 2. The front (cover, contents with those page numbers) is laid out with the chrome (header,
 *    footer with verify link, QR code and hash, watermark) and one "Page N of M" per page.
 * 3. pdf-lib joins front and body, lays the chrome and the page number over each page (the chrome
 *    is one form XObject shared by every page), adds the outline (bookmarks) and the metadata.
 */
export async function renderDocument(data: AgreementDocument): Promise<Uint8Array> {
  await loadFonts();
  const doc = normalizeText(data);
  const frame = frameInfo(doc);

  const body = await PDFDocument.load(await renderToBuffer(createElement(BodyDocument, { doc }) as ReactElement<DocumentProps>), { updateMetadata: false });
  const marks = readOutline(body);
  const totalPages = FRONT_PAGES + body.getPageCount();

  const contents: ContentsEntry[] = [
    ...DEFINITION_SECTIONS.map((sec) => ({ number: sec.number, title: sec.title })),
    SIGNOFF_SECTION,
    APPENDIX_SECTION,
  ].map((sec) => {
    const mark = marks.find((m) => m.title === sectionBookmark(sec));
    return { ...sec, page: mark ? FRONT_PAGES + mark.pageIndex + 1 : null };
  });

  const front = await PDFDocument.load(await renderToBuffer(createElement(FrontDocument, { doc, frame, contents, totalPages }) as ReactElement<DocumentProps>), { updateMetadata: false });
  if (front.getPageCount() !== FRONT_LAYOUT.firstNumber + totalPages) {
    throw new Error(`The front document has ${front.getPageCount()} pages, expected ${FRONT_LAYOUT.firstNumber + totalPages}`);
  }

  const out = await PDFDocument.create({ updateMetadata: false });
  const pages = [
    ...(await out.copyPages(front, [FRONT_LAYOUT.cover, FRONT_LAYOUT.contents])),
    ...(await out.copyPages(body, body.getPageIndices())),
  ];
  const frontPages = front.getPages();
  const [coverChrome, chrome, ...numbers] = await out.embedPages([
    frontPages[FRONT_LAYOUT.coverChrome]!,
    frontPages[FRONT_LAYOUT.chrome]!,
    ...frontPages.slice(FRONT_LAYOUT.firstNumber),
  ]);
  pages.forEach((page, i) => {
    out.addPage(page);
    page.drawPage(i === 0 ? coverChrome! : chrome!);
    page.drawPage(numbers[i]!);
  });

  writeOutline(out, [
    { title: "Cover", page: pages[0]!, dest: null },
    { title: "Contents", page: pages[1]!, dest: null },
    ...marks.map((m) => ({ title: m.title, page: pages[FRONT_PAGES + m.pageIndex]!, dest: m.dest })),
  ]);

  const title = `${doc.service.name} — version ${doc.version.number}`;
  out.setTitle(title, { showInWindowTitleBar: true });
  out.setAuthor(doc.workspace);
  out.setSubject("Service definition");
  out.setKeywords([doc.service.name, `version ${doc.version.number}`, doc.version.contentHash]);
  out.setCreator("Charter");
  out.setProducer("Charter");
  out.setLanguage("en-GB");
  const now = new Date();
  out.setCreationDate(now);
  out.setModificationDate(now);
  return out.save();
}

/**
 * Every string in NFC: text pasted from some systems arrives decomposed ("e" + combining acute),
 * which a font draws less well than the precomposed letter.
 */
function normalizeText<T>(value: T): T {
  if (typeof value === "string") return value.normalize("NFC") as T;
  if (Array.isArray(value)) return value.map(normalizeText) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeText(v)])) as T;
  }
  return value;
}

interface OutlineMark {
  title: string;
  pageIndex: number;
  /** The destination's position on its page ([left, top, zoom] of an XYZ destination), when it has one. */
  dest: PDFObject[] | null;
}

/** The top-level bookmarks react-pdf wrote for the section headings, with the page each points at. */
function readOutline(pdf: PDFDocument): OutlineMark[] {
  const root = pdf.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict);
  if (!root) return [];
  const pageIndex = new Map(pdf.getPages().map((p, i) => [p.ref.toString(), i]));
  const marks: OutlineMark[] = [];
  let item = root.lookupMaybe(PDFName.of("First"), PDFDict);
  while (item) {
    const title = item.lookup(PDFName.of("Title"));
    const dest = item.lookupMaybe(PDFName.of("Dest"), PDFArray);
    const target = dest?.get(0);
    const index = target instanceof PDFRef ? pageIndex.get(target.toString()) : undefined;
    if ((title instanceof PDFString || title instanceof PDFHexString) && index !== undefined) {
      const rest = dest!.asArray().slice(1);
      marks.push({ title: title.decodeText(), pageIndex: index, dest: rest[0] === PDFName.of("XYZ") ? rest : null });
    }
    item = item.lookupMaybe(PDFName.of("Next"), PDFDict);
  }
  return marks;
}

/** A flat outline (the viewer's bookmarks panel): cover, contents, then each section. */
function writeOutline(pdf: PDFDocument, items: { title: string; page: PDFPage; dest: PDFObject[] | null }[]) {
  const { context } = pdf;
  const rootRef = context.nextRef();
  const refs = items.map(() => context.nextRef());
  items.forEach((item, i) => {
    const dest = context.obj([item.page.ref]);
    for (const part of item.dest ?? [PDFName.of("Fit")]) dest.push(part);
    const entry = context.obj({ Title: PDFHexString.fromText(item.title), Parent: rootRef, Dest: dest });
    if (i > 0) entry.set(PDFName.of("Prev"), refs[i - 1]!);
    if (i < items.length - 1) entry.set(PDFName.of("Next"), refs[i + 1]!);
    context.assign(refs[i]!, entry);
  });
  context.assign(
    rootRef,
    context.obj({ Type: "Outlines", First: refs[0]!, Last: refs[refs.length - 1]!, Count: PDFNumber.of(items.length) }),
  );
  pdf.catalog.set(PDFName.of("Outlines"), rootRef);
}
