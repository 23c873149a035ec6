/**
 * Surveys: a published guide sent to many stakeholders, each answering through a personal link.
 * A link's token is 256 random bits, kept only as its SHA-256; it opens its own response and
 * nothing else, from the opening date to the end of the closing date, until withdrawn. A response
 * is an interview row (survey_id set), made the first time the link is opened, so answers,
 * revisions, idempotent saves, evidence and needs work on it unchanged.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import {
  businessUnits,
  guideVersions,
  mailMessages,
  interviewGuides,
  interviews,
  interviewStakeholders,
  stakeholders,
  surveyInvitees,
  surveyLinks,
  surveys,
  users,
} from "../../db/schema";
import { answerValuesOf, progressOf, type SaveRequest, type SaveResponse } from "../domain/answers";
import { surveyInvitationMail, surveyReminderMail, type SurveyMailFacts } from "../domain/mail";
import { LEVEL_LABELS, type StakeholderLevel } from "../domain/stakeholder";
import { mayShow, MIN_ANONYMOUS_GROUP } from "../domain/survey-results";
import { reminderRefusal, surveyPhase, type ResponseState, type SurveyInput, type SurveyPhase } from "../domain/survey";
import { db, type Executor } from "../db.server";
import { publicOrigin } from "../utils/env.server";
import { answersOf, guideContentOf, saveAnswers } from "./answer.server";
import { appendAudit, type Actor } from "./audit.server";
import { AppError } from "./errors.server";
import { MissingAnswersError, type Viewer } from "./interview.server";
import { enqueueMail } from "./mail.server";

export const todayUtc = (now = new Date()) => now.toISOString().slice(0, 10);

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
/** A fresh link token: 256 random bits, URL-safe. */
const newToken = () => randomBytes(32).toString("base64url");
export const surveyLink = (token: string) => `${publicOrigin()}/s/${token}`;

/** Issues a new link for an invitee (kept hashed) and returns its token. */
async function issueLink(tx: Executor, inviteeId: string) {
  const token = newToken();
  await tx.insert(surveyLinks).values({ tokenHash: hashToken(token), inviteeId });
  return token;
}

const mailFacts = (survey: { title: string; intro: string; closesOn: string; anonymous: boolean }, sentBy: string, token: string): SurveyMailFacts => ({
  link: surveyLink(token),
  title: survey.title,
  intro: survey.intro,
  sentBy,
  closesOn: survey.closesOn,
  anonymous: survey.anonymous,
});

/** Published, not archived guide versions a survey may be made from, newest first. */
export async function surveyGuideOptions() {
  return db()
    .select({ id: guideVersions.id, title: interviewGuides.title, number: guideVersions.number })
    .from(guideVersions)
    .innerJoin(interviewGuides, eq(interviewGuides.id, guideVersions.guideId))
    .where(and(eq(guideVersions.status, "published"), isNull(interviewGuides.archivedAt)))
    .orderBy(asc(interviewGuides.title), desc(guideVersions.number));
}

/** Stakeholders to pick from, with their unit and whether they have an address to write to. */
export async function surveyPeopleOptions() {
  return db()
    .select({ id: stakeholders.id, name: stakeholders.name, title: stakeholders.title, level: stakeholders.level, unitId: businessUnits.id, unitName: businessUnits.name, email: stakeholders.email })
    .from(stakeholders)
    .innerJoin(businessUnits, eq(businessUnits.id, stakeholders.businessUnitId))
    .where(isNull(businessUnits.archivedAt))
    .orderBy(asc(businessUnits.name), asc(stakeholders.name));
}

/**
 * Creates a survey, its invitees and one link each, and queues each invitation (held until the
 * opening day). Everyone of the chosen units and levels is asked when the audience is "groups";
 * stakeholders with no e-mail address cannot be sent a link: picked ones are refused by name,
 * and from groups they are left out and counted.
 */
export async function createSurvey({ input, actor, now = new Date() }: { input: SurveyInput; actor: Actor & { id: string }; now?: Date }) {
  const database = db();
  if (input.closesOn < todayUtc(now)) throw new AppError("closes_in_past", "The closing date has passed: choose today or later", "closesOn");
  const [version] = await database
    .select({ status: guideVersions.status, archivedAt: interviewGuides.archivedAt })
    .from(guideVersions)
    .innerJoin(interviewGuides, eq(interviewGuides.id, guideVersions.guideId))
    .where(eq(guideVersions.id, input.guideVersionId));
  if (!version || version.status !== "published" || version.archivedAt) throw new AppError("guide_not_available", "Choose a published guide that is not archived", "guideVersionId");

  const columns = { id: stakeholders.id, name: stakeholders.name, email: stakeholders.email, level: stakeholders.level, unitId: stakeholders.businessUnitId };
  let people: { id: string; name: string; email: string | null; level: StakeholderLevel; unitId: string }[];
  if (input.audience === "people") {
    const ids = [...new Set(input.stakeholderIds)];
    people = await database.select(columns).from(stakeholders).where(inArray(stakeholders.id, ids));
    if (people.length !== ids.length) throw new AppError("stakeholder_not_found", "One of the chosen stakeholders no longer exists", "stakeholderIds");
    const unreachable = people.filter((p) => !p.email?.trim());
    if (unreachable.length) {
      throw new AppError("no_address", `${unreachable.map((p) => p.name).join(", ")} ${unreachable.length === 1 ? "has" : "have"} no e-mail address to send a link to`, "stakeholderIds");
    }
  } else {
    const units = [...new Set(input.unitIds)];
    const found = await database.select({ id: businessUnits.id }).from(businessUnits).where(and(inArray(businessUnits.id, units), isNull(businessUnits.archivedAt)));
    if (found.length !== units.length) throw new AppError("unit_not_found", "One of the chosen units does not exist or is archived", "unitIds");
    people = await database
      .select(columns)
      .from(stakeholders)
      .where(and(inArray(stakeholders.businessUnitId, units), input.levels.length ? inArray(stakeholders.level, input.levels) : undefined));
  }
  const reachable = people.filter((p) => p.email?.trim());
  const skipped = people.length - reachable.length;
  if (!reachable.length) {
    throw new AppError("nobody", skipped ? "None of the stakeholders chosen has an e-mail address to send a link to" : "No stakeholder is in the units and levels chosen", input.audience === "groups" ? "unitIds" : "stakeholderIds");
  }
  if (input.anonymous && reachable.length < MIN_ANONYMOUS_GROUP) {
    throw new AppError(
      "too_few_for_anonymous",
      `An anonymous survey needs at least ${MIN_ANONYMOUS_GROUP} people to ask: with fewer, any answer tells who gave it`,
      input.audience === "groups" ? "unitIds" : "stakeholderIds",
    );
  }
  const opensAt = new Date(`${input.opensOn}T00:00:00Z`);
  return database.transaction(async (tx) => {
    const [survey] = await tx
      .insert(surveys)
      .values({ guideVersionId: input.guideVersionId, title: input.title, intro: input.intro, opensOn: input.opensOn, closesOn: input.closesOn, anonymous: input.anonymous, createdBy: actor.id })
      .returning();
    const invitees = await tx
      .insert(surveyInvitees)
      .values(reachable.map((p) => ({ surveyId: survey!.id, stakeholderId: p.id, businessUnitId: p.unitId, level: p.level })))
      .returning({ id: surveyInvitees.id, stakeholderId: surveyInvitees.stakeholderId });
    const byId = new Map(reachable.map((p) => [p.id, p]));
    const mail = [];
    for (const invitee of invitees) {
      const person = byId.get(invitee.stakeholderId)!;
      const token = await issueLink(tx, invitee.id);
      mail.push({
        ...surveyInvitationMail(mailFacts(survey!, actor.name, token), { address: person.email!, name: person.name }),
        subjectType: "survey_invitee",
        subjectId: invitee.id,
        ...(opensAt > now ? { notBefore: opensAt } : {}),
      });
    }
    await enqueueMail(tx, mail);
    await appendAudit(tx, {
      kind: "survey.created",
      actor,
      subjectType: "survey",
      subjectId: survey!.id,
      payload: { title: input.title, guideVersionId: input.guideVersionId, opensOn: input.opensOn, closesOn: input.closesOn, anonymous: input.anonymous, invited: invitees.length, skipped },
    });
    return { id: survey!.id, invited: invitees.length, skipped };
  });
}

const stateSql = sql<ResponseState>`case when ${surveyInvitees.submittedAt} is not null then 'submitted'
  when exists (select 1 from answers a where a.interview_id = ${surveyInvitees.interviewId}) then 'started' else 'not_started' end`;

/** Every survey (or those one person sent that are open on `openOn`) with its response counts. One query. */
export async function listSurveys({ today = todayUtc(), ownerId, openOn }: { today?: string; ownerId?: string; openOn?: string } = {}) {
  const rows = await db()
    .select({
      id: surveys.id,
      title: surveys.title,
      opensOn: surveys.opensOn,
      closesOn: surveys.closesOn,
      anonymous: surveys.anonymous,
      ownerName: users.name,
      guideTitle: interviewGuides.title,
      invited: sql<number>`(select count(*)::int from ${surveyInvitees} x where x.survey_id = ${surveys.id} and x.revoked_at is null)`,
      submitted: sql<number>`(select count(*)::int from ${surveyInvitees} x where x.survey_id = ${surveys.id} and x.submitted_at is not null and x.revoked_at is null)`,
    })
    .from(surveys)
    .innerJoin(users, eq(users.id, surveys.createdBy))
    .innerJoin(guideVersions, eq(guideVersions.id, surveys.guideVersionId))
    .innerJoin(interviewGuides, eq(interviewGuides.id, guideVersions.guideId))
    .where(and(ownerId ? eq(surveys.createdBy, ownerId) : undefined, openOn ? sql`${surveys.opensOn} <= ${openOn} and ${openOn} <= ${surveys.closesOn}` : undefined))
    .orderBy(desc(surveys.closesOn), asc(surveys.title));
  return rows.map((r) => ({ ...r, phase: surveyPhase(r, today) }));
}

export async function getSurvey(id: string) {
  const [row] = await db()
    .select({ survey: surveys, ownerName: users.name, guideTitle: interviewGuides.title, guideId: interviewGuides.id, guideNumber: guideVersions.number })
    .from(surveys)
    .innerJoin(users, eq(users.id, surveys.createdBy))
    .innerJoin(guideVersions, eq(guideVersions.id, surveys.guideVersionId))
    .innerJoin(interviewGuides, eq(interviewGuides.id, guideVersions.guideId))
    .where(eq(surveys.id, id));
  return row ?? null;
}

export interface RateRow {
  key: string;
  label: string;
  invited: number;
  started: number;
  submitted: number;
  /** An anonymous survey's group of fewer than three: who answered would be plain, so its counts are not given. */
  withheld?: boolean;
}

/**
 * An anonymous survey's rates never count a group of fewer than three ("the one executive has not
 * answered" names someone), nor let one be worked out from the total less the others: small groups
 * are pooled into one row, with the next smallest added until the pool holds three. A pool still
 * under three (a survey of one or two, after withdrawals) is withheld.
 */
function pooled(groups: RateRow[]): RateRow[] {
  const sorted = [...groups].sort((a, b) => a.invited - b.invited);
  const shown = sorted.filter((g) => mayShow({ anonymous: true, respondents: g.invited }));
  const pool = sorted.filter((g) => !mayShow({ anonymous: true, respondents: g.invited }));
  if (!pool.length) return groups;
  while (pool.reduce((n, g) => n + g.invited, 0) < MIN_ANONYMOUS_GROUP && shown.length) pool.push(shown.shift()!);
  const sum = (k: "invited" | "started" | "submitted") => pool.reduce((n, g) => n + g[k], 0);
  const names = pool.map((g) => g.label);
  const together: RateRow = {
    key: "pooled",
    label: `${names.slice(0, -1).join(", ")}${names.length > 1 ? " and " : ""}${names.at(-1)}, together`,
    invited: sum("invited"),
    started: sum("started"),
    submitted: sum("submitted"),
  };
  const keep = new Set(shown.map((g) => g.key));
  return [
    ...groups.filter((g) => keep.has(g.key)),
    together.invited < MIN_ANONYMOUS_GROUP ? { ...together, started: 0, submitted: 0, withheld: true } : together,
  ];
}

/**
 * Who was asked and where each stands. For an anonymous survey the list of people carries no
 * state (who has not answered would narrow down who has): only the counts per unit and level.
 */
export async function surveyProgress(surveyId: string, anonymous: boolean) {
  const rows = await db()
    .select({
      id: surveyInvitees.id,
      name: stakeholders.name,
      title: stakeholders.title,
      level: surveyInvitees.level,
      unitId: surveyInvitees.businessUnitId,
      unitName: businessUnits.name,
      interviewId: surveyInvitees.interviewId,
      submittedAt: surveyInvitees.submittedAt,
      lastRemindedAt: surveyInvitees.lastRemindedAt,
      reminders: surveyInvitees.reminders,
      revokedAt: surveyInvitees.revokedAt,
      state: stateSql,
    })
    .from(surveyInvitees)
    .innerJoin(stakeholders, eq(stakeholders.id, surveyInvitees.stakeholderId))
    .innerJoin(businessUnits, eq(businessUnits.id, surveyInvitees.businessUnitId))
    .where(eq(surveyInvitees.surveyId, surveyId))
    .orderBy(asc(businessUnits.name), asc(stakeholders.name));
  const live = rows.filter((r) => !r.revokedAt);
  const rate = (key: (r: (typeof rows)[number]) => [string, string]) => {
    const groups = new Map<string, RateRow>();
    for (const r of live) {
      const [k, label] = key(r);
      const g = groups.get(k) ?? { key: k, label, invited: 0, started: 0, submitted: 0 };
      g.invited += 1;
      if (r.state === "started") g.started += 1;
      if (r.state === "submitted") g.submitted += 1;
      groups.set(k, g);
    }
    return anonymous ? pooled([...groups.values()]) : [...groups.values()];
  };
  const totals: RateRow = rate(() => ["all", "All"])[0] ?? { key: "all", label: "All", invited: 0, started: 0, submitted: 0 };
  return {
    totals,
    byUnit: rate((r) => [r.unitId, r.unitName]),
    byLevel: rate((r) => [r.level, LEVEL_LABELS[r.level]]),
    people: anonymous
      ? []
      : rows.map((r) => ({ ...r, submittedAt: r.submittedAt?.toISOString() ?? null, lastRemindedAt: r.lastRemindedAt?.toISOString() ?? null, revoked: r.revokedAt !== null })),
    withdrawn: rows.length - live.length,
  };
}

/** Submitted responses, for taking evidence: named ones with the respondent, anonymous ones with only their unit. */
export async function surveyResponses(surveyId: string, anonymous: boolean) {
  const rows = await db()
    .select({ interviewId: interviews.id, unitName: businessUnits.name, submittedAt: surveyInvitees.submittedAt, name: stakeholders.name })
    .from(surveyInvitees)
    .innerJoin(interviews, eq(interviews.id, surveyInvitees.interviewId))
    .innerJoin(businessUnits, eq(businessUnits.id, interviews.businessUnitId))
    .innerJoin(stakeholders, eq(stakeholders.id, surveyInvitees.stakeholderId))
    .where(and(eq(surveyInvitees.surveyId, surveyId), eq(interviews.status, "completed")))
    .orderBy(anonymous ? asc(interviews.id) : asc(stakeholders.name));
  // An anonymous survey lists no response until three are sent (the first one in would be its sender),
  // and no unit that one or two of them sent (it would say who).
  if (anonymous && rows.length < MIN_ANONYMOUS_GROUP) return [];
  const perUnit = new Map<string, number>();
  for (const r of rows) perUnit.set(r.unitName, (perUnit.get(r.unitName) ?? 0) + 1);
  return rows.map((r) => ({
    interviewId: r.interviewId,
    unitName: anonymous && perUnit.get(r.unitName)! < MIN_ANONYMOUS_GROUP ? null : r.unitName,
    // An anonymous survey shows neither who nor exactly when (the time could tell who).
    name: anonymous ? null : r.name,
    submittedAt: anonymous ? null : (r.submittedAt?.toISOString() ?? null),
  }));
}

export interface ReminderReport {
  sent: number;
  refused: { name: string | null; reason: string }[];
}

/**
 * Reminds invitees who have not sent their answers, each at most once a day: one person, or
 * everyone due a reminder. Each reminder carries a fresh link (the first still works). The
 * once-a-day rule is checked in the update itself, so two reminders sent together send one mail.
 */
export async function remindInvitees({ surveyId, inviteeId, actor, now = new Date() }: { surveyId: string; inviteeId?: string; actor: Actor; now?: Date }): Promise<ReminderReport> {
  return db().transaction(async (tx) => {
    const [survey] = await tx.select().from(surveys).where(eq(surveys.id, surveyId)).for("update");
    if (!survey) throw new AppError("survey_not_found", "That survey does not exist", undefined, 404);
    const phase = surveyPhase(survey, todayUtc(now));
    if (phase !== "open") throw new AppError("not_open", phase === "closed" ? "This survey has closed: reminders can no longer be sent" : "This survey has not opened yet: invitations go out on its opening day", undefined, 409);
    const candidates = await tx
      .select({
        id: surveyInvitees.id,
        name: stakeholders.name,
        email: stakeholders.email,
        state: stateSql,
        lastRemindedAt: surveyInvitees.lastRemindedAt,
        revokedAt: surveyInvitees.revokedAt,
      })
      .from(surveyInvitees)
      .innerJoin(stakeholders, eq(stakeholders.id, surveyInvitees.stakeholderId))
      .where(and(eq(surveyInvitees.surveyId, surveyId), inviteeId ? eq(surveyInvitees.id, inviteeId) : undefined));
    if (inviteeId && !candidates.length) throw new AppError("invitee_not_found", "That person was not asked to answer this survey", "inviteeId", 404);
    const report: ReminderReport = { sent: 0, refused: [] };
    const mail = [];
    for (const person of candidates) {
      const refusal = reminderRefusal({ state: person.state, revoked: person.revokedAt !== null, lastRemindedAt: person.lastRemindedAt }, now);
      if (refusal) {
        report.refused.push({ name: survey.anonymous ? null : person.name, reason: refusal });
        continue;
      }
      if (!person.email?.trim()) {
        report.refused.push({ name: survey.anonymous ? null : person.name, reason: "They have no e-mail address." });
        continue;
      }
      const claimed = await tx
        .update(surveyInvitees)
        .set({ lastRemindedAt: now, reminders: sql`${surveyInvitees.reminders} + 1` })
        .where(
          and(
            eq(surveyInvitees.id, person.id),
            isNull(surveyInvitees.submittedAt),
            isNull(surveyInvitees.revokedAt),
            or(isNull(surveyInvitees.lastRemindedAt), lte(surveyInvitees.lastRemindedAt, new Date(now.getTime() - 24 * 3600_000))),
          ),
        )
        .returning({ id: surveyInvitees.id });
      if (!claimed.length) {
        report.refused.push({ name: survey.anonymous ? null : person.name, reason: "They were reminded less than a day ago." });
        continue;
      }
      const token = await issueLink(tx, person.id);
      mail.push({
        ...surveyReminderMail(mailFacts(survey, actor.name, token), { address: person.email, name: person.name }, person.state === "started"),
        subjectType: "survey_invitee",
        subjectId: person.id,
      });
      report.sent += 1;
    }
    await enqueueMail(tx, mail);
    if (report.sent) {
      await appendAudit(tx, { kind: "survey.reminded", actor, subjectType: "survey", subjectId: surveyId, payload: { sent: report.sent, ...(inviteeId && !survey.anonymous ? { inviteeId } : {}) } });
    }
    return report;
  });
}

/** Withdraws an invitee's links: they open the closed page from now on. Answers already given stay. */
export async function revokeInvitee({ surveyId, inviteeId, actor }: { surveyId: string; inviteeId: string; actor: Actor }) {
  return db().transaction(async (tx) => {
    const [row] = await tx
      .select({ id: surveyInvitees.id, revokedAt: surveyInvitees.revokedAt, name: stakeholders.name })
      .from(surveyInvitees)
      .innerJoin(stakeholders, eq(stakeholders.id, surveyInvitees.stakeholderId))
      .where(and(eq(surveyInvitees.id, inviteeId), eq(surveyInvitees.surveyId, surveyId)))
      .for("update", { of: surveyInvitees });
    if (!row) throw new AppError("invitee_not_found", "That person was not asked to answer this survey", "inviteeId", 404);
    if (row.revokedAt) throw new AppError("already_revoked", `${row.name}'s link was already withdrawn`, undefined, 409);
    await tx.update(surveyInvitees).set({ revokedAt: new Date() }).where(eq(surveyInvitees.id, inviteeId));
    await tx.delete(surveyLinks).where(eq(surveyLinks.inviteeId, inviteeId));
    // An invitation or reminder not yet delivered would bring a link that no longer works.
    await tx.delete(mailMessages).where(and(eq(mailMessages.subjectType, "survey_invitee"), eq(mailMessages.subjectId, inviteeId), eq(mailMessages.status, "queued")));
    await appendAudit(tx, { kind: "survey.link_withdrawn", actor, subjectType: "survey", subjectId: surveyId, payload: { inviteeId } });
    return { name: row.name };
  });
}

/** Closes an open survey now: its closing date becomes yesterday, so every link shows the closed page. */
export async function closeSurvey({ surveyId, actor, now = new Date() }: { surveyId: string; actor: Actor; now?: Date }) {
  return db().transaction(async (tx) => {
    const [survey] = await tx.select().from(surveys).where(eq(surveys.id, surveyId)).for("update");
    if (!survey) throw new AppError("survey_not_found", "That survey does not exist", undefined, 404);
    const today = todayUtc(now);
    if (surveyPhase(survey, today) === "closed") throw new AppError("already_closed", "This survey has already closed", undefined, 409);
    const yesterday = todayUtc(new Date(now.getTime() - 86_400_000));
    await tx
      .update(surveys)
      .set({ closesOn: yesterday, opensOn: survey.opensOn > yesterday ? yesterday : survey.opensOn, updatedAt: now })
      .where(eq(surveys.id, surveyId));
    // Invitations held for an opening day that will not come, and reminders not yet delivered, go unsent.
    await tx.delete(mailMessages).where(
      and(
        eq(mailMessages.subjectType, "survey_invitee"),
        eq(mailMessages.status, "queued"),
        inArray(mailMessages.subjectId, tx.select({ id: surveyInvitees.id }).from(surveyInvitees).where(eq(surveyInvitees.surveyId, surveyId))),
      ),
    );
    await appendAudit(tx, { kind: "survey.closed", actor, subjectType: "survey", subjectId: surveyId, payload: { closesOn: yesterday, was: survey.closesOn } });
  });
}

/* ---------- the respondent's side: everything reached through a link's token ---------- */

/** What a link opens: its survey and invitee (null for a made-up or withdrawn link) and the survey's phase. */
export interface LinkContext {
  survey: { id: string; title: string; intro: string; opensOn: string; closesOn: string; anonymous: boolean; guideVersionId: string; ownerName: string; createdBy: string };
  invitee: { id: string; stakeholderName: string; unitId: string; unitName: string; stakeholderId: string; interviewId: string | null; submittedAt: string | null };
  phase: SurveyPhase;
}

/** The survey and invitee a token belongs to; null when it is made up or withdrawn. One query. */
export async function openLink(token: string, now = new Date()): Promise<LinkContext | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [row] = await db()
    .select({
      survey: surveys,
      ownerName: users.name,
      inviteeId: surveyInvitees.id,
      stakeholderId: surveyInvitees.stakeholderId,
      stakeholderName: stakeholders.name,
      unitId: surveyInvitees.businessUnitId,
      unitName: businessUnits.name,
      interviewId: surveyInvitees.interviewId,
      submittedAt: surveyInvitees.submittedAt,
      revokedAt: surveyInvitees.revokedAt,
    })
    .from(surveyLinks)
    .innerJoin(surveyInvitees, eq(surveyInvitees.id, surveyLinks.inviteeId))
    .innerJoin(surveys, eq(surveys.id, surveyInvitees.surveyId))
    .innerJoin(users, eq(users.id, surveys.createdBy))
    .innerJoin(stakeholders, eq(stakeholders.id, surveyInvitees.stakeholderId))
    .innerJoin(businessUnits, eq(businessUnits.id, surveyInvitees.businessUnitId))
    .where(eq(surveyLinks.tokenHash, hashToken(token)));
  if (!row || row.revokedAt) return null;
  const s = row.survey;
  return {
    survey: { id: s.id, title: s.title, intro: s.intro, opensOn: s.opensOn, closesOn: s.closesOn, anonymous: s.anonymous, guideVersionId: s.guideVersionId, ownerName: row.ownerName, createdBy: s.createdBy },
    invitee: {
      id: row.inviteeId,
      stakeholderName: row.stakeholderName,
      stakeholderId: row.stakeholderId,
      unitId: row.unitId,
      unitName: row.unitName,
      interviewId: row.interviewId,
      submittedAt: row.submittedAt?.toISOString() ?? null,
    },
    phase: surveyPhase(s, todayUtc(now)),
  };
}

/**
 * The invitee's response, made on first opening while the survey is open: an interview under way
 * with the survey's guide, its owner as interviewer and the respondent's unit; named surveys also
 * record the respondent as its stakeholder (anonymous ones do not, so no quote names them).
 */
export async function ensureResponse(link: LinkContext, now = new Date()): Promise<string> {
  if (link.invitee.interviewId) return link.invitee.interviewId;
  if (link.phase !== "open") throw new AppError("not_open", "This survey is not open", undefined, 409);
  return db().transaction(async (tx) => {
    const [invitee] = await tx.select({ interviewId: surveyInvitees.interviewId }).from(surveyInvitees).where(eq(surveyInvitees.id, link.invitee.id)).for("update");
    if (invitee?.interviewId) return invitee.interviewId;
    const [interview] = await tx
      .insert(interviews)
      .values({
        guideVersionId: link.survey.guideVersionId,
        businessUnitId: link.invitee.unitId,
        interviewerId: link.survey.createdBy,
        scheduledAt: now,
        durationMinutes: 0,
        purpose: link.survey.title,
        surveyId: link.survey.id,
        status: "in_progress",
        createdBy: link.survey.createdBy,
      })
      .returning({ id: interviews.id });
    if (!link.survey.anonymous) await tx.insert(interviewStakeholders).values({ interviewId: interview!.id, stakeholderId: link.invitee.stakeholderId });
    await tx.update(surveyInvitees).set({ interviewId: interview!.id }).where(eq(surveyInvitees.id, link.invitee.id));
    return interview!.id;
  });
}

/**
 * The respondent's autosave. Saves are keyed by the invitee (a respondent is not a user: answers
 * record no user as their author), and refused once the survey closes or the answers were sent.
 */
export async function saveResponse(link: LinkContext, request: SaveRequest): Promise<SaveResponse> {
  const closed = (message: string): SaveResponse => ({ kind: "answers", results: [], changes: [], cursor: request.since, error: "not_running", message });
  if (link.phase === "closed") return closed("This survey has closed: answers can no longer be sent.");
  if (link.phase === "scheduled") return closed("This survey has not opened yet.");
  if (link.invitee.submittedAt) return closed("You have sent your answers: they can no longer be changed.");
  const interviewId = await ensureResponse(link);
  // The respondent reaches only this response; survey responses are never private, so the role only names the saver's kind.
  const viewer: Viewer = { id: link.invitee.id, role: "relationship_manager" };
  const response = await saveAnswers({ interviewId, viewer, request, author: null });
  if (response.error === "not_running") return { ...response, message: "You have sent your answers: they can no longer be changed." };
  return response;
}

/** Sends the response: every required question shown must be answered. The answers are then read-only. */
export async function submitResponse(link: LinkContext, ip = "", userAgent = "", now = new Date()) {
  if (link.phase !== "open") throw new AppError("not_open", link.phase === "closed" ? "This survey has closed: answers can no longer be sent." : "This survey has not opened yet.", undefined, 409);
  const interviewId = await ensureResponse(link, now);
  // Read before the transaction: on a cold cache it takes its own connection, which on PGlite (one connection) a transaction holds.
  const content = await guideContentOf(link.survey.guideVersionId);
  return db().transaction(async (tx) => {
    const [invitee] = await tx.select({ submittedAt: surveyInvitees.submittedAt }).from(surveyInvitees).where(eq(surveyInvitees.id, link.invitee.id)).for("update");
    if (invitee?.submittedAt) throw new AppError("already_sent", "You have already sent your answers.", undefined, 409);
    const [interview] = await tx.select({ status: interviews.status }).from(interviews).where(eq(interviews.id, interviewId)).for("update");
    if (interview?.status !== "in_progress") throw new AppError("not_running", "This response can no longer be changed.", undefined, 409);
    const { missing } = progressOf(content, answerValuesOf(await answersOf(interviewId, tx)));
    if (missing.length) throw new MissingAnswersError(missing);
    // Heard when sent: quotes from it are dated by this.
    await tx.update(interviews).set({ status: "completed", scheduledAt: now, updatedAt: now }).where(eq(interviews.id, interviewId));
    await tx.update(surveyInvitees).set({ submittedAt: now }).where(eq(surveyInvitees.id, link.invitee.id));
    const actor: Actor = { id: null, name: link.survey.anonymous ? `Anonymous respondent, ${link.invitee.unitName}` : link.invitee.stakeholderName, ip, userAgent };
    // No suspect sweep: nothing can quote a response before it is sent.
    await appendAudit(tx, { kind: "survey.response_sent", actor, subjectType: "interview", subjectId: interviewId, payload: { surveyId: link.survey.id } });
  });
}
