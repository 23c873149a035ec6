import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { mailMessages, surveyInvitees } from "../../db/schema";
import { db } from "../../app/db.server";
import { businessUnitSchema } from "../../app/domain/business-unit";
import { definitionSchema } from "../../app/domain/definition";
import { guideContentSchema, type GuideContent } from "../../app/domain/guide";
import { createNeedSchema, editNeedSchema } from "../../app/domain/need";
import { createRoundSchema, DEFAULT_CRITERIA } from "../../app/domain/round";
import { reviewFormSchema } from "../../app/domain/review";
import { providerSchema, serviceFactsSchema } from "../../app/domain/service";
import { stakeholderSchema } from "../../app/domain/stakeholder";
import { surveySchema } from "../../app/domain/survey";
import { createUserSchema } from "../../app/domain/user";
import type { Actor } from "../../app/models/audit.server";
import { saveAnswer } from "../../app/models/answer.server";
import { createBusinessUnit } from "../../app/models/business-unit.server";
import { captureEvidence } from "../../app/models/evidence.server";
import { createGuide, editDraft, publishDraft, startDraft } from "../../app/models/guide.server";
import { changeInterviewStatus, planInterview } from "../../app/models/interview.server";
import { recordMeasures } from "../../app/models/measures.server";
import { changeNeedStatus, commentOnNeed, createNeed, updateNeed } from "../../app/models/need.server";
import { setNeedEffort } from "../../app/models/effort.server";
import { recordReview } from "../../app/models/review.server";
import { closeRound, createRound, openRound, reopenRound, saveScores, submitScores } from "../../app/models/round.server";
import { addDependency, createProvider, createService, saveDraft } from "../../app/models/service.server";
import { createVersion } from "../../app/models/service-version.server";
import { commentOn, decide, delegate, remind, submitForSignoff, withdrawRequest } from "../../app/models/signoff.server";
import { createStakeholder } from "../../app/models/stakeholder.server";
import { clearSuspects, suspectsOf } from "../../app/models/suspect.server";
import { createSurvey, openLink, remindInvitees, saveResponse, submitResponse, todayUtc } from "../../app/models/survey.server";
import { createUser } from "../../app/models/user.server";
import { createWorkspace } from "../../app/models/workspace.server";
import { cookieFor } from "./factories";
import { hostile } from "./xss-html";

export type Role = "admin" | "relationship_manager" | "business_lead" | "executive";

/** Every field filled in below, by the name its marker carries. */
export const FIELDS = new Set<string>();
function h(field: string, max?: number, lead?: string) {
  FIELDS.add(field);
  return hostile(field, max, lead);
}

const PASSWORD = "correct horse battery";
const UA = () => h("audit.userAgent", 500);

/**
 * A workspace where every free-text field a user can type holds hostile text naming its field,
 * made through the app's own schemas and model functions as the forms would. One of each thing,
 * in every state a page shows differently: an agreed version with its sealed PDF, a draft version
 * waiting on sign-off with clause comments, a closed and an open round, a cancelled interview, a
 * rejected need, suspect clauses, a review, measures, and a survey with a sent response.
 */
export async function buildHostileWorkspace() {
  await db().transaction((tx) => createWorkspace(tx, { name: h("workspace.name", 120), demo: false, actor: { id: null, name: "setup", ip: "", userAgent: "" } }));
  const unitCode = `RB${randomUUID().slice(0, 4)}`.toUpperCase();
  const unit = await createBusinessUnit({
    input: businessUnitSchema.parse({ name: h("unit.name", 120), code: unitCode, description: h("unit.description", 1000) }),
    actor: { id: null, name: "setup", ip: "", userAgent: "" },
  });
  const other = await createBusinessUnit({ input: businessUnitSchema.parse({ name: h("unit2.name", 120), code: `OT${randomUUID().slice(0, 4)}`, description: "" }), actor: { id: null, name: "setup", ip: "", userAgent: "" } });
  const person = async (role: Role, key: string, unitId: string | null) => {
    const input = createUserSchema.parse({ name: h(`${key}.name`, 120), email: `${key}.${randomUUID().slice(0, 6)}@example.com`, title: h(`${key}.title`, 120), role, businessUnitId: unitId ?? "" });
    const { id } = await createUser({ input, actor: { id: null, name: "setup", ip: "", userAgent: "" }, password: PASSWORD });
    return { id, name: input.name, role, cookie: await cookieFor(id) };
  };
  const admin = await person("admin", "admin", null);
  const rm = await person("relationship_manager", "rm", null);
  const lead = await person("business_lead", "lead", unit.id);
  const exec = await person("executive", "exec", null);
  const exec2 = await person("executive", "exec2", null);
  const actorOf = (u: { id: string; name: string }): Actor & { id: string } => ({ id: u.id, name: u.name, ip: "203.0.113.9", userAgent: UA() });
  const rmActor = actorOf(rm);
  const viewer = { id: rm.id, role: "relationship_manager" as const, businessUnitId: null };

  const stakeholders: Awaited<ReturnType<typeof createStakeholder>>[] = [];
  for (const [i, u] of [unit.id, unit.id, unit.id, other.id].entries()) {
    const input = stakeholderSchema.parse({ name: h(`stakeholder${i}.name`, 120), title: h(`stakeholder${i}.title`, 120), level: "manager", businessUnitId: u, email: `s${i}.${randomUUID().slice(0, 6)}@example.com` });
    stakeholders.push(await createStakeholder({ input, actor: rmActor }));
  }

  const external = await createProvider({ input: providerSchema.parse({ name: h("provider.name", 120), kind: "external", description: h("provider.description", 500) }), actor: rmActor });

  // A guide with every kind of question whose words a user types.
  const guide = await createGuide({ input: { title: h("guide.title", 200), description: h("guide.description", 2000) }, actor: rmActor });
  const content: GuideContent = guideContentSchema.parse({
    sections: [
      {
        id: "s-one",
        title: h("section.title", 200),
        purpose: h("section.purpose", 2000),
        questions: [
          { id: "q-long", type: "long_text", prompt: h("question.prompt", 1000), help: h("question.help", 1000), required: false, condition: null, settings: {} },
          { id: "q-short", type: "short_text", prompt: "Short", help: "", required: false, condition: null, settings: { maxLength: 500 } },
          { id: "q-scale", type: "scale", prompt: "Scale", help: "", required: false, condition: null, settings: { min: 1, max: 3, minLabel: "Low", maxLabel: "High", pointLabels: [h("scale.point1", 60), "two", "three"] } },
          { id: "q-scale2", type: "scale", prompt: "Scale", help: "", required: false, condition: null, settings: { min: 1, max: 5, minLabel: h("scale.minLabel", 60), maxLabel: h("scale.maxLabel", 60) } },
          { id: "q-choice", type: "single_choice", prompt: "Choice", help: "", required: false, condition: null, settings: { options: [{ value: "opt-a", label: h("option.label", 120) }, { value: "opt-b", label: "B" }] } },
          { id: "q-multi", type: "multi_choice", prompt: "Multi", help: "", required: false, condition: null, settings: { options: [{ value: "opt-a", label: "A" }, { value: "opt-b", label: "B" }], allowOther: true } },
          { id: "q-rank", type: "ranking", prompt: "Rank", help: "", required: false, condition: null, settings: { options: [{ value: "opt-a", label: h("ranking.label", 120) }, { value: "opt-b", label: "B" }] } },
          { id: "q-number", type: "number", prompt: "Number", help: "", required: false, condition: null, settings: { unit: h("number.unit", 30) } },
          { id: "q-periods", type: "critical_periods", prompt: "Periods", help: "", required: false, condition: null, settings: {} },
        ],
      },
    ],
  });
  await startDraft({ guideId: guide.id, actor: rmActor });
  await editDraft({ guideId: guide.id, edit: "content", target: null, apply: () => content, actor: rmActor });
  const published = await publishDraft({ guideId: guide.id, actor: rmActor });
  // A new draft of the guide, so its editor shows every field.
  await startDraft({ guideId: guide.id, actor: rmActor });
  const guideVersionId = (published as { id?: string }).id ?? (await latestVersionId(guide.id));

  // An interview answered in every question, with notes, a quote and evidence.
  const plan = (purpose: string, location: string) =>
    planInterview({
      input: { guideVersionId, businessUnitId: unit.id, stakeholderIds: [stakeholders[0]!.id, stakeholders[1]!.id], interviewerId: rm.id, date: todayUtc(), time: "10:00", durationMinutes: 60, location, purpose, private: false },
      actor: rmActor,
    });
  const interview = await plan(h("interview.purpose", 2000), h("interview.location", 300));
  await changeInterviewStatus({ id: interview.id, viewer, change: "start", actor: rmActor });
  const longAnswer = h("answer.long", 20_000);
  const saves: { kind: "answer" | "notes"; item: string; value: unknown; quote?: string }[] = [
    { kind: "answer", item: "q-long", value: longAnswer, quote: h("answer.quote", 500) },
    { kind: "answer", item: "q-short", value: h("answer.short", 500, "=1+1") },
    { kind: "answer", item: "q-scale", value: 2 },
    { kind: "answer", item: "q-choice", value: "opt-a" },
    { kind: "answer", item: "q-multi", value: { selected: ["opt-a"], other: h("answer.other", 200) } },
    { kind: "answer", item: "q-rank", value: ["opt-a", "opt-b"] },
    { kind: "answer", item: "q-number", value: 3 },
    { kind: "answer", item: "q-periods", value: [{ name: h("answer.period.name", 120), when: h("answer.period.when", 200), affects: h("answer.period.affects", 500), impact: "high" }] },
    { kind: "notes", item: "s-one", value: h("answer.notes", 20_000) },
  ];
  for (const s of saves) {
    const outcome = await saveAnswer({ interviewId: interview.id, content, save: { kind: s.kind, item: s.item, value: s.value, quote: s.quote ?? "", base: 0, key: randomUUID() }, viewer });
    if (!("status" in outcome) || outcome.status !== "saved") throw new Error(`answer ${s.item} (${s.kind}) not saved: ${JSON.stringify(outcome)}`);
  }
  const ev = await captureEvidence({ interviewId: interview.id, input: { source: "answer", item: "q-long", text: longAnswer, stakeholderIds: [stakeholders[0]!.id], tags: [h("evidence.tag", 40).slice(0, 40)] }, viewer, actor: rmActor });
  await changeInterviewStatus({ id: interview.id, viewer, change: "complete", actor: rmActor });
  // A second interview still running: its answers sit in editable fields on the runner.
  const running = await plan("", "");
  await changeInterviewStatus({ id: running.id, viewer, change: "start", actor: rmActor });
  for (const s of [saves[0]!, saves[1]!, saves[8]!]) {
    await saveAnswer({ interviewId: running.id, content, save: { kind: s.kind, item: s.item, value: s.value, quote: s.quote ?? "", base: 0, key: randomUUID() }, viewer });
  }
  const cancelled = await plan("", "");
  await changeInterviewStatus({ id: cancelled.id, viewer, change: "cancel", reason: h("interview.cancelReason", 500), actor: rmActor });

  // Needs: one with every field and the evidence, one rejected, one plain.
  // need2's fields start as spreadsheet formulas do (=, +, -, @): a CSV export must defuse them.
  const formula = (key: string, sign: string) => (key === "need2" ? sign : "");
  const needInput = (key: string, evidenceIds: string[] = []) =>
    createNeedSchema.parse({
      statement: h(`${key}.statement`, 300, formula(key, "=HYPERLINK(\"http://x.example\")")),
      outcome: h(`${key}.outcome`, 1000, formula(key, "+1+")),
      process: h(`${key}.process`, 200, formula(key, "-1-")),
      criticalPeriod: h(`${key}.criticalPeriod`, 200, formula(key, "@SUM(1)")),
      pain: h(`${key}.pain`, 2000, formula(key, "=2*")),
      category: "availability",
      unitIds: [unit.id],
      evidenceIds,
    });
  const need = await createNeed({ input: needInput("need", [(ev as { id: string }).id]), viewer, actor: rmActor });
  const need2 = await createNeed({ input: needInput("need2"), viewer, actor: rmActor });
  const need3 = await createNeed({ input: needInput("need3"), viewer, actor: rmActor });
  await commentOnNeed({ id: need.id, body: h("need.comment", 2000), viewer: { id: lead.id, role: "business_lead", businessUnitId: unit.id }, actor: actorOf(lead) });
  await changeNeedStatus({ id: need3.id, status: "rejected", reason: h("need3.statusReason", 500), viewer, actor: rmActor });
  await setNeedEffort({ needId: need.id, input: { size: "m", days: null, note: h("effort.note", 500) }, actor: rmActor });

  // Rounds: one closed with rationales, one open for the lead to score.
  const criteria = DEFAULT_CRITERIA.map((c, i) => (i === 0 ? { ...c, name: h("criterion.name", 60), points: c.points.map((p, j) => (j === 0 ? h("criterion.point", 120) : p)) } : c));
  const roundInput = (key: string) =>
    createRoundSchema.parse({ title: h(`${key}.title`, 120), method: "weighted", criteria, needIds: [need.id, need2.id], scorerIds: [lead.id], observerIds: [exec.id] });
  const closed = await createRound({ input: roundInput("round"), actor: rmActor });
  await openRound({ id: closed.id, actor: rmActor });
  const allScores = (needIds: string[]) => needIds.flatMap((needId, n) => criteria.map((c) => ({ needId, criterion: c.key, value: n + 2 })));
  await saveScores({ roundId: closed.id, userId: lead.id, scores: allScores([need.id, need2.id]), rationales: [{ needId: need.id, text: h("round.rationale", 2000) }] });
  await submitScores({ roundId: closed.id, userId: lead.id, actor: actorOf(lead) });
  await closeRound({ id: closed.id, actor: rmActor });
  await reopenRound({ id: closed.id, reason: h("round.reopenReason", 500), actor: actorOf(admin) });
  await closeRound({ id: closed.id, actor: rmActor });
  const open = await createRound({ input: roundInput("round2"), actor: rmActor });
  await openRound({ id: open.id, actor: rmActor });
  const draftRound = await createRound({ input: roundInput("round3"), actor: rmActor });
  await saveScores({ roundId: open.id, userId: lead.id, scores: allScores([need.id]), rationales: [{ needId: need.id, text: h("round2.rationale", 2000) }] });

  // Services: a supporting one from the external provider, and the business service with every clause.
  const facts = (key: string, extra: Record<string, unknown> = {}) =>
    serviceFactsSchema.parse({
      name: h(`${key}.name`, 120),
      kind: "business",
      ownerName: h(`${key}.ownerName`, 120),
      ownerTitle: h(`${key}.ownerTitle`, 120),
      ownerContact: h(`${key}.ownerContact`, 200, "javascript:alert(1)//"),
      agreementKind: "contract",
      agreementReference: h(`${key}.agreementReference`, 120),
      reviewEveryMonths: "12",
      ...extra,
    });
  const supporting = await createService({ input: facts("supporting", { kind: "supporting", providerId: external.id, deliveryModel: "outsourced", agreementEnd: day(20), agreementRenewalNotice: day(5) }), actor: rmActor });
  const service = await createService({ input: facts("service"), actor: rmActor });
  await addDependency({ serviceId: service.id, dependsOnId: supporting.id, actor: rmActor });
  const definition = (v: string) =>
    definitionSchema.parse({
      purpose: h(`def${v}.purpose`, 1000),
      outcomes: [{ id: "o-one", text: h(`def${v}.outcome`, 500), needIds: [need.id] }],
      consumers: [{ unitId: unit.id, spokesperson: h(`def${v}.spokesperson`, 120), note: h(`def${v}.consumerNote`, 300) }],
      scopeIn: [{ id: "in-one", text: h(`def${v}.scopeIn`, 300), needIds: [] }],
      scopeOut: [{ id: "out-one", text: h(`def${v}.scopeOut`, 300), needIds: [] }],
      hours: { summary: h(`def${v}.hoursSummary`, 300), timeZone: "Europe/London", coverage: [{ day: "mon", from: "09:00", to: "17:00" }], holidays: h(`def${v}.holidays`, 300) },
      criticalPeriods: [{ id: "p-one", name: h(`def${v}.periodName`, 80), when: h(`def${v}.periodWhen`, 200) }],
      serviceLevels: [
        { id: "l-one", period: null, measure: h(`def${v}.measure`, 200), kind: "percent", target: "99.5", howMeasured: h(`def${v}.howMeasured`, 300) },
        { id: "l-two", period: "p-one", measure: "Words", kind: "text", target: h(`def${v}.target`, 100), howMeasured: "Asked" },
      ],
      support: h(`def${v}.support`, 2000),
      escalation: h(`def${v}.escalation`, 2000),
      providerCosts: h(`def${v}.providerCosts`, 2000),
      providerRisks: h(`def${v}.providerRisks`, 2000),
    });
  await saveDraft({ id: service.id, revision: 1, definition: definition("1"), actor: rmActor });
  await createVersion({ id: service.id, actor: rmActor });
  const first = await submitForSignoff({ serviceId: service.id, number: 1, input: { approvers: [lead.id], signers: [exec.id], inOrder: true, message: h("signoff.message", 2000), dueOn: null }, actor: rmActor });
  await commentOn({ requestId: first.id, clauseId: "o-one", body: h("signoff.clauseComment", 2000), actor: actorOf(lead), mayEdit: false });
  await decide({ requestId: first.id, decision: "approve", comment: h("signoff.approverComment", 2000), actor: actorOf(lead), origin: "https://charter.example" });
  const agreed = await decide({ requestId: first.id, decision: "approve", comment: h("signoff.signerComment", 2000), actor: actorOf(exec), origin: "https://charter.example" });
  if (agreed.status !== "agreed") throw new Error(`version 1 not agreed: ${agreed.status}`);

  // After agreement: the need behind a clause changes (suspect, one cleared with a note), a review, measures.
  const revisionOf = async (id: string) => (await db().query.needs.findFirst({ where: (t, { eq: is }) => is(t.id, id) }))!.revision;
  await updateNeed({ id: need.id, input: editNeedSchema.parse({ ...needInput("need"), outcome: `${h("need.outcome", 990)} 1`, revision: await revisionOf(need.id) }), viewer, actor: rmActor });
  const suspects = await suspectsOf(service.id);
  await clearSuspects({ serviceId: service.id, input: { ids: suspects.items.map((i) => i.id), note: h("suspect.clearNote", 1000) }, actor: rmActor });
  await updateNeed({ id: need.id, input: editNeedSchema.parse({ ...needInput("need"), outcome: `${h("need.outcome", 990)} 2`, revision: await revisionOf(need.id) }), viewer, actor: rmActor });
  await recordMeasures({ serviceId: service.id, input: { period: todayUtc().slice(0, 7), values: { "l-one": "99.9", "l-two": "met" } }, actor: rmActor });
  await recordReview({
    serviceId: service.id,
    input: reviewFormSchema.parse({
      reviewedOn: todayUtc(),
      effectiveness: "partially_effective",
      measuresSummary: h("review.measuresSummary", 4000),
      notes: h("review.notes", 4000),
      events: [{ kind: "regulation", occurredOn: todayUtc(), description: h("review.event", 1000) }],
      actions: [{ text: h("review.action", 500), owner: h("review.actionOwner", 120), dueOn: day(30) }],
    }),
    actor: rmActor,
  });

  // Version 2, waiting on the lead with a comment on a clause.
  await saveDraft({ id: service.id, revision: await serviceRevision(service.id), definition: definition("2"), actor: rmActor });
  await createVersion({ id: service.id, actor: rmActor });
  const pending = await submitForSignoff({ serviceId: service.id, number: 2, input: { approvers: [lead.id], signers: [exec.id], inOrder: true, message: h("signoff2.message", 2000), dueOn: day(7) }, actor: rmActor });
  await commentOn({ requestId: pending.id, clauseId: "purpose", body: h("signoff2.clauseComment", 2000), actor: actorOf(lead), mayEdit: false });
  await remind({ requestId: pending.id, actor: rmActor });

  // The supporting service: version 1 handed by its signer to another, who rejects it; version 2 withdrawn.
  await createVersion({ id: supporting.id, actor: rmActor });
  const handed = await submitForSignoff({ serviceId: supporting.id, number: 1, input: { approvers: [], signers: [exec.id], inOrder: true, message: "", dueOn: null }, actor: rmActor });
  await delegate({ requestId: handed.id, to: exec2.id, reason: h("signoff.delegationReason", 500), actor: actorOf(exec) });
  await decide({ requestId: handed.id, decision: "reject", comment: h("signoff.rejectComment", 2000), actor: actorOf(exec2), origin: "https://charter.example" });
  await saveDraft({ id: supporting.id, revision: await serviceRevision(supporting.id), definition: definitionSchema.parse({ purpose: h("supporting.purpose", 1000) }), actor: rmActor });
  await createVersion({ id: supporting.id, actor: rmActor });
  const withdrawn = await submitForSignoff({ serviceId: supporting.id, number: 2, input: { approvers: [], signers: [exec.id], inOrder: true, message: "", dueOn: null }, actor: rmActor });
  await withdrawRequest({ requestId: withdrawn.id, reason: h("signoff.withdrawReason", 500), actor: rmActor });

  // A named survey of the unit's people; one sends answers to every question.
  const survey = await createSurvey({
    input: surveySchema.parse({ guideVersionId, title: h("survey.title", 200), intro: h("survey.intro", 4000), opensOn: todayUtc(), closesOn: day(14), audience: "people", stakeholderIds: stakeholders.slice(0, 3).map((s) => s.id) }),
    actor: rmActor,
  });
  const invitees = await db().select().from(surveyInvitees).where(eq(surveyInvitees.surveyId, survey.id));
  const mail = await db().select().from(mailMessages).where(inArray(mailMessages.subjectId, invitees.map((i) => i.id)));
  const tokens = mail.map((m) => /\/s\/([A-Za-z0-9_-]+)/.exec(m.text)![1]!);
  const link = (await openLink(tokens[0]!))!;
  const surveyAnswers = [
    { kind: "answer" as const, item: "q-long", value: h("survey.answer", 20_000) },
    { kind: "answer" as const, item: "q-short", value: h("survey.short", 500) },
    { kind: "answer" as const, item: "q-multi", value: { selected: ["opt-b"], other: h("survey.other", 200) } },
  ];
  await saveResponse(link, { intent: "save", since: 0, saves: surveyAnswers.map((s) => ({ ...s, quote: "", base: 0, key: randomUUID() })) });
  await submitResponse(link, "203.0.113.10", UA());
  await remindInvitees({ surveyId: survey.id, actor: rmActor });

  return {
    users: { admin, relationship_manager: rm, business_lead: lead, executive: exec },
    exec2,
    unit: { id: unit.id, code: unitCode },
    stakeholder: stakeholders[0]!,
    guideId: guide.id,
    guideVersion: (await versionNumber(guideVersionId)),
    interviewId: interview.id,
    cancelledId: cancelled.id,
    runningId: running.id,
    draftRoundId: draftRound.id,
    needIds: [need.id, need2.id, need3.id],
    closedRoundId: closed.id,
    openRoundId: open.id,
    serviceId: service.id,
    supportingId: supporting.id,
    agreedRequestId: first.id,
    pendingRequestId: pending.id,
    handedRequestId: handed.id,
    withdrawnRequestId: withdrawn.id,
    surveyId: survey.id,
    surveyTokens: tokens,
    versionIds: await versionIds(service.id),
  };
}

export type HostileWorkspace = Awaited<ReturnType<typeof buildHostileWorkspace>>;

const day = (offset: number) => todayUtc(new Date(Date.now() + offset * 86_400_000));

async function latestVersionId(guideId: string) {
  const rows = await db().query.guideVersions.findMany({ where: (t, { eq: is }) => is(t.guideId, guideId) });
  return rows.find((r) => r.status === "published")!.id;
}
async function versionNumber(id: string) {
  return (await db().query.guideVersions.findFirst({ where: (t, { eq: is }) => is(t.id, id) }))!.number;
}
async function serviceRevision(id: string) {
  return (await db().query.services.findFirst({ where: (t, { eq: is }) => is(t.id, id) }))!.revision;
}
async function versionIds(serviceId: string) {
  const rows = await db().query.serviceVersions.findMany({ where: (t, { eq: is }) => is(t.serviceId, serviceId) });
  return rows.sort((a, b) => a.number - b.number).map((r) => r.id);
}
