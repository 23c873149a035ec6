import type { Role } from "../../app/domain/roles";
import { DEFAULT_CRITERIA } from "../../app/domain/round";
import { serviceFactsSchema } from "../../app/domain/service";
import { surveySchema } from "../../app/domain/survey";
import { SYSTEM_ACTOR } from "../../app/models/audit.server";
import { createGuide } from "../../app/models/guide.server";
import { createNeed } from "../../app/models/need.server";
import { createRound, openRound } from "../../app/models/round.server";
import { createService } from "../../app/models/service.server";
import { createVersion } from "../../app/models/service-version.server";
import { submitForSignoff } from "../../app/models/signoff.server";
import { createSurvey, todayUtc } from "../../app/models/survey.server";
import { cookieFor, makeInterview, makePublishedGuideVersion, makeStakeholder, makeUnit, makeUser } from "./factories";

export type Who = "anonymous" | Role;

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
};

/**
 * One of each thing a route acts on, and a signed-in cookie per role: the RM
 * holds the interview and submitted version 1 for sign-off, the business lead
 * (in their own unit) owns the needs and scores the open round, the executive
 * observes the round and signs.
 */
export async function buildRouteFixtures(): Promise<{ fixtures: Fixtures; cookies: Record<Who, string | undefined> }> {
  const unit = await makeUnit();
  const stakeholder = await makeStakeholder(unit.id);
  const users = await Promise.all(
    (["admin", "relationship_manager", "business_lead", "executive"] as const).map((r) => makeUser(r)),
  );
  const cookies = { anonymous: undefined } as Record<Who, string | undefined>;
  for (const u of users) cookies[u.role] = await cookieFor(u.id);
  const guide = await createGuide({ input: { title: "Discovery", description: "" }, actor: SYSTEM_ACTOR });
  const interview = await makeInterview({ unitId: unit.id, interviewerId: users[1]!.id, stakeholderIds: [stakeholder.id] });
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
  };
  return { fixtures, cookies };
}
