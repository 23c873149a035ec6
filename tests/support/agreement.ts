import { expect } from "vitest";
import type { Actor } from "../../app/models/audit.server";
import type { Sealed } from "../../app/models/agreement-seal.server";
import { createVersion } from "../../app/models/service-version.server";
import { decide, submitForSignoff } from "../../app/models/signoff.server";
import { makeUser } from "./factories";

/** A stand-in for the PDF seal: unique bytes per request, no rendering. */
export const fakeSeal = async ({ requestId }: { requestId: string }): Promise<Sealed> => ({ pdf: new TextEncoder().encode(`%PDF-1.7 ${requestId}`), sha256: `sha-${requestId}`, pages: 1 });

/** Makes a version of the service's draft and has an executive sign it, so it is agreed. */
export async function agreeDraft(serviceId: string, actor: Actor & { id: string }) {
  const exec = await makeUser("executive");
  const { number } = await createVersion({ id: serviceId, actor });
  const { id } = await submitForSignoff({ serviceId, number, input: { approvers: [], signers: [exec.id], inOrder: false, message: "", dueOn: null }, actor });
  const result = await decide({ requestId: id, decision: "approve", comment: "", actor: { id: exec.id, name: exec.name, ip: "203.0.113.7", userAgent: "vitest" }, origin: "http://x", seal: fakeSeal });
  expect(result.status).toBe("agreed");
  return number;
}
