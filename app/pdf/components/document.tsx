import { Document } from "@react-pdf/renderer";
import type { AgreementDocument } from "../document-data";
import { Appendix } from "./appendix";
import { ChromePage, ContentPage, PageNumberPage, type FrameInfo } from "./frame";
import { ContentsPage, CoverPage, type ContentsEntry } from "./front";
import { DEFINITION_SECTIONS, Sections } from "./sections";
import { Signoff } from "./signoff";

/*
 * A service document is laid out as two react-pdf documents and joined (render.ts):
 *   the body — the definition's sections, the sign-off, the traceability appendix — first, so
 *   the page each section starts on is known; then the front — cover and contents, with those
 *   page numbers — together with the "chrome" (header, footer, watermark) and the page numbers,
 *   laid over the joined pages.
 */

/** Where things are in the front document: page indices. */
export const FRONT_LAYOUT = { cover: 0, contents: 1, coverChrome: 2, chrome: 3, firstNumber: 4 } as const;

/** Sections 1–11 flow on, then the sign-off and the appendix each start a page. */
export function BodyDocument({ doc }: { doc: AgreementDocument }) {
  return (
    <Document>
      <ContentPage>
        <Sections doc={doc} sections={DEFINITION_SECTIONS} />
      </ContentPage>
      <ContentPage>
        <Signoff doc={doc} />
      </ContentPage>
      <ContentPage>
        <Appendix rows={doc.traceability} />
      </ContentPage>
    </Document>
  );
}

/**
 * Cover and contents; the chrome for the cover and for every other page; then one page number for
 * each of `totalPages` pages. FRONT_LAYOUT says which page is which.
 */
export function FrontDocument({ doc, frame, contents, totalPages }: { doc: AgreementDocument; frame: FrameInfo; contents: ContentsEntry[]; totalPages: number }) {
  return (
    <Document>
      <CoverPage doc={doc} frame={frame} />
      <ContentsPage entries={contents} />
      <ChromePage frame={frame} header={false} />
      <ChromePage frame={frame} header />
      {Array.from({ length: totalPages }, (_, i) => (
        <PageNumberPage key={i} pageNumber={i + 1} totalPages={totalPages} />
      ))}
    </Document>
  );
}
