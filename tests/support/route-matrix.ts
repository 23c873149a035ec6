import { randomUUID } from "node:crypto";
import { DEFAULT_CRITERIA } from "../../app/domain/round";
import type { Role } from "../../app/domain/roles";
import type { Fixtures, Outsider, Who } from "./route-fixtures";

export { WHO, type Who } from "./route-fixtures";

export type Outcome = 200 | 302 | 400 | 401 | 403 | 404 | 409;
export type Expected = Record<Who, Outcome>;

/** Something a page lists only to those who may see it: its text is in the loader's answer for `shownTo`, and nowhere in it for `from`. */
export interface Hidden {
  what: string;
  text: (f: Fixtures) => string;
  shownTo: Who[];
  from: Who[];
}

/** One address of a route, and what a GET of its loader and an empty POST to its action answer, for each Who. */
export interface Case {
  /** Which address this is, when a route has more than one. */
  label?: string;
  path: (f: Fixtures) => string;
  params?: (f: Fixtures) => Record<string, string>;
  loader?: Expected;
  action?: Expected;
  /** What the loader's answer must leave out for some who get a 200: another unit's need, a round or request they are not in. */
  hidden?: Hidden[];
}

/** A post that would change something (a form, or an autosave's JSON), and who it lets do so or refuses; tried in WHO order on one world. */
export interface Attempt {
  label: string;
  form?: (f: Fixtures) => Record<string, string | string[]>;
  json?: (f: Fixtures) => unknown;
  expected: Expected;
}

export interface Entry extends Case {
  /** More addresses of the same route: another record, a real token. */
  more?: (Case & { label: string })[];
  attempts?: Attempt[];
}

type Base = Record<"anonymous" | Role, Outcome>;

/** Outsiders answer as the user of their role by default; `outsiders` says where they must not. */
const expect8 = (base: Base, outsiders: Partial<Record<Outsider, Outcome>> = {}): Expected => ({
  ...base,
  other_business_lead: base.business_lead,
  other_relationship_manager: base.relationship_manager,
  other_executive: base.executive,
  ...outsiders,
});

type Others = Partial<Record<Outsider, Outcome>>;

const signedIn = (outcome: Outcome, anonymous: Outcome = 302, others: Others = {}): Expected =>
  expect8({ anonymous, admin: outcome, relationship_manager: outcome, business_lead: outcome, executive: outcome }, others);
const adminOnly = (ok: Outcome): Expected => expect8({ anonymous: 302, admin: ok, relationship_manager: 403, business_lead: 403, executive: 403 });
/** Relationship managers work as a team: another RM reads and changes what one made (unless `others` says not). */
const adminAndRm = (ok: Outcome, others: Others = {}): Expected =>
  expect8({ anonymous: 302, admin: ok, relationship_manager: ok, business_lead: 403, executive: 403 }, others);
const needReaders = (ok: Outcome, others: Others = {}): Expected =>
  expect8({ anonymous: 302, admin: ok, relationship_manager: ok, business_lead: ok, executive: 403 }, others);

/** The fixture interview is private to the RM who holds it: another RM is told it does not exist. */
const privateInterview = (ok: Outcome) => adminAndRm(ok, { other_relationship_manager: 404 });
/** The round's participants (and those who manage rounds) read it; a lead or executive not in it is told it does not exist. */
const roundPeople = (ok: Outcome) => signedIn(ok, 302, { other_business_lead: 404, other_executive: 404 });

const NEED: Hidden = { what: "the lead's unit's need", text: () => "Branch phones work on Saturdays", shownTo: ["business_lead", "relationship_manager"], from: ["other_business_lead"] };
const ROUND: Hidden = { what: "the round", text: (f) => f.roundId, shownTo: ["business_lead", "executive", "relationship_manager"], from: ["other_business_lead", "other_executive"] };
const REQUEST: Hidden = { what: "the sign-off request", text: (f) => f.requestId, shownTo: ["business_lead", "executive", "relationship_manager"], from: ["other_business_lead", "other_executive"] };
const INTERVIEW: Hidden = { what: "the private interview", text: (f) => f.interviewId, shownTo: ["relationship_manager", "admin"], from: ["other_relationship_manager"] };

/**
 * Every route, for everyone (signed out, each role involved in the fixtures, and
 * outsiders of each role who are not): what a GET of its loader and an empty
 * POST to its action must answer. Authorised empty posts answer 400 (field
 * messages), never 500. Built from the route files: a new route without an
 * entry fails the authorisation matrix.
 */
export const MATRIX: Record<string, Entry> = {
  // Each home lists what waits on its reader (the lead's: their unit's needs, their round, the request they are asked): nothing of a unit, round or request they are not in.
  "_index.tsx": {
    path: () => "/",
    loader: signedIn(200),
    hidden: [
      { ...NEED, shownTo: ["business_lead"] },
      { ...ROUND, shownTo: ["business_lead"] },
      { ...REQUEST, shownTo: ["business_lead", "relationship_manager"] },
    ],
  },
  "$.tsx": { path: () => "/no/such/page", params: () => ({ "*": "no/such/page" }), loader: signedIn(404, 404), action: signedIn(404, 404) },
  "about.tsx": { path: () => "/about" },
  "bench.insert.tsx": { path: () => "/bench/insert", action: signedIn(404, 404) },
  "healthz.tsx": { path: () => "/healthz", loader: signedIn(200, 200) },
  "login.tsx": { path: () => "/login", loader: signedIn(302, 200), action: signedIn(400, 400) },
  "logout.tsx": { path: () => "/logout", loader: signedIn(302, 302), action: signedIn(302, 302) },
  "account.password.tsx": { path: () => "/account/password", loader: signedIn(200), action: signedIn(400) },
  "admin.users._index.tsx": { path: () => "/admin/users", loader: adminOnly(200) },
  // Only admins see the outbox; an empty post names the missing message.
  "admin.outbox.tsx": { path: () => "/admin/outbox", loader: adminOnly(200), action: adminOnly(400) },
  "admin.users.new.tsx": { path: () => "/admin/users/new", loader: adminOnly(200), action: adminOnly(400) },
  "admin.users.$userId.tsx": {
    path: (f) => `/admin/users/${f.userId}`,
    params: (f) => ({ userId: f.userId }),
    loader: adminOnly(200),
    action: adminOnly(400),
  },
  "admin.units._index.tsx": { path: () => "/admin/units", loader: adminOnly(200) },
  "admin.units.new.tsx": { path: () => "/admin/units/new", loader: adminOnly(200), action: adminOnly(400) },
  "admin.units.$unitId.tsx": {
    path: (f) => `/admin/units/${f.unitId}`,
    params: (f) => ({ unitId: f.unitId }),
    loader: adminOnly(200),
    action: adminOnly(400),
  },
  "admin.audit.tsx": { path: () => "/admin/audit", loader: adminOnly(200) },
  "guides._index.tsx": { path: () => "/guides", loader: adminAndRm(200) },
  "guides.new.tsx": { path: () => "/guides/new", loader: adminAndRm(200), action: adminAndRm(400) },
  "guides.import.tsx": { path: () => "/guides/import", loader: adminAndRm(200), action: adminAndRm(400) },
  "guides.$guideId._index.tsx": {
    path: (f) => `/guides/${f.guideId}`,
    params: (f) => ({ guideId: f.guideId }),
    loader: adminAndRm(200),
    action: adminAndRm(400),
  },
  "guides.$guideId.edit.tsx": {
    path: (f) => `/guides/${f.guideId}/edit`,
    params: (f) => ({ guideId: f.guideId }),
    loader: adminAndRm(200),
    action: adminAndRm(400),
  },
  "guides.$guideId.v.$number.tsx": {
    path: (f) => `/guides/${f.guideId}/v/1`,
    params: (f) => ({ guideId: f.guideId, number: "1" }),
    loader: adminAndRm(200),
  },
  "guides.$guideId.v.$number.export.tsx": {
    path: (f) => `/guides/${f.guideId}/v/1/export`,
    params: (f) => ({ guideId: f.guideId, number: "1" }),
    loader: adminAndRm(200),
  },
  "interviews._index.tsx": { path: () => "/interviews", loader: adminAndRm(200), hidden: [INTERVIEW] },
  "interviews.new.tsx": { path: () => "/interviews/new", loader: adminAndRm(200), action: adminAndRm(400) },
  "interviews.coverage.tsx": { path: () => "/interviews/coverage", loader: adminAndRm(200) },
  "interviews.$interviewId._index.tsx": {
    path: (f) => `/interviews/${f.interviewId}`,
    params: (f) => ({ interviewId: f.interviewId }),
    loader: privateInterview(200),
    action: privateInterview(400),
  },
  "interviews.$interviewId.run.tsx": {
    path: (f) => `/interviews/${f.interviewId}/run`,
    params: (f) => ({ interviewId: f.interviewId }),
    loader: privateInterview(200),
    action: privateInterview(400),
    // The autosave looks the interview up before anything else: another RM is told it does not exist; it is not under way for those who see it.
    attempts: [
      {
        label: "an autosaved answer",
        json: () => ({ intent: "save", since: 0, saves: [{ kind: "answer", item: "q-one", value: "Saturdays matter", quote: "", base: 0, key: randomUUID() }] }),
        expected: { ...privateInterview(409), anonymous: 401, business_lead: 403, executive: 403, other_business_lead: 403, other_executive: 403 },
      },
    ],
  },
  "interviews.$interviewId.summary.tsx": {
    path: (f) => `/interviews/${f.interviewId}/summary`,
    params: (f) => ({ interviewId: f.interviewId }),
    loader: privateInterview(200),
  },
  "interviews.$interviewId.answers[.]csv.tsx": {
    path: (f) => `/interviews/${f.interviewId}/answers.csv`,
    params: (f) => ({ interviewId: f.interviewId }),
    loader: privateInterview(200),
  },
  "interviews.answers[.]csv.tsx": { path: () => "/interviews/answers.csv", loader: adminAndRm(200) },
  "interviews.$interviewId.ics.tsx": {
    path: (f) => `/interviews/${f.interviewId}/ics`,
    params: (f) => ({ interviewId: f.interviewId }),
    loader: privateInterview(200),
  },
  "account.calendar.tsx": { path: () => "/account/calendar", loader: adminAndRm(200), action: adminAndRm(400) },
  // A feed opens with its secret token alone, whoever asks; a made-up one opens nothing.
  "calendar.$token.tsx": {
    path: () => "/calendar/not-a-real-token-at-all",
    params: () => ({ token: "not-a-real-token-at-all" }),
    loader: signedIn(404, 404),
    more: [{ label: "the RM's feed", path: (f) => `/calendar/${f.calendarToken}`, params: (f) => ({ token: f.calendarToken }), loader: signedIn(200, 200) }],
  },
  "stakeholders._index.tsx": { path: () => "/stakeholders", loader: adminAndRm(200) },
  "stakeholders.new.tsx": { path: () => "/stakeholders/new", loader: adminAndRm(200), action: adminAndRm(400) },
  "stakeholders.import.tsx": { path: () => "/stakeholders/import", loader: adminAndRm(200), action: adminAndRm(400) },
  "stakeholders.$stakeholderId.tsx": {
    path: (f) => `/stakeholders/${f.stakeholderId}`,
    params: (f) => ({ stakeholderId: f.stakeholderId }),
    loader: adminAndRm(200),
    action: adminAndRm(400),
  },
  /**
   * An empty post names no action: refused (400) before the interview is looked
   * up, for another RM too. Capturing a quote looks it up first: another RM is
   * told it does not exist; those who see it are told it has not been held yet.
   */
  "interviews.$interviewId.evidence.tsx": {
    path: (f) => `/interviews/${f.interviewId}/evidence`,
    params: (f) => ({ interviewId: f.interviewId }),
    loader: privateInterview(200),
    action: adminAndRm(400),
    attempts: [
      {
        label: "capturing a quote",
        form: (f) => ({ intent: "capture", source: "answer", item: "q-one", text: "Saturdays matter", stakeholderIds: f.stakeholderId, tags: "" }),
        expected: privateInterview(400),
      },
    ],
  },
  // A business lead's board and export hold their own unit's needs only.
  "needs._index.tsx": { path: () => "/needs", loader: needReaders(200), hidden: [NEED] },
  "needs[.]csv.tsx": { path: () => "/needs.csv", loader: needReaders(200), hidden: [NEED] },
  "needs.new.tsx": { path: () => "/needs/new", loader: adminAndRm(200), action: adminAndRm(400) },
  "needs.similar.tsx": { path: () => "/needs/similar?q=branch+telephones", loader: adminAndRm(200) },
  /**
   * The fixture need belongs to the business lead's unit: they read it and may
   * comment (an empty post is refused with field messages before the need is
   * looked up); a lead of another unit is told it does not exist.
   */
  "needs.$needId._index.tsx": {
    path: (f) => `/needs/${f.needId}`,
    params: (f) => ({ needId: f.needId }),
    loader: needReaders(200, { other_business_lead: 404 }),
    action: needReaders(400),
    attempts: [{ label: "a comment", form: () => ({ intent: "comment", body: "This is our top one." }), expected: needReaders(302, { other_business_lead: 404 }) }],
  },
  "needs.$needId.edit.tsx": {
    path: (f) => `/needs/${f.needId}/edit`,
    params: (f) => ({ needId: f.needId }),
    loader: adminAndRm(200),
    action: adminAndRm(400),
  },
  "rounds._index.tsx": { path: () => "/rounds", loader: signedIn(200), hidden: [ROUND] },
  "rounds.new.tsx": { path: () => "/rounds/new", loader: adminAndRm(200), action: adminAndRm(400) },
  /**
   * The fixture round is open, with the business lead scoring and the executive
   * observing; a lead or executive not in it is told it does not exist, whatever
   * they post. An empty post names no action (400). Only the scorer hands scores in.
   */
  "rounds.$roundId._index.tsx": {
    path: (f) => `/rounds/${f.roundId}`,
    params: (f) => ({ roundId: f.roundId }),
    loader: roundPeople(200),
    action: roundPeople(400),
    attempts: [
      {
        label: "handing scores in",
        form: () => ({ intent: "submit" }),
        expected: { ...roundPeople(409), anonymous: 302, business_lead: 302 },
      },
    ],
  },
  // Only the round's scorer has a grid; anyone else, manager or outsider, is refused a save (403) and told the grid does not exist.
  "rounds.$roundId.score.tsx": {
    path: (f) => `/rounds/${f.roundId}/score`,
    params: (f) => ({ roundId: f.roundId }),
    loader: expect8({ anonymous: 302, admin: 404, relationship_manager: 404, business_lead: 200, executive: 404 }, { other_business_lead: 404 }),
    action: signedIn(400),
    attempts: [
      {
        label: "a score",
        form: (f) => ({ intent: "save", seenAt: new Date().toISOString(), [`score.${f.needId}.${DEFAULT_CRITERIA[0]!.key}`]: "4" }),
        expected: { ...signedIn(403), business_lead: 302 },
      },
      {
        label: "an autosaved score",
        json: (f) => ({ intent: "autosave", saves: [{ name: `score.${f.needId}.${DEFAULT_CRITERIA[0]!.key}`, value: "4", base: 0 }] }),
        expected: { ...signedIn(403), anonymous: 401, business_lead: 200 },
      },
    ],
  },
  // The fixture round is open: its draft form sends managers back to the round; an empty post is refused with field messages.
  "rounds.$roundId.edit.tsx": {
    path: (f) => `/rounds/${f.roundId}/edit`,
    params: (f) => ({ roundId: f.roundId }),
    loader: adminAndRm(302),
    action: adminAndRm(400),
  },
  // An empty post changes no estimate and goes back to the round.
  "rounds.$roundId.efforts.tsx": {
    path: (f) => `/rounds/${f.roundId}/efforts`,
    params: (f) => ({ roundId: f.roundId }),
    loader: adminAndRm(200),
    action: adminAndRm(302),
  },
  // Every participant reads a need of the round, whatever its unit; an outsider gets a 404 (see rounds-routes.test.ts).
  "rounds.$roundId.needs.$needId.tsx": {
    path: (f) => `/rounds/${f.roundId}/needs/${f.needId}`,
    params: (f) => ({ roundId: f.roundId, needId: f.needId }),
    loader: roundPeople(200),
  },
  "services.$serviceId.versions.$number.tsx": {
    path: (f) => `/services/${f.serviceId}/versions/1`,
    params: (f) => ({ serviceId: f.serviceId, number: "1" }),
    loader: signedIn(200),
  },
  "services.$serviceId.compare.tsx": {
    path: (f) => `/services/${f.serviceId}/compare`,
    params: (f) => ({ serviceId: f.serviceId }),
    loader: signedIn(200),
  },
  // Everyone reads the portfolio and a service; relationship managers change them (an empty post is refused with a message).
  "services._index.tsx": { path: () => "/services", loader: signedIn(200) },
  "services.new.tsx": { path: () => "/services/new", loader: adminAndRm(200), action: adminAndRm(400) },
  "services.$serviceId._index.tsx": {
    path: (f) => `/services/${f.serviceId}`,
    params: (f) => ({ serviceId: f.serviceId }),
    loader: signedIn(200),
    action: adminAndRm(400),
  },
  "services.$serviceId.edit.tsx": {
    path: (f) => `/services/${f.serviceId}/edit`,
    params: (f) => ({ serviceId: f.serviceId }),
    loader: adminAndRm(200),
    action: adminAndRm(400),
  },
  "services.$serviceId.definition.tsx": {
    path: (f) => `/services/${f.serviceId}/definition`,
    params: (f) => ({ serviceId: f.serviceId }),
    loader: adminAndRm(200),
    action: adminAndRm(400),
  },
  /**
   * The request names the RM (submitter), the lead (approver) and the executive
   * (signer); admins and relationship managers follow every request. A lead or
   * executive it does not name is told it does not exist, and may not comment.
   */
  "signoff._index.tsx": { path: () => "/signoff", loader: signedIn(200), hidden: [REQUEST] },
  "signoff.$requestId.tsx": {
    path: (f) => `/signoff/${f.requestId}`,
    params: (f) => ({ requestId: f.requestId }),
    loader: signedIn(200, 302, { other_business_lead: 404, other_executive: 404 }),
    action: signedIn(400, 302, { other_business_lead: 404, other_executive: 404 }),
    attempts: [{ label: "a comment", form: () => ({ intent: "comment", body: "Saturday cover matters most." }), expected: signedIn(302, 302, { other_business_lead: 404, other_executive: 404 }) }],
  },
  // Version 1 is under review, so the submit page sends relationship managers to its request.
  "services.$serviceId.versions.$number_.submit.tsx": {
    path: (f) => `/services/${f.serviceId}/versions/1/submit`,
    params: (f) => ({ serviceId: f.serviceId, number: "1" }),
    loader: adminAndRm(302),
    action: adminAndRm(400),
  },
  "services.$serviceId.versions.$number[.]pdf.tsx": {
    path: (f) => `/services/${f.serviceId}/versions/1.pdf`,
    params: (f) => ({ serviceId: f.serviceId, number: "1" }),
    loader: signedIn(200),
  },
  // Public: anyone may check a document (an empty post is refused with a message).
  "verify._index.tsx": { path: () => "/verify?index", action: signedIn(400, 400) },
  "verify.$versionId.tsx": { path: (f) => `/verify/${f.versionId}`, params: (f) => ({ versionId: f.versionId }), loader: signedIn(200, 200) },
  // Everyone reads measures; relationship managers record them (an empty post names the missing month) and import them.
  "services.$serviceId.measures.tsx": {
    path: (f) => `/services/${f.serviceId}/measures`,
    params: (f) => ({ serviceId: f.serviceId }),
    loader: signedIn(200),
    action: adminAndRm(400),
  },
  "services.$serviceId.reviews.new.tsx": {
    path: (f) => `/services/${f.serviceId}/reviews/new`,
    params: (f) => ({ serviceId: f.serviceId }),
    loader: adminAndRm(200),
    action: adminAndRm(400),
  },
  // Relationship managers plan a review interview with a service's consumers (an empty post is refused with field messages).
  "services.$serviceId.review-interview.tsx": {
    path: (f) => `/services/${f.serviceId}/review-interview`,
    params: (f) => ({ serviceId: f.serviceId }),
    loader: adminAndRm(200),
    action: adminAndRm(400),
  },
  "services.import-measures.tsx": { path: () => "/services/import-measures", loader: adminAndRm(200), action: adminAndRm(400) },
  // Relationship managers send surveys and follow them (an empty post is refused with a message).
  "surveys._index.tsx": { path: () => "/surveys", loader: adminAndRm(200) },
  "surveys.new.tsx": { path: () => "/surveys/new", loader: adminAndRm(200), action: adminAndRm(400) },
  "surveys.$surveyId._index.tsx": {
    path: (f) => `/surveys/${f.surveyId}`,
    params: (f) => ({ surveyId: f.surveyId }),
    loader: adminAndRm(200),
    action: adminAndRm(400),
  },
  // A respondent's page: only a link's token opens it, whoever is signed in (or not); a made-up one opens nothing.
  "s.$token.tsx": {
    path: () => "/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    params: () => ({ token: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }),
    loader: signedIn(404, 404),
    action: signedIn(404, 404),
    more: [{ label: "a real link", path: (f) => `/s/${f.surveyToken}`, params: (f) => ({ token: f.surveyToken }), loader: signedIn(200, 200), action: signedIn(400, 400) }],
  },
  "surveys.$surveyId.results.tsx": { path: (f) => `/surveys/${f.surveyId}/results`, params: (f) => ({ surveyId: f.surveyId }), loader: adminAndRm(200) },
  // Everyone reads the providers; relationship managers add them (an empty post is refused with field messages).
  "providers._index.tsx": { path: () => "/providers", loader: signedIn(200), action: adminAndRm(400) },
};
