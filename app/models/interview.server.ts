import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import {
  businessUnits,
  calendarFeeds,
  guideVersions,
  interviewGuides,
  interviews,
  interviewStakeholders,
  services,
  stakeholders,
  users,
} from "../../db/schema";
import { answerValuesOf, progressOf, type MissingAnswer } from "../domain/answers";
import { TRANSITIONS, zonedToUtc, type InterviewChange, type InterviewStatus, type PlanInterviewInput } from "../domain/interview";
import type { Role } from "../domain/roles";
import { db, type Executor } from "../db.server";
import { answersOf } from "./answer.server";
import { appendAudit, type Actor } from "./audit.server";
import { sweepSuspects } from "./suspect.server";
import { AppError } from "./errors.server";
import { rowsOf } from "./rows.server";

export interface Viewer {
  id: string;
  role: Role;
}

/** Admins see every interview; others see team interviews and the private ones they run or planned. */
export function visibleTo(viewer: Viewer): SQL | undefined {
  if (viewer.role === "admin") return undefined;
  return or(eq(interviews.private, false), eq(interviews.interviewerId, viewer.id), eq(interviews.createdBy, viewer.id));
}

const stakeholderNames = sql<string>`coalesce((select string_agg(${stakeholders.name}, ', ' order by ${stakeholders.name}) from ${interviewStakeholders} join ${stakeholders} on ${stakeholders.id} = ${interviewStakeholders.stakeholderId} where ${interviewStakeholders.interviewId} = ${interviews.id}), '')`;

export interface InterviewFilter {
  status?: InterviewStatus;
  unitId?: string;
  interviewerId?: string;
  from?: Date;
  to?: Date;
}

/** One query however many interviews: names of units, people and guides are joined in. */
export async function listInterviews({ viewer, filter = {} }: { viewer: Viewer; filter?: InterviewFilter }) {
  // Survey responses are listed with their survey.
  const where: (SQL | undefined)[] = [visibleTo(viewer), isNull(interviews.surveyId)];
  if (filter.status) where.push(eq(interviews.status, filter.status));
  if (filter.unitId) where.push(eq(interviews.businessUnitId, filter.unitId));
  if (filter.interviewerId) where.push(eq(interviews.interviewerId, filter.interviewerId));
  if (filter.from) where.push(gte(interviews.scheduledAt, filter.from));
  if (filter.to) where.push(lt(interviews.scheduledAt, filter.to));
  return db()
    .select({
      id: interviews.id,
      scheduledAt: interviews.scheduledAt,
      durationMinutes: interviews.durationMinutes,
      status: interviews.status,
      private: interviews.private,
      location: interviews.location,
      unitName: businessUnits.name,
      interviewerName: users.name,
      guideTitle: interviewGuides.title,
      guideNumber: guideVersions.number,
      stakeholders: stakeholderNames,
    })
    .from(interviews)
    .innerJoin(businessUnits, eq(businessUnits.id, interviews.businessUnitId))
    .innerJoin(users, eq(users.id, interviews.interviewerId))
    .innerJoin(guideVersions, eq(guideVersions.id, interviews.guideVersionId))
    .innerJoin(interviewGuides, eq(interviewGuides.id, guideVersions.guideId))
    .where(and(...where))
    .orderBy(asc(interviews.scheduledAt))
    .limit(500);
}

export async function getInterview({ id, viewer }: { id: string; viewer: Viewer }) {
  const [row] = await db()
    .select({
      interview: interviews,
      unitName: businessUnits.name,
      interviewerName: users.name,
      interviewerEmail: users.email,
      guideId: interviewGuides.id,
      guideTitle: interviewGuides.title,
      guideNumber: guideVersions.number,
      /** The service a review interview is about. */
      serviceName: services.name,
    })
    .from(interviews)
    .innerJoin(businessUnits, eq(businessUnits.id, interviews.businessUnitId))
    .innerJoin(users, eq(users.id, interviews.interviewerId))
    .innerJoin(guideVersions, eq(guideVersions.id, interviews.guideVersionId))
    .innerJoin(interviewGuides, eq(interviewGuides.id, guideVersions.guideId))
    .leftJoin(services, eq(services.id, interviews.serviceId))
    .where(and(eq(interviews.id, id), visibleTo(viewer)));
  if (!row) return null;
  const people = await db()
    .select({ id: stakeholders.id, name: stakeholders.name, title: stakeholders.title, email: stakeholders.email, unitName: businessUnits.name })
    .from(interviewStakeholders)
    .innerJoin(stakeholders, eq(stakeholders.id, interviewStakeholders.stakeholderId))
    .innerJoin(businessUnits, eq(businessUnits.id, stakeholders.businessUnitId))
    .where(eq(interviewStakeholders.interviewId, id))
    .orderBy(asc(stakeholders.name));
  return { ...row, stakeholders: people };
}

/**
 * Checks every id the plan names, then writes the interview, its stakeholders and the audit event together.
 * With `serviceId`, it is a review interview: its questions are filled from that service's definition.
 */
export async function planInterview({ input, actor, serviceId = null }: { input: PlanInterviewInput; actor: Actor; serviceId?: string | null }) {
  const database = db();
  if (serviceId) {
    const [service] = await database.select({ id: services.id }).from(services).where(eq(services.id, serviceId));
    if (!service) throw new AppError("service_not_found", "That service does not exist", undefined, 404);
  }
  const [version] = await database
    .select({ status: guideVersions.status, archivedAt: interviewGuides.archivedAt })
    .from(guideVersions)
    .innerJoin(interviewGuides, eq(interviewGuides.id, guideVersions.guideId))
    .where(eq(guideVersions.id, input.guideVersionId));
  if (!version || version.status !== "published" || version.archivedAt) {
    throw new AppError("guide_not_available", "Choose a published guide that is not archived", "guideVersionId");
  }
  const [unit] = await database.select({ id: businessUnits.id }).from(businessUnits).where(and(eq(businessUnits.id, input.businessUnitId), isNull(businessUnits.archivedAt)));
  if (!unit) throw new AppError("unit_not_found", "That business unit does not exist or is archived", "businessUnitId");
  const [interviewer] = await database
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, input.interviewerId), eq(users.active, true), inArray(users.role, ["relationship_manager", "admin"])));
  if (!interviewer) throw new AppError("interviewer_not_found", "Choose an active relationship manager to interview", "interviewerId");
  const ids = [...new Set(input.stakeholderIds)];
  const found = await database.select({ id: stakeholders.id }).from(stakeholders).where(inArray(stakeholders.id, ids));
  if (found.length !== ids.length) throw new AppError("stakeholder_not_found", "One of the chosen stakeholders no longer exists", "stakeholderIds");
  const scheduledAt = zonedToUtc(input.date, input.time);
  return database.transaction(async (tx) => {
    const [row] = await tx
      .insert(interviews)
      .values({
        guideVersionId: input.guideVersionId,
        businessUnitId: input.businessUnitId,
        interviewerId: input.interviewerId,
        scheduledAt,
        durationMinutes: input.durationMinutes,
        location: input.location,
        purpose: input.purpose,
        private: input.private,
        serviceId,
        createdBy: actor.id,
      })
      .returning({ id: interviews.id });
    await tx.insert(interviewStakeholders).values(ids.map((stakeholderId) => ({ interviewId: row!.id, stakeholderId })));
    await appendAudit(tx, {
      kind: "interview.planned",
      actor,
      subjectType: "interview",
      subjectId: row!.id,
      payload: {
        guideVersionId: input.guideVersionId,
        businessUnitId: input.businessUnitId,
        interviewerId: input.interviewerId,
        stakeholderIds: ids,
        scheduledAt: scheduledAt.toISOString(),
        ...(serviceId ? { serviceId } : {}),
      },
    });
    return row!;
  });
}

/** An interview cannot be completed while required answers are missing: the error lists them. */
export class MissingAnswersError extends AppError {
  constructor(public readonly missing: MissingAnswer[]) {
    super("answers_missing", `${missing.length} required ${missing.length === 1 ? "answer is" : "answers are"} missing`);
  }
}

/**
 * Moves an interview along planned → in progress → completed, cancels it, or
 * reopens a completed one (cancelling and reopening need a reason). Completing
 * checks every required, shown question has an answer.
 */
export async function changeInterviewStatus({
  id,
  viewer,
  change,
  reason,
  actor,
}: {
  id: string;
  viewer: Viewer;
  change: InterviewChange;
  reason?: string;
  actor: Actor;
}) {
  return db().transaction(async (tx) => {
    const [row] = await tx
      .select({ status: interviews.status, guideVersionId: interviews.guideVersionId })
      .from(interviews)
      .where(and(eq(interviews.id, id), visibleTo(viewer)))
      .for("update");
    if (!row) throw new AppError("not_found", "That interview does not exist", undefined, 404);
    const rule = TRANSITIONS[change];
    if (!rule.from.includes(row.status)) {
      throw new AppError("bad_transition", `This interview is ${row.status.replace("_", " ")}: it cannot be ${rule.verb} now`);
    }
    if (change === "complete") {
      const [version] = await tx.select({ content: guideVersions.content }).from(guideVersions).where(eq(guideVersions.id, row.guideVersionId));
      const given = await answersOf(id, tx);
      const values = answerValuesOf(given);
      const { missing } = progressOf(version!.content, values);
      if (missing.length) throw new MissingAnswersError(missing);
    }
    await tx
      .update(interviews)
      .set({ status: rule.to, cancelReason: change === "cancel" ? reason ?? "" : null, updatedAt: new Date() })
      .where(eq(interviews.id, id));
    const base = { actor, subjectType: "interview", subjectId: id } as const;
    if (change === "cancel") await appendAudit(tx, { ...base, kind: "interview.cancelled", payload: { reason: reason ?? "" } });
    else if (change === "reopen") await appendAudit(tx, { ...base, kind: "interview.reopened", payload: { reason: reason ?? "" } });
    else await appendAudit(tx, { ...base, kind: change === "start" ? "interview.started" : "interview.completed", payload: {} });
    // Answers changed while it was open may no longer say what evidence behind agreed clauses quoted.
    if (change === "complete") await sweepSuspects({ executor: tx });
  });
}

/** Per unit: its stakeholders interviewed (a completed interview), planned, or never; and the last interview date. */
export async function interviewCoverage(executor: Executor = db()) {
  const rows = await executor.execute(sql`
    with per_person as (
      select s.id, s.business_unit_id,
        max(i.scheduled_at) filter (where i.status = 'completed') as last_done,
        bool_or(i.status in ('planned', 'in_progress')) as upcoming
      from ${stakeholders} s
      left join ${interviewStakeholders} x on x.stakeholder_id = s.id
      left join ${interviews} i on i.id = x.interview_id and i.survey_id is null
      group by s.id
    )
    select u.id, u.name,
      count(p.id)::int as total,
      count(p.id) filter (where p.last_done is not null)::int as interviewed,
      count(p.id) filter (where p.last_done is null and p.upcoming)::int as planned,
      count(p.id) filter (where p.last_done is null and not coalesce(p.upcoming, false))::int as never,
      max(p.last_done) as last_interview
    from ${businessUnits} u
    left join per_person p on p.business_unit_id = u.id
    where u.archived_at is null
    group by u.id, u.name
    order by u.name`);
  const list = rowsOf<{
    id: string;
    name: string;
    total: number;
    interviewed: number;
    planned: number;
    never: number;
    last_interview: string | Date | null;
  }>(rows);
  return list.map((r) => ({ ...r, lastInterview: r.last_interview ? new Date(r.last_interview).toISOString() : null }));
}

/* ---------- private calendar feeds ---------- */

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function hasCalendarFeed(userId: string) {
  const [row] = await db().select({ createdAt: calendarFeeds.createdAt }).from(calendarFeeds).where(eq(calendarFeeds.userId, userId));
  return row ?? null;
}

/** A new secret feed URL token (the old one stops working). Shown once; only its hash is kept. */
export async function createCalendarFeed({ userId, actor }: { userId: string; actor: Actor }) {
  const token = randomBytes(24).toString("base64url");
  await db().transaction(async (tx) => {
    await tx
      .insert(calendarFeeds)
      .values({ userId, tokenHash: hashToken(token) })
      .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash: hashToken(token), createdAt: new Date() } });
    await appendAudit(tx, { kind: "calendar_feed.created", actor, subjectType: "user", subjectId: userId, payload: {} });
  });
  return token;
}

export async function revokeCalendarFeed({ userId, actor }: { userId: string; actor: Actor }) {
  await db().transaction(async (tx) => {
    const removed = await tx.delete(calendarFeeds).where(eq(calendarFeeds.userId, userId)).returning();
    if (removed.length) await appendAudit(tx, { kind: "calendar_feed.revoked", actor, subjectType: "user", subjectId: userId, payload: {} });
  });
}

/** The owner of a feed token, if it is current and they are still active. */
export async function feedOwner(token: string) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const [row] = await db()
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(and(eq(calendarFeeds.tokenHash, hashToken(token)), eq(users.active, true)));
  return row ?? null;
}

/** Interviews for calendar events: with their stakeholders' names and emails, in one query. */
export async function interviewsForCalendar({ viewer, interviewId, interviewerId }: { viewer: Viewer; interviewId?: string; interviewerId?: string }) {
  const where: (SQL | undefined)[] = [visibleTo(viewer), isNull(interviews.surveyId)];
  if (interviewId) where.push(eq(interviews.id, interviewId));
  if (interviewerId) where.push(eq(interviews.interviewerId, interviewerId));
  return db()
    .select({
      id: interviews.id,
      scheduledAt: interviews.scheduledAt,
      durationMinutes: interviews.durationMinutes,
      status: interviews.status,
      location: interviews.location,
      purpose: interviews.purpose,
      updatedAt: interviews.updatedAt,
      unitName: businessUnits.name,
      guideTitle: interviewGuides.title,
      interviewerName: users.name,
      interviewerEmail: users.email,
      attendees: sql<{ name: string; email: string | null }[]>`coalesce((select json_agg(json_build_object('name', ${stakeholders.name}, 'email', ${stakeholders.email}) order by ${stakeholders.name}) from ${interviewStakeholders} join ${stakeholders} on ${stakeholders.id} = ${interviewStakeholders.stakeholderId} where ${interviewStakeholders.interviewId} = ${interviews.id}), '[]'::json)`,
    })
    .from(interviews)
    .innerJoin(businessUnits, eq(businessUnits.id, interviews.businessUnitId))
    .innerJoin(users, eq(users.id, interviews.interviewerId))
    .innerJoin(guideVersions, eq(guideVersions.id, interviews.guideVersionId))
    .innerJoin(interviewGuides, eq(interviewGuides.id, guideVersions.guideId))
    .where(and(...where))
    .orderBy(asc(interviews.scheduledAt));
}

/** Relationship managers (and admins) who can run interviews. */
export async function interviewerOptions() {
  return db()
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, ["relationship_manager", "admin"])))
    .orderBy(asc(users.name));
}
