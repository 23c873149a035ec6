/**
 * The demo workspace's prioritisation rounds: one closed, scored by four business
 * leads who disagree on a few needs, and one open, which Maria Lopez (lead@) still
 * has to score. Written through the rounds model, as a relationship manager and
 * the leads would, so snapshots, hashes and audit events are the real ones. The
 * model opens its own transactions: loadDemoRounds() runs after the seed's has
 * committed.
 */
import { and, inArray, isNull } from "drizzle-orm";
import { needs, users } from "../schema";
import { db } from "../../app/db.server";
import { DEFAULT_CRITERIA, type Criterion } from "../../app/domain/round";
import { SYSTEM_ACTOR, type Actor } from "../../app/models/audit.server";
import { closeRound, createRound, openRound, saveScores, submitScores } from "../../app/models/round.server";
import { setNeedEffort } from "../../app/models/effort.server";
import type { EffortInput } from "../../app/domain/effort";
import { DEMO_NEEDS } from "./needs";

/** One lead's scores for one need: business value, time criticality, risk reduction, reach (1–5; null not yet scored). */
type Scores = readonly [value: number | null, time: number | null, risk: number | null, reach: number | null];

interface DemoScoring {
  lead: string;
  /** Need key → scores; a need left out is one the lead skipped. */
  scores: Record<string, Scores>;
  /** Need key → why, in the lead's own words. */
  why?: Record<string, string>;
  submit: boolean;
}

interface DemoRound {
  title: string;
  criteria: Criterion[];
  /** Days from today to the deadline (end of that day, UTC); none for no deadline. */
  deadlineInDays?: number;
  needs: string[];
  observers: string[];
  scorings: DemoScoring[];
  close: boolean;
}

const RM = "rm@meridian.example";
const MARIA = "lead@meridian.example";
const DAVID = "lead.finance@meridian.example";
const GRACE = "lead.facilities@meridian.example";
const HELEN = "lead.hr@meridian.example";
const SARAH = "exec@meridian.example";
const JAMES = "cio@meridian.example";

const CRITERION_KEYS = ["value", "time", "risk", "reach"] as const;
const WEIGHTS: Record<string, number> = { value: 3, time: 2, risk: 2, reach: 1 };
/** The four default criteria, business value weighing most and reach least. */
const weightedCriteria = () => DEFAULT_CRITERIA.map((c) => ({ ...c, weight: must(WEIGHTS[c.key], `a weight for ${c.key}`) }));

/**
 * Maria is generous and thinks of the branches first; David is strict and saves
 * his fives for the month-end close; Grace sits in the middle and leaves the
 * payroll journal to those who know it; Helen puts people and pay first. They
 * part ways on Saturday support, the extracts for the close and new starters.
 */
export const DEMO_CLOSED_ROUND: DemoRound = {
  title: "Branch and back-office priorities, autumn 2026",
  criteria: weightedCriteria(),
  needs: [
    "saturday-support",
    "saturday-accounts",
    "phones-recover",
    "phones-owner",
    "saturday-building",
    "extracts-on-time",
    "month-end-freeze",
    "reporting-supplier",
    "journal-finance",
    "day-one-ready",
    "building-passes",
    "payment-file",
  ],
  observers: [SARAH, JAMES],
  close: true,
  scorings: [
    {
      lead: MARIA,
      submit: true,
      scores: {
        "saturday-support": [5, 5, 5, 5],
        "saturday-accounts": [4, 4, 3, 4],
        "phones-recover": [4, 5, 4, 4],
        "phones-owner": [4, 3, 3, 3],
        "saturday-building": [3, 3, 3, 3],
        "extracts-on-time": [2, 2, 2, 1],
        "month-end-freeze": [3, 3, 3, 3],
        "reporting-supplier": [3, 3, 3, 3],
        "journal-finance": [3, 3, 3, 3],
        "day-one-ready": [4, 4, 4, 4],
        "building-passes": [3, 3, 3, 3],
        "payment-file": [5, 4, 5, 5],
      },
      why: {
        "saturday-support": "The Saturday pilot's go/no-go rests on this. Without someone to call, a fault at 9:00 on a Saturday sends customers home until Monday.",
        "phones-recover": "Customers who cannot get through by phone walk in instead, and the queue is out of the door by ten.",
        "extracts-on-time": "It matters to David's team, I know, but no branch customer ever notices a late ledger.",
        "day-one-ready": "A new adviser at Briggate shadowed for four days. That is a week of appointments we could not offer.",
      },
    },
    {
      lead: DAVID,
      submit: true,
      scores: {
        "saturday-support": [1, 1, 2, 1],
        "saturday-accounts": [3, 3, 2, 3],
        "phones-recover": [3, 3, 3, 2],
        "phones-owner": [2, 2, 3, 2],
        "saturday-building": [2, 2, 3, 2],
        "extracts-on-time": [5, 5, 5, 4],
        "month-end-freeze": [4, 4, 4, 3],
        "reporting-supplier": [3, 2, 3, 2],
        "journal-finance": [4, 3, 3, 2],
        "day-one-ready": [1, 1, 1, 2],
        "building-passes": [2, 2, 2, 2],
        "payment-file": [4, 3, 4, 4],
      },
      why: {
        "saturday-support": "Saturday opening is a pilot in a handful of branches. Let us see the go/no-go before we pay for weekend cover.",
        "extracts-on-time": "Twelve people sat waiting last month and the close slipped by half a day. This is the one that costs us every single month.",
        "month-end-freeze": "Cheap to agree, and it stops last month's weekend change from happening again.",
        "day-one-ready": "Annoying, but it is a service desk process, not something to rank above the close.",
        "payment-file": "Pay day cannot fail. It rarely does, which is why I have not gone higher on time.",
      },
    },
    {
      lead: GRACE,
      submit: true,
      scores: {
        "saturday-support": [4, 4, 3, 4],
        "saturday-accounts": [3, 3, 3, 3],
        "phones-recover": [3, 3, 4, 3],
        "phones-owner": [3, 3, 4, 3],
        "saturday-building": [4, 3, 4, 3],
        "extracts-on-time": [2, 2, 2, 2],
        "month-end-freeze": [3, 2, 3, 2],
        "reporting-supplier": [2, 2, 2, 2],
        "day-one-ready": [3, 3, 2, 3],
        "building-passes": [4, 4, 3, 3],
        "payment-file": [4, 4, 4, 4],
      },
      why: {
        "phones-owner": "We will help with the wiring and the handsets, but the lines and the contract are IT's. Name the owner there.",
        "saturday-building": "This one is ours. We should have an engineer on call for Saturday openings, not a voicemail.",
        "journal-finance": "Not one Facilities can judge: I have left it to Finance and HR.",
        "building-passes": "The Friday spreadsheet is why passes go missing. Give us the starter list with dates and buildings.",
      },
    },
    {
      lead: HELEN,
      submit: true,
      scores: {
        "saturday-support": [2, 2, 2, 2],
        "saturday-accounts": [3, 3, 2, 3],
        "phones-recover": [3, 3, 3, 4],
        "phones-owner": [3, 2, 3, 2],
        "saturday-building": [3, 2, 3, 2],
        "extracts-on-time": [4, 4, 3, 3],
        "month-end-freeze": [3, 3, 3, 2],
        "reporting-supplier": [2, 2, 2, 2],
        "journal-finance": [4, 3, 3, 3],
        "day-one-ready": [5, 5, 5, 4],
        "building-passes": [3, 3, 3, 3],
        "payment-file": [5, 4, 5, 5],
      },
      why: {
        "day-one-ready": "About 60% of starters can work on their first morning. Everything else we say about welcoming people is undone by that.",
        "extracts-on-time": "The payroll journal goes into the same close: when the extracts are late, Finance chases us for ours twice.",
        "journal-finance": "Peter re-keys this spreadsheet every month. It is small, but it is the same mistake waiting to happen each time.",
        "payment-file": "3,100 colleagues are paid on the 25th. An hour's outage on that day is the one we cannot explain.",
      },
    },
  ],
};

/**
 * Open until a fortnight from today: David and Helen have submitted, Maria has
 * made a start on one need and not submitted; Sarah Johnson observes.
 */
export const DEMO_OPEN_ROUND: DemoRound = {
  title: "Contact centre hand-offs and early warnings, first quarter 2027",
  criteria: weightedCriteria(),
  deadlineInDays: 14,
  needs: ["warm-transfers", "branch-gets-note", "callback-alert", "callbacks-same-day", "crm-link-owner", "handoff-measures", "extracts-warning", "access-tracking"],
  observers: [SARAH],
  close: false,
  scorings: [
    {
      lead: DAVID,
      submit: true,
      scores: {
        "warm-transfers": [2, 2, 2, 2],
        "branch-gets-note": [2, 2, 1, 2],
        "callback-alert": [3, 2, 3, 2],
        "callbacks-same-day": [2, 2, 2, 2],
        "crm-link-owner": [3, 2, 3, 2],
        "handoff-measures": [3, 2, 2, 2],
        "extracts-warning": [5, 4, 3, 2],
        "access-tracking": [2, 1, 2, 2],
      },
      why: {
        "extracts-warning": "Even if the extracts are late, a warning by 6:30 lets us re-plan the day instead of twelve people waiting.",
        "handoff-measures": "If the contract does not measure it, we are paying for calls and not for outcomes.",
      },
    },
    {
      lead: HELEN,
      submit: true,
      scores: {
        "warm-transfers": [4, 3, 3, 4],
        "branch-gets-note": [3, 3, 2, 4],
        "callback-alert": [3, 3, 3, 3],
        "callbacks-same-day": [3, 3, 2, 4],
        "crm-link-owner": [3, 2, 3, 3],
        "handoff-measures": [2, 2, 2, 3],
        "extracts-warning": [2, 2, 2, 2],
        "access-tracking": [5, 4, 3, 3],
      },
      why: {
        "warm-transfers": "The bereaved customer who was dropped twice is the call that stays with people. Our own colleagues bank with us too.",
        "access-tracking": "Laura's team chases tickets for each system one by one. One list would let us ring the manager before they ring us.",
      },
    },
    {
      lead: MARIA,
      submit: false,
      scores: { "warm-transfers": [5, 5, null, null] },
    },
  ],
};

/** A day count from today, as the end of that day (UTC), like a deadline entered on the form. */
function deadlineIn(days: number, now = new Date()) {
  const d = new Date(now);
  d.setUTCDate(d.getUTCDate() + days);
  d.setUTCHours(23, 59, 59, 0);
  return d;
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Demo rounds: ${what} is missing`);
  return value;
}

/** IT's effort estimates for most of the closed round's needs (two still to come), for its value-and-effort chart. */
const DEMO_EFFORTS: Record<string, EffortInput> = {
  "saturday-support": { size: "m", days: 20, note: "Weekend rota and a second-line contract change" },
  "saturday-accounts": { size: "s", days: null, note: "" },
  "phones-recover": { size: "l", days: 45, note: "Telephony supplier change and monitoring" },
  "phones-owner": { size: "xs", days: 2, note: "Name an owner; no build" },
  "saturday-building": { size: "s", days: 6, note: "" },
  "extracts-on-time": { size: "l", days: 60, note: "Re-plan the overnight batch" },
  "month-end-freeze": { size: "xs", days: 3, note: "Change calendar and a freeze rule" },
  "journal-finance": { size: "m", days: 15, note: "" },
  "day-one-ready": { size: "m", days: 25, note: "Joiner workflow across HR, IT and Facilities" },
  "payment-file": { size: "s", days: 8, note: "" },
};

/**
 * Writes the demo's two rounds through the rounds model, each step in its own
 * transaction: drafting, opening, each lead's scores and submission, closing.
 */
export async function loadDemoRounds() {
  const rounds = [DEMO_CLOSED_ROUND, DEMO_OPEN_ROUND];
  const emails = [...new Set([RM, ...rounds.flatMap((r) => [...r.observers, ...r.scorings.map((s) => s.lead)])])];
  const people = await db().select({ id: users.id, email: users.email, name: users.name }).from(users).where(inArray(users.email, emails));
  const person = (email: string) => must(people.find((p) => p.email === email), `user ${email}`);
  const actor = (email: string): Actor => ({ ...SYSTEM_ACTOR, id: person(email).id, name: person(email).name });

  const statements = new Map(DEMO_NEEDS.map((n) => [n.key, n.statement]));
  const live = await db()
    .select({ id: needs.id, statement: needs.statement })
    .from(needs)
    .where(and(inArray(needs.statement, [...statements.values()]), isNull(needs.mergedInto)));
  const needId = (key: string) => {
    const statement = must(statements.get(key), `need ${key}`);
    return must(live.find((n) => n.statement === statement)?.id, `live need ${key}`);
  };

  const rm = actor(RM);
  for (const [key, input] of Object.entries(DEMO_EFFORTS)) await setNeedEffort({ needId: needId(key), input, actor: rm });
  const ids: string[] = [];
  for (const plan of rounds) {
    const round = await createRound({
      input: {
        title: plan.title,
        method: "weighted",
        criteria: plan.criteria,
        mustCap: null,
        deadline: plan.deadlineInDays === undefined ? null : deadlineIn(plan.deadlineInDays),
        needIds: plan.needs.map(needId),
        scorerIds: plan.scorings.map((s) => person(s.lead).id),
        observerIds: plan.observers.map((e) => person(e).id),
      },
      actor: rm,
    });
    await openRound({ id: round.id, actor: rm });
    for (const scoring of plan.scorings) {
      const userId = person(scoring.lead).id;
      const scores = Object.entries(scoring.scores).flatMap(([key, values]) =>
        CRITERION_KEYS.flatMap((criterion, i) => {
          const value = values[i];
          return value === null || value === undefined ? [] : [{ needId: needId(key), criterion, value }];
        }),
      );
      const rationales = Object.entries(scoring.why ?? {}).map(([key, text]) => ({ needId: needId(key), text }));
      await saveScores({ roundId: round.id, userId, scores, rationales });
      if (scoring.submit) await submitScores({ roundId: round.id, userId, actor: actor(scoring.lead) });
    }
    if (plan.close) await closeRound({ id: round.id, actor: rm });
    ids.push(round.id);
  }
  return { rounds: ids };
}
