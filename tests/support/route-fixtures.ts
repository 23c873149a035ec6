import { eq, inArray } from "drizzle-orm";
import { db } from "../../app/db.server";
import type { Role } from "../../app/domain/roles";
import { DEFAULT_CRITERIA } from "../../app/domain/round";
import { serviceFactsSchema } from "../../app/domain/service";
import { surveySchema } from "../../app/domain/survey";
import { SYSTEM_ACTOR } from "../../app/models/audit.server";
import { createGuide } from "../../app/models/guide.server";
import { createCalendarFeed } from "../../app/models/interview.server";
import { createNeed } from "../../app/models/need.server";
import { createRound, openRound } from "../../app/models/round.server";
import { createService } from "../../app/models/service.server";
import { createVersion } from "../../app/models/service-version.server";
import { submitForSignoff } from "../../app/models/signoff.server";
import { createSurvey, todayUtc } from "../../app/models/survey.server";
import { mailMessages, surveyInvitees } from "../../db/schema";
import { cookieFor, makeInterview, makePublishedGuideVersion, makeStakeholder, makeUnit, makeUser } from "./factories";

/**
 * Who asks: signed out, one user per role (each involved in the fixtures), and
 * outsiders with the same roles who are not: a business lead of another unit, a
 * relationship manager who holds none of the records, an executive who is
 * neither observer nor signer.
 */
export type Who = "anonymous" | Role | Outsider;
export const OUTSIDERS = ["other_business_lead", "other_relationship_manager", "other_executive"] as const;
export type Outsider = (typeof OUTSIDERS)[number];
export const WHO: readonly Who[] = ["anonymous", "admin", "relationship_manager", "business_lead", "executive", ...OUTSIDERS];

/** The ids of the one-of-everything world the route tests act on. */
export type Fixtures = {
  userId: string;
  unitId: string;
  stakeholderId: string;
  guideId: string;
  interviewId: string;
  needId: string;
  roundId: string;
  serviceId: string;
  versionId: string;
  requestId: string;
  surveyId: string;
  /** A unit no involved user belongs to: the other business lead's. */
  otherUnitId: string;
  /** The survey's link for its one invitee, as mailed (open today). */
  surveyToken: string;
  /** The relationship manager's calendar feed token. */
  calendarToken: string;
};

/**
 * One of each thing a route acts on, and a signed-in cookie per role: the RM
 * holds the interview (private: only they and admins see it), submitted version 1
 * for sign-off, sent the survey and has a calendar feed; the business lead (in
 * their own unit) owns the needs and scores the open round, the executive
 * observes the round and signs. The outsiders (see Who) have cookies too and
 * take part in nothing.
 */
export async function buildRouteFixtures(): Promise<{ fixtures: Fixtures; cookies: Record<Who, string | undefined> }> {
  const unit = await makeUnit();
  const stakeholder = await makeStakeholder(unit.id);
  const users = await Promise.all(
    (["admin", "relationship_manager", "business_lead", "executive"] as const).map((r) => makeUser(r)),
  );
  const cookies = { anonymous: undefined } as Record<Who, string | undefined>;
  for (const u of users) cookies[u.role] = await cookieFor(u.id);
  const otherUnit = await makeUnit();
  const outsiders: Record<Outsider, Awaited<ReturnType<typeof makeUser>>> = {
    other_business_lead: await makeUser("business_lead", { businessUnitId: otherUnit.id }),
    other_relationship_manager: await makeUser("relationship_manager"),
    other_executive: await makeUser("executive"),
  };
  for (const who of OUTSIDERS) cookies[who] = await cookieFor(outsiders[who].id);
  const guide = await createGuide({ input: { title: "Discovery", description: "" }, actor: SYSTEM_ACTOR });
  const interview = await makeInterview({ unitId: unit.id, interviewerId: users[1]!.id, stakeholderIds: [stakeholder.id], private: true });
  const need = await createNeed({
    input: { statement: "Branch phones work on Saturdays", outcome: "", process: "", criticalPeriod: "", pain: "", category: "availability", unitIds: [users[2]!.businessUnitId!], evidenceIds: [] },
    viewer: users[1]!,
    actor: SYSTEM_ACTOR,
  });
  const other = await createNeed({
    input: { statement: "Branch phones are fixed within the hour", outcome: "", process: "", criticalPeriod: "", pain: "", category: "support", unitIds: [users[2]!.businessUnitId!], evidenceIds: [] },
    viewer: users[1]!,
    actor: SYSTEM_ACTOR,
  });
  const round = await createRound({
    input: { title: "Priorities", method: "weighted", criteria: DEFAULT_CRITERIA, mustCap: null, deadline: null, needIds: [need.id, other.id], scorerIds: [users[2]!.id], observerIds: [users[3]!.id] },
    actor: SYSTEM_ACTOR,
  });
  await openRound({ id: round.id, actor: SYSTEM_ACTOR });
  // A service with one version: every role that reads services reads it.
  const service = await createService({ input: serviceFactsSchema.parse({ name: "Branch Banking", kind: "business" }), actor: SYSTEM_ACTOR });
  const version = await createVersion({ id: service.id, actor: SYSTEM_ACTOR });
  const rm = users[1]!;
  const signoff = await submitForSignoff({
    serviceId: service.id,
    number: 1,
    input: { approvers: [users[2]!.id], signers: [users[3]!.id], inOrder: true, message: "", dueOn: null },
    actor: { id: rm.id, name: rm.name, ip: "", userAgent: "" },
  });
  const surveyGuide = await makePublishedGuideVersion("Pulse");
  const survey = await createSurvey({
    input: surveySchema.parse({ guideVersionId: surveyGuide.id, title: "Pulse", opensOn: todayUtc(), closesOn: todayUtc(), audience: "people", stakeholderIds: [stakeholder.id] }),
    actor: { id: rm.id, name: rm.name, ip: "", userAgent: "" },
  });
  // Links are kept only in the mail that carried them (the database holds their hashes).
  const invitees = await db().select({ id: surveyInvitees.id }).from(surveyInvitees).where(eq(surveyInvitees.surveyId, survey.id));
  const [mail] = await db().select({ text: mailMessages.text }).from(mailMessages).where(inArray(mailMessages.subjectId, invitees.map((i) => i.id)));
  const surveyToken = /\/s\/([A-Za-z0-9_-]+)/.exec(mail!.text)![1]!;
  const calendarToken = await createCalendarFeed({ userId: rm.id, actor: SYSTEM_ACTOR });
  const fixtures: Fixtures = {
    userId: users[2]!.id,
    unitId: unit.id,
    stakeholderId: stakeholder.id,
    guideId: guide.id,
    interviewId: interview.id,
    needId: need.id,
    roundId: round.id,
    serviceId: service.id,
    versionId: version.id,
    requestId: signoff.id,
    surveyId: survey.id,
    otherUnitId: otherUnit.id,
    surveyToken,
    calendarToken,
  };
  return { fixtures, cookies };
}
