import type { LoaderFunctionArgs } from "@remix-run/node";
import { documentData } from "../models/agreement-document.server";
import { getVersion } from "../models/service-version.server";
import { versionNumber } from "../models/service-version-view.server";
import { agreedPdf } from "../models/signoff-read.server";
import { PdfBusyError, renderPdf } from "../pdf/pool.server";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";
import { can } from "../domain/roles";
import { appOrigin } from "../utils/calendar.server";

const fileName = (service: string, number: number, agreed: boolean) =>
  `${service.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "service"}-version-${number}${agreed ? "" : "-draft"}.pdf`;

/**
 * A version as PDF. An agreed version answers with the sealed, signed bytes stored when it was
 * agreed (always the same bytes); any other is rendered now, marked "DRAFT — not agreed".
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "services:read" });
  const serviceId = requireIdParam(params.serviceId);
  const number = versionNumber(params.number);
  if (number === null) throw notFound("Versions are numbered 1, 2, 3 and so on.");
  const version = await getVersion(serviceId, number);
  if (!version) throw notFound("That version does not exist.");
  const name = version.content.service.name;
  const sealed = await agreedPdf(version.id);
  if (sealed) {
    const etag = `"${sealed.sha256}"`;
    const headers = {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${fileName(name, number, true)}"`,
      "Cache-Control": "private, max-age=31536000, immutable",
      ETag: etag,
      "X-Content-SHA256": sealed.sha256,
    };
    if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
    return new Response(Buffer.from(sealed.pdf), { headers: { ...headers, "Content-Length": String(sealed.pdf.byteLength) } });
  }
  // A draft under sign-off: its decisions and comments only for those the request's page is open to.
  const doc = await documentData({ versionId: version.id, origin: appOrigin(request), reader: can(user.role, "services:edit") ? undefined : user.id });
  if (!doc) throw notFound("That version does not exist.");
  try {
    const bytes = await renderPdf(doc);
    return new Response(Buffer.from(bytes), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `inline; filename="${fileName(name, number, false)}"`,
        "Cache-Control": "private, no-store",
        "Content-Length": String(bytes.byteLength),
      },
    });
  } catch (error) {
    const busy = error instanceof PdfBusyError;
    if (!busy) console.warn("Rendering a PDF failed:", error);
    const message = busy ? "Charter is making many PDFs just now: try again in a few seconds." : "The PDF could not be made just now: try again in a minute.";
    return new Response(message, { status: 503, headers: { "Retry-After": busy ? "5" : "60", "Content-Type": "text/plain; charset=utf-8" } });
  }
}
