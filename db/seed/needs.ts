/**
 * The demo workspace's synthesis: passages of the demo interviews (db/seed/answers.ts)
 * kept as evidence, and the needs drawn from them. Two needs from different interviews
 * are near-duplicates still waiting to be merged; one pair is already merged. The
 * data is plain; loadDemoNeeds() writes it inside the demo seed's transaction.
 */
import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { answers, evidence, evidenceStakeholders, interviews, interviewStakeholders, needComments, needEvidence, needs, needUnits } from "../schema";
import { locateQuote, parseTags, sourceTextOf, type EvidenceSource } from "../../app/domain/evidence";
import { allQuestions } from "../../app/domain/guide";
import type { NeedCategory, NeedStatus } from "../../app/domain/need";
import type { Tx } from "../../app/db.server";
import { SYSTEM_ACTOR, appendAudit, type Actor } from "../../app/models/audit.server";
import { refreshNeedSupport } from "../../app/models/need-support.server";
import type { DemoAnswerKey } from "./answers";
import { DEMO_USERS, type UnitCode } from "./demo-users";
import { DISCOVERY_GUIDE } from "./guides";

export interface DemoEvidence {
  key: string;
  interview: DemoAnswerKey;
  source: EvidenceSource;
  /** Question id (answer, quote) or section id (notes). */
  item: string;
  /** Exactly as it occurs in the source field. */
  text: string;
  /** Who said it: people in that interview. */
  by: string[];
  tags: string[];
}

export interface DemoNeed {
  key: string;
  /** The relationship manager who wrote it (the interviewer of its main interview). */
  author: "rm" | "rm2";
  statement: string;
  outcome: string;
  process: string;
  criticalPeriod: string;
  pain: string;
  category: NeedCategory;
  units: UnitCode[];
  evidence: string[];
  status?: Exclude<NeedStatus, "open">;
  statusReason?: string;
}

const OB = "Olivia Bennett";
const SA = "Samuel Adeyemi";
const CT = "Chloe Turner";
const RP = "Rajesh Patel";
const FC = "Fiona Campbell";
const MD = "Mark Davies";
const LK = "Laura Kim";
const PN = "Peter Novak";
const ER = "Elena Rossi";
const KA = "Kwame Asante";

export const DEMO_EVIDENCE: DemoEvidence[] = [
  // Retail Banking: Saturday opening and the branch telephones.
  {
    key: "rb-first-visit",
    interview: "rb-saturday",
    source: "answer",
    item: "q-top-outcomes",
    text: "90% of accounts opened in branch completed at the first visit, instead of customers being asked to come back on Monday.",
    by: [OB],
    tags: ["account opening", "first visit"],
  },
  {
    key: "rb-checks-down",
    interview: "rb-saturday",
    source: "answer",
    item: "q-key-processes",
    text: "the account could not be set up until Monday because the checks that run behind the counter were down and nobody was there to call.",
    by: [CT, SA],
    tags: ["saturday", "account opening"],
  },
  {
    key: "rb-sent-home",
    interview: "rb-saturday",
    source: "quote",
    item: "q-key-processes",
    text: "we had to send them home and ring them on Monday. That's exactly what Saturday opening was meant to stop.",
    by: [SA],
    tags: ["saturday", "account opening"],
  },
  {
    key: "rb-fraud-hold",
    interview: "rb-saturday",
    source: "answer",
    item: "q-handoffs",
    text: "on Saturdays Fraud Operations has a skeleton team and branch staff wait 20 to 30 minutes on hold with the customer at the counter.",
    by: [CT],
    tags: ["saturday", "fraud", "queues"],
  },
  {
    key: "rb-start-again",
    interview: "rb-saturday",
    source: "quote",
    item: "q-handoffs",
    text: "they walk in thinking we know all about it. We don't. We start again from nothing.",
    by: [CT],
    tags: ["contact centre", "hand-off"],
  },
  {
    key: "rb-facilities-saturday",
    interview: "rb-saturday",
    source: "answer",
    item: "q-handoffs",
    text: "On Saturdays nobody in Facilities answers if the door entry or the alarm fails at opening.",
    by: [SA],
    tags: ["saturday", "facilities"],
  },
  {
    key: "rb-quarter-hour",
    interview: "rb-saturday",
    source: "quote",
    item: "q-tolerable-outage",
    text: "On a Saturday morning if the phones go, the queue is out of the door by ten. Give me a quarter of an hour, no more.",
    by: [OB],
    tags: ["saturday", "telephony", "queues"],
  },
  {
    key: "rb-counter-screens",
    interview: "rb-saturday",
    source: "quote",
    item: "q-works-well",
    text: "Don't touch the counter screens. The staff know them inside out and they're fast.",
    by: [CT],
    tags: ["counter"],
  },
  {
    key: "rb-saturday-cash",
    interview: "rb-saturday",
    source: "answer",
    item: "q-pain-points",
    text: "Cash paid in on Saturday does not show in the customer's balance until the overnight run on Monday",
    by: [OB],
    tags: ["saturday", "balances"],
  },
  {
    key: "rb-help-desk-recording",
    interview: "rb-saturday",
    source: "quote",
    item: "q-pain-points",
    text: "I rang the help desk and got a recording saying they open on Monday.",
    by: [SA],
    tags: ["saturday", "help desk"],
  },
  {
    key: "rb-calls-nowhere",
    interview: "rb-saturday",
    source: "answer",
    item: "q-pain-detail",
    text: "calls are not passed on anywhere, neither to another branch nor to the contact centre. It has happened five times in the last three months across the northern branches, twice on a Saturday.",
    by: [SA, OB],
    tags: ["telephony", "saturday"],
  },
  {
    key: "rb-phones-owner",
    interview: "rb-saturday",
    source: "answer",
    item: "q-whom-to-call",
    text: "Nobody could say who is accountable for the branch phones: IT, Facilities or the telephone company.",
    by: [SA, OB],
    tags: ["telephony", "ownership"],
  },
  {
    key: "rb-engineer-mobile",
    interview: "rb-saturday",
    source: "quote",
    item: "q-whom-to-call",
    text: "I've got a telephony engineer's mobile in my phone and I feel guilty every time I use it.",
    by: [SA],
    tags: ["telephony", "escalation"],
  },
  {
    key: "rb-branch-number",
    interview: "rb-saturday",
    source: "answer",
    item: "q-contact-centre",
    text: "When the branch phones are down, the contact centre does not know and keeps giving out the branch number.",
    by: [OB],
    tags: ["telephony", "contact centre"],
  },
  {
    key: "rb-nothing-written",
    interview: "rb-saturday",
    source: "quote",
    item: "q-contact-centre",
    text: "They send us customers with nothing written down.",
    by: [CT],
    tags: ["contact centre", "hand-off"],
  },
  {
    key: "rb-saturday-support",
    interview: "rb-saturday",
    source: "answer",
    item: "q-change-first",
    text: "Support on Saturdays for as long as the branches are open: someone to call for the counter, the phones and the systems behind account opening, from 8:30 to 13:30.",
    by: [OB, SA],
    tags: ["saturday", "support hours"],
  },
  {
    key: "rb-notes-phone-owner",
    interview: "rb-saturday",
    source: "notes",
    item: "s-providers",
    text: "Nobody could say who owns the branch phones: IT, Facilities or the telephone company. That confusion is a need in its own right.",
    by: [SA, OB],
    tags: ["telephony", "ownership"],
  },
  {
    key: "rb-notes-monday",
    interview: "rb-saturday",
    source: "notes",
    item: "s-critical-periods",
    text: "Note the knock-on into Monday morning: balances from Saturday cash not showing until the Monday overnight run.",
    by: [OB],
    tags: ["balances", "monday"],
  },

  // Finance: the month-end close.
  {
    key: "fin-extract-late",
    interview: "fin-month-end",
    source: "answer",
    item: "q-key-processes",
    text: "the core banking extract for the last day of the month arrived at 11:00 on day 1 instead of 6:00, so the whole timetable slipped by half a day.",
    by: [MD],
    tags: ["month-end", "extracts"],
  },
  {
    key: "fin-six-am",
    interview: "fin-month-end",
    source: "quote",
    item: "q-key-processes",
    text: "Day one, six in the morning, the extracts have to be there.",
    by: [MD],
    tags: ["month-end", "extracts"],
  },
  {
    key: "fin-no-warning",
    interview: "fin-month-end",
    source: "answer",
    item: "q-handoffs",
    text: "when they are late or incomplete, Finance only finds out when the load fails, and nobody tells them why or when to expect them.",
    by: [MD, FC],
    tags: ["extracts", "alerts"],
  },
  {
    key: "fin-payroll-email",
    interview: "fin-month-end",
    source: "answer",
    item: "q-handoffs",
    text: "Payroll journals from HR arrive as a spreadsheet by email, usually on day 2 afternoon.",
    by: [MD],
    tags: ["payroll", "month-end", "hand-off"],
  },
  {
    key: "fin-change-weekend",
    interview: "fin-month-end",
    source: "quote",
    item: "q-pain-points",
    text: "Last month someone put a change in over the last weekend of the month. Nobody asked us. We lost half a day of a three-day close.",
    by: [FC],
    tags: ["month-end", "change"],
  },
  {
    key: "fin-freeze",
    interview: "fin-month-end",
    source: "answer",
    item: "q-change-first",
    text: "No changes to the core banking system or the extracts during the last two working days of the month and the first three of the next without Finance agreeing first",
    by: [FC],
    tags: ["month-end", "change freeze"],
  },
  {
    key: "fin-reporting-supplier",
    interview: "fin-month-end",
    source: "answer",
    item: "q-whom-to-call",
    text: "For the reporting tool, the supplier's support line, via the contract that Procurement holds; Finance is not sure who in the bank manages the supplier.",
    by: [FC],
    tags: ["supplier", "ownership", "board pack"],
  },
  {
    key: "fin-tell-me",
    interview: "fin-month-end",
    source: "quote",
    item: "q-good-service",
    text: "And if they're going to be late, tell me before I find out.",
    by: [MD],
    tags: ["extracts", "alerts"],
  },
  {
    key: "fin-notes-payroll",
    interview: "fin-month-end",
    source: "notes",
    item: "s-processes",
    text: "the HR payroll journal hand-off by email is a second, smaller one.",
    by: [MD],
    tags: ["payroll", "hand-off"],
  },

  // Contact centre hand-offs: Marketing's supplier, the CRM link, Retail Banking's branches.
  {
    key: "cc-explain-once",
    interview: "contact-centre",
    source: "quote",
    item: "q-unit-purpose",
    text: "A customer should only have to explain themselves once.",
    by: [ER],
    tags: ["hand-off"],
  },
  {
    key: "cc-contract-blind",
    interview: "contact-centre",
    source: "quote",
    item: "q-measured-on",
    text: "Nothing in the contract measures what happens after they hand a customer to a branch, and that's where it goes wrong.",
    by: [KA],
    tags: ["supplier contract", "hand-off"],
  },
  {
    key: "cc-transfers-fail",
    interview: "contact-centre",
    source: "answer",
    item: "q-handoffs",
    text: "Warm transfers to branches fail about one in five times: the branch line rings out or the call drops when it is put through.",
    by: [KA],
    tags: ["warm transfer", "telephony"],
  },
  {
    key: "cc-callbacks-lost",
    interview: "contact-centre",
    source: "answer",
    item: "q-handoffs",
    text: "Callback requests logged in the CRM do not reach the branch when the link between the supplier's system and the bank's CRM is down, and nobody notices until the customer rings again. About 300 callbacks a month are lost this way.",
    by: [KA],
    tags: ["callbacks", "crm link"],
  },
  {
    key: "cc-bereavement",
    interview: "contact-centre",
    source: "quote",
    item: "q-key-processes",
    text: "Two transfers failed, the callback never arrived, and she rang back a week later in tears.",
    by: [ER],
    tags: ["warm transfer", "bereavement"],
  },
  {
    key: "cc-nobody-owned",
    interview: "contact-centre",
    source: "quote",
    item: "q-pain-points",
    text: "The supplier said it was our end, our help desk said it was theirs, and nobody owned it.",
    by: [KA],
    tags: ["crm link", "ownership"],
  },
  {
    key: "cc-silent-failure",
    interview: "contact-centre",
    source: "answer",
    item: "q-pain-detail",
    text: "When it fails, callbacks are lost silently. It has failed four times in the last six months, each time for several hours.",
    by: [KA],
    tags: ["crm link", "alerts"],
  },
  {
    key: "cc-referee",
    interview: "contact-centre",
    source: "quote",
    item: "q-whom-to-call",
    text: "When the CRM link is down, I'm the escalation route.",
    by: [KA],
    tags: ["crm link", "escalation"],
  },
  {
    key: "cc-no-note",
    interview: "contact-centre",
    source: "answer",
    item: "q-contact-centre",
    text: "branches get no note of what the customer has already said",
    by: [RP],
    tags: ["hand-off", "contact centre"],
  },
  {
    key: "cc-stopped-believing",
    interview: "contact-centre",
    source: "quote",
    item: "q-contact-centre",
    text: "My branches have stopped believing in callbacks.",
    by: [RP],
    tags: ["callbacks"],
  },
  {
    key: "cc-link-owner",
    interview: "contact-centre",
    source: "answer",
    item: "q-change-first",
    text: "One owner for the link between the supplier and the bank's CRM, with a written escalation route both sides agree, and an alert when callbacks stop flowing.",
    by: [KA, ER],
    tags: ["crm link", "ownership", "alerts"],
  },
  {
    key: "cc-notes-handoff",
    interview: "contact-centre",
    source: "notes",
    item: "s-outcomes",
    text: "nobody measures the hand-off between them.",
    by: [ER, RP],
    tags: ["hand-off", "measures"],
  },
  {
    key: "cc-notes-saturday",
    interview: "contact-centre",
    source: "notes",
    item: "s-critical-periods",
    text: "Saturday overlaps with the Saturday opening needs from the Retail Banking interview.",
    by: [RP],
    tags: ["saturday", "support hours"],
  },

  // HR (under way): payroll and onboarding.
  {
    key: "hr-day-one",
    interview: "hr-onboarding",
    source: "answer",
    item: "q-top-outcomes",
    text: "95% of new starters with a working laptop, logins and building pass on their first morning (about 60% today).",
    by: [LK],
    tags: ["onboarding", "day one"],
  },
  {
    key: "hr-four-days",
    interview: "hr-onboarding",
    source: "quote",
    item: "q-key-processes",
    text: "We had a new adviser at Leeds who spent four days shadowing because her login hadn't come through.",
    by: [LK],
    tags: ["onboarding", "access"],
  },
  {
    key: "hr-separate-tickets",
    interview: "hr-onboarding",
    source: "answer",
    item: "q-handoffs",
    text: "Access requests for new starters go to IT as separate tickets per system, and HR cannot see where each one is; about 40% are not complete on day one.",
    by: [LK],
    tags: ["onboarding", "access", "tickets"],
  },
  {
    key: "hr-pass-spreadsheet",
    interview: "hr-onboarding",
    source: "answer",
    item: "q-handoffs",
    text: "Facilities issues building passes from a spreadsheet HR emails every Friday.",
    by: [LK],
    tags: ["onboarding", "building pass"],
  },
  {
    key: "hr-journal-email",
    interview: "hr-onboarding",
    source: "answer",
    item: "q-handoffs",
    text: "The payroll journal goes to Finance by email on the second working day.",
    by: [PN],
    tags: ["payroll", "month-end", "hand-off"],
  },
  {
    key: "hr-notes-journal",
    interview: "hr-onboarding",
    source: "notes",
    item: "s-processes",
    text: "Peter's payroll-to-Finance journal by email matches what Finance told Hannah in the month-end interview.",
    by: [PN],
    tags: ["payroll", "hand-off"],
  },
  {
    key: "hr-not-an-hour",
    interview: "hr-onboarding",
    source: "quote",
    item: "q-tolerable-outage",
    text: "On the day the payment file goes, not an hour.",
    by: [PN],
    tags: ["payroll", "payment file"],
  },
  {
    key: "hr-notes-payment-file",
    interview: "hr-onboarding",
    source: "notes",
    item: "s-critical-periods",
    text: "The payment file deadline three working days before the 25th is the one that cannot fail.",
    by: [PN],
    tags: ["payroll", "payment file"],
  },
];

/** In the order they get their numbers: interview by interview, as they were synthesised. */
export const DEMO_NEEDS: DemoNeed[] = [
  // Retail Banking, Saturday opening.
  {
    key: "saturday-support",
    author: "rm",
    statement: "Branch staff have someone to call for IT support throughout Saturday opening",
    outcome: "A failure at the counter, on the branch phones or in account opening on a Saturday is picked up within 15 minutes by someone who can fix it, from 8:30 to 13:30.",
    process: "Customer service at the counter",
    criticalPeriod: "Saturday opening",
    pain: "The help desk, telephony support and core banking support work Monday to Friday only; on a Saturday branch managers ring each other and customers are sent away.",
    category: "support",
    units: ["RB"],
    evidence: ["rb-saturday-support", "rb-help-desk-recording", "cc-notes-saturday"],
  },
  {
    key: "saturday-accounts",
    author: "rm",
    statement: "Branch staff can open accounts during Saturday opening hours",
    outcome: "Customers who come in on a Saturday leave with their account open; 90% of accounts opened in branch are completed at the first visit.",
    process: "Account opening",
    criticalPeriod: "Saturday opening",
    pain: "When the checks behind the counter are down on a Saturday, nobody can be called: customers are sent home and rung on Monday.",
    category: "availability",
    units: ["RB"],
    evidence: ["rb-checks-down", "rb-sent-home", "rb-first-visit"],
  },
  {
    key: "phones-failover",
    author: "rm",
    statement: "Calls to a branch are passed to the contact centre when the branch phones are down",
    outcome: "No customer ringing a branch gets an engaged tone or silence: the call is answered by the contact centre, which knows the branch is unreachable.",
    process: "Customer contact",
    criticalPeriod: "Saturday opening",
    pain: "When the branch phones drop, calls go nowhere, and the contact centre keeps giving out the branch number. Five outages in three months, two of them on a Saturday.",
    category: "availability",
    units: ["RB", "MKT"],
    evidence: ["rb-calls-nowhere", "rb-branch-number"],
  },
  {
    key: "phones-owner",
    author: "rm",
    statement: "Branch telephones have one named owner who is accountable when they fail",
    outcome: "Branch managers know whom to call about the phones, and that person owns the fix whatever the cause: IT, Facilities or the telephone company.",
    process: "Branch operations",
    criticalPeriod: "",
    pain: "Nobody can say who is accountable for the branch phones, so outages are chased through personal contacts.",
    category: "support",
    units: ["RB", "FAC"],
    evidence: ["rb-phones-owner", "rb-notes-phone-owner"],
  },
  {
    key: "phones-recover",
    author: "rm",
    statement: "Branch telephones are working again within 15 minutes of failing while the branch is open",
    outcome: "A telephone failure during opening hours never lasts long enough to build a queue out of the door.",
    process: "Customer contact",
    criticalPeriod: "Saturday opening",
    pain: "Phones at Leeds Briggate dropped at 9:40 on a Saturday and stayed down until Monday; warm transfers from the contact centre ring out or drop about one time in five.",
    category: "availability",
    units: ["RB", "MKT"],
    evidence: ["rb-quarter-hour", "rb-calls-nowhere", "cc-transfers-fail"],
  },
  {
    key: "saturday-cash",
    author: "rm",
    statement: "Cash paid in at a branch on a Saturday shows in the customer's balance the same day",
    outcome: "Customers see Saturday's cash in their balance before Monday, so they do not come back or ring in to ask where it is.",
    process: "Paying in at the counter",
    criticalPeriod: "Monday morning after a Saturday",
    pain: "Saturday cash waits for Monday's overnight run; branches and the contact centre take the questions on Monday morning.",
    category: "capability",
    units: ["RB"],
    evidence: ["rb-saturday-cash", "rb-notes-monday"],
    status: "parked",
    statusReason: "Depends on the core banking overnight processing, whose redesign is not yet scheduled. Revisit when it is.",
  },
  {
    key: "saturday-fraud",
    author: "rm",
    statement: "Fraud referrals from a branch are answered within 5 minutes on a Saturday",
    outcome: "A customer who may have been scammed is helped at the counter without a half-hour wait on hold.",
    process: "Lost cards and suspected scams",
    criticalPeriod: "Saturday opening",
    pain: "Fraud Operations has a skeleton team on Saturdays; staff wait 20 to 30 minutes on hold with the customer at the counter.",
    category: "performance",
    units: ["RB"],
    evidence: ["rb-fraud-hold"],
    status: "parked",
    statusReason: "Fraud Operations staffing is outside the services we provide; raised with its head, to revisit after the Saturday pilot's go/no-go decision.",
  },
  {
    key: "saturday-building",
    author: "rm",
    statement: "Facilities answers door entry and alarm faults at branch opening on a Saturday",
    outcome: "A Saturday branch opens on time even when the door entry or the alarm fails.",
    process: "Opening the branch",
    criticalPeriod: "Saturday opening",
    pain: "Nobody in Facilities answers on a Saturday if the door entry or the alarm fails at opening.",
    category: "support",
    units: ["RB", "FAC"],
    evidence: ["rb-facilities-saturday"],
  },
  {
    key: "counter-screens",
    author: "rm",
    statement: "The counter system stays as fast and familiar to branch staff as it is today",
    outcome: "Any change behind the counter leaves the screens staff know, and their speed, as they are.",
    process: "Customer service at the counter",
    criticalPeriod: "",
    pain: "",
    category: "performance",
    units: ["RB"],
    evidence: ["rb-counter-screens"],
    status: "answered",
    statusReason: "The counter application's current service levels already meet this; no change to the counter is planned.",
  },
  {
    key: "branch-sees-callnotes",
    author: "rm",
    statement: "Branch staff can see what a customer sent by the contact centre has already told it",
    outcome: "Customers sent to a branch are picked up where the call left off.",
    process: "Customer contact",
    criticalPeriod: "",
    pain: "Customers arrive expecting something to have been started; the branch has no record of the call and starts again from nothing.",
    category: "experience",
    units: ["RB"],
    evidence: ["rb-start-again", "rb-nothing-written"],
  },
  {
    key: "engineer-mobiles",
    author: "rm",
    statement: "Branch managers are given the telephony engineers' mobile numbers to call at weekends",
    outcome: "A branch manager can reach a telephony engineer directly when the phones fail on a Saturday.",
    process: "Branch operations",
    criticalPeriod: "Saturday opening",
    pain: "Samuel keeps one engineer's personal number and uses it with a bad conscience.",
    category: "support",
    units: ["RB"],
    evidence: ["rb-engineer-mobile"],
    status: "rejected",
    statusReason: "It would rest on individuals' goodwill and personal phones. Saturday support cover (the need for someone to call throughout Saturday opening) answers the same problem properly.",
  },

  // Finance, the month-end close.
  {
    key: "extracts-on-time",
    author: "rm2",
    statement: "Core banking extracts are loaded into the general ledger by 7:00 on working day 1",
    outcome: "The month-end close starts on time and the ledger is closed by working day 3 every month.",
    process: "Month-end close",
    criticalPeriod: "Month-end close",
    pain: "Last month the extracts arrived at 11:00 instead of 6:00; twelve people waited and the timetable slipped by half a day.",
    category: "availability",
    units: ["FIN"],
    evidence: ["fin-extract-late", "fin-six-am"],
  },
  {
    key: "extracts-warning",
    author: "rm2",
    statement: "Finance is warned by 6:30 on working day 1 when the extracts will be late, with a time to expect them",
    outcome: "The close team can re-plan the day before anyone sits waiting.",
    process: "Month-end close",
    criticalPeriod: "Month-end close",
    pain: "Finance only finds out when the ledger load fails, and nobody says why or when to expect the extracts.",
    category: "information",
    units: ["FIN"],
    evidence: ["fin-no-warning", "fin-tell-me"],
  },
  {
    key: "month-end-freeze",
    author: "rm2",
    statement: "No changes to core banking or its extracts over month-end without Finance agreeing first",
    outcome: "A month-end change freeze, from two working days before month-end to working day 3, that everyone can see in the change calendar.",
    process: "Month-end close",
    criticalPeriod: "Month-end close",
    pain: "A change over the last weekend of the month delayed the overnight run; the extracts came five hours late and half a day of a three-day close was lost.",
    category: "availability",
    units: ["FIN"],
    evidence: ["fin-change-weekend", "fin-freeze"],
  },
  {
    key: "reporting-supplier",
    author: "rm2",
    statement: "Someone in the bank is named as accountable for the reporting tool supplier",
    outcome: "Finance knows whom to call when the consolidation and reporting tool fails while the board pack is being produced.",
    process: "Board reporting",
    criticalPeriod: "Board reporting pack",
    pain: "Procurement holds the contract; nobody in Finance knows who in the bank manages the supplier.",
    category: "support",
    units: ["FIN"],
    evidence: ["fin-reporting-supplier"],
  },
  {
    key: "journal-finance",
    author: "rm2",
    statement: "Payroll journals reach Finance automatically in time for the month-end close",
    outcome: "The payroll journal is in the ledger on working day 1 without anyone re-keying a spreadsheet.",
    process: "Month-end close",
    criticalPeriod: "Month-end close",
    pain: "Payroll journals arrive from HR as a spreadsheet by email, usually on the afternoon of working day 2.",
    category: "capability",
    units: ["FIN", "HR"],
    evidence: ["fin-payroll-email", "fin-notes-payroll"],
  },

  // Contact centre hand-offs.
  {
    key: "branch-gets-note",
    author: "rm",
    statement: "Branches receive a note of what the customer told the contact centre before the customer arrives",
    outcome: "A customer explains themselves once, whether they ring the bank or walk into a branch.",
    process: "Customer contact",
    criticalPeriod: "Monday morning peak",
    pain: "Branches get no note of what the customer has already said, so the story starts again at the counter.",
    category: "experience",
    units: ["RB", "MKT"],
    evidence: ["cc-no-note", "cc-explain-once"],
  },
  {
    key: "crm-link-owner",
    author: "rm",
    statement: "The link between the contact centre supplier and the bank's CRM has one named owner and an agreed escalation route",
    outcome: "When the link fails, one named person owns getting it back, with a written escalation route both the supplier and the bank agree.",
    process: "Customer contact",
    criticalPeriod: "Incident or fraud alert",
    pain: "The supplier and the bank's help desk each point at the other; the Contact Centre Supplier Manager ends up refereeing.",
    category: "support",
    units: ["MKT", "RB"],
    evidence: ["cc-nobody-owned", "cc-referee", "cc-link-owner"],
  },
  {
    key: "callback-alert",
    author: "rm",
    statement: "The supplier and the bank are both alerted within 15 minutes when callbacks stop reaching branches",
    outcome: "A failure of the CRM link is known before a customer complains.",
    process: "Customer contact",
    criticalPeriod: "Monday morning peak",
    pain: "Callbacks are lost silently when the CRM link fails, about 300 a month; it failed four times in six months, each time for hours.",
    category: "information",
    units: ["MKT", "RB"],
    evidence: ["cc-callbacks-lost", "cc-silent-failure", "cc-link-owner"],
  },
  {
    key: "warm-transfers",
    author: "rm",
    statement: "Warm transfers from the contact centre reach a person at the branch",
    outcome: "Every warm transfer lands: the branch answers and the customer is introduced.",
    process: "Customer contact",
    criticalPeriod: "Monday morning peak",
    pain: "About one transfer in five rings out or drops; a bereaved customer was failed twice and complained a week later.",
    category: "availability",
    units: ["MKT", "RB"],
    evidence: ["cc-transfers-fail", "cc-bereavement"],
  },
  {
    key: "callbacks-same-day",
    author: "rm",
    statement: "Every callback request reaches the branch within 15 minutes and is returned the same working day",
    outcome: "Branches trust callback requests again instead of telling customers to ring them directly.",
    process: "Customer contact",
    criticalPeriod: "Monday morning peak",
    pain: "Branches have stopped believing in callbacks because so many never arrive.",
    category: "performance",
    units: ["RB", "MKT"],
    evidence: ["cc-stopped-believing", "cc-callbacks-lost"],
  },
  {
    key: "handoff-measures",
    author: "rm",
    statement: "The contact centre contract measures hand-offs to branches: transfers that land and callbacks that arrive",
    outcome: "The supplier's monthly review covers what happens after a customer is handed to a branch.",
    process: "Supplier management",
    criticalPeriod: "",
    pain: "The supplier's scorecard measures only its own calls; nobody measures the hand-off between the contact centre and branches.",
    category: "information",
    units: ["MKT"],
    evidence: ["cc-contract-blind", "cc-notes-handoff"],
  },

  // HR, payroll and onboarding (interview under way).
  {
    key: "day-one-ready",
    author: "rm2",
    statement: "New starters have a working laptop, logins and building pass on their first morning",
    outcome: "95% of new starters can do their job from day one (about 60% today).",
    process: "Onboarding",
    criticalPeriod: "New-starter Mondays",
    pain: "A new branch adviser at Leeds spent four days shadowing because her login had not come through.",
    category: "capability",
    units: ["HR", "RB", "FAC"],
    evidence: ["hr-day-one", "hr-four-days", "hr-separate-tickets"],
  },
  {
    key: "access-tracking",
    author: "rm2",
    statement: "HR can follow every access request for a new starter in one place",
    outcome: "HR sees what is still missing for a new starter before the manager rings on Monday morning.",
    process: "Onboarding",
    criticalPeriod: "New-starter Mondays",
    pain: "One new starter means separate tickets per system that HR cannot see; about 40% are not complete on day one.",
    category: "information",
    units: ["HR"],
    evidence: ["hr-separate-tickets"],
  },
  {
    key: "building-passes",
    author: "rm2",
    statement: "Building passes for new starters are requested and tracked without a weekly spreadsheet",
    outcome: "Facilities has every new starter's pass ready for day one, whichever day of the week they were hired.",
    process: "Onboarding",
    criticalPeriod: "New-starter Mondays",
    pain: "Facilities issues passes from a spreadsheet HR emails every Friday.",
    category: "capability",
    units: ["HR", "FAC"],
    evidence: ["hr-pass-spreadsheet"],
  },
  {
    key: "journal-hr",
    author: "rm2",
    statement: "The payroll journal goes to Finance automatically, ready for the month-end close",
    outcome: "HR stops emailing Finance a payroll spreadsheet each month.",
    process: "Payroll",
    criticalPeriod: "",
    pain: "The payroll journal goes to Finance by email on the second working day.",
    category: "capability",
    units: ["HR", "FIN"],
    evidence: ["hr-journal-email", "hr-notes-journal"],
  },
  {
    key: "payment-file",
    author: "rm2",
    statement: "The payroll payment file always reaches the bank's payments team on its deadline",
    outcome: "Around 3,100 colleagues are paid on the 25th, every month.",
    process: "Payroll",
    criticalPeriod: "Payment file to the bank's payments team",
    pain: "HR can live with half a day's outage most days, but not an hour on the day the payment file goes.",
    category: "availability",
    units: ["HR"],
    evidence: ["hr-not-an-hour", "hr-notes-payment-file"],
  },
];

/** Two live needs from different interviews, worded differently, that say the same thing. */
export const DEMO_NEAR_DUPLICATES = ["journal-finance", "journal-hr"] as const;

/** The Retail Banking wording was merged into the contact centre's, which keeps both sets of evidence. */
export const DEMO_MERGE = { need: "branch-sees-callnotes", into: "branch-gets-note", by: "rm" as const };

/** Business leads commenting on needs of their units. */
export const DEMO_COMMENTS: { need: string; author: string; body: string }[] = [
  {
    need: "phones-owner",
    author: "lead.facilities@meridian.example",
    body: "Facilities looks after the wiring and the handsets in the branches, but the lines and the contract with the telephone company sit with IT. Happy to take part, but we should not be the named owner.",
  },
  {
    need: "saturday-support",
    author: "lead@meridian.example",
    body: "This is the one for the Saturday pilot's go/no-go. Sarah's office will ask what cover we have before they sign it off for good.",
  },
  {
    need: "building-passes",
    author: "lead.facilities@meridian.example",
    body: "We could take requests straight from HR's starter list if it came with the start date and the building. The Friday spreadsheet is why passes go missing.",
  },
  {
    need: "month-end-freeze",
    author: "lead.finance@meridian.example",
    body: "Agreed. The freeze should cover the extract jobs as well as the core banking system itself: that is what slipped last month.",
  },
];

export interface DemoIds {
  /** Interview id per answer set. */
  interviews: ReadonlyMap<DemoAnswerKey, string>;
  /** Stakeholder id by name. */
  stakeholders: ReadonlyMap<string, string>;
  /** Business unit id by code. */
  units: ReadonlyMap<string, string>;
  /** User id by email. */
  users: ReadonlyMap<string, string>;
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Demo needs: ${what} is missing`);
  return value;
}

/**
 * Writes the demo evidence, needs, merge and comments with `tx` (the seed's own
 * transaction), with their audit events. Every quoted passage is checked against
 * the stored answers: a passage that no longer occurs stops the seed.
 */
export async function loadDemoNeeds(tx: Tx, ids: DemoIds) {
  const userActor = (email: string): Actor => {
    const user = must(
      DEMO_USERS.find((u) => u.email === email),
      `user ${email}`,
    );
    return { ...SYSTEM_ACTOR, id: must(ids.users.get(email), `user ${email}`), name: user.name };
  };
  const rms = { rm: userActor("rm@meridian.example"), rm2: userActor("rm2@meridian.example") };
  const questions = new Map(allQuestions(DISCOVERY_GUIDE.content).map((q) => [q.id, q]));

  // Evidence, checked against what the interviews hold.
  const evidenceId = new Map<string, string>();
  const interviewerOf = new Map<string, Actor>();
  for (const [key, interviewId] of ids.interviews) {
    const [row] = await tx.select({ interviewerId: interviews.interviewerId }).from(interviews).where(eq(interviews.id, interviewId));
    const email = must([...ids.users].find(([, id]) => id === row?.interviewerId)?.[0], `interviewer of ${key}`);
    interviewerOf.set(key, userActor(email));
  }
  for (const ev of DEMO_EVIDENCE) {
    if (evidenceId.has(ev.key)) throw new Error(`Demo evidence ${ev.key} is listed twice`);
    const interviewId = must(ids.interviews.get(ev.interview), `interview ${ev.interview}`);
    const [stored] = await tx
      .select({ value: answers.value, quote: answers.quote })
      .from(answers)
      .where(and(eq(answers.interviewId, interviewId), eq(answers.kind, ev.source === "notes" ? "notes" : "answer"), eq(answers.item, ev.item)));
    const sourceText = sourceTextOf(ev.source, stored, ev.source === "notes" ? undefined : questions.get(ev.item));
    if (sourceText === null) throw new Error(`Demo evidence ${ev.key}: ${ev.interview} has no quotable ${ev.source} at ${ev.item}`);
    const located = locateQuote(sourceText, ev.text);
    if (!located.ok || sourceText.slice(located.start, located.end) !== ev.text) {
      throw new Error(`Demo evidence ${ev.key}: the passage no longer occurs exactly in ${ev.interview} ${ev.source} ${ev.item}`);
    }
    const people = ev.by.map((name) => must(ids.stakeholders.get(name), `stakeholder ${name}`));
    const present = await tx
      .select({ id: interviewStakeholders.stakeholderId })
      .from(interviewStakeholders)
      .where(and(eq(interviewStakeholders.interviewId, interviewId), inArray(interviewStakeholders.stakeholderId, people)));
    if (present.length !== people.length) throw new Error(`Demo evidence ${ev.key}: someone named was not in the ${ev.interview} interview`);
    const actor = must(interviewerOf.get(ev.interview), `interviewer of ${ev.interview}`);
    const [row] = await tx
      .insert(evidence)
      .values({
        interviewId,
        source: ev.source,
        item: ev.item,
        start: located.start,
        end: located.end,
        text: ev.text,
        sourceText,
        checkedText: sourceText,
        tags: parseTags(ev.tags),
        createdBy: actor.id,
      })
      .returning({ id: evidence.id });
    evidenceId.set(ev.key, row!.id);
    await tx.insert(evidenceStakeholders).values(people.map((stakeholderId) => ({ evidenceId: row!.id, stakeholderId })));
    await appendAudit(tx, {
      kind: "evidence.captured",
      actor,
      subjectType: "evidence",
      subjectId: row!.id,
      payload: { interviewId, source: ev.source, item: ev.item, start: located.start, end: located.end, text: ev.text, stakeholderIds: people },
    });
  }

  // Needs, numbered in the order listed.
  const needId = new Map<string, { id: string; number: number }>();
  for (const n of DEMO_NEEDS) {
    if (needId.has(n.key)) throw new Error(`Demo need ${n.key} is listed twice`);
    const actor = rms[n.author];
    const id = randomUUID();
    const status = n.status ?? "open";
    const [row] = await tx
      .insert(needs)
      .values({
        id,
        survivorId: id,
        statement: n.statement,
        outcome: n.outcome,
        process: n.process,
        criticalPeriod: n.criticalPeriod,
        pain: n.pain,
        category: n.category,
        createdBy: actor.id,
      })
      .returning({ number: needs.number });
    needId.set(n.key, { id, number: row!.number });
    await tx.insert(needUnits).values(n.units.map((code) => ({ needId: id, unitId: must(ids.units.get(code), `unit ${code}`) })));
    const evidenceIds = n.evidence.map((key) => must(evidenceId.get(key), `evidence ${key} (for need ${n.key})`));
    await tx.insert(needEvidence).values(evidenceIds.map((e) => ({ needId: id, evidenceId: e, linkedBy: actor.id })));
    await appendAudit(tx, { kind: "need.created", actor, subjectType: "need", subjectId: id, payload: { number: row!.number, statement: n.statement, evidenceIds } });
    if (status !== "open") {
      const reason = n.statusReason ?? "";
      if (status === "rejected" && !reason) throw new Error(`Demo need ${n.key}: a rejected need needs a reason`);
      await tx.update(needs).set({ status, statusReason: reason, revision: 2 }).where(eq(needs.id, id));
      await appendAudit(tx, { kind: "need.status_changed", actor, subjectType: "need", subjectId: id, payload: { from: "open", to: status, reason } });
    }
  }

  // The merge: the merged need keeps its evidence, which now counts towards the survivor.
  const merged = must(needId.get(DEMO_MERGE.need), `need ${DEMO_MERGE.need}`);
  const survivor = must(needId.get(DEMO_MERGE.into), `need ${DEMO_MERGE.into}`);
  const mergedBy = rms[DEMO_MERGE.by];
  await tx
    .update(needs)
    .set({ mergedInto: survivor.id, survivorId: survivor.id, mergedAt: new Date(), mergedBy: mergedBy.id })
    .where(eq(needs.id, merged.id));
  await appendAudit(tx, {
    kind: "need.merged",
    actor: mergedBy,
    subjectType: "need",
    subjectId: merged.id,
    payload: { number: merged.number, into: survivor.id, intoNumber: survivor.number },
  });

  await refreshNeedSupport(
    tx,
    [...needId.values()].map((n) => n.id),
  );

  for (const c of DEMO_COMMENTS) {
    const need = must(needId.get(c.need), `need ${c.need}`);
    const actor = userActor(c.author);
    const [row] = await tx.insert(needComments).values({ needId: need.id, authorId: actor.id!, body: c.body }).returning({ id: needComments.id });
    await appendAudit(tx, { kind: "need.commented", actor, subjectType: "need", subjectId: need.id, payload: { commentId: row!.id } });
  }

  return { evidence: evidenceId.size, needs: needId.size };
}
