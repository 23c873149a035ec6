/**
 * What each role's home page shows. Every list comes from a fixed number of queries, however many
 * rows it holds; the page shows the first few of each and links to the full view.
 */
import { desc, eq, sql } from "drizzle-orm";
import { auditEvents, businessUnits, stakeholders, users } from "../../db/schema";
import { addDays, formatLocal, utcToZoned, weekOf, zonedToUtc } from "../domain/interview";
import { needFilterSchema } from "../domain/need";
import { EFFECTIVENESS, type Effectiveness } from "../domain/review";
import type { Role } from "../domain/roles";
import { db } from "../db.server";
import { auditChainStatus } from "./dashboard-audit.server";
import { roundsToScore } from "./dashboard-rounds.server";
import { unsynthesisedAnswers } from "./dashboard-synthesis.server";
import { listInterviews } from "./interview.server";
import { listNeeds } from "./need-board.server";
import { portfolioHealth, reviewsDue } from "./service-health.server";
import { listSurveys } from "./survey.server";
import { servicesWithSuspects } from "./suspect.server";
import { coverageGaps, portfolio } from "./service-portfolio.server";
import { inboxFor, requestsToFollow } from "./signoff-read.server";

/** How many rows a home-page list shows before "see all". */
export const HOME_LIST_LIMIT = 5;

interface HomeUser {
  id: string;
  role: Role;
  businessUnitId: string | null;
}

/** What an admin's home shows: the workspace in numbers, the latest activity and whether the audit chain holds. */
export async function adminOverview() {
  const [counts] = await db()
    .select({
      activeUsers: sql<number>`(select count(*)::int from ${users} where ${users.active})`,
      pendingPasswords: sql<number>`(select count(*)::int from ${users} where ${users.active} and ${users.mustChangePassword})`,
      units: sql<number>`(select count(*)::int from ${businessUnits} where ${businessUnits.archivedAt} is null)`,
      stakeholders: sql<number>`(select count(*)::int from ${stakeholders})`,
      events: sql<number>`(select count(*)::int from ${auditEvents})`,
    })
    .from(sql`(select 1) as one`);
  const recent = await db()
    .select({ seq: auditEvents.seq, at: auditEvents.at, kind: auditEvents.kind, actorName: auditEvents.actorName })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(5);
  return { counts: counts!, recent, chain: await auditChainStatus() };
}

export async function unitName(unitId: string | null) {
  if (!unitId) return null;
  const [row] = await db().select({ name: businessUnits.name }).from(businessUnits).where(eq(businessUnits.id, unitId));
  return row?.name ?? null;
}

/** Today and the rest of this week in the workspace's time zone, as instants. */
function daysAhead(now: Date) {
  const today = utcToZoned(now).date;
  return {
    startOfToday: zonedToUtc(today, "00:00"),
    startOfTomorrow: zonedToUtc(addDays(today, 1), "00:00"),
    endOfWeek: zonedToUtc(addDays(weekOf(today)[6]!, 1), "00:00"),
  };
}

/**
 * A relationship manager's day: their interviews today and later this week, completed interviews
 * with answers not quoted yet, drafts ahead of their last version, their sign-off requests still
 * waiting, documents waiting on them, reviews due within 30 days, and agreed services with
 * suspect clauses, and the surveys they sent that are open.
 */
export async function relationshipManagerHome(user: HomeUser, now = new Date()) {
  const { startOfToday, startOfTomorrow, endOfWeek } = daysAhead(now);
  const [interviews, synthesis, services, waiting, inbox, reviews, suspect, surveys] = await Promise.all([
    listInterviews({ viewer: user, filter: { interviewerId: user.id, from: startOfToday, to: endOfWeek } }),
    unsynthesisedAnswers({ interviewerId: user.id }),
    portfolio(),
    requestsToFollow({ submittedBy: user.id }).then((rows) => rows.filter((r) => r.status === "pending")),
    inboxFor(user.id).then((rows) => rows.filter((r) => r.asked)),
    reviewsDue({ on: now.toISOString().slice(0, 10) }),
    servicesWithSuspects(),
    listSurveys({ ownerId: user.id, openOn: now.toISOString().slice(0, 10) }),
  ]);
  const toItem = (i: (typeof interviews)[number]) => {
    const when = formatLocal(i.scheduledAt);
    return { id: i.id, day: when.replace(/ \d{4}, .*$/, ""), time: utcToZoned(i.scheduledAt).time, unitName: i.unitName, stakeholders: i.stakeholders, status: i.status };
  };
  const drafts = services.filter((s) => s.version === null || s.draftAhead).map((s) => ({ id: s.id, name: s.name, version: s.version, signoff: s.signoff }));
  return {
    today: interviews.filter((i) => i.scheduledAt < startOfTomorrow).map(toItem),
    later: interviews.filter((i) => i.scheduledAt >= startOfTomorrow).map(toItem),
    synthesis: {
      interviews: synthesis.interviews.map((i) => ({ ...i, when: formatLocal(i.scheduledAt) })),
      total: synthesis.total,
    },
    drafts: { rows: drafts.slice(0, HOME_LIST_LIMIT), total: drafts.length },
    waiting,
    inbox,
    reviews: { rows: reviews.slice(0, HOME_LIST_LIMIT), total: reviews.length, overdue: reviews.filter((r) => r.overdue).length },
    suspect: { rows: suspect.slice(0, HOME_LIST_LIMIT), total: suspect.length },
    surveys: surveys.slice(0, HOME_LIST_LIMIT).map((s) => ({ id: s.id, title: s.title, closesOn: s.closesOn, invited: s.invited, submitted: s.submitted })),
  };
}

/** A business lead's rounds to score, their unit's needs (most support first) and documents to approve. */
export async function businessLeadHome(user: HomeUser, now = new Date()) {
  const [rounds, needs, inbox] = await Promise.all([
    roundsToScore({ userId: user.id, now }),
    listNeeds({ viewer: user, filter: needFilterSchema.parse({}) }),
    inboxFor(user.id).then((rows) => rows.filter((r) => r.asked)),
  ]);
  return { rounds, needs: { rows: needs.rows.slice(0, HOME_LIST_LIMIT), total: needs.total }, inbox };
}

/**
 * An executive's documents to sign and the portfolio's health: services by their latest review's
 * effectiveness, those that missed service levels over the last three months measured, reviews
 * overdue, and highly ranked needs no service answers.
 */
export async function executiveHome(user: HomeUser, now = new Date()) {
  const [inbox, health, gaps] = await Promise.all([
    inboxFor(user.id).then((rows) => rows.filter((r) => r.asked)),
    portfolioHealth({ on: now.toISOString().slice(0, 10) }),
    coverageGaps(),
  ]);
  const effectiveness = Object.fromEntries(EFFECTIVENESS.map((e) => [e, 0])) as Record<Effectiveness, number>;
  for (const s of health) if (s.lastReview) effectiveness[s.lastReview.effectiveness]++;
  const belowTarget = health
    .filter((s) => s.normal.met < s.normal.measured || s.critical.met < s.critical.measured)
    .map((s) => ({ id: s.id, name: s.name, latestMonth: s.latestMonth, normal: s.normal, critical: s.critical }));
  const overdue = health.filter((s) => s.overdue).map((s) => ({ id: s.id, name: s.name, nextReview: s.nextReview!, ownerName: s.ownerName }));
  overdue.sort((a, b) => a.nextReview.localeCompare(b.nextReview) || a.name.localeCompare(b.name));
  return {
    inbox,
    health: {
      services: health.length,
      effectiveness,
      notReviewed: health.filter((s) => !s.lastReview).length,
      belowTarget: { rows: belowTarget.slice(0, HOME_LIST_LIMIT), total: belowTarget.length },
      overdue: { rows: overdue.slice(0, HOME_LIST_LIMIT), total: overdue.length },
    },
    gaps: { rows: gaps.slice(0, HOME_LIST_LIMIT), total: gaps.length },
  };
}
