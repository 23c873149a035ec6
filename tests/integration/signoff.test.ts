import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { agreedDocuments, auditEvents, signoffRequests, signoffSteps } from "../../db/schema";
import { db } from "../../app/db.server";
import { definitionSchema } from "../../app/domain/definition";
import { submitFormSchema, type SubmitInput } from "../../app/domain/signoff";
import { serviceFactsSchema } from "../../app/domain/service";
import type { Actor } from "../../app/models/audit.server";
import type { Sealed } from "../../app/models/agreement-seal.server";
import { inboxFor, requestsToFollow, requestView, versionSignoffs } from "../../app/models/signoff-read.server";
import { commentOn, decide, delegate, remind, submitForSignoff, withdrawRequest } from "../../app/models/signoff.server";
import { createVersion } from "../../app/models/service-version.server";
import { createService, saveDraft } from "../../app/models/service.server";
import { makeUser } from "../support/factories";
import { refusal } from "../support/refusal";

const actorOf = (u: { id: string; name: string }): Actor & { id: string } => ({ id: u.id, name: u.name, ip: "203.0.113.7", userAgent: "vitest" });

/** Stands in for rendering in the workflow tests (the PDF itself is tested on its own); records what it was asked to seal. */
function fakeSeal() {
  const calls: { requestId: string; stepId: string }[] = [];
  const seal = async ({ requestId, step }: { requestId: string; step: { id: string } }): Promise<Sealed> => {
    calls.push({ requestId, stepId: step.id });
    const pdf = new TextEncoder().encode(`%PDF-1.7 sealed ${requestId} ${step.id}`);
    return { pdf, sha256: `sha-${requestId}`, pages: 1 };
  };
  return { seal, calls };
}

async function world() {
  const rm = await makeUser("relationship_manager");
  const lead = await makeUser("business_lead");
  const lead2 = await makeUser("business_lead");
  const exec = await makeUser("executive");
  const exec2 = await makeUser("executive");
  const exec3 = await makeUser("executive");
  const service = await createService({ input: serviceFactsSchema.parse({ name: `Branch Banking ${Math.random().toString(36).slice(2, 7)}`, kind: "business" }), actor: actorOf(rm) });
  const draft = definitionSchema.parse({ purpose: "Branches serve customers", outcomes: [{ id: "o-1", text: "Accounts opened in one visit" }] });
  await saveDraft({ id: service.id, definition: draft, revision: 1, actor: actorOf(rm) });
  await createVersion({ id: service.id, actor: actorOf(rm) });
  return { rm, lead, lead2, exec, exec2, exec3, service };
}

const input = (over: Partial<SubmitInput>): SubmitInput => ({ approvers: [], signers: [], inOrder: false, message: "", dueOn: null, ...over });

describe("submitting for sign-off", () => {
  it("parses the form in the order people were named, and refuses no signer or the same person twice", () => {
    const a = "00000000-0000-4000-8000-00000000000a";
    const b = "00000000-0000-4000-8000-00000000000b";
    const ok = submitFormSchema.parse({ approver_0: b, approver_1: "", approver_2: a, signer_0: "00000000-0000-4000-8000-00000000000c", order: "in_order" });
    expect(ok.approvers).toEqual([b, a]);
    expect(ok.inOrder).toBe(true);
    const bad = submitFormSchema.safeParse({ approver_0: a, signer_0: a, order: "parallel" });
    expect(bad.success ? [] : bad.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([["signer_0", "Each person can be named once"]]);
    const none = submitFormSchema.safeParse({ approver_0: a, order: "parallel" });
    expect(none.success ? [] : none.error.issues.map((i) => i.message)).toEqual(["Name at least one executive to sign"]);
  });

  it("refuses the submitter as approver or signer, a business lead as signer, and a second request while one is pending", async () => {
    const w = await world();
    const own = await refusal(submitForSignoff({ serviceId: w.service.id, number: 1, input: input({ approvers: [w.rm.id], signers: [w.exec.id] }), actor: actorOf(w.rm) }));
    expect(own.message).toBe("You cannot approve or sign what you submit: name someone else");
    expect(own.field).toBe("approver_0");
    const lead = await refusal(submitForSignoff({ serviceId: w.service.id, number: 1, input: input({ signers: [w.lead.id] }), actor: actorOf(w.rm) }));
    expect(lead.message).toBe(`${w.lead.name} cannot sign: signers are executives`);
    await submitForSignoff({ serviceId: w.service.id, number: 1, input: input({ approvers: [w.lead.id], signers: [w.exec.id] }), actor: actorOf(w.rm) });
    const again = await refusal(submitForSignoff({ serviceId: w.service.id, number: 1, input: input({ signers: [w.exec2.id] }), actor: actorOf(w.rm) }));
    expect(again.message).toBe("Version 1 is already under review");
    expect(await db().select().from(signoffRequests)).toHaveLength(1);
  });
});

describe("deciding", () => {
  it("asks signers only after every approver approved; in order asks one at a time; the last signature agrees the version and seals the PDF", async () => {
    const w = await world();
    const { seal, calls } = fakeSeal();
    const { id } = await submitForSignoff({ serviceId: w.service.id, number: 1, input: input({ approvers: [w.lead.id, w.lead2.id], signers: [w.exec.id, w.exec2.id], inOrder: true }), actor: actorOf(w.rm) });
    expect((await inboxFor(w.lead.id)).map((r) => r.asked)).toEqual([true]);
    expect((await inboxFor(w.lead2.id)).map((r) => r.asked)).toEqual([false]);
    expect((await inboxFor(w.exec.id)).map((r) => r.asked)).toEqual([false]);

    const early = await refusal(decide({ requestId: id, decision: "approve", comment: "", actor: actorOf(w.exec), origin: "http://x", seal }));
    expect(early.message).toBe("It is not your turn: the approvers have not all approved yet");
    const second = await refusal(decide({ requestId: id, decision: "approve", comment: "", actor: actorOf(w.lead2), origin: "http://x", seal }));
    expect(second.message).toBe("It is not your turn: someone before you has not decided yet");

    await decide({ requestId: id, decision: "approve", comment: "Reads right for branches", actor: actorOf(w.lead), origin: "http://x", seal });
    await decide({ requestId: id, decision: "approve", comment: "", actor: actorOf(w.lead2), origin: "http://x", seal });
    expect((await inboxFor(w.exec.id)).map((r) => r.asked)).toEqual([true]);
    expect((await inboxFor(w.exec2.id)).map((r) => r.asked)).toEqual([false]);
    expect(await decide({ requestId: id, decision: "approve", comment: "", actor: actorOf(w.exec), origin: "http://x", seal })).toEqual({ status: "pending" });
    expect(calls).toHaveLength(0);
    const done = await decide({ requestId: id, decision: "approve", comment: "Agreed for the board", actor: actorOf(w.exec2), origin: "http://x", seal });
    expect(done.status).toBe("agreed");
    expect(calls).toHaveLength(1);
    const view = (await requestView(id))!;
    expect(view.request.status).toBe("agreed");
    expect(view.sealed?.sha256).toBe(`sha-${id}`);
    expect(view.steps.map((s) => s.state)).toEqual(["approved", "approved", "approved", "approved"]);
    expect((await versionSignoffs(w.service.id))[1]).toMatchObject({ status: "agreed", sealed: true });
    // Every step is in the audit trail with who, from where and with what browser.
    const events = await db().select().from(auditEvents).where(eq(auditEvents.subjectId, id));
    expect(events.map((e) => e.kind)).toEqual(["signoff.submitted", "signoff.approved", "signoff.approved", "signoff.approved", "signoff.approved", "signoff.agreed"]);
    expect(events.every((e) => e.ip === "203.0.113.7" && e.userAgent === "vitest")).toBe(true);
    expect((await inboxFor(w.exec2.id))).toEqual([]);
  });

  it("in parallel asks every approver at once; only named people decide; the submitter never does", async () => {
    const w = await world();
    const { seal } = fakeSeal();
    const { id } = await submitForSignoff({ serviceId: w.service.id, number: 1, input: input({ approvers: [w.lead.id, w.lead2.id], signers: [w.exec.id] }), actor: actorOf(w.rm) });
    expect((await inboxFor(w.lead2.id)).map((r) => r.asked)).toEqual([true]);
    expect((await refusal(decide({ requestId: id, decision: "approve", comment: "", actor: actorOf(w.exec3), origin: "http://x", seal }))).message).toBe("You are not named on this request");
    expect((await refusal(decide({ requestId: id, decision: "approve", comment: "", actor: actorOf(w.rm), origin: "http://x", seal }))).message).toBe(
      "You submitted this version: you cannot approve or sign it",
    );
    await decide({ requestId: id, decision: "approve", comment: "", actor: actorOf(w.lead2), origin: "http://x", seal });
    expect((await refusal(decide({ requestId: id, decision: "approve", comment: "", actor: actorOf(w.lead2), origin: "http://x", seal }))).message).toBe("You have already decided");
  });

  it("a rejection ends the request: the version is rejected, nobody else is asked, and it cannot be submitted again", async () => {
    const w = await world();
    const { seal } = fakeSeal();
    const { id } = await submitForSignoff({ serviceId: w.service.id, number: 1, input: input({ approvers: [w.lead.id], signers: [w.exec.id] }), actor: actorOf(w.rm) });
    await decide({ requestId: id, decision: "reject", comment: "Saturday hours are wrong", actor: actorOf(w.lead), origin: "http://x", seal });
    expect((await requestView(id))!.request.status).toBe("rejected");
    expect(await inboxFor(w.exec.id)).toEqual([]);
    expect((await refusal(decide({ requestId: id, decision: "approve", comment: "", actor: actorOf(w.exec), origin: "http://x", seal }))).message).toBe("This request is rejected and takes no more decisions");
    const again = await refusal(submitForSignoff({ serviceId: w.service.id, number: 1, input: input({ signers: [w.exec.id] }), actor: actorOf(w.rm) }));
    expect(again.message).toBe("Version 1 was rejected: make a new version from the draft");
  });

  it("withdrawing frees the version to be submitted again; reminders go to whoever it waits on, once a day", async () => {
    const w = await world();
    const { seal } = fakeSeal();
    const { id } = await submitForSignoff({ serviceId: w.service.id, number: 1, input: input({ approvers: [w.lead.id, w.lead2.id], signers: [w.exec.id], inOrder: true }), actor: actorOf(w.rm) });
    expect(await remind({ requestId: id, actor: actorOf(w.rm) })).toEqual({ reminded: 1 });
    expect((await refusal(remind({ requestId: id, actor: actorOf(w.rm) }))).message).toBe("Everyone it waits on was reminded in the last 24 hours");
    const view = (await requestView(id))!;
    expect(view.reminders.map((r) => r.to)).toEqual([w.lead.name]);
    expect((await requestsToFollow({ submittedBy: w.rm.id }))[0]!.waitingOn.map((p) => p.name)).toEqual([w.lead.name]);
    await withdrawRequest({ requestId: id, reason: "Hours still being agreed", actor: actorOf(w.rm) });
    expect((await refusal(decide({ requestId: id, decision: "approve", comment: "", actor: actorOf(w.lead), origin: "http://x", seal }))).message).toBe(
      "This request is withdrawn and takes no more decisions",
    );
    expect(await inboxFor(w.lead.id)).toEqual([]);
    const next = await submitForSignoff({ serviceId: w.service.id, number: 1, input: input({ signers: [w.exec.id] }), actor: actorOf(w.rm) });
    expect((await versionSignoffs(w.service.id))[1]).toMatchObject({ requestId: next.id, status: "pending" });
  });

  it("a signer delegates to another executive with a reason; the new holder decides, the old one cannot", async () => {
    const w = await world();
    const { seal } = fakeSeal();
    const { id } = await submitForSignoff({ serviceId: w.service.id, number: 1, input: input({ signers: [w.exec.id] }), actor: actorOf(w.rm) });
    const notExec = await refusal(delegate({ requestId: id, to: w.lead.id, reason: "Away", actor: actorOf(w.exec) }));
    expect(notExec.message).toBe("Hand it to an active executive");
    await delegate({ requestId: id, to: w.exec3.id, reason: "On leave until 4 December", actor: actorOf(w.exec) });
    expect(await inboxFor(w.exec.id)).toEqual([]);
    expect((await inboxFor(w.exec3.id)).map((r) => r.asked)).toEqual([true]);
    expect((await refusal(decide({ requestId: id, decision: "approve", comment: "", actor: actorOf(w.exec), origin: "http://x", seal }))).message).toBe("You are not named on this request");
    expect((await decide({ requestId: id, decision: "approve", comment: "", actor: actorOf(w.exec3), origin: "http://x", seal })).status).toBe("agreed");
    const step = (await requestView(id))!.steps[0]!;
    expect(step).toMatchObject({ name: w.exec3.name, delegatedFrom: w.exec.name, delegationReason: "On leave until 4 December" });
    const kinds = (await db().select().from(auditEvents).where(eq(auditEvents.subjectId, id))).map((e) => e.kind);
    expect(kinds).toContain("signoff.delegated");
  });

  it("comments sit on a clause of the version; an unknown clause or someone not named is refused", async () => {
    const w = await world();
    const { id } = await submitForSignoff({ serviceId: w.service.id, number: 1, input: input({ approvers: [w.lead.id], signers: [w.exec.id] }), actor: actorOf(w.rm) });
    await commentOn({ requestId: id, clauseId: "o-1", body: "One visit is ambitious for business accounts", actor: actorOf(w.lead), mayEdit: false });
    expect((await refusal(commentOn({ requestId: id, clauseId: "o-99", body: "x", actor: actorOf(w.lead), mayEdit: false }))).message).toBe("That clause is not in this version");
    expect((await refusal(commentOn({ requestId: id, clauseId: null, body: "x", actor: actorOf(w.lead2), mayEdit: false }))).message).toBe("You are not named on this request");
    const view = (await requestView(id))!;
    expect(view.comments.map((c) => [c.clauseId, c.author])).toEqual([["o-1", w.lead.name]]);
  });

  it("when the last two signers in parallel approve at once, exactly one seals and the version is agreed once", async () => {
    const w = await world();
    const { seal, calls } = fakeSeal();
    const { id } = await submitForSignoff({ serviceId: w.service.id, number: 1, input: input({ signers: [w.exec.id, w.exec2.id] }), actor: actorOf(w.rm) });
    const results = await Promise.all([
      decide({ requestId: id, decision: "approve", comment: "", actor: actorOf(w.exec), origin: "http://x", seal }),
      decide({ requestId: id, decision: "approve", comment: "", actor: actorOf(w.exec2), origin: "http://x", seal }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["agreed", "pending"]);
    expect(await db().select().from(agreedDocuments)).toHaveLength(1);
    expect((await db().select().from(signoffSteps).where(eq(signoffSteps.requestId, id))).every((s) => s.decision === "approved")).toBe(true);
    expect(calls.length).toBeGreaterThanOrEqual(1);
  });
});
