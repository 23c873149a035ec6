/**
 * The demo workspace's reviews and measures, dated from today so the story stays current.
 *
 * Branch Banking, reviewed every 6 months: a year of measures against its agreed version 1 (the
 * twelve full months before this one), imported from the monthly spreadsheet but for the newest
 * month, typed by the relationship manager. They mostly meet their targets, but Saturday opening
 * dips for three months after Northline Telecom handed Saturday telephony faults to a
 * subcontractor, while normal time stays mostly met. Two reviews: about 11 months ago, effective;
 * about 5 months ago, partially effective after that supplier change and the move of the pilot
 * branches' lines to SIP, with one action done and one open. Its next review falls next month.
 *
 * Branch facilities, reviewed every 12 months: one effective review about 14 months ago, so its
 * next review is about two months overdue.
 *
 * Written through the models as the relationship manager (Tom Okafor), so the audit events are the
 * real ones; runs after loadDemoSignoff(), once version 1 is agreed.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { needs, needUnits, services, users } from "../schema";
import { db } from "../../app/db.server";
import { addMonths, attainment, measuredLevels, measuresSummary, monthLabel, monthsEnding, recordMeasuresSchema, reviewFormSchema, type AttainmentGroup, type Measurement } from "../../app/domain/review";
import { SYSTEM_ACTOR, type Actor } from "../../app/models/audit.server";
import { definitionInForce, importMeasures, measurementsOf, recordMeasures } from "../../app/models/measures.server";
import { recordReview, reviewsOf, setActionStatus } from "../../app/models/review.server";
import { updateNeed } from "../../app/models/need.server";

const RM = "rm@meridian.example";

export const DEMO_REVIEWED_SERVICE = "Branch Banking";
/** The service whose review is overdue. */
export const DEMO_OVERDUE_REVIEW = "Branch facilities";
/** How many months of measures Branch Banking has: the full months before the current one. */
export const DEMO_MEASURED_MONTHS = 12;
/** Months ago (counted from the current month) whose Saturday opening missed its levels. */
export const DEMO_DIP_MONTHS_AGO = [8, 7, 6] as const;

/** The need edited after Branch Banking's version 1 was agreed, which leaves the clauses answering it suspect. */
export const DEMO_SUSPECT_NEED_STATEMENT = "Warm transfers from the contact centre reach a person at the branch";

/** Months ago each review was held, and the supplier change between them. */
const FIRST_REVIEW_MONTHS_AGO = 11;
const SECOND_REVIEW_MONTHS_AGO = 5;
const OVERDUE_REVIEW_MONTHS_AGO = 14;
const BRANCH_CADENCE = 6;
const FACILITIES_CADENCE = 12;

/**
 * Branch Banking's measured values, oldest month first (12 months ago … last month), per level of
 * version 1. Months 8, 7 and 6 ago (indexes 4–6) are the Saturday dip after the supplier change.
 */
const VALUES: Record<string, readonly number[]> = {
  // Normal time: met but for a slow phone recovery and a short availability miss during the dip, and one busy month at the counter.
  "sl-account-minutes": [16, 15, 17, 16, 18, 19, 17, 16, 15, 21, 15, 14],
  "sl-first-visit": [92.4, 93.1, 91.8, 92.6, 91.2, 90.4, 91.5, 92.8, 93.4, 92.9, 93.6, 94.1],
  "sl-available": [99.8, 99.9, 99.7, 99.8, 99.6, 99.4, 99.7, 99.8, 99.9, 99.7, 99.8, 99.9],
  "sl-phones-back": [11, 12, 10, 13, 18, 14, 13, 12, 11, 12, 10, 9],
  "sl-calls-diverted": [98.9, 99.1, 98.6, 98.8, 98.2, 98.4, 98.7, 99.2, 99.4, 99.3, 99.5, 99.4],
  // Saturday opening: phones back in 40 minutes against 15, IT answering in 9 against 5, availability 97.8 against 99.5.
  "sl-sat-it-answer": [3, 4, 3, 4, 9, 8, 5, 4, 3, 3, 2, 3],
  "sl-sat-fix-started": [11, 12, 10, 12, 22, 19, 14, 12, 11, 10, 11, 10],
  "sl-sat-accounts": [18, 17, 19, 18, 23, 21, 19, 18, 17, 18, 17, 16],
  "sl-sat-phones": [12, 10, 13, 11, 40, 34, 26, 14, 12, 11, 10, 11],
  "sl-sat-doors": [22, 18, 25, 20, 24, 21, 19, 23, 20, 26, 18, 21],
  "sl-sat-available": [99.7, 99.8, 99.6, 99.7, 97.8, 98.6, 99.3, 99.6, 99.7, 99.8, 99.7, 99.8],
  // Monday morning peak: warm transfers reach the branch phones, so they missed while the phones did.
  "sl-monday-transfers": [96.2, 95.8, 96.5, 95.4, 94.1, 93.6, 95.2, 96.1, 96.8, 97.0, 96.4, 97.2],
};

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`Demo reviews: ${what} is missing`);
  return value;
}

/** A CSV cell, quoted when it holds a comma, a quote or a line break. */
const cell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** "2026-03-01" → "2026-03", as the spreadsheet writes the month. */
const month = (period: string) => period.slice(0, 7);

/** One month's measures in a sentence, for the first review, which had only the one month to go on. */
function firstMonthSummary(groups: AttainmentGroup[], period: string) {
  const parts = groups.map((g) => `${g.label}: ${g.levels.reduce((n, l) => n + l.met, 0)} of ${g.levels.reduce((n, l) => n + l.measured, 0)} met`);
  const all = groups.every((g) => g.levels.every((l) => l.met === l.measured));
  return `${monthLabel(period)}, the first month measured against version 1${all ? ": every service level met its target" : ""}. ${parts.join(". ")}.`;
}

export async function loadDemoReviews(now = new Date()) {
  const today = now.toISOString().slice(0, 10);
  const [person] = await db().select({ id: users.id, name: users.name }).from(users).where(eq(users.email, RM));
  const { id: rmId, name: rmName } = must(person, `user ${RM}`);
  const rm: Actor = { ...SYSTEM_ACTOR, id: rmId, name: rmName };

  const serviceNamed = async (name: string) => {
    const [row] = await db().select({ id: services.id, every: services.reviewEveryMonths }).from(services).where(eq(services.name, name));
    return must(row, `service ${name}`);
  };
  const branch = await serviceNamed(DEMO_REVIEWED_SERVICE);
  const facilities = await serviceNamed(DEMO_OVERDUE_REVIEW);
  // The cadences are the services' own (db/seed/services.ts); the reviews' dates are chosen for them.
  if (branch.every !== BRANCH_CADENCE) throw new Error(`Demo reviews: ${DEMO_REVIEWED_SERVICE} should be reviewed every ${BRANCH_CADENCE} months`);
  if (facilities.every !== FACILITIES_CADENCE) throw new Error(`Demo reviews: ${DEMO_OVERDUE_REVIEW} should be reviewed every ${FACILITIES_CADENCE} months`);

  // Measured against the definition in force: version 1, agreed.
  const inForce = must((await definitionInForce(db(), [branch.id])).get(branch.id), `${DEMO_REVIEWED_SERVICE}'s definition`);
  if (inForce.agreedVersion !== 1) throw new Error(`Demo reviews: ${DEMO_REVIEWED_SERVICE} is measured against version 1, agreed`);
  const levels = measuredLevels(inForce.definition);
  const months = monthsEnding(addMonths(today, -1), DEMO_MEASURED_MONTHS);
  const value = (levelId: string, index: number) => must(VALUES[levelId]?.[index], `a value for ${levelId}, month ${index + 1}`);

  // Every month but the newest from the monthly spreadsheet, one import; the newest typed in.
  const header = "service,measure,period,value";
  const lines = months.slice(0, -1).flatMap((period, i) => levels.map((l) => [DEMO_REVIEWED_SERVICE, l.measure, month(period), String(value(l.id, i))].map(cell).join(",")));
  await importMeasures({ content: [header, ...lines].join("\n") + "\n", actor: rm });
  const newest = months.length - 1;
  const typed = await recordMeasures({
    serviceId: branch.id,
    input: recordMeasuresSchema.parse({ period: month(months[newest]!), values: Object.fromEntries(levels.map((l) => [l.id, String(value(l.id, newest))])) }),
    actor: rm,
  });
  if (!typed.ok) throw new Error(`Demo reviews: the newest month's measures were refused: ${JSON.stringify(typed.errors)}`);

  const measured: Measurement[] = await measurementsOf(branch.id);
  const monthsAgo = (n: number) => must(months[months.length - n], `the month ${n} months ago`);

  // First review, about 11 months ago: effective, on the first month measured.
  const firstOn = addMonths(today, -FIRST_REVIEW_MONTHS_AGO);
  const firstMonths = months.filter((m) => m < firstOn.slice(0, 8) + "01");
  const first = await recordReview({
    serviceId: branch.id,
    today,
    actor: rm,
    input: reviewFormSchema.parse({
      reviewedOn: firstOn,
      effectiveness: "effective",
      measuresSummary: firstMonthSummary(attainment(levels, measured, firstMonths), must(firstMonths[0], "a month measured before the first review")),
      notes:
        "First review since Saturday opening started in the pilot branches. Maria Lopez and Chloe Turner say the branches get what they asked for: accounts opened at the first visit, a named engineer on the Saturday support line, doors open on time. " +
        "One gap: two pilot branches did not have the Saturday support number on their opening checklist and rang the weekday service desk first.",
      actions: [{ text: "Put the Saturday support line and the Facilities on-call number on every pilot branch's opening checklist", owner: "Rajesh Patel", dueOn: addMonths(firstOn, 1) }],
    }),
  });

  // Second review, about 5 months ago: partially effective, after the telephony supplier change.
  const secondOn = addMonths(today, -SECOND_REVIEW_MONTHS_AGO);
  const sinceFirst = months.filter((m) => m >= firstOn.slice(0, 8) + "01" && m < secondOn.slice(0, 8) + "01");
  // The supplier changed over at the start of the dip's first month; the lines moved to SIP in its last.
  const [dipStarts, , dipEnds] = DEMO_DIP_MONTHS_AGO;
  const supplierChangeOn = monthsAgo(dipStarts);
  const sipOn = `${monthsAgo(dipEnds).slice(0, 8)}12`;
  const second = await recordReview({
    serviceId: branch.id,
    today,
    actor: rm,
    input: reviewFormSchema.parse({
      reviewedOn: secondOn,
      effectiveness: "partially_effective",
      measuresSummary: measuresSummary(attainment(levels, measured, sinceFirst), sinceFirst),
      notes:
        "Weekdays held up; Saturdays did not. After Northline handed Saturday faults to its subcontractor, the pilot branches waited up to 40 minutes for their phones and rang the Saturday support line more, so IT took longer to answer. " +
        "Chloe Turner's Saturday teams took customers' numbers and rang them back on Monday: the outcome the service exists to prevent. Since the SIP move the phones have come back within 15 minutes on the Saturdays the branches logged, though that month as a whole still missed; the branches want two good months before they call Saturdays fixed.",
      events: [
        {
          kind: "supplier_change",
          occurredOn: supplierChangeOn,
          description:
            "Northline Telecom handed Saturday fault handling for branch lines to its subcontractor, Vantel Field Services, whose out-of-hours desk had no engineer named for the Saturday pilot branches and did not know the branches' diversion to Connectra.",
        },
        {
          kind: "technology_change",
          occurredOn: sipOn,
          description: "The pilot branches' phone lines moved from ISDN to SIP over the branch network: a failed line now diverts to the contact centre by itself instead of waiting for an engineer.",
        },
      ],
      actions: [
        { text: "Northline to name a Saturday engineer at Vantel and put the Saturday support line on Vantel's escalation list", owner: "Gareth Lewis", dueOn: addMonths(secondOn, 1) },
        { text: "Test the diversion of each pilot branch's numbers to Connectra every quarter, and bring the results to the next review", owner: "Kwame Asante", dueOn: addMonths(secondOn, BRANCH_CADENCE) },
      ],
    }),
  });

  // Branch facilities, about 14 months ago: effective, then not reviewed since.
  const facilitiesOn = addMonths(today, -OVERDUE_REVIEW_MONTHS_AGO);
  await recordReview({
    serviceId: facilities.id,
    today,
    actor: rm,
    input: reviewFormSchema.parse({
      reviewedOn: facilitiesOn,
      effectiveness: "effective",
      measuresSummary: "From the Facilities on-call log: every door entry and alarm call from a branch answered within 30 minutes, Saturdays included; no branch opened late for a building fault.",
      notes: "Nadia Haddad's team covers the Saturday pilot branches from the same on-call rota as weekdays. Revisit if Saturday opening goes beyond the pilot.",
    }),
  });

  // The actions done since: the checklists after the first review, the Saturday engineer after the second.
  const reviews = await reviewsOf(branch.id);
  for (const id of [first.id, second.id]) {
    const action = must(reviews.find((r) => r.id === id)?.actions[0], "a review's first action");
    await setActionStatus({ serviceId: branch.id, actionId: action.id, status: "done", actor: rm });
  }

  // Since version 1 was agreed, the contact centre's new routing changed what the warm-transfer need
  // says: the clauses answering it (the Monday peak, its level and the outcome it answers) are suspect until someone checks.
  const [transfers] = await db()
    .select({ id: needs.id, revision: needs.revision, need: needs })
    .from(needs)
    .where(and(eq(needs.statement, DEMO_SUSPECT_NEED_STATEMENT), isNull(needs.mergedInto)));
  const t = must(transfers, "the warm-transfer need").need;
  const [units] = await db().select({ ids: sql<string[]>`array_agg(unit_id)` }).from(needUnits).where(and(eq(needUnits.needId, t.id), isNull(needUnits.viaNeedId)));
  await updateNeed({
    id: t.id,
    input: {
      statement: t.statement,
      outcome: t.outcome,
      process: t.process,
      criticalPeriod: t.criticalPeriod,
      pain: "Since Connectra's new call routing in September, about one transfer in ten still drops, and most of those are on Monday mornings; a bereaved customer was failed twice and complained a week later.",
      category: t.category,
      unitIds: must(units?.ids, "the warm-transfer need's units"),
      revision: t.revision,
    },
    viewer: { id: rmId, role: "relationship_manager", businessUnitId: null },
    actor: rm,
  });

  return { measured: measured.length, reviews: 3 };
}
