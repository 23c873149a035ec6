import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import { signoffRequests } from "../../db/schema";
import { renderPdf } from "../pdf/pool.server";
import { signPdf } from "../pdf/sign.server";
import { db } from "../db.server";
import { documentData, type PendingDecision } from "./agreement-document.server";
import { AppError } from "./errors.server";

export interface Sealed {
  pdf: Uint8Array;
  sha256: string;
  pages: number;
}

export const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * The agreed PDF of a request whose last decision is about to be written: rendered with that
 * decision shown as made, signed with Charter's certificate, and hashed. Nothing is stored here:
 * the decision's transaction stores these bytes with the agreement.
 */
export async function sealAgreement({ requestId, step, origin }: { requestId: string; step: { id: string; decidedAt: Date; comment: string }; origin: string }): Promise<Sealed> {
  const [request] = await db().select({ versionId: signoffRequests.versionId }).from(signoffRequests).where(eq(signoffRequests.id, requestId));
  if (!request) throw new AppError("not_found", "That sign-off request does not exist", undefined, 404);
  const completing: PendingDecision = { stepId: step.id, decidedAt: step.decidedAt, comment: step.comment };
  const doc = await documentData({ versionId: request.versionId, origin, requestId, completing, now: step.decidedAt });
  if (!doc) throw new AppError("not_found", "That version does not exist", undefined, 404);
  const rendered = await renderPdf(doc);
  const pdf = await signPdf(rendered, {
    reason: `Agreed: ${doc.service.name}, version ${doc.version.number} (content SHA-256 ${doc.version.contentHash})`,
    name: doc.workspace,
    location: origin,
    signingTime: step.decidedAt,
  });
  const pages = (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
  return { pdf, sha256: sha256Hex(pdf), pages };
}
