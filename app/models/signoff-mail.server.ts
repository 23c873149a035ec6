/**
 * The sign-off's mail, written in the transaction of the step it tells of: the people whose turn
 * has come, reminders, and each decision to the relationship manager who sent the version.
 */
import { eq, inArray } from "drizzle-orm";
import { serviceVersions, services, signoffRequests, signoffSteps, users } from "../../db/schema";
import { signoffAskedMail, signoffDecisionMail, signoffReminderMail, type SignoffMailFacts } from "../domain/mail";
import type { Tx } from "../db.server";
import { publicOrigin } from "../utils/env.server";
import { enqueueMail } from "./mail.server";

async function factsOf(tx: Tx, requestId: string) {
  const [row] = await tx
    .select({ request: signoffRequests, number: serviceVersions.number, serviceName: services.name, submitter: users.name, submitterEmail: users.email })
    .from(signoffRequests)
    .innerJoin(serviceVersions, eq(serviceVersions.id, signoffRequests.versionId))
    .innerJoin(services, eq(services.id, signoffRequests.serviceId))
    .innerJoin(users, eq(users.id, signoffRequests.submittedBy))
    .where(eq(signoffRequests.id, requestId));
  const r = row!;
  const facts: SignoffMailFacts = {
    requestUrl: `${publicOrigin()}/signoff/${requestId}`,
    serviceName: r.serviceName,
    number: r.number,
    submitter: r.submitter,
    message: r.request.message,
    dueOn: r.request.dueOn,
  };
  return { facts, submitter: { address: r.submitterEmail, name: r.submitter } };
}

const about = (requestId: string) => ({ subjectType: "signoff_request", subjectId: requestId });

/** Mail to the holders of steps just asked (on a new request, after a decision, or on delegation). */
export async function mailAsked(tx: Tx, requestId: string, stepIds: string[], onBehalfOf?: { name: string; reason: string }) {
  if (!stepIds.length) return;
  const { facts } = await factsOf(tx, requestId);
  const steps = await tx
    .select({ role: signoffSteps.role, name: users.name, email: users.email })
    .from(signoffSteps)
    .innerJoin(users, eq(users.id, signoffSteps.userId))
    .where(inArray(signoffSteps.id, stepIds));
  await enqueueMail(
    tx,
    steps.map((s) => ({ ...signoffAskedMail(facts, { address: s.email, name: s.name }, s.role, onBehalfOf), ...about(requestId) })),
  );
}

export async function mailReminders(tx: Tx, requestId: string, userIds: string[], sentBy: string) {
  if (!userIds.length) return;
  const { facts } = await factsOf(tx, requestId);
  const steps = await tx
    .select({ role: signoffSteps.role, name: users.name, email: users.email, askedAt: signoffSteps.askedAt, userId: signoffSteps.userId })
    .from(signoffSteps)
    .innerJoin(users, eq(users.id, signoffSteps.userId))
    .where(eq(signoffSteps.requestId, requestId));
  await enqueueMail(
    tx,
    steps
      .filter((s) => userIds.includes(s.userId))
      .map((s) => ({ ...signoffReminderMail(facts, { address: s.email, name: s.name }, s.role, (s.askedAt ?? new Date()).toISOString(), sentBy), ...about(requestId) })),
  );
}

export async function mailDecision(tx: Tx, requestId: string, decision: { by: string; role: "approver" | "signer"; outcome: "approved" | "rejected"; comment: string; agreed: boolean }) {
  const { facts, submitter } = await factsOf(tx, requestId);
  await enqueueMail(tx, [{ ...signoffDecisionMail(facts, submitter, decision), ...about(requestId) }]);
}
