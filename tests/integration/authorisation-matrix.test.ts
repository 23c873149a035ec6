import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { buildRouteFixtures, type Fixtures, type Who } from "../support/route-fixtures";
import { call, type RouteModule } from "../support/routes";

const modules = import.meta.glob<RouteModule>("../../app/routes/*.tsx", { eager: true });

const WHO: Who[] = ["anonymous", "admin", "relationship_manager", "business_lead", "executive"];
type Outcome = 200 | 302 | 400 | 403 | 404;

interface Entry {
  path: (f: Fixtures) => string;
  params?: (f: Fixtures) => Record<string, string>;
  loader?: Record<Who, Outcome>;
  action?: Record<Who, Outcome>;
}

const signedIn = (outcome: Outcome, anonymous: Outcome = 302): Record<Who, Outcome> => ({
  anonymous,
  admin: outcome,
  relationship_manager: outcome,
  business_lead: outcome,
  executive: outcome,
});
const adminOnly = (ok: Outcome): Record<Who, Outcome> => ({
  anonymous: 302,
  admin: ok,
  relationship_manager: 403,
  business_lead: 403,
  executive: 403,
});
const adminAndRm = (ok: Outcome): Record<Who, Outcome> => ({
  anonymous: 302,
  admin: ok,
  relationship_manager: ok,
  business_lead: 403,
  executive: 403,
});

const needReaders = (ok: Outcome): Record<Who, Outcome> => ({
  anonymous: 302,
  admin: ok,
  relationship_manager: ok,
  business_lead: ok,
  executive: 403,
});

/**
 * Every route, for everyone: what a GET of its loader and an empty POST to its
 * action must answer. Authorised empty posts answer 400 (field messages), never 500.
 */
const MATRIX: Record<string, Entry> = {
  "_index.tsx": { path: () => "/", loader: signedIn(200) },
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
  "interviews._index.tsx": { path: () => "/interviews", loader: adminAndRm(200) },
  "interviews.new.tsx": { path: () => "/interviews/new", loader: adminAndRm(200), action: adminAndRm(400) },
  "interviews.coverage.tsx": { path: () => "/interviews/coverage", loader: adminAndRm(200) },
  "interviews.$interviewId._index.tsx": {
    path: (f) => `/interviews/${f.interviewId}`,
    params: (f) => ({ interviewId: f.interviewId }),
    loader: adminAndRm(200),
    action: adminAndRm(400),
  },
  "interviews.$interviewId.run.tsx": {
    path: (f) => `/interviews/${f.interviewId}/run`,
    params: (f) => ({ interviewId: f.interviewId }),
    loader: adminAndRm(200),
    action: adminAndRm(400),
  },
  "interviews.$interviewId.summary.tsx": {
    path: (f) => `/interviews/${f.interviewId}/summary`,
    params: (f) => ({ interviewId: f.interviewId }),
    loader: adminAndRm(200),
  },
  "interviews.$interviewId.answers[.]csv.tsx": {
    path: (f) => `/interviews/${f.interviewId}/answers.csv`,
    params: (f) => ({ interviewId: f.interviewId }),
    loader: adminAndRm(200),
  },
  "interviews.answers[.]csv.tsx": { path: () => "/interviews/answers.csv", loader: adminAndRm(200) },
  "interviews.$interviewId.ics.tsx": {
    path: (f) => `/interviews/${f.interviewId}/ics`,
    params: (f) => ({ interviewId: f.interviewId }),
    loader: adminAndRm(200),
  },
  "account.calendar.tsx": { path: () => "/account/calendar", loader: adminAndRm(200), action: adminAndRm(400) },
  "calendar.$token.tsx": { path: () => "/calendar/not-a-real-token-at-all", params: () => ({ token: "not-a-real-token-at-all" }), loader: signedIn(404, 404) },
  "stakeholders._index.tsx": { path: () => "/stakeholders", loader: adminAndRm(200) },
  "stakeholders.new.tsx": { path: () => "/stakeholders/new", loader: adminAndRm(200), action: adminAndRm(400) },
  "stakeholders.import.tsx": { path: () => "/stakeholders/import", loader: adminAndRm(200), action: adminAndRm(400) },
  "stakeholders.$stakeholderId.tsx": {
    path: (f) => `/stakeholders/${f.stakeholderId}`,
    params: (f) => ({ stakeholderId: f.stakeholderId }),
    loader: adminAndRm(200),
    action: adminAndRm(400),
  },
  "interviews.$interviewId.evidence.tsx": {
    path: (f) => `/interviews/${f.interviewId}/evidence`,
    params: (f) => ({ interviewId: f.interviewId }),
    loader: adminAndRm(200),
    action: adminAndRm(400),
  },
  "needs._index.tsx": { path: () => "/needs", loader: needReaders(200) },
  "needs[.]csv.tsx": { path: () => "/needs.csv", loader: needReaders(200) },
  "needs.new.tsx": { path: () => "/needs/new", loader: adminAndRm(200), action: adminAndRm(400) },
  "needs.similar.tsx": { path: () => "/needs/similar?q=branch+telephones", loader: adminAndRm(200) },
  // The fixture need belongs to the business lead's unit: they read it and may comment (an empty comment is a 400).
  "needs.$needId._index.tsx": {
    path: (f) => `/needs/${f.needId}`,
    params: (f) => ({ needId: f.needId }),
    loader: needReaders(200),
    action: needReaders(400),
  },
  "needs.$needId.edit.tsx": {
    path: (f) => `/needs/${f.needId}/edit`,
    params: (f) => ({ needId: f.needId }),
    loader: adminAndRm(200),
    action: adminAndRm(400),
  },
  "rounds._index.tsx": { path: () => "/rounds", loader: signedIn(200) },
  "rounds.new.tsx": { path: () => "/rounds/new", loader: adminAndRm(200), action: adminAndRm(400) },
  // The fixture round is open, with the business lead scoring and the executive observing.
  "rounds.$roundId._index.tsx": { path: (f) => `/rounds/${f.roundId}`, params: (f) => ({ roundId: f.roundId }), loader: signedIn(200), action: signedIn(400) },
  "rounds.$roundId.score.tsx": {
    path: (f) => `/rounds/${f.roundId}/score`,
    params: (f) => ({ roundId: f.roundId }),
    loader: { anonymous: 302, admin: 404, relationship_manager: 404, business_lead: 200, executive: 404 },
    action: signedIn(400),
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
    loader: signedIn(200),
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
  // The request names the RM (submitter), the lead (approver) and the executive (signer); admins see every request.
  "signoff._index.tsx": { path: () => "/signoff", loader: signedIn(200) },
  "signoff.$requestId.tsx": {
    path: (f) => `/signoff/${f.requestId}`,
    params: (f) => ({ requestId: f.requestId }),
    loader: signedIn(200),
    action: signedIn(400),
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
  // A respondent's page: only a link's token opens it, whoever is signed in; a made-up one opens nothing.
  "s.$token.tsx": { path: () => "/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", params: () => ({ token: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }), loader: signedIn(404, 404), action: signedIn(404, 404) },
  "surveys.$surveyId.results.tsx": { path: (f) => `/surveys/${f.surveyId}/results`, params: (f) => ({ surveyId: f.surveyId }), loader: adminAndRm(200) },
  // Everyone reads the providers; relationship managers add them (an empty post is refused with field messages).
  "providers._index.tsx": { path: () => "/providers", loader: signedIn(200), action: adminAndRm(400) },
};

const routeFiles = Object.keys(modules).map((p) => path.basename(p));

describe("authorisation matrix", () => {
  it("has an entry for every route file, and for each loader and action it exports", () => {
    expect(routeFiles.filter((f) => !MATRIX[f])).toEqual([]);
    for (const file of routeFiles) {
      const mod = modules[`../../app/routes/${file}`]!;
      expect(Boolean(mod.loader), `${file} loader`).toBe(Boolean(MATRIX[file]!.loader));
      expect(Boolean(mod.action), `${file} action`).toBe(Boolean(MATRIX[file]!.action));
    }
  });

  let fixtures: Fixtures;
  let cookies: Record<Who, string | undefined>;
  beforeEach(async () => {
    ({ fixtures, cookies } = await buildRouteFixtures());
  });

  for (const [file, entry] of Object.entries(MATRIX)) {
    for (const kind of ["loader", "action"] as const) {
      const expected = entry[kind];
      if (!expected) continue;
      it(`${kind} of ${file}`, async () => {
        const mod = modules[`../../app/routes/${file}`]!;
        const got: Record<string, number> = {};
        for (const who of WHO) {
          const response = await call(mod, kind, {
            path: entry.path(fixtures),
            params: entry.params?.(fixtures),
            cookie: cookies[who],
          });
          got[who] = response.status;
          if (response.status === 302 && expected[who] === 302 && who === "anonymous" && file !== "logout.tsx") {
            expect(response.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
          }
        }
        expect(got).toEqual(expected);
      });
    }
  }
});
