import { and, desc, eq, gt, inArray, sql } from "drizzle-orm";
import { agreedDocuments, serviceVersions, signoffComments, signoffReminders, signoffRequests, signoffSteps, users } from "../../db/schema";
import { clauseIdsOf } from "../domain/definition";
import { askedSteps, isLastToDecide, type SubmitInput } from "../domain/signoff";
import { db, type Executor, type Tx } from "../db.server";
import { appendAudit, type Actor } from "./audit.server";
import { mailAsked, mailDecision, mailReminders } from "./signoff-mail.server";
import { AppError, isUniqueViolation } from "./errors.server";
import { sealAgreement, type Sealed } from "./agreement-seal.server";

const gone = () => new AppError("not_found", "That sign-off request does not exist", undefined, 404);
const changed = () =>
  new AppError("conflict", "The request changed while you were deciding (someone else decided, delegated or withdrew it): look again and decide on what is there now", undefined, 409);

/** The roles that may approve content; signers are executives. */
const APPROVER_ROLES = ["business_lead", "executive", "relationship_manager"] as const;

async function people(executor: Executor, ids: string[]) {
  if (ids.length === 0) return new Map<string, { id: string; name: string; role: string; active: boolean }>();
  const rows = await executor.select({ id: users.id, name: users.name, role: users.role, active: users.active }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Sends a version for sign-off. Only the service's latest version, never one already under
 * review, agreed or rejected; the submitter cannot approve or sign it themselves.
 */
export async function submitForSignoff({ serviceId, number, input, actor }: { serviceId: string; number: number; input: SubmitInput; actor: Actor & { id: string } }) {
  return db().transaction(async (tx: Tx) => {
    const versions = await tx
      .select({ id: serviceVersions.id, number: serviceVersions.number })
      .from(serviceVersions)
      .where(eq(serviceVersions.serviceId, serviceId))
      .orderBy(desc(serviceVersions.number))
      .for("update");
    const version = versions.find((v) => v.number === number);
    if (!version) throw new AppError("not_found", "That version does not exist", undefined, 404);
    if (versions[0]!.number !== number) throw new AppError("superseded", `Version ${versions[0]!.number} is newer: submit that one`, undefined, 409);
    const earlier = await tx.select({ status: signoffRequests.status }).from(signoffRequests).where(eq(signoffRequests.versionId, version.id));
    const blocking = earlier.find((r) => r.status !== "withdrawn");
    if (blocking) {
      const why = { pending: "is already under review", agreed: "is already agreed", rejected: "was rejected: make a new version from the draft" }[blocking.status as "pending" | "agreed" | "rejected"];
      throw new AppError("already_submitted", `Version ${number} ${why}`, undefined, 409);
    }
    const found = await people(tx, [...input.approvers, ...input.signers]);
    const check = (ids: string[], field: string, ok: (role: string) => boolean, what: string) =>
      ids.forEach((id, i) => {
        const p = found.get(id);
        if (!p || !p.active) throw new AppError("unknown_person", "That person is not an active user", `${field}_${i}`);
        if (id === actor.id) throw new AppError("own_submission", "You cannot approve or sign what you submit: name someone else", `${field}_${i}`);
        if (!ok(p.role)) throw new AppError("wrong_role", `${p.name} cannot ${what}`, `${field}_${i}`);
      });
    check(input.approvers, "approver", (r) => (APPROVER_ROLES as readonly string[]).includes(r), "approve a service definition");
    check(input.signers, "signer", (r) => r === "executive", "sign: signers are executives");
    if (input.dueOn && input.dueOn < new Date().toISOString().slice(0, 10)) throw new AppError("past_due", "The due date has passed: choose today or later", "dueOn");

    const now = new Date();
    const [request] = await tx
      .insert(signoffRequests)
      .values({ versionId: version.id, serviceId, inOrder: input.inOrder, message: input.message, dueOn: input.dueOn, submittedBy: actor.id, submittedAt: now })
      .returning({ id: signoffRequests.id });
    const rows = [
      ...input.approvers.map((userId, position) => ({ requestId: request!.id, role: "approver" as const, position, userId })),
      ...input.signers.map((userId, position) => ({ requestId: request!.id, role: "signer" as const, position, userId })),
    ];
    const steps = await tx.insert(signoffSteps).values(rows).returning({ id: signoffSteps.id, role: signoffSteps.role, position: signoffSteps.position, decision: signoffSteps.decision });
    await markAsked(tx, request!.id, steps, input.inOrder, now);
    await appendAudit(tx, {
      kind: "signoff.submitted",
      actor,
      subjectType: "signoff_request",
      subjectId: request!.id,
      payload: { serviceId, number, approvers: input.approvers, signers: input.signers, inOrder: input.inOrder, dueOn: input.dueOn },
    });
    return { id: request!.id };
  });
}

/** Stamps when each newly asked step was put to its holder, and writes them the mail that asks them. */
async function markAsked(tx: Tx, requestId: string, steps: { id: string; role: "approver" | "signer"; position: number; decision: "approved" | "rejected" | null }[], inOrder: boolean, now: Date) {
  const ids = askedSteps(steps, inOrder).map((s) => s.id);
  if (!ids.length) return;
  const fresh = await tx
    .update(signoffSteps)
    .set({ askedAt: now })
    .where(and(inArray(signoffSteps.id, ids), sql`${signoffSteps.askedAt} is null`))
    .returning({ id: signoffSteps.id });
  await mailAsked(
    tx,
    requestId,
    fresh.map((s) => s.id),
  );
}

async function loadRequest(executor: Executor, id: string, lock = false) {
  const query = executor
    .select({ request: signoffRequests, number: serviceVersions.number, content: serviceVersions.content })
    .from(signoffRequests)
    .innerJoin(serviceVersions, eq(serviceVersions.id, signoffRequests.versionId))
    .where(eq(signoffRequests.id, id));
  const [row] = lock ? await query.for("update", { of: signoffRequests }) : await query;
  if (!row) throw gone();
  const steps = await executor.select().from(signoffSteps).where(eq(signoffSteps.requestId, id));
  return { ...row, steps };
}

type Loaded = Awaited<ReturnType<typeof loadRequest>>;

/** The actor's own step, asked now, on a pending request they did not submit. */
function ownAskedStep(state: Loaded, actor: Actor) {
  if (state.request.status !== "pending") throw new AppError("closed", `This request is ${state.request.status} and takes no more decisions`, undefined, 409);
  if (state.request.submittedBy === actor.id) throw new AppError("own_submission", "You submitted this version: you cannot approve or sign it", undefined, 403);
  const step = state.steps.find((s) => s.userId === actor.id);
  if (!step) throw new AppError("not_named", "You are not named on this request", undefined, 403);
  if (step.decision) throw new AppError("decided", "You have already decided", undefined, 409);
  if (!askedSteps(state.steps, state.request.inOrder).some((s) => s.id === step.id)) {
    const why = step.role === "signer" && state.steps.some((s) => s.role === "approver" && s.decision === null) ? "the approvers have not all approved yet" : "someone before you has not decided yet";
    throw new AppError("not_yet", `It is not your turn: ${why}`, undefined, 409);
  }
  return step;
}

class Retry extends Error {}

/**
 * Approves (or signs) or rejects. The approval that completes the request agrees the version:
 * its PDF is rendered and signed first, then the decision, the agreement and the sealed bytes
 * are written in one transaction, so a version is agreed exactly when its sealed PDF exists.
 */
export async function decide({
  requestId,
  decision,
  comment,
  actor,
  origin,
  seal = sealAgreement,
}: {
  requestId: string;
  /** Where Charter is reached: the verify link printed in an agreed PDF. */
  origin: string;
  decision: "approve" | "reject";
  comment: string;
  actor: Actor & { id: string };
  seal?: typeof sealAgreement;
}) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await loadRequest(db(), requestId);
    const step = ownAskedStep(before, actor);
    const decidedAt = new Date();
    const last = decision === "approve" && isLastToDecide(before.steps, step.id);
    let sealed: Sealed | null = null;
    if (last) {
      try {
        sealed = await seal({ requestId, origin, step: { id: step.id, decidedAt, comment } });
      } catch (error) {
        if (error instanceof AppError || (error instanceof Error && error.name === "PdfBusyError")) throw error;
        console.warn("Sealing the agreed PDF failed:", error);
        throw new AppError("seal_failed", "The signed PDF could not be made just now, so your decision is not recorded yet: please try again in a minute", undefined, 503);
      }
    }
    try {
      return await db().transaction(async (tx: Tx) => {
        const state = await loadRequest(tx, requestId, true);
        const mine = ownAskedStep(state, actor);
        if (mine.id !== step.id || mine.revision !== step.revision) throw changed();
        if ((decision === "approve" && isLastToDecide(state.steps, mine.id)) !== last) throw new Retry();
        await tx
          .update(signoffSteps)
          .set({ decision: decision === "approve" ? "approved" : "rejected", decidedAt, comment: comment || null, revision: mine.revision + 1 })
          .where(eq(signoffSteps.id, mine.id));
        const kind = decision === "approve" ? "signoff.approved" : "signoff.rejected";
        await appendAudit(tx, { kind, actor, subjectType: "signoff_request", subjectId: requestId, payload: { number: state.number, role: mine.role, comment } });
        if (decision === "reject") {
          await tx.update(signoffRequests).set({ status: "rejected", closedAt: decidedAt, closedBy: actor.id }).where(eq(signoffRequests.id, requestId));
          await mailDecision(tx, requestId, { by: actor.name, role: mine.role, outcome: "rejected", comment, agreed: false });
          return { status: "rejected" as const };
        }
        if (sealed) {
          await tx.update(signoffRequests).set({ status: "agreed", closedAt: decidedAt, closedBy: actor.id }).where(eq(signoffRequests.id, requestId));
          await tx.insert(agreedDocuments).values({ versionId: state.request.versionId, requestId, pdf: sealed.pdf, sha256: sealed.sha256, bytes: sealed.pdf.byteLength, pages: sealed.pages, agreedAt: decidedAt });
          await appendAudit(tx, {
            kind: "signoff.agreed",
            actor,
            subjectType: "signoff_request",
            subjectId: requestId,
            payload: { number: state.number, sha256: sealed.sha256, bytes: sealed.pdf.byteLength, pages: sealed.pages },
          });
          await mailDecision(tx, requestId, { by: actor.name, role: mine.role, outcome: "approved", comment, agreed: true });
          // A service agreed with a review cadence and no review date yet is first due a cadence from now.
          await tx.execute(sql`
            update services set next_review = (${decidedAt.toISOString()}::timestamptz at time zone 'UTC')::date + make_interval(months => review_every_months)
            where id = (select service_id from service_versions where id = ${state.request.versionId}) and next_review is null and review_every_months is not null`);
          return { status: "agreed" as const, sha256: sealed.sha256 };
        }
        const steps = state.steps.map((s) => (s.id === mine.id ? { ...s, decision: "approved" as const } : s));
        await mailDecision(tx, requestId, { by: actor.name, role: mine.role, outcome: "approved", comment, agreed: false });
        await markAsked(tx, requestId, steps, state.request.inOrder, decidedAt);
        return { status: "pending" as const };
      });
    } catch (error) {
      if (error instanceof Retry) continue;
      throw error;
    }
  }
  throw changed();
}

/** The RM takes a pending request back; the version can be submitted again. */
export async function withdrawRequest({ requestId, reason, actor }: { requestId: string; reason: string; actor: Actor & { id: string } }) {
  return db().transaction(async (tx: Tx) => {
    const state = await loadRequest(tx, requestId, true);
    if (state.request.status !== "pending") throw new AppError("closed", `This request is ${state.request.status}: only a pending request can be withdrawn`, undefined, 409);
    await tx.update(signoffRequests).set({ status: "withdrawn", closedAt: new Date(), closedBy: actor.id, closeReason: reason }).where(eq(signoffRequests.id, requestId));
    await appendAudit(tx, { kind: "signoff.withdrawn", actor, subjectType: "signoff_request", subjectId: requestId, payload: { number: state.number, reason } });
  });
}

/** Reminds everyone the request waits on now; at most once a day each. */
export async function remind({ requestId, actor, now = new Date() }: { requestId: string; actor: Actor & { id: string }; now?: Date }) {
  return db().transaction(async (tx: Tx) => {
    const state = await loadRequest(tx, requestId, true);
    if (state.request.status !== "pending") throw new AppError("closed", `This request is ${state.request.status}: there is nobody to remind`, undefined, 409);
    const waiting = askedSteps(state.steps, state.request.inOrder).map((s) => state.steps.find((x) => x.id === s.id)!.userId);
    const recent = await tx
      .select({ userId: signoffReminders.userId })
      .from(signoffReminders)
      .where(and(eq(signoffReminders.requestId, requestId), gt(signoffReminders.sentAt, new Date(now.getTime() - 86_400_000))));
    const reminded = new Set(recent.map((r) => r.userId));
    const due = waiting.filter((id) => !reminded.has(id));
    if (due.length === 0) throw new AppError("too_soon", "Everyone it waits on was reminded in the last 24 hours", undefined, 409);
    await tx.insert(signoffReminders).values(due.map((userId) => ({ requestId, userId, sentBy: actor.id, sentAt: now })));
    await mailReminders(tx, requestId, due, actor.name);
    await appendAudit(tx, { kind: "signoff.reminded", actor, subjectType: "signoff_request", subjectId: requestId, payload: { number: state.number, userIds: due } });
    return { reminded: due.length };
  });
}

/** A signer hands their signature to another executive, with a reason. */
export async function delegate({ requestId, to, reason, actor }: { requestId: string; to: string; reason: string; actor: Actor & { id: string } }) {
  return db().transaction(async (tx: Tx) => {
    const state = await loadRequest(tx, requestId, true);
    if (state.request.status !== "pending") throw new AppError("closed", `This request is ${state.request.status}`, undefined, 409);
    const step = state.steps.find((s) => s.userId === actor.id);
    if (!step) throw new AppError("not_named", "You are not named on this request", undefined, 403);
    if (step.role !== "signer") throw new AppError("not_signer", "Only a signer can hand their signature on", undefined, 403);
    if (step.decision) throw new AppError("decided", "You have already decided", undefined, 409);
    const target = (await people(tx, [to])).get(to);
    if (!target || !target.active || target.role !== "executive") throw new AppError("wrong_role", "Hand it to an active executive", "to");
    if (to === state.request.submittedBy) throw new AppError("own_submission", "The person who submitted it cannot sign it", "to");
    if (state.steps.some((s) => s.userId === to)) throw new AppError("already_named", `${target.name} is already named on this request`, "to");
    const asked = askedSteps(state.steps, state.request.inOrder).some((s) => s.id === step.id);
    try {
      await tx
        .update(signoffSteps)
        .set({ userId: to, delegatedFrom: actor.id, delegationReason: reason, askedAt: asked ? new Date() : null, revision: step.revision + 1 })
        .where(eq(signoffSteps.id, step.id));
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError("already_named", `${target.name} is already named on this request`, "to", 409);
      throw error;
    }
    if (asked) await mailAsked(tx, requestId, [step.id], { name: actor.name, reason });
    await appendAudit(tx, { kind: "signoff.delegated", actor, subjectType: "signoff_request", subjectId: requestId, payload: { number: state.number, from: actor.id, to, reason } });
    return { to: target.name };
  });
}

/** A comment on one clause (or the whole document) by someone named on the request or a relationship manager. */
export async function commentOn({
  requestId,
  clauseId,
  body,
  actor,
  mayEdit,
}: {
  requestId: string;
  clauseId: string | null;
  body: string;
  actor: Actor & { id: string };
  /** Whether the actor writes service definitions (relationship managers answer comments). */
  mayEdit: boolean;
}) {
  return db().transaction(async (tx: Tx) => {
    const state = await loadRequest(tx, requestId, true);
    if (state.request.status !== "pending") throw new AppError("closed", `This request is ${state.request.status}: comments are closed`, undefined, 409);
    const named = state.steps.some((s) => s.userId === actor.id || s.delegatedFrom === actor.id);
    if (!named && !mayEdit) throw new AppError("not_named", "You are not named on this request", undefined, 403);
    if (clauseId && !clauseIdsOf(state.content.definition).has(clauseId)) throw new AppError("unknown_clause", "That clause is not in this version", "clauseId");
    const [row] = await tx.insert(signoffComments).values({ requestId, clauseId, authorId: actor.id, body }).returning({ id: signoffComments.id });
    await appendAudit(tx, { kind: "signoff.commented", actor, subjectType: "signoff_request", subjectId: requestId, payload: { number: state.number, clauseId, commentId: row!.id } });
    return { id: row!.id };
  });
}
