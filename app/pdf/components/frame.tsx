import { Page, Text, View } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import { DOCUMENT_STATUS_LABELS, type AgreementDocument } from "../document-data";
import { QrCode, qrPath } from "./qr-code";
import { s } from "./styles";

/** What every page repeats, worked out once per document rather than once per page. */
export interface FrameInfo {
  serviceName: string;
  versionNumber: number;
  statusLabel: string;
  draft: boolean;
  contentHash: string;
  verifyUrl: string;
  qr: { path: string; size: number };
}

export const WATERMARK_TEXT = "DRAFT — not agreed";

export function frameInfo(doc: AgreementDocument): FrameInfo {
  return {
    serviceName: doc.service.name,
    versionNumber: doc.version.number,
    statusLabel: DOCUMENT_STATUS_LABELS[doc.status] ?? doc.status,
    draft: doc.status !== "agreed",
    contentHash: doc.version.contentHash,
    verifyUrl: doc.verifyUrl,
    qr: qrPath(doc.verifyUrl),
  };
}

/**
 * An A4 page of content inside the margins. It carries no header or footer of its own: those
 * are laid over each finished page (see ChromePage), once the page count is known.
 *
 * `single` keeps it to exactly one page (the cover, the contents), whatever it holds.
 *
 * `experimentalPagination` opts into react-pdf 4.9's newer pagination, which measures content
 * once and packs it into pages; the older one lays out everything left after each page break
 * again, so its cost grows with the square of the page count.
 */
export function ContentPage({ children, single = false }: { children: ReactNode; single?: boolean }) {
  return (
    <Page size="A4" style={s.page} experimentalPagination wrap={!single}>
      {children}
    </Page>
  );
}

/**
 * What is laid over every finished page: the running header (`header`, not on the cover), the
 * footer with the verify link, its QR code and the content hash, and the DRAFT watermark for
 * anything not agreed. The same for every page, so it is laid out once and drawn on each page as
 * one shared form XObject; only the page number (PageNumberPage) differs.
 */
export function ChromePage({ frame, header }: { frame: FrameInfo; header: boolean }) {
  return (
    <Page size="A4" wrap={false} style={s.chrome}>
      {header ? (
        <View style={s.header}>
          <Text style={s.headerTitle}>
            {frame.serviceName} · Version {frame.versionNumber}
          </Text>
          <Text>{frame.statusLabel}</Text>
        </View>
      ) : null}
      <View style={s.footer}>
        <QrCode qr={frame.qr} size={QR_SIZE} />
        <View style={s.footerText}>
          <Text hyphenationCallback={whole}>
            <Text style={s.footerLabel}>Verify this copy: </Text>
            {frame.verifyUrl}
          </Text>
          <Text hyphenationCallback={whole}>
            <Text style={s.footerLabel}>Content hash (SHA-256): </Text>
            <Text style={s.hash}>{frame.contentHash}</Text>
          </Text>
        </View>
        <View style={s.pageNumber} />
      </View>
      {frame.draft ? <Text style={s.watermark}>{WATERMARK_TEXT}</Text> : null}
    </Page>
  );
}

/** "Page 3 of 20", where the chrome's footer leaves room for it. */
export function PageNumberPage({ pageNumber, totalPages }: { pageNumber: number; totalPages: number }) {
  return (
    <Page size="A4" wrap={false} style={s.chrome}>
      <View style={[s.footer, s.footerBare]}>
        <View style={{ width: QR_SIZE, height: QR_SIZE }} />
        <View style={s.footerText} />
        <Text style={s.pageNumber}>
          {`Page ${pageNumber} of ${totalPages}`}
        </Text>
      </View>
    </Page>
  );
}

const QR_SIZE = 38;

/** The link and the hash are never hyphenated: a reader copies them. */
const whole = (word: string) => [word];
