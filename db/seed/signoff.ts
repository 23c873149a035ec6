/**
 * The demo workspace's sign-off: Branch Banking version 1 approved by the Head of Branch Network
 * and signed by the COO (its signed PDF sealed), and version 2, made from the draft that moved on
 * since, under review: approved by the branch network, the COO's signature still to come.
 */
import { desc, eq, inArray } from "drizzle-orm";
import { services, serviceVersions, users } from "../schema";
import { db } from "../../app/db.server";
import { SYSTEM_ACTOR, type Actor } from "../../app/models/audit.server";
import { createVersion } from "../../app/models/service-version.server";
import { commentOn, decide, submitForSignoff } from "../../app/models/signoff.server";
import { publicOrigin } from "../../app/utils/env.server";

const must = <T>(value: T | undefined | null, what: string): T => {
  if (value === undefined || value === null) throw new Error(`Demo sign-off: ${what} is missing`);
  return value;
};

/** Where the demo's PDFs say they can be verified: the configured origin, else this machine. */
export const demoOrigin = publicOrigin;

export async function loadDemoSignoff(origin = demoOrigin()) {
  const people = await db()
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(inArray(users.email, ["rm@meridian.example", "lead@meridian.example", "exec@meridian.example"]));
  const actor = (email: string): Actor & { id: string } => {
    const p = must(people.find((u) => u.email === email), `user ${email}`);
    return { ...SYSTEM_ACTOR, id: p.id, name: p.name };
  };
  const rm = actor("rm@meridian.example");
  const lead = actor("lead@meridian.example");
  const coo = actor("exec@meridian.example");
  const [branch] = await db().select({ id: services.id }).from(services).where(eq(services.name, "Branch Banking"));
  const serviceId = must(branch, "Branch Banking").id;
  const [latest] = await db().select({ number: serviceVersions.number }).from(serviceVersions).where(eq(serviceVersions.serviceId, serviceId)).orderBy(desc(serviceVersions.number)).limit(1);
  const first = must(latest, "Branch Banking's version 1").number;

  // Version 1: in order, the branch network approves the content, then the COO signs.
  const v1 = await submitForSignoff({
    serviceId,
    number: first,
    input: { approvers: [lead.id], signers: [coo.id], inOrder: true, message: "Branch Banking as the branch network asked for it: Saturday opening, telephony and account opening in one visit.", dueOn: null },
    actor: rm,
  });
  await decide({ requestId: v1.id, decision: "approve", comment: "This is what the branches asked for. Approved for the network.", actor: lead, origin });
  await decide({ requestId: v1.id, decision: "approve", comment: "Agreed.", actor: coo, origin });

  // Version 2 from the draft that moved on: approved by the branch network, waiting on the COO.
  const v2 = await createVersion({ id: serviceId, actor: rm });
  const review = await submitForSignoff({
    serviceId,
    number: v2.number,
    input: { approvers: [lead.id], signers: [coo.id], inOrder: true, message: "What changed since version 1: branches outside the Saturday pilot are now out of scope on Saturdays, and telephony faults have one owner until the phones work again.", dueOn: null },
    actor: rm,
  });
  await commentOn({ requestId: review.id, clauseId: null, body: "Keeping the other branches out of scope on Saturdays is right until the pilot is reviewed.", actor: lead, mayEdit: false });
  await decide({ requestId: review.id, decision: "approve", comment: "Approved: the scope and the escalation read right for the branches.", actor: lead, origin });
  return { agreed: v1.id, underReview: review.id };
}
