import { desc, eq, sql } from "drizzle-orm";
import { serviceVersions, signoffRequests } from "../../db/schema";
import {
  AGREEMENT_KIND_LABELS,
  clauseNeedLinks,
  CRITICALITY_LABELS,
  DELIVERY_MODEL_LABELS,
  LIFECYCLE_LABELS,
  MEASURE_KIND_LABELS,
  needsAnswered,
  SERVICE_KIND_LABELS,
  WEEKDAY_LABELS,
  type VersionContent,
} from "../domain/definition";
import { formatLongDate, formatUtc, ordinal } from "../domain/format";
import { needRef } from "../domain/need";
import { askedSteps, SIGNOFF_ROLE_LABELS } from "../domain/signoff";
import { respondentLabel } from "../domain/survey";
import type { AgreementDocument, DocumentStatus, NeedRef, SignoffDecision, SignoffRecord, TraceRow } from "../pdf/document-data";
import { db, type Executor } from "../db.server";
import { toUuidArray } from "./need-support.server";
import { rowsOf } from "./rows.server";
import { mayView, requestView } from "./signoff-read.server";

/** A decision not yet written: the one that completes a request, shown as made in the PDF it seals. */
export interface PendingDecision {
  stepId: string;
  decidedAt: Date;
  comment: string;
}

const NEED_STATUS_LABELS: Record<string, string> = { open: "Open", answered: "Answered", parked: "Parked", rejected: "Rejected" };

const agreementText = (a: VersionContent["service"]["agreement"]) => {
  if (!a) return null;
  const dates = a.start && a.end ? `, ${formatLongDate(a.start)} to ${formatLongDate(a.end)}` : a.end ? `, ends ${formatLongDate(a.end)}` : "";
  return `${AGREEMENT_KIND_LABELS[a.kind]}${a.reference ? ` ${a.reference}` : ""}${dates}`;
};

/**
 * Everything the service document of one version shows, in words. The sign-off record is the
 * version's latest request (or the one given); `completing` shows a decision about to be written
 * as made, and the version as agreed.
 */
export async function documentData({
  versionId,
  origin,
  requestId,
  completing,
  executor = db(),
  now = new Date(),
  reader,
}: {
  versionId: string;
  origin: string;
  requestId?: string;
  completing?: PendingDecision;
  executor?: Executor;
  now?: Date;
  /**
   * The reader, when they may not see every sign-off request: the record (decisions, comments,
   * message) is left out unless they submitted the request or are named in it, as on its page.
   */
  reader?: string;
}): Promise<AgreementDocument | null> {
  const [version] = await executor
    .select({ id: serviceVersions.id, number: serviceVersions.number, content: serviceVersions.content, hash: serviceVersions.contentHash, createdAt: serviceVersions.createdAt, createdBy: serviceVersions.createdBy })
    .from(serviceVersions)
    .where(eq(serviceVersions.id, versionId));
  if (!version) return null;
  const content = version.content;
  const d = content.definition;
  const names = content.names ?? { units: {}, needs: {} };
  const needIds = needsAnswered(d);

  const [needRows, supportingRows, creator, requests] = await Promise.all([
    needIds.length
      ? rowsOf<{ id: string; number: number; statement: string; status: string; rank: { rank: number; ranked: number; round: string } | null }>(
          await executor.execute(sql`
            select n.id, n.number, n.statement, n.status,
              (select json_build_object('rank', rr.rank, 'ranked', rr.ranked, 'round', r.title) from round_ranks rr join rounds r on r.id = rr.round_id
                where rr.need_id = n.survivor_id order by rr.closed_at desc limit 1) as rank
            from needs n where n.id = any(${toUuidArray(needIds)}) order by n.number`),
        )
      : [],
    content.service.supporting.length
      ? rowsOf<{ name: string; provider: string | null; provider_kind: string | null; owner_name: string; owner_title: string; agreement_kind: "ola" | "contract" | null; agreement_reference: string; agreement_end: string | null }>(
          await executor.execute(sql`
            select s.name, p.name as provider, p.kind as provider_kind, s.owner_name, s.owner_title, s.agreement_kind, s.agreement_reference, s.agreement_end::text as agreement_end
            from services s left join providers p on p.id = s.provider_id where s.name = any(${`{${content.service.supporting.map((n) => `"${n.replace(/(["\\])/g, "\\$1")}"`).join(",")}}`}::text[])`),
        )
      : [],
    version.createdBy ? rowsOf<{ name: string }>(await executor.execute(sql`select name from users where id = ${version.createdBy}`)) : [],
    executor
      .select()
      .from(signoffRequests)
      .where(requestId ? eq(signoffRequests.id, requestId) : eq(signoffRequests.versionId, versionId))
      .orderBy(desc(signoffRequests.submittedAt))
      .limit(1),
  ]);
  const request = requests[0] ?? null;

  const needName = (id: string) => names.needs[id] ?? "";
  const needsById = new Map(needRows.map((n) => [n.id, n]));
  const refs = (ids: string[]): NeedRef[] =>
    ids.map((id) => {
      const n = needsById.get(id);
      const frozen = needName(id);
      return n ? { ref: needRef(n.number), statement: frozen ? frozen.replace(/^N-\d+\s*/, "") : n.statement } : { ref: "", statement: frozen };
    });

  const status: DocumentStatus = completing ? "agreed" : request ? request.status : "draft";
  // The same rule as the request's own page: its submitter and the people it names (or who handed their step on).
  const withheld = Boolean(request && reader && !(await requestView(request.id).then((view) => view && mayView(view, { id: reader }, false))));
  const signoff = request && !withheld ? await signoffRecord(executor, request, completing) : null;
  const levelsFor = (period: string | null) =>
    d.serviceLevels
      .map((l, i) => ({ l, i }))
      .filter(({ l }) => l.period === period)
      .map(({ l, i }) => ({ id: l.id, label: `Service level ${i + 1}`, measure: l.measure, kind: MEASURE_KIND_LABELS[l.kind], target: l.target, howMeasured: l.howMeasured, needs: refs(l.needIds) }));
  const serviceLevels = [
    { title: "Normal time", when: null, rows: levelsFor(null) },
    ...d.criticalPeriods.map((p) => ({ title: p.name, when: p.when, rows: levelsFor(p.id) })).filter((t) => t.rows.length > 0),
  ];
  const facts = content.service;

  return {
    status,
    date: formatLongDate(completing ? completing.decidedAt : request?.status === "agreed" && request.closedAt ? request.closedAt : now),
    workspace: (rowsOf<{ name: string }>(await executor.execute(sql`select name from workspace limit 1`))[0]?.name ?? "Charter"),
    verifyUrl: `${origin}/verify/${version.id}`,
    version: { number: version.number, contentHash: version.hash, createdAt: formatUtc(version.createdAt), createdBy: creator[0]?.name ?? null },
    service: {
      name: facts.name,
      kind: SERVICE_KIND_LABELS[facts.kind],
      provider: facts.provider,
      deliveryModel: facts.deliveryModel ? DELIVERY_MODEL_LABELS[facts.deliveryModel] : null,
      owner: facts.owner,
      agreement: agreementText(facts.agreement),
      lifecycle: LIFECYCLE_LABELS[facts.lifecycle],
      criticality: CRITICALITY_LABELS[facts.criticality],
      review: facts.reviewEveryMonths
        ? `Every ${facts.reviewEveryMonths} month${facts.reviewEveryMonths === 1 ? "" : "s"}${facts.nextReview ? `, next by ${formatLongDate(facts.nextReview)}` : ""}`
        : null,
    },
    units: d.consumers.map((c) => names.units[c.unitId] ?? "").filter(Boolean),
    consumers: d.consumers.map((c) => ({ unit: names.units[c.unitId] ?? "", spokesperson: c.spokesperson, note: c.note })),
    purpose: d.purpose,
    outcomes: d.outcomes.map((c, i) => ({ id: c.id, label: `Outcome ${i + 1}`, text: c.text, needs: refs(c.needIds) })),
    scopeIn: d.scopeIn.map((c, i) => ({ id: c.id, label: `In scope ${i + 1}`, text: c.text, needs: refs(c.needIds) })),
    scopeOut: d.scopeOut.map((c, i) => ({ id: c.id, label: `Out of scope ${i + 1}`, text: c.text, needs: refs(c.needIds) })),
    hours: {
      summary: d.hours.summary,
      timeZone: d.hours.timeZone,
      coverage: d.hours.coverage.map((c) => `${WEEKDAY_LABELS[c.day]} ${c.from}–${c.to}`),
      holidays: d.hours.holidays,
    },
    criticalPeriods: d.criticalPeriods.map((p, i) => ({ id: p.id, label: `Critical period ${i + 1}`, text: "", name: p.name, when: p.when, needs: refs(p.needIds) })),
    serviceLevels,
    support: d.support,
    escalation: d.escalation,
    providerCosts: d.providerCosts,
    providerRisks: d.providerRisks,
    supporting: facts.supporting.map((name) => {
      const s = supportingRows.find((r) => r.name === name);
      return {
        name,
        provider: s?.provider ?? null,
        providerKind: s?.provider_kind ? (s.provider_kind === "external" ? "External" : "Internal") : null,
        owner: s ? [s.owner_name, s.owner_title].filter(Boolean).join(", ") : "",
        agreement: s?.agreement_kind
          ? `${AGREEMENT_KIND_LABELS[s.agreement_kind]}${s.agreement_reference ? ` ${s.agreement_reference}` : ""}${s.agreement_end ? `, ends ${formatLongDate(s.agreement_end)}` : ""}`
          : null,
      };
    }),
    needs: needIds
      .map((id) => needsById.get(id))
      .filter((n): n is NonNullable<typeof n> => Boolean(n))
      .map((n) => ({
        ref: needRef(n.number),
        statement: n.statement,
        status: NEED_STATUS_LABELS[n.status] ?? n.status,
        rank: n.rank ? `${ordinal(n.rank.rank)} of ${n.rank.ranked} — ${n.rank.round}` : null,
      })),
    signoff,
    signoffWithheld: withheld,
    traceability: await traceability(executor, content, (id) => needsById.get(id)),
  };
}

async function signoffRecord(executor: Executor, request: typeof signoffRequests.$inferSelect, completing?: PendingDecision): Promise<SignoffRecord> {
  const rows = rowsOf<{
    id: string;
    role: "approver" | "signer";
    position: number;
    decision: "approved" | "rejected" | null;
    decided_at: string | null;
    comment: string | null;
    name: string;
    title: string;
    from_name: string | null;
    delegation_reason: string | null;
  }>(
    await executor.execute(sql`
      select s.id, s.role, s.position, s.decision, s.decided_at, s.comment, u.name, u.title, f.name as from_name, s.delegation_reason
      from signoff_steps s join users u on u.id = s.user_id left join users f on f.id = s.delegated_from
      where s.request_id = ${request.id} order by s.role, s.position`),
  );
  const steps = rows.map((r) => (completing && r.id === completing.stepId ? { ...r, decision: "approved" as const, decided_at: completing.decidedAt.toISOString(), comment: completing.comment || null } : r));
  const asked = new Set(askedSteps(steps, request.inOrder).map((s) => s.id));
  const submitter = rowsOf<{ name: string }>(await executor.execute(sql`select name from users where id = ${request.submittedBy}`))[0];
  const decisionOf = (s: (typeof steps)[number]): SignoffDecision => {
    if (s.decision === "approved") return s.role === "signer" ? "Signed" : "Approved";
    if (s.decision === "rejected") return "Rejected";
    if (request.status === "withdrawn") return "Withdrawn";
    return asked.has(s.id) ? "Waiting" : "Not yet asked";
  };
  return {
    submittedBy: submitter?.name ?? "",
    submittedAt: formatUtc(request.submittedAt),
    message: request.message || null,
    due: request.dueOn ? formatLongDate(request.dueOn) : null,
    order: request.inOrder ? "In order" : "In parallel",
    people: steps.map((s) => ({
      role: SIGNOFF_ROLE_LABELS[s.role],
      name: s.name,
      title: s.title,
      decision: decisionOf(s),
      at: s.decided_at ? formatUtc(s.decided_at) : null,
      comment: s.comment,
      delegation: s.from_name ? `Delegated by ${s.from_name}${s.delegation_reason ? `: ${s.delegation_reason}` : ""}` : null,
    })),
  };
}

/** Clause → need → quote → stakeholder (or survey respondent), for every clause that names a need (quotes from private interviews left out). */
async function traceability(executor: Executor, content: VersionContent, need: (id: string) => { number: number; statement: string } | undefined): Promise<TraceRow[]> {
  const d = content.definition;
  const links = clauseNeedLinks(d);
  if (links.length === 0) return [];
  const quotes = rowsOf<{ need_id: string; text: string; people: string | null; at: string; created_at: string; unit_name: string; survey_title: string | null; survey_anonymous: boolean | null }>(
    await executor.execute(sql`
      select target.id as need_id, e.text, i.scheduled_at as at, e.created_at, iu.name as unit_name, sv.title as survey_title, sv.anonymous as survey_anonymous,
        (select string_agg(concat_ws(', ', st.name, nullif(st.title, ''), bu.name), '; ' order by st.name)
           from evidence_stakeholders es join stakeholders st on st.id = es.stakeholder_id join business_units bu on bu.id = st.business_unit_id
           where es.evidence_id = e.id) as people
      from needs target
      join needs fam on fam.survivor_id = target.survivor_id
      join need_evidence ne on ne.need_id = fam.id
      join evidence e on e.id = ne.evidence_id and not e.private
      join interviews i on i.id = e.interview_id
      join business_units iu on iu.id = i.business_unit_id
      left join surveys sv on sv.id = i.survey_id
      where target.id = any(${toUuidArray([...new Set(links.map((l) => l.needId))])})
      order by i.scheduled_at, e.created_at`),
  );
  const label = new Map<string, string>();
  d.outcomes.forEach((c, i) => label.set(c.id, `Outcome ${i + 1} — ${c.text}`));
  d.scopeIn.forEach((c, i) => label.set(c.id, `In scope ${i + 1} — ${c.text}`));
  d.criticalPeriods.forEach((c, i) => label.set(c.id, `Critical period ${i + 1} — ${c.name}`));
  d.serviceLevels.forEach((c, i) => label.set(c.id, `Service level ${i + 1} — ${c.measure}`));
  label.set("service", "The service as a whole");
  const rows: TraceRow[] = [];
  for (const link of links) {
    const n = need(link.needId);
    const needText = n ? `${needRef(n.number)} ${n.statement}` : (content.names?.needs[link.needId] ?? "");
    const theirs = quotes.filter((q) => q.need_id === link.needId);
    if (theirs.length === 0) rows.push({ clause: label.get(link.clauseId) ?? link.clauseId, need: needText, quote: "No quote recorded", stakeholder: "", interviewDate: null });
    for (const q of theirs) {
      // An anonymous survey's quotes name nobody: their respondent stands for their unit.
      const who = q.people ?? (q.survey_anonymous ? respondentLabel({ anonymous: true, unitName: q.unit_name }) : "Unattributed");
      rows.push({ clause: label.get(link.clauseId) ?? link.clauseId, need: needText, quote: q.text, stakeholder: who, interviewDate: formatLongDate(q.at), survey: q.survey_title });
    }
  }
  return rows;
}
