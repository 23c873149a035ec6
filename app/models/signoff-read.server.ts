import { asc, desc, eq, sql } from "drizzle-orm";
import { agreedDocuments, services, serviceVersions, signoffComments, signoffReminders, signoffRequests, users } from "../../db/schema";
import { askedSteps, isOverdue, stepState, type SignoffStatus } from "../domain/signoff";
import { db } from "../db.server";
import { rowsOf } from "./rows.server";

export interface StepView {
  id: string;
  role: "approver" | "signer";
  position: number;
  userId: string;
  name: string;
  title: string;
  decision: "approved" | "rejected" | null;
  decidedAt: string | null;
  comment: string | null;
  askedAt: string | null;
  delegatedFromId: string | null;
  delegatedFrom: string | null;
  delegationReason: string | null;
  state: "approved" | "rejected" | "asked" | "later";
}

async function stepsOf(requestId: string, inOrder: boolean): Promise<StepView[]> {
  const rows = rowsOf<{
    id: string;
    role: "approver" | "signer";
    position: number;
    user_id: string;
    name: string;
    title: string;
    decision: "approved" | "rejected" | null;
    decided_at: string | null;
    comment: string | null;
    asked_at: string | null;
    delegated_from: string | null;
    from_name: string | null;
    delegation_reason: string | null;
  }>(
    await db().execute(sql`
      select s.id, s.role, s.position, s.user_id, u.name, u.title, s.decision, s.decided_at, s.comment, s.asked_at, s.delegated_from, f.name as from_name, s.delegation_reason
      from signoff_steps s join users u on u.id = s.user_id left join users f on f.id = s.delegated_from
      where s.request_id = ${requestId} order by s.role, s.position`),
  );
  const plain = rows.map((r) => ({ id: r.id, role: r.role, position: r.position, decision: r.decision }));
  const iso = (v: string | null) => (v ? new Date(v).toISOString() : null);
  return rows.map((r) => ({
    id: r.id,
    role: r.role,
    position: r.position,
    userId: r.user_id,
    name: r.name,
    title: r.title,
    decision: r.decision,
    decidedAt: iso(r.decided_at),
    comment: r.comment,
    askedAt: iso(r.asked_at),
    delegatedFromId: r.delegated_from,
    delegatedFrom: r.from_name,
    delegationReason: r.delegation_reason,
    state: stepState({ id: r.id, role: r.role, position: r.position, decision: r.decision }, plain, inOrder),
  }));
}

/** One request with everything its page shows. */
export async function requestView(id: string) {
  const [row] = await db()
    .select({
      request: signoffRequests,
      number: serviceVersions.number,
      content: serviceVersions.content,
      contentHash: serviceVersions.contentHash,
      serviceName: services.name,
      submitter: users.name,
    })
    .from(signoffRequests)
    .innerJoin(serviceVersions, eq(serviceVersions.id, signoffRequests.versionId))
    .innerJoin(services, eq(services.id, signoffRequests.serviceId))
    .innerJoin(users, eq(users.id, signoffRequests.submittedBy))
    .where(eq(signoffRequests.id, id));
  if (!row) return null;
  const [steps, comments, reminders, sealed, closer] = await Promise.all([
    stepsOf(id, row.request.inOrder),
    db()
      .select({ id: signoffComments.id, clauseId: signoffComments.clauseId, body: signoffComments.body, createdAt: signoffComments.createdAt, author: users.name, authorId: users.id })
      .from(signoffComments)
      .innerJoin(users, eq(users.id, signoffComments.authorId))
      .where(eq(signoffComments.requestId, id))
      .orderBy(asc(signoffComments.createdAt)),
    db()
      .select({ sentAt: signoffReminders.sentAt, to: users.name })
      .from(signoffReminders)
      .innerJoin(users, eq(users.id, signoffReminders.userId))
      .where(eq(signoffReminders.requestId, id))
      .orderBy(desc(signoffReminders.sentAt)),
    db()
      .select({ sha256: agreedDocuments.sha256, bytes: agreedDocuments.bytes, pages: agreedDocuments.pages, agreedAt: agreedDocuments.agreedAt })
      .from(agreedDocuments)
      .where(eq(agreedDocuments.requestId, id)),
    row.request.closedBy ? db().select({ name: users.name }).from(users).where(eq(users.id, row.request.closedBy)) : Promise.resolve([]),
  ]);
  return {
    ...row,
    steps,
    comments: comments.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
    reminders: reminders.map((r) => ({ ...r, sentAt: r.sentAt.toISOString() })),
    sealed: sealed[0] ? { ...sealed[0], agreedAt: sealed[0].agreedAt.toISOString() } : null,
    closedByName: closer[0]?.name ?? null,
    overdue: isOverdue(row.request.dueOn, row.request.status),
  };
}
export type RequestView = NonNullable<Awaited<ReturnType<typeof requestView>>>;

/** Whether the user may open a request: named on it (now or before a delegation), or writing services. */
export function mayView(view: RequestView, user: { id: string }, mayEdit: boolean) {
  return mayEdit || view.request.submittedBy === user.id || view.steps.some((s) => s.userId === user.id || s.delegatedFromId === user.id);
}

export interface InboxRow {
  requestId: string;
  serviceId: string;
  serviceName: string;
  number: number;
  role: "approver" | "signer";
  asked: boolean;
  since: string;
  dueOn: string | null;
  overdue: boolean;
  submitter: string;
  message: string;
}

/** The pending requests that name the user and wait on their decision: asked now first, then those still behind others. */
export async function inboxFor(userId: string): Promise<InboxRow[]> {
  const rows = rowsOf<{
    request_id: string;
    service_id: string;
    service_name: string;
    number: number;
    in_order: boolean;
    due_on: string | null;
    submitted_at: string;
    submitter: string;
    message: string;
    step_id: string;
    asked_at: string | null;
    steps: { id: string; role: "approver" | "signer"; position: number; decision: "approved" | "rejected" | null }[];
  }>(
    await db().execute(sql`
      select r.id as request_id, r.service_id, s.name as service_name, v.number, r.in_order, r.due_on::text as due_on, r.submitted_at, u.name as submitter, r.message,
        mine.id as step_id, mine.asked_at,
        (select json_agg(json_build_object('id', x.id, 'role', x.role, 'position', x.position, 'decision', x.decision)) from signoff_steps x where x.request_id = r.id) as steps
      from signoff_steps mine
      join signoff_requests r on r.id = mine.request_id and r.status = 'pending'
      join service_versions v on v.id = r.version_id
      join services s on s.id = r.service_id
      join users u on u.id = r.submitted_by
      where mine.user_id = ${userId} and mine.decision is null
      order by r.submitted_at`),
  );
  return rows
    .map((r) => {
      const mine = r.steps.find((s) => s.id === r.step_id)!;
      const asked = askedSteps(r.steps, r.in_order).some((s) => s.id === r.step_id);
      return {
        requestId: r.request_id,
        serviceId: r.service_id,
        serviceName: r.service_name,
        number: r.number,
        role: mine.role,
        asked,
        since: new Date(r.asked_at ?? r.submitted_at).toISOString(),
        dueOn: r.due_on,
        overdue: isOverdue(r.due_on, "pending"),
        submitter: r.submitter,
        message: r.message,
      };
    })
    .sort((a, b) => Number(b.asked) - Number(a.asked) || a.since.localeCompare(b.since));
}

export interface SubmittedRow {
  requestId: string;
  serviceId: string;
  serviceName: string;
  number: number;
  status: SignoffStatus;
  submittedAt: string;
  closedAt: string | null;
  dueOn: string | null;
  overdue: boolean;
  waitingOn: { name: string; since: string }[];
  decided: number;
  total: number;
}

/** Requests for relationship managers to follow: pending ones (who they wait on, since when), and those closed in the last 30 days. */
export async function requestsToFollow({ submittedBy }: { submittedBy?: string } = {}): Promise<SubmittedRow[]> {
  const rows = rowsOf<{
    request_id: string;
    service_id: string;
    service_name: string;
    number: number;
    status: SignoffStatus;
    in_order: boolean;
    submitted_at: string;
    closed_at: string | null;
    due_on: string | null;
    steps: { id: string; role: "approver" | "signer"; position: number; decision: "approved" | "rejected" | null; name: string; asked_at: string | null }[];
  }>(
    await db().execute(sql`
      select r.id as request_id, r.service_id, s.name as service_name, v.number, r.status, r.in_order, r.submitted_at, r.closed_at, r.due_on::text as due_on,
        (select json_agg(json_build_object('id', x.id, 'role', x.role, 'position', x.position, 'decision', x.decision, 'name', u.name, 'asked_at', x.asked_at))
           from signoff_steps x join users u on u.id = x.user_id where x.request_id = r.id) as steps
      from signoff_requests r
      join service_versions v on v.id = r.version_id
      join services s on s.id = r.service_id
      where (r.status = 'pending' or r.closed_at > now() - interval '30 days')
        ${submittedBy ? sql`and r.submitted_by = ${submittedBy}` : sql``}
      order by r.status = 'pending' desc, coalesce(r.closed_at, r.submitted_at) desc`),
  );
  return rows.map((r) => {
    const asked = new Set(r.status === "pending" ? askedSteps(r.steps, r.in_order).map((s) => s.id) : []);
    return {
      requestId: r.request_id,
      serviceId: r.service_id,
      serviceName: r.service_name,
      number: r.number,
      status: r.status,
      submittedAt: new Date(r.submitted_at).toISOString(),
      closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
      dueOn: r.due_on,
      overdue: isOverdue(r.due_on, r.status),
      waitingOn: r.steps.filter((s) => asked.has(s.id)).map((s) => ({ name: s.name, since: new Date(s.asked_at ?? r.submitted_at).toISOString() })),
      decided: r.steps.filter((s) => s.decision).length,
      total: r.steps.length,
    };
  });
}

/** Each version's latest request, for a service's version list: number → status and request. */
export async function versionSignoffs(serviceId: string) {
  const rows = rowsOf<{ number: number; request_id: string; status: SignoffStatus; sealed: boolean }>(
    await db().execute(sql`
      select distinct on (v.number) v.number, r.id as request_id, r.status, exists (select 1 from agreed_documents a where a.version_id = v.id) as sealed
      from service_versions v join signoff_requests r on r.version_id = v.id
      where v.service_id = ${serviceId}
      order by v.number, r.submitted_at desc`),
  );
  return Object.fromEntries(rows.map((r) => [r.number, { requestId: r.request_id, status: r.status, sealed: r.sealed }])) as Record<number, { requestId: string; status: SignoffStatus; sealed: boolean }>;
}

/** The sealed bytes of an agreed version. */
export async function agreedPdf(versionId: string) {
  const [row] = await db().select().from(agreedDocuments).where(eq(agreedDocuments.versionId, versionId));
  return row ?? null;
}
