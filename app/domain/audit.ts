import { z } from "zod";
import { ROLES } from "./roles";

const change = z.object({ from: z.unknown(), to: z.unknown() });
const changes = z.record(z.string(), change);

/** Every kind of audit event and the payload it carries. Add a kind here before writing it. */
export const AUDIT_PAYLOADS = {
  "workspace.created": z.object({ name: z.string(), demo: z.boolean() }),
  "auth.signed_in": z.object({}),
  "auth.signed_out": z.object({}),
  "auth.locked_out": z.object({ email: z.string(), failures: z.number().int(), until: z.string() }),
  "auth.password_changed": z.object({}),
  "user.created": z.object({
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    businessUnitId: z.string().nullable(),
  }),
  "user.updated": z.object({ changes }),
  "user.deactivated": z.object({ sessionsRevoked: z.number().int() }),
  "user.reactivated": z.object({}),
  "user.password_reset": z.object({ sessionsRevoked: z.number().int() }),
  "business_unit.created": z.object({ name: z.string(), code: z.string() }),
  "business_unit.updated": z.object({ changes }),
  "business_unit.archived": z.object({}),
  "business_unit.restored": z.object({}),
  "stakeholder.created": z.object({ name: z.string(), businessUnitId: z.string() }),
  "stakeholder.updated": z.object({ changes }),
  "stakeholder.deleted": z.object({ name: z.string() }),
  "stakeholders.imported": z.object({ count: z.number().int(), ids: z.array(z.string()) }),
  "guide.created": z.object({ title: z.string(), imported: z.boolean() }),
  "guide.updated": z.object({ changes }),
  "guide.draft_started": z.object({ number: z.number().int(), from: z.number().int().nullable() }),
  "guide.draft_edited": z.object({ number: z.number().int(), edit: z.string(), target: z.string().nullable() }),
  "guide.published": z.object({ number: z.number().int(), questions: z.number().int() }),
  "guide.draft_discarded": z.object({ number: z.number().int() }),
  "guide.archived": z.object({}),
  "guide.restored": z.object({}),
  "interview.planned": z.object({
    guideVersionId: z.string(),
    businessUnitId: z.string(),
    interviewerId: z.string(),
    stakeholderIds: z.array(z.string()),
    scheduledAt: z.string(),
    /** A review interview's service. */
    serviceId: z.string().optional(),
  }),
  "interview.started": z.object({}),
  "interview.completed": z.object({}),
  "interview.cancelled": z.object({ reason: z.string() }),
  "interview.reopened": z.object({ reason: z.string() }),
  "calendar_feed.created": z.object({}),
  "calendar_feed.revoked": z.object({}),
  "evidence.captured": z.object({
    interviewId: z.string(),
    source: z.string(),
    item: z.string(),
    start: z.number().int(),
    end: z.number().int(),
    text: z.string(),
    stakeholderIds: z.array(z.string()),
  }),
  "evidence.confirmed": z.object({ interviewId: z.string(), text: z.string() }),
  "evidence.removed": z.object({ interviewId: z.string(), text: z.string(), needIds: z.array(z.string()) }),
  "need.created": z.object({ number: z.number().int(), statement: z.string(), evidenceIds: z.array(z.string()) }),
  "need.updated": z.object({ changes }),
  "need.status_changed": z.object({ from: z.string(), to: z.string(), reason: z.string() }),
  "need.evidence_linked": z.object({ evidenceIds: z.array(z.string()) }),
  "need.evidence_unlinked": z.object({ evidenceId: z.string() }),
  "need.merged": z.object({ number: z.number().int(), into: z.string(), intoNumber: z.number().int() }),
  "need.unmerged": z.object({ number: z.number().int(), from: z.string(), fromNumber: z.number().int() }),
  "need.commented": z.object({ commentId: z.string() }),
  "round.created": z.object({ title: z.string(), method: z.string(), needs: z.number().int(), scorers: z.array(z.string()), observers: z.array(z.string()) }),
  "round.opened": z.object({}),
  "round.scores_submitted": z.object({ scores: z.number().int() }),
  "round.closed": z.object({ hash: z.string(), needs: z.number().int(), scores: z.number().int() }),
  "round.reopened": z.object({ reason: z.string(), previousHash: z.string().nullable() }),
  "round.updated": z.object({ title: z.string(), weights: z.record(z.string(), z.number()), mustCap: z.number().nullable() }),
  "need.effort_set": z.object({ size: z.string().nullable(), days: z.number().nullable() }),
  "provider.created": z.object({ name: z.string(), kind: z.string() }),
  "service.created": z.object({ name: z.string(), kind: z.string(), fromNeeds: z.array(z.string()) }),
  "service.updated": z.object({ changes }),
  "service.draft_saved": z.object({ revision: z.number().int(), needs: z.number().int() }),
  "service.dependency_added": z.object({ dependsOn: z.string(), dependsOnName: z.string() }),
  "service.dependency_removed": z.object({ dependsOn: z.string(), dependsOnName: z.string() }),
  "service.version_created": z.object({ number: z.number().int(), hash: z.string() }),
  "signoff.submitted": z.object({
    serviceId: z.string(),
    number: z.number().int(),
    approvers: z.array(z.string()),
    signers: z.array(z.string()),
    inOrder: z.boolean(),
    dueOn: z.string().nullable(),
  }),
  "signoff.approved": z.object({ number: z.number().int(), role: z.string(), comment: z.string() }),
  "signoff.rejected": z.object({ number: z.number().int(), role: z.string(), comment: z.string() }),
  "signoff.agreed": z.object({ number: z.number().int(), sha256: z.string(), bytes: z.number().int(), pages: z.number().int() }),
  "signoff.withdrawn": z.object({ number: z.number().int(), reason: z.string() }),
  "signoff.reminded": z.object({ number: z.number().int(), userIds: z.array(z.string()) }),
  "signoff.delegated": z.object({ number: z.number().int(), from: z.string(), to: z.string(), reason: z.string() }),
  "signoff.commented": z.object({ number: z.number().int(), clauseId: z.string().nullable(), commentId: z.string() }),
  "measures.recorded": z.object({ period: z.string(), values: z.array(z.object({ levelId: z.string(), value: z.number().nullable(), met: z.boolean() })), cleared: z.array(z.string()) }),
  "measures.imported": z.object({ rows: z.number().int(), services: z.array(z.string()), replaced: z.number().int() }),
  "review.recorded": z.object({ reviewedOn: z.string(), effectiveness: z.string(), events: z.number().int(), actions: z.number().int(), nextReview: z.string().nullable() }),
  "review.action_updated": z.object({ actionId: z.string(), from: z.string(), to: z.string() }),
  "suspect.flagged": z.object({ reason: z.string(), sourceId: z.string(), detail: z.string(), clauses: z.array(z.object({ versionId: z.string(), clauseId: z.string() })) }),
  "suspect.cleared": z.object({ ids: z.array(z.string()), clauseIds: z.array(z.string()), note: z.string() }),
  "mail.retried": z.object({ to: z.string(), subject: z.string(), attempts: z.number().int() }),
  "survey.created": z.object({
    title: z.string(),
    guideVersionId: z.string(),
    opensOn: z.string(),
    closesOn: z.string(),
    anonymous: z.boolean(),
    invited: z.number().int(),
    skipped: z.number().int(),
  }),
  "survey.reminded": z.object({ sent: z.number().int(), inviteeId: z.string().optional() }),
  "survey.link_withdrawn": z.object({ inviteeId: z.string() }),
  "survey.closed": z.object({ closesOn: z.string(), was: z.string() }),
  "survey.response_sent": z.object({ surveyId: z.string() }),
} as const;

export type AuditKind = keyof typeof AUDIT_PAYLOADS;
export type AuditPayload<K extends AuditKind> = z.infer<(typeof AUDIT_PAYLOADS)[K]>;
export const AUDIT_KINDS = Object.keys(AUDIT_PAYLOADS) as AuditKind[];

export const AUDIT_KIND_LABELS: Record<AuditKind, string> = {
  "workspace.created": "Workspace created",
  "auth.signed_in": "Signed in",
  "auth.signed_out": "Signed out",
  "auth.locked_out": "Sign-in locked",
  "auth.password_changed": "Password changed",
  "user.created": "User created",
  "user.updated": "User changed",
  "user.deactivated": "User deactivated",
  "user.reactivated": "User reactivated",
  "user.password_reset": "One-time password issued",
  "business_unit.created": "Business unit created",
  "business_unit.updated": "Business unit changed",
  "business_unit.archived": "Business unit archived",
  "business_unit.restored": "Business unit restored",
  "stakeholder.created": "Stakeholder added",
  "stakeholder.updated": "Stakeholder changed",
  "stakeholder.deleted": "Stakeholder removed",
  "stakeholders.imported": "Stakeholders imported",
  "guide.created": "Guide created",
  "guide.updated": "Guide details changed",
  "guide.draft_started": "Guide draft started",
  "guide.draft_edited": "Guide draft edited",
  "guide.published": "Guide published",
  "guide.draft_discarded": "Guide draft discarded",
  "guide.archived": "Guide archived",
  "guide.restored": "Guide restored",
  "interview.planned": "Interview planned",
  "interview.started": "Interview started",
  "interview.completed": "Interview completed",
  "interview.cancelled": "Interview cancelled",
  "interview.reopened": "Interview reopened",
  "calendar_feed.created": "Calendar feed created",
  "calendar_feed.revoked": "Calendar feed revoked",
  "evidence.captured": "Evidence captured",
  "evidence.confirmed": "Evidence confirmed after a change at source",
  "evidence.removed": "Evidence removed",
  "need.created": "Need created",
  "need.updated": "Need changed",
  "need.status_changed": "Need status changed",
  "need.evidence_linked": "Evidence linked to a need",
  "need.evidence_unlinked": "Evidence unlinked from a need",
  "need.merged": "Needs merged",
  "need.unmerged": "Merge undone",
  "need.commented": "Need commented on",
  "round.created": "Prioritisation round drafted",
  "round.opened": "Prioritisation round opened",
  "round.scores_submitted": "Scores submitted",
  "round.closed": "Prioritisation round closed",
  "round.reopened": "Prioritisation round reopened",
  "round.updated": "Prioritisation round draft changed",
  "need.effort_set": "IT effort estimated",
  "provider.created": "Provider added",
  "service.created": "Service added",
  "service.updated": "Service details changed",
  "service.draft_saved": "Service definition draft saved",
  "service.dependency_added": "Service dependency added",
  "service.dependency_removed": "Service dependency removed",
  "service.version_created": "Service definition version created",
  "signoff.submitted": "Version submitted for sign-off",
  "signoff.approved": "Sign-off given",
  "signoff.rejected": "Sign-off refused",
  "signoff.agreed": "Version agreed and its PDF sealed",
  "signoff.withdrawn": "Sign-off request withdrawn",
  "signoff.reminded": "Sign-off reminder sent",
  "signoff.delegated": "Signature delegated",
  "signoff.commented": "Comment on a version under review",
  "measures.recorded": "Service levels measured",
  "measures.imported": "Measures imported",
  "review.recorded": "Service reviewed",
  "review.action_updated": "Review action updated",
  "suspect.flagged": "Clauses marked suspect",
  "suspect.cleared": "Suspect clauses cleared",
  "mail.retried": "Message sent again",
  "survey.created": "Survey sent",
  "survey.reminded": "Survey reminders sent",
  "survey.link_withdrawn": "Survey link withdrawn",
  "survey.closed": "Survey closed early",
  "survey.response_sent": "Survey answers sent",
};

export function isAuditKind(value: unknown): value is AuditKind {
  return typeof value === "string" && value in AUDIT_PAYLOADS;
}

/** The hashed content of one event: everything but its own hash and sequence number. */
export interface AuditContent {
  at: string;
  kind: string;
  actorId: string | null;
  actorName: string;
  subjectType: string;
  subjectId: string;
  payload: unknown;
  ip: string;
  userAgent: string;
  prevHash: string;
}

/** The hash a chain starts from. */
export const GENESIS_HASH = "0".repeat(64);

/** Field-by-field differences between two records, for "changed" payloads. */
export function diffFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after)) {
    const from = before[key] ?? null;
    const to = after[key] ?? null;
    if (from !== to) out[key] = { from, to };
  }
  return out;
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/** An event's payload as readable lines ("role: executive → business_lead"), for the audit page. */
export function describePayload(payload: unknown): string[] {
  if (!payload || typeof payload !== "object") return [];
  const lines: string[] = [];
  for (const [key, value] of Object.entries(payload as Record<string, unknown>)) {
    if (key === "changes" && value && typeof value === "object") {
      for (const [field, change] of Object.entries(value as Record<string, { from: unknown; to: unknown }>)) {
        lines.push(`${field}: ${show(change.from)} → ${show(change.to)}`);
      }
    } else if (Array.isArray(value)) {
      lines.push(`${key}: ${value.length} item${value.length === 1 ? "" : "s"}`);
    } else {
      lines.push(`${key}: ${show(value)}`);
    }
  }
  return lines;
}
