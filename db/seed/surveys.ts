/**
 * The demo workspace's surveys, dated from today so the story stays current.
 *
 * "Facilities and workplace pulse": anonymous, sent by Tom Okafor to everyone in every unit about
 * six weeks ago and closed about two weeks ago. Most answered in the first days, a reminder went
 * round after a fortnight, and 40 of the 48 people asked sent their answers (3 more started and
 * stopped). Their words repeat a few themes an RM would quote: meeting rooms booked but empty, cold
 * branch back offices, Saturday opening with the heating off and nobody answering the Facilities
 * line. Three passages are already evidence behind existing needs, attributed to no one.
 *
 * "Hybrid working tools check-in": named, sent by Hannah Weiss to twelve of the people the RMs
 * interview, opened five days ago and closing in nine; half have sent their answers, two started,
 * four have not begun, and two were reminded two days ago.
 *
 * Surveys, invitees, links, mail and reminders go through the survey model (so every link works
 * and is kept only hashed); the responses are written directly, as submitResponse would leave
 * them, because they are dated in the past. The closed survey's mail is recorded as sent on the
 * days it went out, so a fresh demo does not deliver stale invitations; the open survey's mail is
 * queued like any new survey's. Runs after loadDemoReviews().
 */
import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import {
  answers,
  businessUnits,
  evidence,
  guideVersions,
  interviewGuides,
  interviews,
  interviewStakeholders,
  mailMessages,
  needEvidence,
  needs,
  stakeholders,
  surveyInvitees,
  surveys,
  users,
} from "../schema";
import { db, type Tx } from "../../app/db.server";
import { answerValuesOf, checkSave, progressOf, visibleQuestionIds } from "../../app/domain/answers";
import { locateQuote, parseTags, sourceTextOf } from "../../app/domain/evidence";
import { addDays, zonedToUtc } from "../../app/domain/interview";
import { allQuestions, guideContentSchema, type CriticalPeriod, type GuideContent } from "../../app/domain/guide";
import type { StakeholderLevel } from "../../app/domain/stakeholder";
import { surveySchema } from "../../app/domain/survey";
import { SYSTEM_ACTOR, appendAudit, type Actor } from "../../app/models/audit.server";
import { forgetNeedFacets } from "../../app/models/need-facet-cache.server";
import { refreshNeedSupport } from "../../app/models/need-support.server";
import { createSurvey, remindInvitees, todayUtc } from "../../app/models/survey.server";
import { type UnitCode } from "./demo-users";
import { HYBRID_TOOLS_GUIDE, WORKPLACE_PULSE_GUIDE } from "./guides";
import { DEMO_NEEDS } from "./needs";

export const DEMO_CLOSED_SURVEY = "Facilities and workplace pulse";
export const DEMO_OPEN_SURVEY = "Hybrid working tools check-in";

/** Days before today each survey opened and closes (negative: in the past). */
const PULSE_OPENED = -42;
const PULSE_CLOSED = -14;
/** Days after the pulse opened when Tom reminded everyone who had not sent their answers. */
const PULSE_REMINDED = 14;
const TOOLS_OPENED = -5;
const TOOLS_CLOSES = 9;
const TOOLS_REMINDED = -2;

/** Staff who are not otherwise in the story, asked with everyone else in the workplace pulse. */
export const DEMO_SURVEY_PEOPLE: { name: string; title: string; level: StakeholderLevel; unit: UnitCode }[] = [
  { name: "Gemma Walsh", title: "Customer Adviser, Leeds Briggate", level: "front_line", unit: "RB" },
  { name: "Daniel Okoro", title: "Personal Banker, Harrogate", level: "front_line", unit: "RB" },
  { name: "Sophie Clarke", title: "Cashier, York Coney Street", level: "front_line", unit: "RB" },
  { name: "Liam Doyle", title: "Branch Manager, Sheffield Fargate", level: "manager", unit: "RB" },
  { name: "Zara Hussain", title: "Mortgage Adviser, Bradford", level: "specialist", unit: "RB" },
  { name: "Tomasz Wiśniewski", title: "Customer Service Lead, Manchester King Street", level: "front_line", unit: "RB" },
  { name: "Ruth Evans", title: "Branch Manager, Chester", level: "manager", unit: "RB" },
  { name: "Callum Reid", title: "Customer Adviser, Saturday team, Leeds", level: "front_line", unit: "RB" },
  { name: "Imogen Price", title: "Area Support Manager, North", level: "manager", unit: "RB" },
  { name: "Joseph Appiah", title: "Cashier, Wakefield", level: "front_line", unit: "RB" },
  { name: "Oliver Grant", title: "Management Accountant", level: "specialist", unit: "FIN" },
  { name: "Rebecca Shaw", title: "Accounts Payable Supervisor", level: "manager", unit: "FIN" },
  { name: "Hamid Karimi", title: "Treasury Analyst", level: "specialist", unit: "FIN" },
  { name: "Lucy Fraser", title: "Financial Accountant", level: "specialist", unit: "FIN" },
  { name: "Martin Hughes", title: "Finance Director", level: "executive", unit: "FIN" },
  { name: "Jade Thompson", title: "Accounts Assistant", level: "front_line", unit: "FIN" },
  { name: "Anna Kowalczyk", title: "HR Adviser", level: "specialist", unit: "HR" },
  { name: "Simon Barker", title: "Learning and Development Manager", level: "manager", unit: "HR" },
  { name: "Maya Desai", title: "Recruitment Coordinator", level: "front_line", unit: "HR" },
  { name: "Gareth Lloyd", title: "Reward Specialist", level: "specialist", unit: "HR" },
  { name: "Nicola Firth", title: "HR Business Partner, Retail", level: "senior_manager", unit: "HR" },
  { name: "Steve Marsh", title: "Maintenance Supervisor, North", level: "manager", unit: "FAC" },
  { name: "Kerry Pearson", title: "Reception and Security Lead, Head Office", level: "front_line", unit: "FAC" },
  { name: "Ian Brooks", title: "Energy and Environment Manager", level: "specialist", unit: "FAC" },
  { name: "Farah Siddiqui", title: "Workplace Planner", level: "specialist", unit: "FAC" },
  { name: "Charlotte Webb", title: "Campaign Manager", level: "manager", unit: "MKT" },
  { name: "Ryan Cooper", title: "Digital Content Designer", level: "specialist", unit: "MKT" },
  { name: "Amelia Ford", title: "Brand Coordinator", level: "front_line", unit: "MKT" },
  { name: "Nathan Ellis", title: "Customer Insight Analyst", level: "specialist", unit: "MKT" },
  { name: "Dominic Hale", title: "Service Desk Team Leader", level: "manager", unit: "IT" },
  { name: "Priyanka Rao", title: "Network Engineer", level: "specialist", unit: "IT" },
  { name: "Owen Jenkins", title: "Desktop Support Technician", level: "front_line", unit: "IT" },
  { name: "Fatima Ali", title: "Head of IT Operations", level: "senior_manager", unit: "IT" },
  { name: "Marcus Bell", title: "Applications Support Analyst", level: "specialist", unit: "IT" },
  { name: "Ellie Morgan", title: "Service Desk Analyst", level: "front_line", unit: "IT" },
];

const emailOf = (name: string) =>
  `${name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]+/g, ".")}@meridian.example`;

/** One person's answers to a survey: sent on `day` (days after it opened), or started then and left. */
export interface DemoResponse {
  who: string;
  day: number;
  sent: boolean;
  answers: Record<string, unknown>;
}

const period = (name: string, when: string, affects: string, impact: CriticalPeriod["impact"]): CriticalPeriod => ({ name, when, affects, impact });

const SATURDAY = period("Saturday opening", "Every Saturday, 8:30 to 13:30", "Branch counters and the back office: heating, alarms and door entry", "high");
const MONTH_END = period("Month-end close", "The last working day and the first three of each month", "Late working on the 4th floor: heating, lights and building access after 18:00", "high");
const WINTER = period("First cold snap of winter", "November to February", "Branch back offices, before the heating catches up", "medium");

const PRIORITIES = (WORKPLACE_PULSE_GUIDE.content.sections.flatMap((s) => s.questions).find((q) => q.id === "q-priorities")!.settings as { options: { value: string }[] }).options.map((o) => o.value);

/** A whole ranking from someone's first choices: the rest follow in an order that varies from person to person. */
function ranking(who: string, top: string[]) {
  const rest = PRIORITIES.filter((p) => !top.includes(p));
  const turn = [...who].reduce((n, c) => n + c.charCodeAt(0), 0) % rest.length;
  return [...top, ...rest.slice(turn), ...rest.slice(0, turn)];
}

interface Pulse {
  overall: number;
  way: "office" | "hybrid" | "remote";
  days?: number;
  used?: string[];
  other?: string;
  top?: string[];
  periods?: CriticalPeriod[];
  disrupted?: boolean;
  happened?: string;
  change?: string;
}

function pulse(who: string, day: number, a: Pulse, sent = true): DemoResponse {
  const out: Record<string, unknown> = { "q-overall": a.overall, "q-way-of-working": a.way };
  if (a.days !== undefined) out["q-days-in"] = a.days;
  if (a.used) out["q-facilities-used"] = { selected: a.used, other: a.other ?? "" };
  if (a.top) out["q-priorities"] = ranking(who, a.top);
  if (a.change) out["q-one-change"] = a.change;
  if (a.periods?.length) out["q-critical-periods"] = a.periods;
  if (a.disrupted !== undefined) out["q-disrupted"] = a.disrupted;
  if (a.happened) out["q-what-happened"] = a.happened;
  return { who, day, sent, answers: out };
}

/** The workplace pulse: 40 sent, 3 started and left; Rajesh Patel, Callum Reid, Martin Hughes, Kwame Asante and Owen Jenkins never opened it. */
export const PULSE_RESPONSES: DemoResponse[] = [
  // Retail Banking: the branches.
  pulse("Samuel Adeyemi", 0, {
    overall: 2,
    way: "office",
    days: 6,
    used: ["back-office", "desk", "kitchen"],
    top: ["heating", "accessibility"],
    periods: [SATURDAY],
    disrupted: true,
    happened: "One Saturday last month the door entry system wouldn't read anyone's pass at 8:15. We got in through the fire exit once the keyholder arrived and opened twenty minutes late.",
    change: "The heating timer is set for Monday to Friday. On Saturdays it's about 13 degrees in the back office until lunchtime. Put Saturday on the timer.",
  }),
  pulse("Olivia Bennett", 1, {
    overall: 2,
    way: "office",
    days: 5,
    used: ["desk", "back-office", "meeting-rooms", "car-park"],
    top: ["heating", "accessibility", "parking"],
    periods: [period("Saturday opening", "Every Saturday across the North region", "Whether branches can open on time, warm and secure", "severe"), WINTER],
    disrupted: true,
    happened:
      "In the last cold spell the heating failed at one of my branches for most of a week. Staff were serving customers in their coats and I had to send two people home. It was logged with the Facilities helpdesk on the Monday and an engineer came on the Thursday.",
    change: "Heating in branch back offices that is on when staff are in, Saturdays included. Most of our back offices are colder than the banking hall because the thermostat is out front.",
  }),
  pulse("Liam Doyle", 1, {
    overall: 3,
    way: "office",
    days: 5,
    used: ["desk", "back-office", "meeting-rooms"],
    top: ["meeting-rooms", "quiet-space", "heating"],
    periods: [SATURDAY],
    disrupted: false,
    change: "A room in the branch where I can have a private conversation with a customer or a colleague. Our interview room has become a store room because there's nowhere else for the leaflets.",
  }),
  pulse("Chloe Turner", 2, {
    overall: 2,
    way: "office",
    days: 5,
    used: ["back-office", "kitchen", "lockers"],
    top: ["heating", "canteen"],
    periods: [period("Saturday opening", "Saturdays from 8:00", "Getting in, the alarm and a warm back office", "severe")],
    disrupted: true,
    happened: "Most Saturdays once it turns cold. The heating is off at weekends so the back office is freezing until about eleven. We've got a fan heater that Facilities keep telling us to get rid of.",
    change: "Heating on for Saturday opening. It's not much to ask.",
  }),
  pulse("Gemma Walsh", 3, {
    overall: 3,
    way: "office",
    days: 5,
    used: ["back-office", "kitchen", "lockers"],
    top: ["heating", "canteen", "accessibility"],
    disrupted: false,
    change: "A proper staff kitchen. We've got a kettle and a microwave on top of a filing cabinet.",
  }),
  pulse("Zara Hussain", 4, {
    overall: 3,
    way: "hybrid",
    days: 3,
    used: ["quiet-rooms", "desk"],
    top: ["quiet-space", "desk-booking", "meeting-rooms"],
    disrupted: true,
    happened:
      "The mortgage room was double-booked twice in one week by someone from the area office, and I had to take a customer through affordability at a desk in the banking hall. Not what you want when you're discussing someone's income.",
    change: "A mortgage room that can't be booked over by people who aren't seeing customers.",
  }),
  pulse("Daniel Okoro", 5, {
    overall: 2,
    way: "office",
    days: 5,
    used: ["back-office", "car-park"],
    other: "",
    top: ["parking", "heating"],
    periods: [period("Saturday opening", "Saturday mornings", "Getting in and opening on time", "medium")],
    disrupted: true,
    happened: "Our back office sat at 14 degrees for three weeks. We raised it three times. In the end someone from the area office brought a heater in their car.",
    change: "Somewhere to park near the branch. We pay £9 a day at the town centre car park.",
  }),
  pulse("Ruth Evans", 9, {
    overall: 3,
    way: "office",
    days: 5,
    used: ["desk", "back-office", "meeting-rooms", "car-park"],
    top: ["heating", "parking", "meeting-rooms"],
    periods: [SATURDAY, WINTER],
    disrupted: false,
    change: "Back office heating. It's the same story every winter and every year we're told it's on the list.",
  }),
  pulse("Sophie Clarke", 14, {
    overall: 1,
    way: "office",
    days: 6,
    used: ["back-office", "lockers"],
    top: ["heating", "accessibility", "canteen"],
    periods: [period("Saturday opening", "Saturdays from 8:00", "The alarm, door entry and heating at opening", "severe")],
    disrupted: true,
    happened:
      "Two Saturdays running the alarm would not unset at opening and the Facilities out-of-hours line went to voicemail. The second time we stood outside with customers waiting until the keyholder got there from Selby. Saturday is our busiest morning and it is the one day nobody picks up.",
  }),
  pulse("Tomasz Wiśniewski", 16, {
    overall: 3,
    way: "office",
    days: 5,
    used: ["back-office", "kitchen", "cycle-store", "lockers"],
    top: ["accessibility", "heating"],
    periods: [period("Saturday opening", "Saturdays", "Step-free access for customers", "medium")],
    disrupted: true,
    happened:
      "The step-free entrance has been out of order for months. Customers in wheelchairs have to ring the bell and we bring them round through the loading bay, which is embarrassing for everyone.",
    change: "Fix the ramp door, please.",
  }),
  pulse("Imogen Price", 20, {
    overall: 3,
    way: "hybrid",
    days: 3,
    used: ["desk", "meeting-rooms", "car-park", "kitchen"],
    top: ["meeting-rooms", "desk-booking", "parking"],
    periods: [period("Saturday opening", "Saturdays across the region", "Whether branches can open on time", "high")],
    disrupted: false,
    change:
      "I visit six branches and the area office. At the area office the meeting rooms are booked solid all week, but walk past any of them and half are empty. If nobody checks into a room within 15 minutes it should be released.",
  }),

  // Finance: head office, the month-end close and the year-end audit.
  pulse("Mark Davies", 0, {
    overall: 2,
    way: "hybrid",
    days: 3,
    used: ["desk", "meeting-rooms", "kitchen"],
    top: ["heating", "canteen", "meeting-rooms"],
    periods: [period("Month-end close", "Working days 1 to 3, often until 21:00", "The 4th floor after hours: heating, lights and the lifts", "high")],
    disrupted: true,
    happened:
      "At the quarter-end close the heating and the lifts went onto their night setting at 18:30 while eight of us were still reconciling. Security had to override it floor by floor and the lights kept going off.",
    change: "Somebody to tell the building management system that Finance works late three days a month.",
  }),
  pulse("Oliver Grant", 1, {
    overall: 4,
    way: "hybrid",
    days: 2,
    used: ["desk", "meeting-rooms", "cycle-store"],
    top: ["desk-booking", "quiet-space"],
    periods: [period("Month-end close", "First three working days", "Somewhere to sit near the rest of the team", "medium")],
    disrupted: false,
    change: "The showers by the cycle store. Two of the three have been broken for months.",
  }),
  pulse("Fiona Campbell", 2, {
    overall: 3,
    way: "hybrid",
    days: 3,
    used: ["desk", "meeting-rooms", "kitchen", "car-park"],
    top: ["meeting-rooms", "quiet-space", "heating"],
    periods: [MONTH_END, period("Year-end audit", "January to mid-February", "Meeting rooms for the external auditors", "medium")],
    disrupted: false,
    change: "Meeting rooms on the 4th floor that are free when the booking system says they're taken. Recurring bookings should lapse when nobody turns up.",
  }),
  pulse("Hamid Karimi", 3, {
    overall: 5,
    way: "hybrid",
    days: 3,
    used: ["desk", "meeting-rooms", "quiet-rooms"],
    top: ["quiet-space", "meeting-rooms"],
    periods: [period("Daily liquidity cut-off", "Every working day, 14:00 to 16:30", "The treasury desk: power and the network", "severe")],
    disrupted: false,
    change: "Nothing major. A second screen on every hot desk would help; half of them only have one.",
  }),
  pulse("Aisha Rahman", 6, {
    overall: 3,
    way: "hybrid",
    days: 2,
    used: ["desk", "quiet-rooms"],
    top: ["quiet-space", "desk-booking", "meeting-rooms"],
    periods: [period("Regulatory reporting deadlines", "The ten working days after each quarter end", "Somewhere quiet to concentrate", "medium")],
    disrupted: false,
    change: "More quiet rooms. On office days the open plan is loud and the two focus booths on our floor are always taken by someone on a call.",
  }),
  pulse("Jade Thompson", 8, {
    overall: 4,
    way: "hybrid",
    days: 3,
    used: ["desk", "kitchen", "lockers"],
    top: ["canteen", "desk-booking"],
    disrupted: false,
    change: "Lockers you can keep. On office days I get one in the morning and have to clear it every night.",
  }),
  pulse("Rebecca Shaw", 15, {
    overall: 3,
    way: "office",
    days: 5,
    used: ["desk", "kitchen", "car-park"],
    top: ["parking", "canteen"],
    periods: [period("Month-end close", "The last two working days of the month", "Payment runs: the building open late and the printers working", "high")],
    disrupted: true,
    happened: "The car park barrier was broken for a week last month and everyone parked on the road. Two of my team got tickets.",
    change: "The canteen closes at 2pm. At month-end we're here until 8 and there's nothing but the vending machine.",
  }),
  pulse("Lucy Fraser", 22, {
    overall: 3,
    way: "hybrid",
    days: 2,
    used: ["desk", "meeting-rooms", "kitchen"],
    top: ["meeting-rooms", "desk-booking"],
    periods: [period("Year-end audit", "January to mid-February", "A room for the auditors, who need one for three weeks", "high"), MONTH_END],
    disrupted: true,
    happened:
      "At the last year-end audit the auditors were moved rooms four times because their room kept being booked over. We lost most of a morning each time finding them somewhere and moving the files.",
    change: "Let us reserve a room for the auditors for the whole audit, and stop people booking rooms for a whole day just in case.",
  }),

  // HR.
  pulse("Laura Kim", 2, {
    overall: 3,
    way: "hybrid",
    days: 3,
    used: ["desk", "meeting-rooms", "quiet-rooms"],
    top: ["quiet-space", "meeting-rooms", "accessibility"],
    periods: [period("Payroll week", "The week before payday on the 25th", "Quiet rooms for confidential calls", "medium")],
    disrupted: false,
    change:
      "Somewhere private for difficult conversations. I've had to hold a disciplinary meeting in a glass room everyone walks past, because both interview rooms were booked. Nobody was in either of them.",
  }),
  pulse("Simon Barker", 5, {
    overall: 2,
    way: "hybrid",
    days: 2,
    used: ["meeting-rooms", "desk", "car-park"],
    top: ["meeting-rooms", "accessibility", "parking"],
    periods: [period("New starter induction", "The first Monday of each month", "The training room, and building passes for new starters", "high")],
    disrupted: true,
    happened:
      "A new starter's pass wasn't ready on her first day, so she spent the morning in reception and I signed her in as a visitor for the rest of the week. It happens most months.",
    change: "The ground floor training room gets taken for other meetings on induction days, even though we book it months ahead.",
  }),
  pulse("Nicola Firth", 10, {
    overall: 3,
    way: "hybrid",
    days: 3,
    used: ["desk", "meeting-rooms", "car-park", "back-office"],
    top: ["heating", "meeting-rooms", "accessibility"],
    periods: [period("Saturday opening", "Saturdays", "Branch staff wellbeing: a cold back office becomes a complaint to HR", "medium")],
    disrupted: false,
    change: "I get more complaints from branch staff about cold back offices than about anything else. It has become a wellbeing issue, not just a facilities one.",
  }),
  pulse("Peter Novak", 12, {
    overall: 3,
    way: "hybrid",
    days: 3,
    used: ["desk", "quiet-rooms", "kitchen"],
    top: ["quiet-space", "desk-booking"],
    periods: [period("Payroll week", "From the 18th to payday on the 25th", "Building access and somewhere to take confidential calls", "high")],
    disrupted: false,
    change: "Desk booking that lets payroll sit together. In payroll week we end up spread across the floor.",
  }),
  pulse("Anna Kowalczyk", 17, {
    overall: 4,
    way: "hybrid",
    days: 2,
    used: ["desk", "meeting-rooms", "kitchen"],
    top: ["meeting-rooms", "quiet-space"],
    disrupted: false,
    change: "Better sound in the meeting rooms. Half the time the person at home can't hear the room.",
  }),
  pulse("Gareth Lloyd", 26, {
    overall: 4,
    way: "remote",
    days: 1,
    used: ["desk", "meeting-rooms"],
    top: ["desk-booking", "parking"],
    disrupted: false,
    change: "Mostly fine for me. When I do come in there's never a desk near my team.",
  }),

  // Facilities: the people who run the buildings answer too.
  pulse("Nadia Haddad", 3, {
    overall: 3,
    way: "hybrid",
    days: 3,
    used: ["desk", "meeting-rooms", "car-park", "back-office"],
    top: ["heating", "accessibility", "meeting-rooms"],
    periods: [SATURDAY, period("First cold snap of winter", "November to February", "Branch heating: every boiler fault comes at once", "high")],
    disrupted: true,
    happened:
      "We had three branch heating failures in one week of the last cold snap and one engineer covering the whole North. The contractor's Saturday cover is call-out only, so a fault at 8am on a Saturday is fixed on Monday.",
    change: "Remote control of branch heating, so we can put Saturdays on the schedule centrally instead of relying on someone in the branch to change a timer.",
  }),
  pulse("Farah Siddiqui", 6, {
    overall: 3,
    way: "hybrid",
    days: 3,
    used: ["desk", "meeting-rooms", "quiet-rooms"],
    top: ["meeting-rooms", "desk-booking", "quiet-space"],
    disrupted: false,
    change:
      "Our sensors say the head office meeting rooms are booked 85% of the day and occupied about 40%. We don't need more rooms: we need the booking system to release the ones nobody turns up to.",
  }),
  pulse("Ben Harris", 7, {
    overall: 4,
    way: "office",
    days: 5,
    used: ["desk", "kitchen", "lockers", "car-park"],
    top: ["desk-booking", "meeting-rooms"],
    periods: [period("Monday mornings", "Every Monday, 8:00 to 10:00", "Desks and meeting rooms: everyone comes in on a Monday", "medium")],
    disrupted: false,
    change: "Half the meeting room bookings I see are recurring meetings that stopped happening months ago. Releasing no-shows would free up a lot of rooms.",
  }),
  pulse("Kerry Pearson", 11, {
    overall: 4,
    way: "office",
    days: 5,
    used: ["desk", "kitchen", "lockers"],
    top: ["accessibility", "parking"],
    periods: [period("Year-end audit", "January", "Visitor passes for the auditors", "low")],
    disrupted: true,
    happened: "The front lift at head office was out for three weeks. A colleague who uses a wheelchair had to work from home the whole time because the goods lift isn't safe for passengers.",
    change: "A second accessible lift at head office.",
  }),
  pulse("Steve Marsh", 19, {
    overall: 3,
    way: "office",
    days: 5,
    used: ["back-office", "car-park"],
    other: "The van",
    top: ["heating", "accessibility"],
    periods: [WINTER],
    disrupted: false,
    change: "The budget to replace the boilers at the older branches instead of patching them every winter.",
  }),
  pulse("Ian Brooks", 24, {
    overall: 4,
    way: "hybrid",
    days: 3,
    used: ["desk", "meeting-rooms", "cycle-store"],
    top: ["heating", "quiet-space"],
    disrupted: false,
    change: "Fewer rooms heated and lit all day for meetings that never happen. Booked-but-empty rooms cost us energy as well as space.",
  }),

  // Marketing.
  pulse("Elena Rossi", 4, {
    overall: 3,
    way: "hybrid",
    days: 3,
    used: ["desk", "meeting-rooms", "kitchen"],
    top: ["meeting-rooms", "quiet-space"],
    periods: [period("Campaign launches", "Launch weeks, about six a year", "The large meeting room and the studio", "high")],
    disrupted: false,
    change: "One room that can take the whole team for a campaign launch. At the moment we split across two rooms and a call.",
  }),
  pulse("Nathan Ellis", 9, {
    overall: 3,
    way: "hybrid",
    days: 1,
    used: ["desk"],
    other: "The library on the 2nd floor",
    top: ["quiet-space", "desk-booking"],
    disrupted: false,
    change: "Desk booking shows desks as free that have someone's monitor, mug and photos on them. People treat hot desks as their own.",
  }),
  pulse("Charlotte Webb", 13, {
    overall: 3,
    way: "hybrid",
    days: 2,
    used: ["desk", "meeting-rooms"],
    top: ["meeting-rooms", "desk-booking"],
    periods: [period("Campaign launches", "Launch week, about six times a year", "The big meeting room and the studio", "high")],
    disrupted: true,
    happened: "In the week of our last savings launch our room was taken by a workshop booked for the wrong week. We ran the launch stand-up in the canteen.",
    change: "Rooms that release themselves when nobody turns up.",
  }),
  pulse("Amelia Ford", 21, {
    overall: 4,
    way: "hybrid",
    days: 3,
    used: ["desk", "kitchen", "cycle-store"],
    top: ["canteen", "quiet-space"],
    disrupted: false,
    change: "Better coffee, honestly. And somewhere to eat that isn't your desk.",
  }),

  // IT.
  pulse("Dominic Hale", 1, {
    overall: 3,
    way: "office",
    days: 5,
    used: ["desk", "meeting-rooms", "kitchen"],
    top: ["heating", "quiet-space"],
    periods: [
      period("Monday mornings", "Every Monday, 7:30 to 10:00", "The service desk floor: phones, power and air conditioning", "high"),
      period("Month-end close", "The first working day of the month", "The service desk, when calls from Finance double", "medium"),
    ],
    disrupted: true,
    happened: "The air conditioning on the service desk floor failed on a hot Monday. It was 29 degrees by eleven and two people went home with headaches.",
    change: "Air conditioning that copes in summer. We're on the south side of the building.",
  }),
  pulse("Fatima Ali", 10, {
    overall: 3,
    way: "hybrid",
    days: 3,
    used: ["desk", "meeting-rooms"],
    top: ["meeting-rooms", "quiet-space"],
    periods: [period("Month-end close", "Working days 1 to 3", "The comms rooms and head office: power and cooling", "severe")],
    disrupted: false,
    change: "Meetings with half the people at home shouldn't start with ten minutes of 'can you hear us?'. Sort out the kit in the meeting rooms, or let IT do it.",
  }),
  pulse("Ellie Morgan", 14, {
    overall: 3,
    way: "office",
    days: 5,
    used: ["desk", "kitchen", "lockers", "cycle-store"],
    top: ["canteen", "heating"],
    disrupted: false,
    change: "A kitchen on our floor. The service desk can't all go down to the canteen at once.",
  }),
  pulse("Priyanka Rao", 18, {
    overall: 4,
    way: "hybrid",
    days: 3,
    used: ["desk", "meeting-rooms", "car-park"],
    top: ["parking", "desk-booking"],
    periods: [period("Change weekends", "Saturday nights, about once a month", "Out-of-hours access to the building and the comms rooms", "high")],
    disrupted: true,
    happened: "On a change weekend my pass didn't open the comms room and security had no record of the access request. We started the change two hours late.",
  }),
  pulse("Marcus Bell", 25, {
    overall: 5,
    way: "remote",
    days: 1,
    used: ["desk"],
    top: ["desk-booking", "parking"],
    disrupted: false,
  }),

  // Started and never sent.
  pulse("Joseph Appiah", 2, { overall: 2, way: "office", days: 5 }, false),
  pulse("Maya Desai", 15, { overall: 3, way: "hybrid", days: 3, used: ["desk", "meeting-rooms"] }, false),
  pulse("Ryan Cooper", 23, { overall: 4, way: "hybrid" }, false),
];

/** Passages of the pulse's answers kept as evidence for needs the interviews found: nobody is named. */
export const PULSE_EVIDENCE: { who: string; item: string; text: string; need: string; tags: string[] }[] = [
  {
    who: "Sophie Clarke",
    item: "q-what-happened",
    text: "Two Saturdays running the alarm would not unset at opening and the Facilities out-of-hours line went to voicemail.",
    need: "saturday-building",
    tags: ["saturday", "facilities", "alarm"],
  },
  {
    who: "Nadia Haddad",
    item: "q-what-happened",
    text: "The contractor's Saturday cover is call-out only, so a fault at 8am on a Saturday is fixed on Monday.",
    need: "saturday-building",
    tags: ["saturday", "facilities"],
  },
  {
    who: "Simon Barker",
    item: "q-what-happened",
    text: "A new starter's pass wasn't ready on her first day, so she spent the morning in reception and I signed her in as a visitor for the rest of the week.",
    need: "building-passes",
    tags: ["new starters", "building passes"],
  },
];

const tools = (who: string, day: number, answers: Record<string, unknown>, sent = true): DemoResponse => ({ who, day, sent, answers });

/** The hybrid tools check-in: six sent, two started; Olivia Bennett, Rajesh Patel, Ben Harris and Kwame Asante have not begun. */
export const TOOLS_RESPONSES: DemoResponse[] = [
  tools("Laura Kim", 0, {
    "q-tools-rating": 4,
    "q-tools-used": { selected: ["laptop", "headset", "teams", "remote-access"], other: "" },
    "q-connection-drops": "never",
    "q-rooms-work": true,
    "q-fix-first": "Headsets for new starters on their first day. At the moment they borrow ours.",
  }),
  tools("Mark Davies", 0, {
    "q-tools-rating": 2,
    "q-tools-used": { selected: ["laptop", "teams", "remote-access", "dock"], other: "" },
    "q-connection-drops": "weekly",
    "q-rooms-work": false,
    "q-rooms-detail": "Any of the small rooms on the 4th floor: there's no camera, so we huddle round a laptop.",
    "q-fix-first": "Remote access that doesn't drop at 5pm on working day 1, when everyone is pulling the ledger extracts at once.",
  }),
  tools("Fiona Campbell", 1, {
    "q-tools-rating": 3,
    "q-tools-used": { selected: ["laptop", "headset", "teams", "remote-access", "dock"], other: "" },
    "q-connection-drops": "monthly",
    "q-rooms-work": false,
    "q-rooms-detail": "The 4th floor boardroom. The camera points at the screen, not the table, and people at home can't hear anyone at the far end.",
    "q-fix-first": "The boardroom's video kit, before the year-end audit meetings start.",
  }),
  tools("Elena Rossi", 2, {
    "q-tools-rating": 3,
    "q-tools-used": { selected: ["laptop", "headset", "teams", "remote-access", "printing"], other: "" },
    "q-connection-drops": "monthly",
    "q-rooms-work": false,
    "q-rooms-detail": "The large room on the 2nd floor. The microphone picks up the air conditioning better than the people.",
    "q-fix-first": "One standard set-up in every meeting room, so we don't spend the first ten minutes looking for the right cable.",
  }),
  tools("Nadia Haddad", 3, {
    "q-tools-rating": 3,
    "q-tools-used": { selected: ["laptop", "teams", "remote-access", "softphone"], other: "" },
    "q-connection-drops": "weekly",
    "q-rooms-work": true,
    "q-fix-first": "Getting online when I visit a branch. The guest wi-fi won't let my laptop connect and there's never a free network point in the back office.",
  }),
  tools("Samuel Adeyemi", 4, {
    "q-tools-rating": 2,
    "q-tools-used": { selected: ["laptop", "softphone", "printing"], other: "" },
    "q-connection-drops": "weekly",
    "q-rooms-work": false,
    "q-rooms-detail": "The branch meeting room has no screen or camera at all. For the weekly area call we sit round my laptop.",
    "q-fix-first": "A softphone that rings on my laptop when I'm out of the branch, so the branch line doesn't just ring out.",
  }),
  tools("Aisha Rahman", 1, { "q-tools-rating": 3, "q-tools-used": { selected: ["laptop", "teams", "remote-access", "dock"], other: "" } }, false),
  tools("Peter Novak", 2, { "q-tools-rating": 4 }, false),
];

const TOOLS_INVITED = [
  "Olivia Bennett",
  "Samuel Adeyemi",
  "Rajesh Patel",
  "Fiona Campbell",
  "Mark Davies",
  "Aisha Rahman",
  "Laura Kim",
  "Peter Novak",
  "Nadia Haddad",
  "Ben Harris",
  "Elena Rossi",
  "Kwame Asante",
];
const TOOLS_REMINDED_PEOPLE = ["Rajesh Patel", "Peter Novak"];

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`Demo surveys: no ${what}`);
  return value;
}

/** A stable time of day for a person's answers, so the demo reads the same on every load. */
function timeOf(who: string, day: number) {
  const n = [...who].reduce((sum, c) => sum + c.charCodeAt(0), 0) + day * 7;
  return `${String(9 + (n % 9)).padStart(2, "0")}:${String(n % 60).padStart(2, "0")}`;
}

interface SurveyFacts {
  id: string;
  title: string;
  anonymous: boolean;
  guideVersionId: string;
  content: GuideContent;
  owner: Actor & { id: string };
  opensOn: string;
}

type Invitee = { id: string; stakeholderId: string; unitId: string; unitName: string };

/** Checks a response as the runner and submitResponse would: each answer fits its question, is shown, and a sent one has every required answer. */
function checkResponse(content: GuideContent, r: DemoResponse): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [item, value] of Object.entries(r.answers)) {
    const checked = checkSave(content, { kind: "answer", item, value });
    if (!checked.ok) throw new Error(`Demo surveys: ${r.who}'s answer to ${item}: ${checked.message}`);
    values[item] = checked.value;
  }
  const shown = visibleQuestionIds(content, r.answers);
  const hidden = Object.keys(r.answers).filter((q) => !shown.has(q));
  if (hidden.length) throw new Error(`Demo surveys: ${r.who} answered ${hidden.join(", ")}, which they would not be shown`);
  const { missing } = progressOf(content, answerValuesOf(Object.entries(r.answers).map(([item, value]) => ({ kind: "answer" as const, item, value }))));
  if (r.sent && missing.length) throw new Error(`Demo surveys: ${r.who} could not have sent their answers without ${missing.map((m) => m.questionId).join(", ")}`);
  return values;
}

/**
 * Writes responses as the respondent side leaves them: an interview for each (in progress, or
 * completed and dated when sent), its answers with no user as author, the invitee pointing at it,
 * the respondent among its stakeholders only when the survey is named, and the sent event.
 */
async function writeResponses(tx: Tx, survey: SurveyFacts, invitees: Map<string, Invitee>, stakeholderIds: Map<string, string>, responses: DemoResponse[]) {
  const ordered = responses
    .map((r) => {
      const values = checkResponse(survey.content, r);
      const at = zonedToUtc(addDays(survey.opensOn, r.day), timeOf(r.who, r.day));
      const invitee = must(invitees.get(must(stakeholderIds.get(r.who), `stakeholder ${r.who}`)), `invitee ${r.who} in ${survey.title}`);
      return { ...r, values, at, began: new Date(at.getTime() - (4 + (r.who.length % 9)) * 60_000), invitee, interviewId: randomUUID() };
    })
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  if (!ordered.length) return new Map<string, string>();
  await tx.insert(interviews).values(
    ordered.map((r) => ({
      id: r.interviewId,
      guideVersionId: survey.guideVersionId,
      businessUnitId: r.invitee.unitId,
      interviewerId: survey.owner.id,
      scheduledAt: r.sent ? r.at : r.began,
      durationMinutes: 0,
      purpose: survey.title,
      surveyId: survey.id,
      status: r.sent ? ("completed" as const) : ("in_progress" as const),
      createdBy: survey.owner.id,
      createdAt: r.began,
      updatedAt: r.at,
    })),
  );
  if (!survey.anonymous) {
    await tx.insert(interviewStakeholders).values(ordered.map((r) => ({ interviewId: r.interviewId, stakeholderId: r.invitee.stakeholderId })));
  }
  await tx.insert(answers).values(
    ordered.flatMap((r) =>
      Object.entries(r.values).map(([item, value]) => ({ interviewId: r.interviewId, kind: "answer" as const, item, value, quote: "", updatedBy: null, updatedAt: r.at })),
    ),
  );
  // One statement for every invitee (times as text: postgres.js takes no bare Date in raw SQL).
  const rows = ordered.map((r) => sql`(${r.invitee.id}::uuid, ${r.interviewId}::uuid, ${r.sent ? r.at.toISOString() : null}::timestamptz)`);
  await tx.execute(sql`
    update survey_invitees set interview_id = v.interview_id, submitted_at = v.submitted_at
    from (values ${sql.join(rows, sql`, `)}) as v(id, interview_id, submitted_at)
    where survey_invitees.id = v.id`);
  for (const r of ordered) {
    if (r.sent) {
      const actor: Actor = { ...SYSTEM_ACTOR, name: survey.anonymous ? `Anonymous respondent, ${r.invitee.unitName}` : r.who };
      await appendAudit(tx, { kind: "survey.response_sent", actor, subjectType: "interview", subjectId: r.interviewId, payload: { surveyId: survey.id } });
    }
  }
  return new Map(ordered.map((r) => [r.who, r.interviewId]));
}

/** The mail the model queued for these invitees, recorded as delivered when it went out (the closed survey's, long gone). */
async function markDelivered(inviteeIds: string[], at: Date) {
  await db()
    .update(mailMessages)
    .set({ status: "sent", attempts: 1, createdAt: at, nextAttemptAt: at, sentAt: new Date(at.getTime() + 45_000) })
    .where(and(inArray(mailMessages.subjectId, inviteeIds), eq(mailMessages.subjectType, "survey_invitee"), eq(mailMessages.status, "queued")));
}

async function inviteesOf(surveyId: string) {
  const rows = await db()
    .select({ id: surveyInvitees.id, stakeholderId: surveyInvitees.stakeholderId, unitId: surveyInvitees.businessUnitId, unitName: businessUnits.name })
    .from(surveyInvitees)
    .innerJoin(businessUnits, eq(businessUnits.id, surveyInvitees.businessUnitId))
    .where(eq(surveyInvitees.surveyId, surveyId));
  return new Map(rows.map((r) => [r.stakeholderId, r]));
}

/** Dates the survey and its invitees from the day it opened (the model stamps them now). */
async function dateSurvey(surveyId: string, at: Date) {
  await db().update(surveys).set({ createdAt: at, updatedAt: at }).where(eq(surveys.id, surveyId));
  await db().update(surveyInvitees).set({ createdAt: at }).where(eq(surveyInvitees.surveyId, surveyId));
}

/** Passages of anonymous answers taken as evidence and linked to needs: who said them stays unrecorded. */
async function takeEvidence(tx: Tx, survey: SurveyFacts, responses: Map<string, string>, actors: { rm: Actor & { id: string }; rm2: Actor & { id: string } }, at: Date) {
  const questions = new Map(allQuestions(survey.content).map((q) => [q.id, q]));
  const linked = new Map<string, string[]>();
  for (const ev of PULSE_EVIDENCE) {
    const interviewId = must(responses.get(ev.who), `sent response from ${ev.who}`);
    const [stored] = await tx
      .select({ value: answers.value, quote: answers.quote })
      .from(answers)
      .where(and(eq(answers.interviewId, interviewId), eq(answers.kind, "answer"), eq(answers.item, ev.item)));
    const sourceText = must(sourceTextOf("answer", stored, questions.get(ev.item)), `quotable answer to ${ev.item} from ${ev.who}`);
    const located = locateQuote(sourceText, ev.text);
    if (!located.ok || sourceText.slice(located.start, located.end) !== ev.text) throw new Error(`Demo surveys: "${ev.text}" no longer occurs in ${ev.who}'s answer`);
    const need = must(DEMO_NEEDS.find((n) => n.key === ev.need), `need ${ev.need}`);
    const actor = need.author === "rm2" ? actors.rm2 : actors.rm;
    const [row] = await tx
      .insert(evidence)
      .values({ interviewId, source: "answer", item: ev.item, start: located.start, end: located.end, text: ev.text, sourceText, checkedText: sourceText, tags: parseTags(ev.tags), createdBy: actor.id, createdAt: at })
      .returning({ id: evidence.id });
    await appendAudit(tx, {
      kind: "evidence.captured",
      actor,
      subjectType: "evidence",
      subjectId: row!.id,
      payload: { interviewId, source: "answer", item: ev.item, start: located.start, end: located.end, text: ev.text, stakeholderIds: [] },
    });
    linked.set(ev.need, [...(linked.get(ev.need) ?? []), row!.id]);
  }
  for (const [key, evidenceIds] of linked) {
    const need = DEMO_NEEDS.find((n) => n.key === key)!;
    const actor = need.author === "rm2" ? actors.rm2 : actors.rm;
    const [row] = await tx.select({ id: needs.id }).from(needs).where(and(eq(needs.statement, need.statement), eq(needs.status, need.status ?? "open")));
    const needId = must(row?.id, `need "${need.statement}"`);
    await tx.insert(needEvidence).values(evidenceIds.map((evidenceId) => ({ needId, evidenceId, linkedBy: actor.id, linkedAt: at })));
    await refreshNeedSupport(tx, [needId]);
    await appendAudit(tx, { kind: "need.evidence_linked", actor, subjectType: "need", subjectId: needId, payload: { evidenceIds } });
  }
  forgetNeedFacets();
}

/** Loads both demo surveys (see the top of this file). `now` is for tests that pin the day. */
export async function loadDemoSurveys(now = new Date()) {
  const today = todayUtc(now);
  const unitRows = await db().select({ id: businessUnits.id, code: businessUnits.code }).from(businessUnits).orderBy(asc(businessUnits.code));
  const unitId = new Map(unitRows.map((u) => [u.code, u.id]));
  const userRows = await db().select({ id: users.id, name: users.name, email: users.email }).from(users);
  const actorOf = (email: string): Actor & { id: string } => {
    const u = must(userRows.find((x) => x.email === email), `user ${email}`);
    return { ...SYSTEM_ACTOR, id: u.id, name: u.name };
  };
  const actors = { rm: actorOf("rm@meridian.example"), rm2: actorOf("rm2@meridian.example") };
  const versionOf = async (title: string) => {
    const [row] = await db()
      .select({ id: guideVersions.id, content: guideVersions.content })
      .from(guideVersions)
      .innerJoin(interviewGuides, eq(interviewGuides.id, guideVersions.guideId))
      .where(and(eq(interviewGuides.title, title), eq(guideVersions.status, "published")));
    return { ...must(row, `published guide ${title}`), content: guideContentSchema.parse(row!.content) as GuideContent };
  };
  const pulseGuide = await versionOf(WORKPLACE_PULSE_GUIDE.title);
  const toolsGuide = await versionOf(HYBRID_TOOLS_GUIDE.title);
  const pulseOpens = addDays(today, PULSE_OPENED);
  const toolsOpens = addDays(today, TOOLS_OPENED);
  const pulseSent = zonedToUtc(pulseOpens, "08:30");

  // The staff asked in the pulse, beyond the people the RMs interview.
  await db().transaction(async (tx) => {
    const rows = await tx
      .insert(stakeholders)
      .values(DEMO_SURVEY_PEOPLE.map((p) => ({ name: p.name, title: p.title, level: p.level, email: emailOf(p.name), businessUnitId: must(unitId.get(p.unit), `unit ${p.unit}`) })))
      .returning({ id: stakeholders.id, name: stakeholders.name, businessUnitId: stakeholders.businessUnitId });
    for (const row of rows) {
      await appendAudit(tx, { kind: "stakeholder.created", actor: SYSTEM_ACTOR, subjectType: "stakeholder", subjectId: row.id, payload: { name: row.name, businessUnitId: row.businessUnitId } });
    }
  });
  const stakeholderIds = new Map((await db().select({ id: stakeholders.id, name: stakeholders.name }).from(stakeholders)).map((s) => [s.name, s.id]));

  // The closed pulse: everyone, anonymous; the invitations and the reminder went out weeks ago.
  const pulseInput = surveySchema.parse({
    guideVersionId: pulseGuide.id,
    title: DEMO_CLOSED_SURVEY,
    intro:
      "Facilities is planning next year's improvements to our branches and offices, and wants to hear from everyone who works in them. It takes about five minutes. Your answers are anonymous: nobody sees who said what, and no results are shown for groups of fewer than three people.",
    opensOn: pulseOpens,
    closesOn: addDays(today, PULSE_CLOSED),
    anonymous: true,
    audience: "groups",
    unitIds: unitRows.map((u) => u.id),
  });
  const created = await createSurvey({ input: pulseInput, actor: actors.rm, now: pulseSent });
  const pulse: SurveyFacts = { id: created.id, title: DEMO_CLOSED_SURVEY, anonymous: true, guideVersionId: pulseGuide.id, content: pulseGuide.content, owner: actors.rm, opensOn: pulseOpens };
  const pulseInvitees = await inviteesOf(pulse.id);
  const pulseIds = [...pulseInvitees.values()].map((i) => i.id);
  await markDelivered(pulseIds, pulseSent);
  await dateSurvey(pulse.id, pulseSent);
  const early = PULSE_RESPONSES.filter((r) => r.day < PULSE_REMINDED);
  const late = PULSE_RESPONSES.filter((r) => r.day >= PULSE_REMINDED);
  const sentEarly = await db().transaction((tx) => writeResponses(tx, pulse, pulseInvitees, stakeholderIds, early));
  const reminded = zonedToUtc(addDays(pulseOpens, PULSE_REMINDED), "08:00");
  await remindInvitees({ surveyId: pulse.id, actor: actors.rm, now: reminded });
  await markDelivered(pulseIds, reminded);
  await db().transaction(async (tx) => {
    const sentLate = await writeResponses(tx, pulse, pulseInvitees, stakeholderIds, late);
    const sent = new Map([...sentEarly, ...sentLate].filter(([who]) => PULSE_RESPONSES.find((r) => r.who === who)!.sent));
    await takeEvidence(tx, pulse, sent, actors, zonedToUtc(addDays(today, PULSE_CLOSED + 3), "10:15"));
  });

  // The open check-in: named, twelve people; its invitations wait in the outbox like any new survey's.
  const toolsInput = surveySchema.parse({
    guideVersionId: toolsGuide.id,
    title: DEMO_OPEN_SURVEY,
    intro:
      "IT wants to know whether your laptop, headset, remote access and meeting rooms let you work wherever you need to. It takes about three minutes, and what you tell us decides what we fix first.",
    opensOn: toolsOpens,
    closesOn: addDays(today, TOOLS_CLOSES),
    anonymous: false,
    audience: "people",
    stakeholderIds: TOOLS_INVITED.map((name) => must(stakeholderIds.get(name), `stakeholder ${name}`)),
  });
  const toolsSent = zonedToUtc(toolsOpens, "09:00");
  const check = await createSurvey({ input: toolsInput, actor: actors.rm2, now });
  const tools: SurveyFacts = { id: check.id, title: DEMO_OPEN_SURVEY, anonymous: false, guideVersionId: toolsGuide.id, content: toolsGuide.content, owner: actors.rm2, opensOn: toolsOpens };
  await dateSurvey(tools.id, toolsSent);
  const toolsInvitees = await inviteesOf(tools.id);
  await db().transaction((tx) => writeResponses(tx, tools, toolsInvitees, stakeholderIds, TOOLS_RESPONSES));
  const remindAt = zonedToUtc(addDays(today, TOOLS_REMINDED), "10:30");
  for (const name of TOOLS_REMINDED_PEOPLE) {
    const invitee = must(toolsInvitees.get(must(stakeholderIds.get(name), `stakeholder ${name}`)), `invitee ${name}`);
    await remindInvitees({ surveyId: tools.id, inviteeId: invitee.id, actor: actors.rm2, now: remindAt });
  }
  return { closed: pulse.id, open: tools.id };
}
