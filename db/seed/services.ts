/**
 * The demo workspace's services: the bank's providers; Branch Banking with the
 * supporting services behind the branch counter and its definition in business
 * terms (version 1 agreed, a draft moved on since); Month-end Close (version 1)
 * and Joining the Bank (a draft drawn from the new-starter needs); agreements,
 * one of which has its renewal notice due within weeks; and the dependency map.
 *
 * The payroll payment file, ranked first in the closed round, is answered by
 * no definition on purpose: it is the portfolio's one coverage gap, the next
 * service to define ("Paying our people"). Every other need in the top third of
 * that round is answered by a clause.
 *
 * Written through the services model as the relationship manager (Tom Okafor),
 * so the audit events are the real ones; the model opens its own transactions,
 * so loadDemoServices() runs after the rounds are in.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import { businessUnits, needs, serviceVersions, users } from "../schema";
import { db } from "../../app/db.server";
import { definitionSchema, type AgreementKind, type CriticalityTier, type Definition, type DeliveryModel, type LifecycleStage } from "../../app/domain/definition";
import { addDays, utcToZoned } from "../../app/domain/interview";
import { providerSchema, serviceFactsSchema } from "../../app/domain/service";
import { SYSTEM_ACTOR, type Actor } from "../../app/models/audit.server";
import { draftFromNeeds } from "../../app/models/service-portfolio.server";
import { createVersion } from "../../app/models/service-version.server";
import { addDependency, createProvider, createService, saveDraft } from "../../app/models/service.server";
import type { UnitCode } from "./demo-users";
import { DEMO_NEEDS } from "./needs";

const RM = "rm@meridian.example";

/** The closed round's top-third need that no definition answers: the demo's one coverage gap. */
export const DEMO_GAP_NEED = "payment-file";

/** The supplier agreement whose renewal notice falls due this many days after the seed date. */
export const DEMO_RENEWAL_SOON_DAYS = 45;

type ProviderKey = "it" | "facilities" | "hr" | "finance" | "connectra" | "paywise";

const DEMO_PROVIDERS: { key: ProviderKey; name: string; kind: "internal" | "external"; unit?: UnitCode; description: string }[] = [
  { key: "it", name: "IT", kind: "internal", unit: "IT", description: "The bank's technology division: branch and office technology, core banking, the network and the telephony contract." },
  { key: "facilities", name: "Facilities", kind: "internal", unit: "FAC", description: "Branch and office buildings: door entry, alarms, power, security, cleaning and building passes." },
  { key: "hr", name: "HR", kind: "internal", unit: "HR", description: "People services: hiring, onboarding and payroll." },
  { key: "finance", name: "Finance", kind: "internal", unit: "FIN", description: "Financial control; holds the contract for the consolidation and reporting tool." },
  {
    key: "connectra",
    name: "Connectra Contact Services",
    kind: "external",
    description: "Runs the bank's customer contact centre under contract since 2022: calls, callbacks and warm transfers to branches.",
  },
  { key: "paywise", name: "Paywise Payroll Cloud", kind: "external", description: "Payroll as a service: pay runs, the payment file to the bank's payments team and the payroll journal." },
];

/**
 * An agreement's dates: a fixed start; its end and renewal notice counted from
 * the seed date, so they stay ahead of it: month ends some months away, or a
 * notice due in a number of days (and the end at the month end three months after).
 */
interface DemoAgreement {
  kind: AgreementKind;
  reference: string;
  start: string;
  term: { endsInMonths: number; noticeMonthsBefore: number } | { noticeInDays: number };
}

interface DemoService {
  key: string;
  name: string;
  provider: ProviderKey;
  deliveryModel: DeliveryModel;
  owner: [name: string, title: string, contact: string];
  agreement?: DemoAgreement;
  lifecycle: LifecycleStage;
  criticality: CriticalityTier;
  reviewEveryMonths: number;
  /** Months from the seed date to the next review (the end of that month). */
  nextReviewInMonths: number;
}

type SupportingKey = "telephony" | "desktop" | "core-banking" | "network" | "branch-facilities" | "contact-centre" | "payroll" | "reporting";

const DEMO_SUPPORTING: (DemoService & { key: SupportingKey })[] = [
  {
    key: "network",
    name: "Network connectivity",
    provider: "it",
    deliveryModel: "in_house",
    owner: ["Liam O'Connor", "Network Services Manager, IT", "liam.oconnor@meridian.example, 0113 496 0521"],
    agreement: { kind: "ola", reference: "OLA-IT-NET-01", start: "2023-04-01", term: { endsInMonths: 11, noticeMonthsBefore: 3 } },
    lifecycle: "operation",
    criticality: "tier1",
    reviewEveryMonths: 12,
    nextReviewInMonths: 8,
  },
  {
    key: "telephony",
    name: "Branch telephony",
    provider: "it",
    deliveryModel: "outsourced",
    owner: ["Gareth Lewis", "Telephony Service Owner, IT", "gareth.lewis@meridian.example, 07700 900412"],
    agreement: { kind: "contract", reference: "TEL-2024-031 (lines and handsets, Northline Telecom)", start: "2024-10-01", term: { endsInMonths: 22, noticeMonthsBefore: 6 } },
    lifecycle: "operation",
    criticality: "tier1",
    reviewEveryMonths: 6,
    nextReviewInMonths: 3,
  },
  {
    key: "desktop",
    name: "Desktop",
    provider: "it",
    deliveryModel: "in_house",
    owner: ["Sophie Walker", "End-User Computing Manager, IT", "sophie.walker@meridian.example, 0113 496 0533"],
    agreement: { kind: "ola", reference: "OLA-IT-DSK-02", start: "2023-04-01", term: { endsInMonths: 11, noticeMonthsBefore: 3 } },
    lifecycle: "operation",
    criticality: "tier2",
    reviewEveryMonths: 12,
    nextReviewInMonths: 7,
  },
  {
    key: "core-banking",
    name: "Core banking application",
    provider: "it",
    deliveryModel: "hybrid",
    owner: ["Arjun Mehta", "Core Banking Application Owner, IT", "arjun.mehta@meridian.example, 0113 496 0547"],
    agreement: { kind: "ola", reference: "OLA-IT-CBS-01", start: "2023-04-01", term: { endsInMonths: 11, noticeMonthsBefore: 3 } },
    lifecycle: "operation",
    criticality: "tier1",
    reviewEveryMonths: 6,
    nextReviewInMonths: 4,
  },
  {
    key: "branch-facilities",
    name: "Branch facilities",
    provider: "facilities",
    deliveryModel: "in_house",
    owner: ["Nadia Haddad", "Branch Estates Manager, Facilities", "nadia.haddad@meridian.example, 0113 496 0388"],
    agreement: { kind: "ola", reference: "OLA-FAC-BR-01", start: "2024-01-01", term: { endsInMonths: 9, noticeMonthsBefore: 2 } },
    lifecycle: "operation",
    criticality: "tier2",
    reviewEveryMonths: 12,
    nextReviewInMonths: 6,
  },
  {
    key: "contact-centre",
    name: "External contact centre",
    provider: "connectra",
    deliveryModel: "outsourced",
    owner: ["Kwame Asante", "Contact Centre Supplier Manager, Marketing", "kwame.asante@meridian.example, 020 7946 0614"],
    // Notice to renew falls due within weeks of the seed date.
    agreement: { kind: "contract", reference: "CON-2022-014 (Connectra master services agreement)", start: "2022-07-01", term: { noticeInDays: DEMO_RENEWAL_SOON_DAYS } },
    lifecycle: "operation",
    criticality: "tier2",
    reviewEveryMonths: 3,
    nextReviewInMonths: 1,
  },
  {
    key: "payroll",
    name: "Payroll",
    provider: "paywise",
    deliveryModel: "saas",
    owner: ["Peter Novak", "Payroll Lead, HR", "peter.novak@meridian.example, 0113 496 0472"],
    agreement: { kind: "contract", reference: "PWC-2023-207 (Paywise subscription)", start: "2023-09-01", term: { endsInMonths: 16, noticeMonthsBefore: 4 } },
    lifecycle: "operation",
    criticality: "tier1",
    reviewEveryMonths: 12,
    nextReviewInMonths: 5,
  },
  {
    key: "reporting",
    name: "Consolidation and reporting tool",
    provider: "finance",
    deliveryModel: "saas",
    owner: ["Fiona Campbell", "Head of Financial Control, Finance", "fiona.campbell@meridian.example, 020 7946 0231"],
    agreement: { kind: "contract", reference: "LDG-2025-088 (Ledgerline subscription)", start: "2025-01-01", term: { endsInMonths: 14, noticeMonthsBefore: 4 } },
    lifecycle: "operation",
    criticality: "tier2",
    reviewEveryMonths: 12,
    nextReviewInMonths: 9,
  },
];

type BusinessKey = "branch-banking" | "month-end" | "joining";

const DEMO_BUSINESS: (DemoService & { key: BusinessKey; dependsOn: SupportingKey[] })[] = [
  {
    key: "branch-banking",
    name: "Branch Banking",
    provider: "it",
    deliveryModel: "hybrid",
    owner: ["Daniel Price", "Service Owner, Branch Banking (IT)", "daniel.price@meridian.example, 0113 496 0714"],
    lifecycle: "operation",
    criticality: "tier1",
    reviewEveryMonths: 6,
    nextReviewInMonths: 4,
    dependsOn: ["telephony", "desktop", "core-banking", "network", "branch-facilities", "contact-centre"],
  },
  {
    key: "month-end",
    name: "Month-end Close",
    provider: "it",
    deliveryModel: "hybrid",
    owner: ["Ruth Ellis", "Service Owner, Finance Systems (IT)", "ruth.ellis@meridian.example, 020 7946 0782"],
    lifecycle: "operation",
    criticality: "tier1",
    reviewEveryMonths: 6,
    nextReviewInMonths: 5,
    dependsOn: ["core-banking", "network", "reporting", "payroll"],
  },
  {
    key: "joining",
    name: "Joining the Bank",
    provider: "hr",
    deliveryModel: "in_house",
    owner: ["Laura Kim", "HR Operations Manager, HR", "laura.kim@meridian.example, 0113 496 0455"],
    lifecycle: "design",
    criticality: "tier3",
    reviewEveryMonths: 12,
    nextReviewInMonths: 2,
    dependsOn: ["desktop", "branch-facilities", "payroll"],
  },
];

/** Supporting services that lean on others: the phones and the desks run over the network, and so on. */
const DEMO_SUPPORTING_DEPENDENCIES: [SupportingKey, SupportingKey][] = [
  ["telephony", "network"],
  ["desktop", "network"],
  ["core-banking", "network"],
  ["contact-centre", "telephony"],
];

/** Needs Branch Banking is drafted from, before its definition is written out in full. */
const BRANCH_BANKING_FROM = ["saturday-support", "saturday-accounts", "phones-recover", "phones-owner", "saturday-building"];
/** Needs Joining the Bank is drafted from. */
const JOINING_FROM = ["day-one-ready", "access-tracking", "building-passes"];

type Lookup = (key: string) => string;

const BANK_HOLIDAYS = "England and Wales bank holidays: branches and offices closed, no cover";

/** Branch Banking as agreed in version 1: what the branch network gets, in the branches' own words. */
function branchBanking(need: Lookup, unit: Lookup): Definition {
  return definitionSchema.parse({
    purpose:
      "Lets Meridian's branches serve personal customers face to face: open accounts, take deposits and answer questions at the counter and on the branch phone, on weekdays and during Saturday opening.",
    outcomes: [
      {
        id: "accounts-first-visit",
        text: "Customers who come into a branch, on a weekday or a Saturday, leave with their account open instead of being asked to come back on Monday.",
        needIds: [need("saturday-accounts")],
      },
      {
        id: "someone-to-call",
        text: "Branch staff always have someone to call who can fix a fault at the counter, on the phones or in account opening, for as long as the branch is open, Saturdays included.",
        needIds: [need("saturday-support")],
      },
      {
        id: "phones-answered",
        text: "A customer ringing a branch reaches a person: the branch, or the contact centre when the branch phones are down, and the phones are back before a queue builds.",
        needIds: [need("phones-recover"), need("phones-failover")],
      },
      {
        id: "phones-owner",
        text: "Branch managers know whom to call about the phones, and that person owns the fix whatever the cause: IT, Facilities or the telephone company.",
        needIds: [need("phones-owner")],
      },
      {
        id: "saturday-doors",
        text: "A Saturday branch opens on time even when the door entry or the alarm fails.",
        needIds: [need("saturday-building")],
      },
      {
        id: "picked-up-where-left",
        text: "A customer sent to a branch by the contact centre is picked up where the call left off, and explains themselves once.",
        needIds: [need("branch-gets-note"), need("warm-transfers")],
      },
    ],
    consumers: [
      { unitId: unit("RB"), spokesperson: "Maria Lopez, Head of Branch Network", note: "All branches in England and Wales; Saturday opening in the pilot branches." },
    ],
    scopeIn: [
      { id: "in-counter", text: "The counter system and the checks behind account opening, as branch staff know them today.", needIds: [need("counter-screens")] },
      { id: "in-phones", text: "Branch telephones, their lines, and the diversion of a branch's calls to the contact centre when they fail.", needIds: [need("phones-failover")] },
      { id: "in-desks", text: "Branch desktops, printers and card readers." },
      { id: "in-building", text: "Door entry, alarms and power in the branch during opening hours, Saturdays included.", needIds: [need("saturday-building")] },
      { id: "in-handoffs", text: "Hand-offs from the contact centre to branches: warm transfers, callbacks and the note of what the customer said." },
    ],
    scopeOut: [
      { id: "out-digital", text: "Online and mobile banking: those are the Digital Banking service." },
      { id: "out-cash", text: "Cash deliveries and collections: the cash-in-transit supplier's contract, managed by Branch Operations." },
      { id: "out-saturday-cash", text: "Saturday's cash deposits showing in balances the same day: parked until the overnight run is re-planned." },
      { id: "out-fraud-staffing", text: "Fraud Operations' own Saturday staffing." },
    ],
    hours: {
      summary: "Branch opening hours, and Saturday opening in the pilot branches",
      timeZone: "Europe/London",
      coverage: [
        { day: "mon", from: "09:00", to: "17:00" },
        { day: "tue", from: "09:00", to: "17:00" },
        { day: "wed", from: "09:00", to: "17:00" },
        { day: "thu", from: "09:00", to: "17:00" },
        { day: "fri", from: "09:00", to: "17:00" },
        { day: "sat", from: "08:30", to: "13:30" },
      ],
      holidays: BANK_HOLIDAYS,
    },
    criticalPeriods: [
      {
        id: "saturday-opening",
        name: "Saturday opening",
        when: "Every Saturday from 08:30 to 13:30 in the Saturday pilot branches, when the help desk and the suppliers' own support are otherwise closed",
        needIds: [need("saturday-support"), need("saturday-accounts"), need("saturday-building")],
      },
      {
        id: "monday-peak",
        name: "Monday morning peak",
        when: "Mondays from 09:00 to 11:00, and the first morning after a bank holiday",
        needIds: [need("warm-transfers")],
      },
    ],
    serviceLevels: [
      {
        id: "sl-account-minutes",
        period: null,
        measure: "Accounts opened within 20 minutes at the counter",
        kind: "minutes",
        target: "20",
        howMeasured: "Account-opening log: from the customer's identity check to the account number being issued, for 95% of accounts, each month",
        needIds: [need("saturday-accounts")],
      },
      {
        id: "sl-first-visit",
        period: null,
        measure: "Accounts completed at the customer's first visit",
        kind: "percent",
        target: "90",
        howMeasured: "Core banking account records: accounts opened the same day as the application, by branch, each month",
        needIds: [need("saturday-accounts")],
      },
      {
        id: "sl-available",
        period: null,
        measure: "Counter system, account opening and branch phones usable during opening hours",
        kind: "percent",
        target: "99.5",
        howMeasured: "Monitoring of the counter system, account opening and branch lines, in opening hours only, each month",
      },
      {
        id: "sl-phones-back",
        period: null,
        measure: "Branch phones working again after a failure in opening hours",
        kind: "minutes",
        target: "15",
        howMeasured: "Telephony supplier's fault log against the branch's call to the service desk",
        needIds: [need("phones-recover")],
      },
      {
        id: "sl-calls-diverted",
        period: null,
        measure: "Calls to a branch whose phones are down that are answered by the contact centre",
        kind: "percent",
        target: "98",
        howMeasured: "Connectra's call records for diverted branch numbers, each month",
        needIds: [need("phones-failover")],
      },
      {
        id: "sl-sat-it-answer",
        period: "saturday-opening",
        measure: "A person answers a branch's call for IT help",
        kind: "minutes",
        target: "5",
        howMeasured: "Saturday support line call records: time from the call connecting to a named engineer answering",
        needIds: [need("saturday-support")],
      },
      {
        id: "sl-sat-fix-started",
        period: "saturday-opening",
        measure: "A fault at the counter, on the phones or in account opening picked up by someone who can fix it",
        kind: "minutes",
        target: "15",
        howMeasured: "Service desk tickets raised on Saturdays: time from the call to the resolver group accepting it",
        needIds: [need("saturday-support")],
      },
      {
        id: "sl-sat-accounts",
        period: "saturday-opening",
        measure: "Accounts opened within 20 minutes on a Saturday",
        kind: "minutes",
        target: "20",
        howMeasured: "Account-opening log for Saturdays only, for 95% of accounts, each month",
        needIds: [need("saturday-accounts")],
      },
      {
        id: "sl-sat-phones",
        period: "saturday-opening",
        measure: "Branch phones working again after a failure on a Saturday",
        kind: "minutes",
        target: "15",
        howMeasured: "Telephony supplier's fault log for Saturdays",
        needIds: [need("phones-recover")],
      },
      {
        id: "sl-sat-doors",
        period: "saturday-opening",
        measure: "A Facilities engineer on the phone or on site for a door entry or alarm fault at opening",
        kind: "minutes",
        target: "30",
        howMeasured: "Facilities on-call log against the branch's call",
        needIds: [need("saturday-building")],
      },
      {
        id: "sl-sat-available",
        period: "saturday-opening",
        measure: "Counter system, account opening and branch phones usable during Saturday opening",
        kind: "percent",
        target: "99.5",
        howMeasured: "Monitoring, Saturday opening hours only, each month",
      },
      {
        id: "sl-monday-transfers",
        period: "monday-peak",
        measure: "Warm transfers from the contact centre that reach a person at the branch",
        kind: "percent",
        target: "95",
        howMeasured: "Connectra's transfer records matched with branch call logs",
        needIds: [need("warm-transfers")],
      },
    ],
    support:
      "Weekdays 08:30–17:30: the IT service desk on 0113 496 0100 (option 1 for branches). Saturdays 08:00–14:00: the Saturday support line on 0113 496 0199, answered by a named engineer who can reach telephony, core banking and Facilities on call. Door entry and alarm faults go to the Facilities on-call number on the branch's opening checklist.",
    escalation:
      "If a fault is not being worked on within 15 minutes, the branch manager calls the service owner, Daniel Price (0113 496 0714). On Saturdays the duty IT manager is next, then the Head of IT Operations. Telephony faults are owned by Gareth Lewis, whatever the cause, until the phones work again.",
    providerCosts:
      "IT carries the Saturday support rota and its overtime, the telephony contract and the diversion of branch numbers, and the cost of spare handsets and desktops held in each region. Branches are not charged for call-outs.",
    providerRisks:
      "IT carries the risk of a supplier failing to meet its part (Northline Telecom, Connectra, the core banking vendor): when a supplier misses its target, IT still owns the fix and tells the branch when to expect it.",
  });
}

/** The change made since version 1, after the first month of Saturday opening: a named duty manager, and what the pilot does not cover. */
function branchBankingRevised(agreed: Definition): Definition {
  return definitionSchema.parse({
    ...agreed,
    scopeOut: [...agreed.scopeOut, { id: "out-other-saturdays", text: "Branches outside the Saturday pilot, on Saturdays." }],
    escalation:
      "If a fault is not being worked on within 15 minutes, the branch manager calls the service owner, Daniel Price (0113 496 0714). On Saturdays the duty IT manager is next, on 07700 900199, then the Head of IT Operations. Telephony faults are owned by Gareth Lewis, whatever the cause, until the phones work again.",
  });
}

function monthEndClose(need: Lookup, unit: Lookup): Definition {
  return definitionSchema.parse({
    purpose: "Lets Finance close the books on time every month: the ledger closed by working day 3 and the board reporting pack produced from it.",
    outcomes: [
      { id: "close-on-time", text: "The close starts on time on working day 1 and the ledger is closed by working day 3, every month.", needIds: [need("extracts-on-time")] },
      { id: "warned-early", text: "When the extracts will be late, the close team knows by 06:30 and re-plans the day before anyone sits waiting.", needIds: [need("extracts-warning")] },
      { id: "no-surprise-changes", text: "Nothing changes in core banking or its extract jobs over month-end without Finance agreeing first.", needIds: [need("month-end-freeze")] },
      { id: "payroll-journal", text: "The payroll journal is in the ledger on working day 1 without anyone re-keying a spreadsheet.", needIds: [need("journal-finance")] },
      { id: "reporting-owner", text: "Finance has one named person to call when the consolidation and reporting tool fails while the board pack is produced.", needIds: [need("reporting-supplier")] },
    ],
    consumers: [{ unitId: unit("FIN"), spokesperson: "David Chen, Financial Controller", note: "The close team and regulatory reporting." }],
    scopeIn: [
      { id: "in-extracts", text: "The core banking extracts and their load into the general ledger.", needIds: [need("extracts-on-time")] },
      { id: "in-journal", text: "The payroll journal from Payroll to the ledger.", needIds: [need("journal-finance")] },
      { id: "in-reporting", text: "The consolidation and reporting tool used for the board pack." },
    ],
    scopeOut: [{ id: "out-year-end", text: "The year-end audit and its own timetable." }],
    hours: {
      summary: "Office hours, from 06:00 on working day 1 during the close",
      timeZone: "Europe/London",
      coverage: [
        { day: "mon", from: "08:00", to: "18:00" },
        { day: "tue", from: "08:00", to: "18:00" },
        { day: "wed", from: "08:00", to: "18:00" },
        { day: "thu", from: "08:00", to: "18:00" },
        { day: "fri", from: "08:00", to: "18:00" },
      ],
      holidays: BANK_HOLIDAYS,
    },
    criticalPeriods: [
      {
        id: "month-end-close",
        name: "Month-end close",
        when: "From two working days before month-end to the end of working day 3",
        needIds: [need("extracts-on-time"), need("month-end-freeze"), need("journal-finance")],
      },
    ],
    serviceLevels: [
      {
        id: "sl-ledger-available",
        period: null,
        measure: "General ledger and reporting tool usable in office hours",
        kind: "percent",
        target: "99.5",
        howMeasured: "Monitoring, office hours only, each month",
      },
      {
        id: "sl-extracts-loaded",
        period: "month-end-close",
        measure: "Core banking extracts loaded into the general ledger",
        kind: "text",
        target: "By 07:00 on working day 1",
        howMeasured: "Ledger load log, each month",
        needIds: [need("extracts-on-time")],
      },
      {
        id: "sl-late-warning",
        period: "month-end-close",
        measure: "Warning to the close team when the extracts will be late, with a time to expect them",
        kind: "text",
        target: "By 06:30 on working day 1",
        howMeasured: "Time of the message to the close team's mailbox",
        needIds: [need("extracts-warning")],
      },
      {
        id: "sl-freeze",
        period: "month-end-close",
        measure: "Changes to core banking or its extracts made without Finance's agreement",
        kind: "count",
        target: "0",
        howMeasured: "Change calendar against Finance's approvals, each month",
        needIds: [need("month-end-freeze")],
      },
    ],
    support: "The IT service desk on 0113 496 0100; from 06:00 on working day 1 the batch team's on-call engineer answers the same number.",
    escalation: "The service owner, Ruth Ellis, then the Head of IT Operations. For the reporting tool, Fiona Campbell raises it with Ledgerline.",
    providerCosts: "IT carries the early batch monitoring on working day 1 and the change freeze's cost to other projects.",
    providerRisks: "IT carries the risk of a late or incomplete extract, and tells Finance when to expect it.",
  });
}

function joiningTheBank(need: Lookup, unit: Lookup): Definition {
  return definitionSchema.parse({
    purpose: "Gets new colleagues ready to work on their first morning: laptop, logins, building pass and a manager who knows what is still missing.",
    outcomes: [
      { id: "ready-day-one", text: "New starters can do their job from day one.", needIds: [need("day-one-ready")] },
      { id: "one-list", text: "HR sees what is still missing for each new starter in one place, before the manager rings.", needIds: [need("access-tracking")] },
      { id: "passes-ready", text: "Facilities has every new starter's pass ready for day one, without a weekly spreadsheet.", needIds: [need("building-passes")] },
    ],
    consumers: [
      { unitId: unit("HR"), spokesperson: "Helen Carter, Head of People Operations", note: "" },
      { unitId: unit("RB"), spokesperson: "", note: "Branch managers receiving new advisers." },
    ],
    criticalPeriods: [{ id: "starter-mondays", name: "New-starter Mondays", when: "The first Monday of each month, when most new colleagues start", needIds: [need("day-one-ready")] }],
    serviceLevels: [
      {
        id: "sl-ready",
        period: "starter-mondays",
        measure: "New starters able to work on their first morning",
        kind: "percent",
        target: "95",
        howMeasured: "HR's first-day check-in with each new starter's manager",
        needIds: [need("day-one-ready")],
      },
    ],
  });
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Demo services: ${what} is missing`);
  return value;
}

/** The last day of the month `months` after the month of `day` (YYYY-MM-DD). */
function monthEnd(day: string, months: number) {
  const [y, m] = day.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + months + 1, 0)).toISOString().slice(0, 10);
}

/** The facts of a demo service, its dates counted from `today`. */
function factsOf(s: DemoService, kind: "business" | "supporting", providerId: string, today: string) {
  let notice: string | null = null;
  let end: string | null = null;
  const term = s.agreement?.term;
  if (term && "noticeInDays" in term) {
    notice = addDays(today, term.noticeInDays);
    end = monthEnd(notice, 3);
  } else if (term) {
    notice = monthEnd(today, term.endsInMonths - term.noticeMonthsBefore);
    end = monthEnd(today, term.endsInMonths);
  }
  return serviceFactsSchema.parse({
    name: s.name,
    kind,
    providerId,
    deliveryModel: s.deliveryModel,
    ownerName: s.owner[0],
    ownerTitle: s.owner[1],
    ownerContact: s.owner[2],
    agreementKind: s.agreement?.kind ?? null,
    agreementReference: s.agreement?.reference ?? "",
    agreementStart: s.agreement?.start ?? null,
    agreementEnd: end,
    agreementRenewalNotice: notice,
    lifecycle: s.lifecycle,
    criticality: s.criticality,
    reviewEveryMonths: s.reviewEveryMonths,
    nextReview: monthEnd(today, s.nextReviewInMonths),
  });
}

/** Waits until the clock has moved past `instant`, so a change made next is recorded as later than it. */
async function after(instant: Date) {
  while (Date.now() <= instant.getTime()) await new Promise((resolve) => setTimeout(resolve, 1));
}

/**
 * Writes the demo's providers, services, dependencies, definitions and versions
 * through the services model, each step in its own transaction.
 */
export async function loadDemoServices(now = new Date()) {
  const today = utcToZoned(now).date;
  const [person] = await db().select({ id: users.id, name: users.name }).from(users).where(eq(users.email, RM));
  const { id: rmId, name: rmName } = must(person, `user ${RM}`);
  const rm: Actor = { ...SYSTEM_ACTOR, id: rmId, name: rmName };

  const unitRows = await db().select({ id: businessUnits.id, code: businessUnits.code }).from(businessUnits);
  const unit = (code: string) => must(unitRows.find((u) => u.code === code)?.id, `unit ${code}`);

  const statements = new Map(DEMO_NEEDS.map((n) => [n.key, n.statement]));
  const live = await db()
    .select({ id: needs.id, statement: needs.statement })
    .from(needs)
    .where(and(inArray(needs.statement, [...statements.values()]), isNull(needs.mergedInto)));
  const need = (key: string) => {
    if (key === DEMO_GAP_NEED) throw new Error(`Demo services: ${key} is the demo's coverage gap and must stay unanswered`);
    const statement = must(statements.get(key), `need ${key}`);
    return must(live.find((n) => n.statement === statement)?.id, `live need ${key}`);
  };

  const providerId = new Map<ProviderKey, string>();
  for (const p of DEMO_PROVIDERS) {
    const input = providerSchema.parse({ name: p.name, kind: p.kind, businessUnitId: p.unit ? unit(p.unit) : null, description: p.description });
    providerId.set(p.key, (await createProvider({ input, actor: rm })).id);
  }
  const provider = (key: ProviderKey) => must(providerId.get(key), `provider ${key}`);

  const serviceId = new Map<string, string>();
  const id = (key: string) => must(serviceId.get(key), `service ${key}`);
  for (const s of DEMO_SUPPORTING) {
    serviceId.set(s.key, (await createService({ input: factsOf(s, "supporting", provider(s.provider), today), actor: rm })).id);
  }
  for (const [from, to] of DEMO_SUPPORTING_DEPENDENCIES) await addDependency({ serviceId: id(from), dependsOnId: id(to), actor: rm });

  const business = (key: BusinessKey) => must(DEMO_BUSINESS.find((b) => b.key === key), `business service ${key}`);
  const createBusiness = async (key: BusinessKey, start: (input: ReturnType<typeof factsOf>) => Promise<{ id: string }>) => {
    const plan = business(key);
    const row = await start(factsOf(plan, "business", provider(plan.provider), today));
    serviceId.set(key, row.id);
    for (const to of plan.dependsOn) await addDependency({ serviceId: row.id, dependsOnId: id(to), actor: rm });
    return row.id;
  };

  // Branch Banking: drafted from the Saturday and telephone needs, written out in full, agreed as version 1.
  const branch = await createBusiness("branch-banking", (input) => draftFromNeeds({ input, needIds: BRANCH_BANKING_FROM.map(need), actor: rm }));
  const agreed = branchBanking(need, unit);
  const { revision } = await saveDraft({ id: branch, revision: 1, definition: agreed, actor: rm });
  const version = await createVersion({ id: branch, actor: rm });

  // Month-end Close: written directly, agreed as version 1, unchanged since.
  const close = await createBusiness("month-end", (input) => createService({ input, definition: monthEndClose(need, unit), actor: rm }));
  await createVersion({ id: close, actor: rm });

  // Joining the Bank: drafted from the new-starter needs and still in design, with no version yet.
  const joining = await createBusiness("joining", (input) => draftFromNeeds({ input, needIds: JOINING_FROM.map(need), actor: rm }));
  await saveDraft({ id: joining, revision: 1, definition: joiningTheBank(need, unit), actor: rm });

  // Branch Banking's draft moves on from version 1: the portfolio shows it ahead.
  const [frozen] = await db().select({ at: serviceVersions.createdAt }).from(serviceVersions).where(eq(serviceVersions.id, version.id));
  await after(must(frozen, "Branch Banking's version 1").at);
  await saveDraft({ id: branch, revision, definition: branchBankingRevised(agreed), actor: rm });

  return { providers: providerId.size, services: serviceId.size };
}
