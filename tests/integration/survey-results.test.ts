import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { surveyInvitees } from "../../db/schema";
import { db, recordQueries } from "../../app/db.server";
import type { CriticalPeriod, GuideContent, Question } from "../../app/domain/guide";
import { surveySchema } from "../../app/domain/survey";
import type { QuestionResult, SurveyResults } from "../../app/domain/survey-results";
import { createSurvey, openLink, saveResponse, submitResponse } from "../../app/models/survey.server";
import * as resultsPage from "../../app/routes/surveys.$surveyId.results";
import { cookieFor, makePublishedGuideVersion, makeStakeholder, makeUnit, makeUser } from "../support/factories";
import { call, jsonOf } from "../support/routes";
import { actorOf, day, tokensSent } from "../support/survey";

const question = (q: Pick<Question, "id" | "type" | "settings"> & Partial<Question>): Question => ({ prompt: q.id, help: "", required: false, condition: null, ...q }) as Question;
const options = (...labels: string[]) => labels.map((label) => ({ value: label.toLowerCase(), label }));

const GUIDE: GuideContent = {
  sections: [
    {
      id: "s-work",
      title: "Your work",
      purpose: "",
      questions: [
        question({ id: "rating", type: "scale", required: true, prompt: "How well does IT serve you?", settings: { min: 1, max: 5, minLabel: "Poorly", maxLabel: "Very well" } }),
        question({ id: "channel", type: "single_choice", prompt: "Where do most customers reach you?", settings: { options: options("Branch", "Phone", "Online") } }),
        question({ id: "order", type: "ranking", prompt: "Rank what matters most", settings: { options: options("Alpha", "Bravo", "Charlie", "Delta") } }),
        question({ id: "days", type: "number", prompt: "How many days to get a laptop fixed?", settings: { unit: "days" } }),
        question({ id: "periods", type: "critical_periods", prompt: "When must nothing fail?", settings: {} }),
        question({ id: "story", type: "long_text", prompt: "What went wrong last?", settings: {} }),
      ],
    },
  ],
};

type Answers = Partial<Record<"rating" | "channel" | "order" | "days" | "periods" | "story", unknown>>;
const period = (name: string, impact: CriticalPeriod["impact"]): CriticalPeriod => ({ name, when: "Last three working days", affects: "", impact });

/**
 * Five people send their answers, a sixth only starts. The rankings are the table counted by hand
 * in the unit tests: Alpha 11 points (first twice), Bravo 10 (first twice), Charlie 8, Delta 1.
 */
const PEOPLE: { name: string; unit: "retail" | "ops"; level: "manager" | "front_line" | "executive"; send: boolean; answers: Answers }[] = [
  { name: "Ana Reyes", unit: "retail", level: "manager", send: true, answers: { rating: 4, channel: "branch", order: ["alpha", "bravo", "charlie", "delta"], days: 3, periods: [period("Month-end close", "severe")], story: "Queues at lunch" } },
  { name: "Ben Ward", unit: "retail", level: "front_line", send: true, answers: { rating: 2, channel: "phone", order: ["bravo", "alpha", "delta", "charlie"], days: 10 } },
  { name: "Cara Diaz", unit: "retail", level: "manager", send: true, answers: { rating: 4, channel: "branch", order: ["charlie", "alpha", "bravo", "delta"], days: 5, periods: [period("month-end  close", "high"), period("Peak season", "medium")], story: "The printers jam" } },
  { name: "Cleo Park", unit: "ops", level: "manager", send: true, answers: { rating: 5, channel: "online", order: ["alpha", "charlie", "bravo", "delta"], days: 1, story: "A slow VPN" } },
  { name: "Dev Shah", unit: "ops", level: "executive", send: true, answers: { rating: 3, channel: "branch", order: ["bravo", "charlie", "alpha", "delta"], days: 8 } },
  { name: "Eve Stone", unit: "ops", level: "manager", send: false, answers: { rating: 1, channel: "phone", story: "Still writing this" } },
];

async function resultsWorld({ anonymous }: { anonymous: boolean }) {
  const rm = await makeUser("relationship_manager");
  const version = await makePublishedGuideVersion("Service pulse", GUIDE);
  const units = { retail: await makeUnit({ name: `Retail ${randomUUID().slice(0, 5)}` }), ops: await makeUnit({ name: `Operations ${randomUUID().slice(0, 5)}` }) };
  const people = [];
  for (const p of PEOPLE) people.push({ ...p, stakeholder: await makeStakeholder(units[p.unit].id, { name: p.name, level: p.level }) });
  const input = surveySchema.parse({
    guideVersionId: version.id,
    title: "Service pulse",
    opensOn: day(0),
    closesOn: day(14),
    audience: "people",
    stakeholderIds: people.map((p) => p.stakeholder.id),
    anonymous: anonymous ? "on" : undefined,
  });
  const survey = await createSurvey({ input, actor: actorOf(rm) });
  const invitees = await db().select().from(surveyInvitees).where(eq(surveyInvitees.surveyId, survey.id));
  for (const p of people) {
    const invitee = invitees.find((i) => i.stakeholderId === p.stakeholder.id)!;
    const [mail] = await tokensSent([invitee.id]);
    const link = (await openLink(mail!.token))!;
    const saves = Object.entries(p.answers).map(([item, value]) => ({ kind: "answer" as const, item, value, quote: "", base: 0, key: randomUUID() }));
    const saved = await saveResponse(link, { intent: "save", since: 0, saves });
    expect(saved.results.every((r) => r.status === "saved")).toBe(true);
    if (p.send) await submitResponse((await openLink(mail!.token))!);
  }
  return { survey, units, cookie: await cookieFor(rm.id) };
}

interface Page {
  survey: { title: string; anonymous: boolean };
  filter: { unit: string; level: string };
  sent: number;
  results: SurveyResults;
}

async function pageOf(w: { survey: { id: string }; cookie: string }, query = "") {
  const response = await call(resultsPage, "loader", { path: `/surveys/${w.survey.id}/results${query}`, params: { surveyId: w.survey.id }, cookie: w.cookie });
  expect(response.status).toBe(200);
  return jsonOf<Page>(response);
}
const of = (page: Page, id: string): QuestionResult => page.results.sections[0]!.questions.find((q) => q.id === id)!;
const bars = (q: QuestionResult) => (q.summary?.kind === "bars" ? q.summary.bars.map((b) => [b.label, b.count, b.share]) : null);

describe("survey results", () => {
  it("adds up a named survey's sent responses: distributions, the Borda count, median and range, grouped periods and every text with its author", async () => {
    const w = await resultsWorld({ anonymous: false });
    const page = await pageOf(w);
    // Eve has not sent hers: nothing of it counts (her rating of 1 least of all).
    expect(page.sent).toBe(5);
    expect(page.results.respondents).toBe(5);
    expect(JSON.stringify(page)).not.toMatch(/Still writing|Eve Stone/);

    expect(of(page, "rating")).toMatchObject({ answered: 5, visibility: "shown", summary: { kind: "bars", median: 4 } });
    expect(bars(of(page, "rating"))).toEqual([
      ["1 – Poorly", 0, 0],
      ["2", 1, 0.2],
      ["3", 1, 0.2],
      ["4", 2, 0.4],
      ["5 – Very well", 1, 0.2],
    ]);
    expect(bars(of(page, "channel"))).toEqual([
      ["Branch", 3, 0.6],
      ["Phone", 1, 0.2],
      ["Online", 1, 0.2],
    ]);
    expect(of(page, "order").summary).toEqual({
      kind: "ranking",
      most: 15,
      rows: [
        { option: "alpha", label: "Alpha", points: 11, firsts: 2, place: 1 },
        { option: "bravo", label: "Bravo", points: 10, firsts: 2, place: 2 },
        { option: "charlie", label: "Charlie", points: 8, firsts: 1, place: 3 },
        { option: "delta", label: "Delta", points: 1, firsts: 0, place: 4 },
      ],
    });
    expect(of(page, "days").summary).toEqual({ kind: "number", median: 5, min: 1, max: 10, values: [1, 3, 5, 8, 10], unit: "days" });

    const periods = of(page, "periods");
    expect(periods.answered).toBe(2);
    if (periods.summary?.kind !== "periods") throw new Error("periods expected");
    expect(periods.summary.groups.map((g) => [g.name, g.people, g.mentions.map((m) => m.who?.name)])).toEqual([
      ["Month-end close", 2, ["Ana Reyes", "Cara Diaz"]],
      ["Peak season", 1, ["Cara Diaz"]],
    ]);

    expect(of(page, "story").summary).toEqual({
      kind: "texts",
      texts: [
        { text: "Queues at lunch", who: { name: "Ana Reyes", unitName: w.units.retail.name } },
        { text: "The printers jam", who: { name: "Cara Diaz", unitName: w.units.retail.name } },
        { text: "A slow VPN", who: { name: "Cleo Park", unitName: w.units.ops.name } },
      ],
    });

    // A named survey shows any group, however small.
    expect((await pageOf(w, `?unit=${w.units.retail.id}`)).results.respondents).toBe(3);
    const executives = await pageOf(w, "?level=executive");
    expect(executives.results).toMatchObject({ respondents: 1, visibility: "shown" });
    expect(of(executives, "days").summary).toMatchObject({ median: 8 });
  });

  it("shows nothing of an anonymous survey's group of two, nor of a group that leaves out only two, and withholds a question only two answered", async () => {
    const w = await resultsWorld({ anonymous: true });
    const all = await pageOf(w);
    expect(all.results).toMatchObject({ respondents: 5, visibility: "shown" });
    // Two named a critical period: withheld, with nothing of what they wrote.
    expect(of(all, "periods")).toMatchObject({ answered: null, visibility: "withheld", summary: null });
    expect(JSON.stringify(all)).not.toMatch(/Month-end|Peak season/);
    // Three wrote a story: shown, with no names and no units.
    expect(of(all, "story").summary).toEqual({
      kind: "texts",
      texts: [
        { text: "A slow VPN", who: null },
        { text: "Queues at lunch", who: null },
        { text: "The printers jam", who: null },
      ],
    });
    expect(JSON.stringify(all)).not.toMatch(/Ana|Ben|Cara|Cleo|Dev/);

    // Operations sent two: the message, and no figures or texts at all.
    const ops = await pageOf(w, `?unit=${w.units.ops.id}`);
    expect(ops.filter.unit).toBe(w.units.ops.id);
    expect(ops.results).toEqual({ respondents: null, visibility: "withheld", sections: [] });
    expect(JSON.stringify(ops)).not.toMatch(/slow VPN/);
    expect((await pageOf(w, "?level=executive")).results).toEqual({ respondents: null, visibility: "withheld", sections: [] });
    expect((await pageOf(w, `?unit=${w.units.retail.id}&level=front_line`)).results).toEqual({ respondents: null, visibility: "withheld", sections: [] });
    // A group of none is withheld too: "nobody" would tell that whoever was asked there did not answer.
    expect((await pageOf(w, `?unit=${w.units.retail.id}&level=executive`)).results).toEqual({ respondents: null, visibility: "withheld", sections: [] });

    // Retail sent three, but everyone's results less Retail's would be Operations' two: withheld as well.
    const retail = await pageOf(w, `?unit=${w.units.retail.id}`);
    expect(retail.results).toEqual({ respondents: null, visibility: "withheld", sections: [] });
    expect(JSON.stringify(retail)).not.toMatch(/Queues|printers/);
    // Likewise the three managers who sent theirs (Ana, Cara and Cleo), with two others left out.
    expect((await pageOf(w, "?level=manager")).results.visibility).toBe("withheld");
  });

  it("ignores filter values that are not a unit or level of the survey", async () => {
    const w = await resultsWorld({ anonymous: false });
    for (const query of ["?unit=not-an-id&level=boss", `?unit=${randomUUID()}`, "?level=specialist", "?unit=&level=", "?unit=%00"]) {
      const page = await pageOf(w, query);
      expect(page.filter).toEqual({ unit: "", level: "" });
      expect(page.results.respondents).toBe(5);
    }
    const upper = await pageOf(w, `?unit=${w.units.ops.id.toUpperCase()}`);
    expect(upper.results.respondents).toBe(2);
  });

  it("reads the same number of queries for five responses as for one", async () => {
    const many = await resultsWorld({ anonymous: false });
    const rm = await makeUser("relationship_manager");
    const unit = await makeUnit();
    const person = await makeStakeholder(unit.id);
    const version = await makePublishedGuideVersion("Service pulse", GUIDE);
    const one = await createSurvey({ input: surveySchema.parse({ guideVersionId: version.id, title: "One", opensOn: day(0), closesOn: day(7), stakeholderIds: [person.id] }), actor: actorOf(rm) });
    const [invitee] = await db().select().from(surveyInvitees).where(eq(surveyInvitees.surveyId, one.id));
    const link = (await openLink((await tokensSent([invitee!.id]))[0]!.token))!;
    await saveResponse(link, { intent: "save", since: 0, saves: [{ kind: "answer", item: "rating", value: 3, quote: "", base: 0, key: randomUUID() }] });
    await submitResponse((await openLink((await tokensSent([invitee!.id]))[0]!.token))!);
    const small = { survey: { id: one.id }, cookie: many.cookie };

    // Once each first, so both guides' content is read alike.
    await pageOf(many);
    await pageOf(small);
    const a = await recordQueries(() => pageOf(many));
    const b = await recordQueries(() => pageOf(small));
    expect(a.result.results.respondents).toBe(5);
    expect(b.result.results.respondents).toBe(1);
    expect(a.queries.length).toBe(b.queries.length);
    expect(a.queries.length).toBeLessThanOrEqual(5);
  });

  it("is for relationship managers: a business lead is refused, and an unknown or malformed survey is not found", async () => {
    const w = await resultsWorld({ anonymous: false });
    const lead = await makeUser("business_lead");
    const refused = await call(resultsPage, "loader", { path: `/surveys/${w.survey.id}/results`, params: { surveyId: w.survey.id }, cookie: await cookieFor(lead.id) });
    expect(refused.status).toBe(403);

    const unknown = randomUUID();
    const missing = await call(resultsPage, "loader", { path: `/surveys/${unknown}/results`, params: { surveyId: unknown }, cookie: w.cookie });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe("That survey does not exist.");
    const malformed = await call(resultsPage, "loader", { path: "/surveys/results-please/results", params: { surveyId: "results-please" }, cookie: w.cookie });
    expect(malformed.status).toBe(404);

    const anonymousVisitor = await call(resultsPage, "loader", { path: `/surveys/${w.survey.id}/results`, params: { surveyId: w.survey.id } });
    expect(anonymousVisitor.status).toBe(302);
  });
});
