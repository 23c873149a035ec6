/**
 * Reviews of agreed services: effectiveness, the change events behind it, what the measures showed
 * and the actions that follow. Recording one moves the service's next review date on by its cadence.
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { reviewActions, reviewChangeEvents, serviceReviews, services, users } from "../../db/schema";
import { addMonths, type ActionStatus, type ChangeEventKind, type Effectiveness, type ReviewInput } from "../domain/review";
import { db } from "../db.server";
import { appendAudit, type Actor } from "./audit.server";
import { AppError } from "./errors.server";
import { rowsOf } from "./rows.server";
import { serviceGone } from "./service.server";

export async function recordReview({ serviceId, input, actor, today = new Date().toISOString().slice(0, 10) }: { serviceId: string; input: ReviewInput; actor: Actor; today?: string }) {
  if (input.reviewedOn > today) throw new AppError("review_in_future", "A review is recorded once it has happened: the date is after today", "reviewedOn");
  return db().transaction(async (tx) => {
    const [service] = await tx
      .select({ id: services.id, every: services.reviewEveryMonths, nextReview: services.nextReview })
      .from(services)
      .where(eq(services.id, serviceId))
      .for("update");
    if (!service) throw serviceGone();
    const [agreed] = rowsOf<{ number: number | null }>(
      await tx.execute(sql`
        select max(sv.number)::int as number from service_versions sv join agreed_documents d on d.version_id = sv.id
        where sv.service_id = ${serviceId}`),
    );
    const [review] = await tx
      .insert(serviceReviews)
      .values({
        serviceId,
        reviewedOn: input.reviewedOn,
        effectiveness: input.effectiveness,
        versionNumber: agreed?.number ?? null,
        measuresSummary: input.measuresSummary,
        notes: input.notes,
        createdBy: actor.id,
      })
      .returning({ id: serviceReviews.id });
    if (input.events.length) await tx.insert(reviewChangeEvents).values(input.events.map((e) => ({ reviewId: review!.id, ...e })));
    if (input.actions.length) await tx.insert(reviewActions).values(input.actions.map((a, position) => ({ reviewId: review!.id, position, ...a })));
    // The next review is due a cadence after the newest review (an older one recorded late moves nothing).
    const [newest] = await tx.select({ on: sql<string>`max(${serviceReviews.reviewedOn})::text` }).from(serviceReviews).where(eq(serviceReviews.serviceId, serviceId));
    const nextReview = service.every ? addMonths(newest!.on, service.every) : service.nextReview;
    if (nextReview !== service.nextReview) await tx.update(services).set({ nextReview }).where(eq(services.id, serviceId));
    await appendAudit(tx, {
      kind: "review.recorded",
      actor,
      subjectType: "service",
      subjectId: serviceId,
      payload: { reviewedOn: input.reviewedOn, effectiveness: input.effectiveness, events: input.events.length, actions: input.actions.length, nextReview: nextReview ?? null },
    });
    return { id: review!.id, nextReview: nextReview ?? null };
  });
}

export async function setActionStatus({ serviceId, actionId, status, actor }: { serviceId: string; actionId: string; status: ActionStatus; actor: Actor }) {
  return db().transaction(async (tx) => {
    const [row] = await tx
      .select({ id: reviewActions.id, status: reviewActions.status })
      .from(reviewActions)
      .innerJoin(serviceReviews, eq(serviceReviews.id, reviewActions.reviewId))
      .where(and(eq(reviewActions.id, actionId), eq(serviceReviews.serviceId, serviceId)))
      .for("update");
    if (!row) throw new AppError("action_not_found", "That action is not one of this service's", undefined, 404);
    if (row.status === status) return { changed: false };
    await tx.update(reviewActions).set({ status, updatedAt: new Date() }).where(eq(reviewActions.id, actionId));
    await appendAudit(tx, { kind: "review.action_updated", actor, subjectType: "service", subjectId: serviceId, payload: { actionId, from: row.status, to: status } });
    return { changed: true };
  });
}

export interface ReviewView {
  id: string;
  reviewedOn: string;
  effectiveness: Effectiveness;
  versionNumber: number | null;
  measuresSummary: string;
  notes: string;
  by: string | null;
  events: { id: string; kind: ChangeEventKind; occurredOn: string; description: string }[];
  actions: { id: string; text: string; owner: string; dueOn: string; status: ActionStatus }[];
}

/** A service's reviews, newest first, each with its change events (in date order) and actions. Three queries. */
export async function reviewsOf(serviceId: string): Promise<ReviewView[]> {
  const reviews = await db()
    .select({
      id: serviceReviews.id,
      reviewedOn: serviceReviews.reviewedOn,
      effectiveness: serviceReviews.effectiveness,
      versionNumber: serviceReviews.versionNumber,
      measuresSummary: serviceReviews.measuresSummary,
      notes: serviceReviews.notes,
      by: users.name,
    })
    .from(serviceReviews)
    .leftJoin(users, eq(users.id, serviceReviews.createdBy))
    .where(eq(serviceReviews.serviceId, serviceId))
    .orderBy(desc(serviceReviews.reviewedOn), desc(serviceReviews.createdAt));
  if (!reviews.length) return [];
  const ids = reviews.map((r) => r.id);
  const [events, actions] = await Promise.all([
    db().select().from(reviewChangeEvents).where(inArray(reviewChangeEvents.reviewId, ids)).orderBy(asc(reviewChangeEvents.occurredOn)),
    db().select().from(reviewActions).where(inArray(reviewActions.reviewId, ids)).orderBy(asc(reviewActions.position)),
  ]);
  return reviews.map((r) => ({
    ...r,
    events: events.filter((e) => e.reviewId === r.id).map((e) => ({ id: e.id, kind: e.kind, occurredOn: e.occurredOn, description: e.description })),
    actions: actions.filter((a) => a.reviewId === r.id).map((a) => ({ id: a.id, text: a.text, owner: a.owner, dueOn: a.dueOn, status: a.status })),
  }));
}
