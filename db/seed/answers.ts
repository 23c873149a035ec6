/**
 * What was said in the demo interviews: answers to the "Business needs discovery" guide
 * (db/seed/guides.ts) for the first four DEMO_INTERVIEWS, in order. Plain data, safe to import anywhere.
 * Values follow answerSchemaFor(question) in app/domain/guide.ts; show-if conditions are respected.
 */
import { addDays } from "../../app/domain/interview";

export type DemoAnswerKey = "rb-saturday" | "fin-month-end" | "contact-centre" | "hr-onboarding";

export interface DemoAnswerSet {
  /** question id -> the answer value and, optionally, the interviewer's verbatim quote of what was said */
  answers: Record<string, { value: unknown; quote?: string }>;
  /** section id -> the interviewer's free notes for that section */
  notes: Record<string, string>;
}

/** `today` is "YYYY-MM-DD" in the workspace time zone, so date answers stay in the future. */
export function demoAnswerSets(today: string): Record<DemoAnswerKey, DemoAnswerSet> {
  return {
    "rb-saturday": rbSaturday(today),
    "fin-month-end": finMonthEnd(today),
    "contact-centre": contactCentre(today),
    "hr-onboarding": hrOnboarding(),
  };
}

/** Retail Banking, completed: Saturday opening and the branch telephones. Olivia Bennett, Samuel Adeyemi, Chloe Turner. */
function rbSaturday(today: string): DemoAnswerSet {
  return {
    answers: {
      "q-unit-purpose": {
        value:
          "Give personal customers a branch they can walk into when it suits them, and sort out what they came in for at the first visit: paying in, opening an account, a lost card, a bereavement, a scam.",
        quote:
          "We're here so a customer can walk in, talk to a person and leave with it sorted. Saturday opening is the same promise, just on the one day most of them aren't at work.",
      },
      "q-top-outcomes": {
        value:
          "1. Saturday opening (9:00 to 13:00) made permanent in all 38 pilot branches in the North, and extended to the Midlands.\n2. Average Saturday queue time back under 10 minutes (it is about 18 minutes now).\n3. 90% of accounts opened in branch completed at the first visit, instead of customers being asked to come back on Monday.",
        quote:
          "If the Saturday pilot gets signed off for good and nobody is asked to come back on Monday for something we should have done on the day, that's a good year.",
      },
      "q-measured-on": {
        value:
          "Branch scorecard, monthly: footfall, queue times, accounts opened, complaints, and the customer survey score (Net Promoter Score) after each visit. Olivia reports to Maria Lopez, Head of Branch Network; the Saturday pilot has its own weekly report to the Chief Operating Officer until the go/no-go decision.",
        quote:
          "Every branch gets its scorecard on the fifth working day. For Saturdays, Sarah Johnson's office wants the numbers every Monday morning, so a bad Saturday is on her desk by ten.",
      },
      "q-key-processes": {
        value:
          "1. Serving a customer at the counter: paying in cash and cheques, withdrawals, balance enquiries, changing details.\n2. Opening a current or savings account in branch: identity checks, account set up in the core banking system, debit card ordered, online banking registration.\n3. Lost or stolen cards and suspected scams: stop the card, order a replacement, refer to the fraud team.\nFollowed one real case: a customer who came in on a Saturday to open a joint account; identity checks done, but the account could not be set up until Monday because the checks that run behind the counter were down and nobody was there to call.",
        quote:
          "Chloe had a couple in on a Saturday with all their documents, two kids in tow, and we had to send them home and ring them on Monday. That's exactly what Saturday opening was meant to stop.",
      },
      "q-other-departments": {
        value: { selected: ["facilities", "marketing", "it"], other: "Fraud Operations; the card supplier" },
      },
      "q-handoffs": {
        value:
          "Referrals to the fraud team: on Saturdays Fraud Operations has a skeleton team and branch staff wait 20 to 30 minutes on hold with the customer at the counter. Customers sent to branch by the contact centre arrive expecting something to have been started, and the branch has no record of the call. On Saturdays nobody in Facilities answers if the door entry or the alarm fails at opening.",
        quote:
          "The contact centre tells them 'pop into your branch, they'll sort it', and they walk in thinking we know all about it. We don't. We start again from nothing.",
      },
      "q-has-critical-periods": { value: true },
      "q-critical-periods": {
        value: [
          {
            name: "Saturday opening",
            when: "Every Saturday, 9:00 to 13:00, in the 38 Saturday branches",
            affects: "Everything at the counter, account opening, card replacement. There is no one to call if something fails: the help desk and telephony support are weekday only.",
            impact: "severe",
          },
          {
            name: "Monday morning after a Saturday",
            when: "Every Monday, 9:00 to 11:00",
            affects: "Catching up on what could not be finished on Saturday: accounts to set up, cash paid in on Saturday that customers cannot yet see in their balance.",
            impact: "high",
          },
          {
            name: "Pay day and the days after",
            when: "The last working day of the month and the following Saturday",
            affects: "Footfall roughly doubles; queues, cash withdrawals and balance questions.",
            impact: "high",
          },
          {
            name: "Run-up to Christmas",
            when: "The four Saturdays before Christmas",
            affects: "Highest Saturday footfall of the year; foreign currency orders, gift cards, scams.",
            impact: "severe",
          },
        ],
      },
      "q-tolerable-outage": { value: 15, quote: "On a Saturday morning if the phones go, the queue is out of the door by ten. Give me a quarter of an hour, no more." },
      "q-satisfaction": { value: 2 },
      "q-works-well": {
        value:
          "The counter system itself is quick and staff trust it. The weekday help desk is friendly and fixes things the same day. New cash machines in branch have hardly failed since they went in.",
        quote: "Don't touch the counter screens. The staff know them inside out and they're fast. Whatever you change, keep that.",
      },
      "q-pain-points": {
        value:
          "Saturdays are run as if the bank were closed. The help desk, telephony support and the people who look after the core banking system only work Monday to Friday, so on a Saturday branch staff have nobody to call. Cash paid in on Saturday does not show in the customer's balance until the overnight run on Monday, so customers come back or ring in to ask where their money is. Last time: three Saturdays ago the phones at Leeds Briggate dropped at 9:40 and stayed down until Monday; customers ringing the branch got an engaged tone or nothing, and the calls did not go anywhere else.",
        quote:
          "Three Saturdays ago the phones just died at twenty to ten. Customers rang and got nothing, not even a message. I rang the help desk and got a recording saying they open on Monday. We put a handwritten sign on the door.",
      },
      "q-pain-detail": {
        value:
          "The branch telephones: they drop without warning, and when they do, calls are not passed on anywhere, neither to another branch nor to the contact centre. It has happened five times in the last three months across the northern branches, twice on a Saturday.",
        quote:
          "When the phones go, the calls go nowhere. Not to the branch down the road, not to the contact centre. The customer just thinks we've shut.",
      },
      "q-providers": {
        value: {
          selected: ["it-desktop", "it-applications", "it-network", "facilities", "hr", "contact-centre"],
          other: "Cash-in-transit company; card supplier",
        },
      },
      "q-whom-to-call": {
        value:
          "On weekdays, the IT help desk for everything, and Facilities for the building. On Saturdays nobody knows: branch managers have been ringing each other, and Samuel has the mobile number of one telephony engineer he met once. Nobody could say who is accountable for the branch phones: IT, Facilities or the telephone company.",
        quote:
          "Honestly, on a Saturday I ring Olivia, and Olivia rings whoever she knows. That's the process. I've got a telephony engineer's mobile in my phone and I feel guilty every time I use it.",
      },
      "q-contact-centre": {
        value:
          "Poorly for the branches. Customers are told to 'pop into branch', but nothing is passed on, so branch staff start from scratch. When the branch phones are down, the contact centre does not know and keeps giving out the branch number.",
        quote: "They send us customers with nothing written down. We don't even know they've spoken to anyone until the customer tells us.",
      },
      "q-good-service": {
        value:
          "A Saturday looks like a Tuesday: every customer served and on their way in under 20 minutes, accounts opened on the day, and if something fails, someone answers the phone within 15 minutes and the branch phone calls go to the contact centre instead of nowhere.",
        quote: "I want Saturday to be boring. Same as a Tuesday. If something breaks, someone picks up the phone.",
      },
      "q-measure-priority": { value: ["availability", "fix-time", "speed", "change", "cost"] },
      "q-change-first": {
        value:
          "Support on Saturdays for as long as the branches are open: someone to call for the counter, the phones and the systems behind account opening, from 8:30 to 13:30. And branch calls passed to the contact centre when the branch phones are down.",
        quote: "Give us someone to ring on a Saturday. That's it. If that's the only thing you do this year, I'll be happy.",
      },
      "q-next-review": { value: addDays(today, 10) },
    },
    notes: {
      "s-outcomes":
        "Olivia framed everything around the Saturday pilot's go/no-go decision; the COO's office sees the Saturday numbers every Monday, so this is visible well above Retail Banking.",
      "s-processes":
        "The joint-account story Chloe told is the clearest example of a hand-off failing at the weekend. Fraud Operations and the contact centre both came up unprompted as weak hand-offs.",
      "s-critical-periods":
        "Saturday 9 to 1 is severe for them and nothing supporting the branch is staffed then. Note the knock-on into Monday morning: balances from Saturday cash not showing until the Monday overnight run.",
      "s-today":
        "Rated 2. The pain is less about systems failing than about nobody being there when they do. Samuel was visibly frustrated about the Leeds Briggate phone outage; worth checking the incident record for that Saturday.",
      "s-providers":
        "Nobody could say who owns the branch phones: IT, Facilities or the telephone company. That confusion is a need in its own right. Raise with Facilities before the branch facilities interview with Nadia Haddad.",
      "s-measures":
        "They think in queue times and first-visit completion, not availability. Availability ranked first only in the sense of 'there on a Saturday'.",
      "s-change-first":
        "One clear ask: Saturday support cover from 8:30 to 13:30, plus branch call fail-over to the contact centre. Agreed to come back with options and costs in about ten days.",
    },
  };
}

/** Finance, completed: the month-end close. Fiona Campbell, Mark Davies. */
function finMonthEnd(today: string): DemoAnswerSet {
  return {
    answers: {
      "q-unit-purpose": {
        value:
          "Keep the bank's books right and close them on time every month, so the board, the regulators and the business can trust the numbers they make decisions on.",
        quote:
          "We make sure the numbers are right and on time. If the board can't trust the pack, nothing else we do matters.",
      },
      "q-top-outcomes": {
        value:
          "1. Every month-end closed by working day 3, with no late adjustments after the board pack has gone out.\n2. Zero unreconciled balances over £10,000 older than 30 days on the balance sheet.\n3. A clean year-end audit: no findings from the external auditors on the close or on reconciliations.",
        quote:
          "Day three, every month, no exceptions, and the auditors find nothing to write about. That's the year I want.",
      },
      "q-measured-on": {
        value:
          "Close timetable tracked by day and by task; reported to David Chen, the Financial Controller, and then to the Audit Committee quarterly. Reconciliation ageing reported monthly. External auditors and the regulator look at the controls once a year.",
        quote: "David gets a close tracker every morning of the close. The Audit Committee sees the trend every quarter, and they notice a late month.",
      },
      "q-key-processes": {
        value:
          "1. The month-end close: working day 1, the overnight extracts from the core banking system are loaded into the general ledger; working days 1 and 2, accruals, provisions and journals; working day 3, ledger closed.\n2. Balance sheet reconciliations: around 420 accounts, each reconciled and signed off by day 5.\n3. The monthly reporting pack to the board, drafted on day 4 and sent on working day 5, produced in the consolidation and reporting tool the bank rents from a supplier.\nFollowed last month's close: the core banking extract for the last day of the month arrived at 11:00 on day 1 instead of 6:00, so the whole timetable slipped by half a day.",
        quote:
          "Day one, six in the morning, the extracts have to be there. Last month they turned up at eleven. Twelve people sat waiting, and we spent the next two days catching up.",
      },
      "q-other-departments": {
        value: { selected: ["retail-banking", "hr", "it"], other: "Treasury; the reporting tool supplier" },
      },
      "q-handoffs": {
        value:
          "The core banking extracts: when they are late or incomplete, Finance only finds out when the load fails, and nobody tells them why or when to expect them. Payroll journals from HR arrive as a spreadsheet by email, usually on day 2 afternoon. Retail Banking's branch cash differences come in late and are often disputed.",
        quote:
          "Nobody tells us the extract is late. We find out because the load falls over, and then Mark spends an hour on the phone finding someone who knows.",
      },
      "q-has-critical-periods": { value: true },
      "q-critical-periods": {
        value: [
          {
            name: "Month-end close",
            when: "Working days 1 to 3 of every month",
            affects: "General ledger, the core banking extracts, accruals and journals; the board pack deadline depends on it.",
            impact: "severe",
          },
          {
            name: "Board reporting pack",
            when: "Working days 4 and 5 of every month",
            affects: "Consolidation and reporting tool (supplier's), sending the pack to the board and the executive committee.",
            impact: "high",
          },
          {
            name: "Quarter-end regulatory returns",
            when: "The first 10 working days after each quarter end",
            affects: "Regulatory returns built from the closed ledger; deadlines set by the regulator, not by us.",
            impact: "severe",
          },
          {
            name: "Year-end and audit",
            when: "January to mid-February",
            affects: "Year-end close, external audit fieldwork, annual report figures.",
            impact: "severe",
          },
        ],
      },
      "q-tolerable-outage": {
        value: 240,
        quote: "Half a day on day one and we can still make day three if everyone stays late. More than that and the board pack slips.",
      },
      "q-satisfaction": { value: 3 },
      "q-works-well": {
        value:
          "The general ledger itself is reliable and fast. The finance systems team knows the close timetable and prioritises Finance's tickets during the close. The supplier's reporting tool has had no outage in two years.",
        quote: "The ledger never lets us down, and the finance systems team know what day one means. Keep that exactly as it is.",
      },
      "q-pain-points": {
        value:
          "Late or incomplete core banking extracts on day 1, with no warning. Changes to the core banking system scheduled over month-end, without asking Finance. Last time: last month a change over the last weekend of the month delayed the overnight run; the extracts arrived five hours late and twelve people waited half a day.",
        quote:
          "Last month someone put a change in over the last weekend of the month. Nobody asked us. We lost half a day of a three-day close.",
      },
      "q-providers": {
        value: {
          selected: ["it-desktop", "it-applications", "it-network", "hr", "saas"],
          other: "Treasury rates feed from the market data supplier",
        },
      },
      "q-whom-to-call": {
        value:
          "For the ledger, the finance systems team, and that works. For the core banking extracts, nobody is clear: the help desk logs a ticket and passes it on, and Mark usually ends up calling someone he knows in the core banking team. For the reporting tool, the supplier's support line, via the contract that Procurement holds; Finance is not sure who in the bank manages the supplier.",
        quote:
          "If the ledger's down I know exactly who to ring. If the extracts are late, I ring the help desk, get a ticket number, and then I ring Dev in core banking because he'll actually know.",
      },
      "q-good-service": {
        value:
          "Extracts loaded by 7:00 on working day 1 every month; ledger closed by working day 3; board pack out on working day 5 with no restatements; and a warning by 6:30 on day 1 if the extracts will be late, with a time to expect them.",
        quote: "Extracts in by seven on day one, books closed by day three. And if they're going to be late, tell me before I find out.",
      },
      "q-measure-priority": { value: ["availability", "fix-time", "change", "speed", "cost"] },
      "q-change-first": {
        value:
          "No changes to the core banking system or the extracts during the last two working days of the month and the first three of the next without Finance agreeing first: a month-end freeze everyone can see.",
        quote: "A month-end freeze. Two days before, three days after. Put it in everybody's calendar and stick to it.",
      },
      "q-next-review": { value: addDays(today, 17) },
    },
    notes: {
      "s-outcomes":
        "Fiona speaks in controls and deadlines; 'day three' is the number that matters. The Audit Committee sees the close trend quarterly, so a late close has visibility above Finance.",
      "s-processes":
        "Mark walked through last month's close in detail. The core banking extract is the single dependency everything else waits for; the HR payroll journal hand-off by email is a second, smaller one.",
      "s-critical-periods":
        "Working days 1 to 3 are severe; quarter-end returns too (Aisha Rahman to cover those in her own interview). Their four-hour tolerance on day 1 is an estimate to test, not a promise.",
      "s-today":
        "Rated 3: the ledger and the finance systems team work well; the pain is changes over month-end and late extracts without warning.",
      "s-providers":
        "Nobody in Finance knows who manages the reporting tool supplier in the bank; Procurement holds the contract. Mark relies on personal contacts in core banking: a single point of failure.",
      "s-measures":
        "They would measure us on extract arrival time and day-3 close. Change ranked above speed: they want fewer changes at the wrong time, not faster ones.",
      "s-change-first":
        "Clear ask for a month-end change freeze. Hannah to check the change calendar for the next three month-ends before the follow-up.",
    },
  };
}

/** Contact centre hand-offs to branches, completed: Kwame Asante, Elena Rossi (Marketing) and Rajesh Patel (Retail Banking). */
function contactCentre(today: string): DemoAnswerSet {
  return {
    answers: {
      "q-unit-purpose": {
        value:
          "Answer every customer who phones the bank, sort out as much as possible on the first call, and when the customer needs a branch, hand them over so they do not have to tell their story twice.",
        quote:
          "A customer should only have to explain themselves once. Whether they ring us or walk into a branch, it's one bank.",
      },
      "q-top-outcomes": {
        value:
          "1. 80% of calls answered within 60 seconds (about 70% today).\n2. Every callback request made to a branch returned the same working day.\n3. Complaints about being passed between the contact centre and branches halved (about 140 a month now).",
        quote:
          "Answer quickly, ring back when we said we would, and stop customers complaining that we bounce them between the phone and the branch.",
      },
      "q-measured-on": {
        value:
          "The contract with the contact centre supplier sets targets for answer times, abandoned calls and first-call resolution; Kwame reviews them with the supplier monthly. Elena reports customer satisfaction and complaints to the Marketing director. Branch Operations tracks callbacks, but on paper and by branch.",
        quote:
          "The supplier's scorecard is all about their own calls. Nothing in the contract measures what happens after they hand a customer to a branch, and that's where it goes wrong.",
      },
      "q-key-processes": {
        value:
          "1. Warm transfer: the contact centre agent rings the customer's branch, introduces the customer and puts the call through.\n2. Callback request: when the branch does not answer, the agent logs a callback in the customer records system (CRM) and the branch should ring back the same day.\n3. Appointment booking for mortgages and bereavement, made by the contact centre in the branch diary.\nFollowed a real case: a customer rang about a bereavement, the warm transfer to the branch failed twice, a callback was logged but never reached the branch, and the customer complained a week later.",
        quote:
          "We had a lady whose husband had died. Two transfers failed, the callback never arrived, and she rang back a week later in tears. That's the one I think about.",
      },
      "q-other-departments": {
        value: { selected: ["retail-banking", "marketing", "it"], other: "The contact centre supplier; the telephone company" },
      },
      "q-handoffs": {
        value:
          "Warm transfers to branches fail about one in five times: the branch line rings out or the call drops when it is put through. Callback requests logged in the CRM do not reach the branch when the link between the supplier's system and the bank's CRM is down, and nobody notices until the customer rings again. About 300 callbacks a month are lost this way.",
        quote:
          "One in five transfers just drops. And when the CRM link is down, the callbacks disappear into a hole. We only find out when the customer rings back angry.",
      },
      "q-has-critical-periods": { value: true },
      "q-critical-periods": {
        value: [
          {
            name: "Monday morning peak",
            when: "Every Monday, 8:00 to 11:00",
            affects: "Highest call volume of the week; transfers to branches and callbacks for things that happened over the weekend.",
            impact: "high",
          },
          {
            name: "Pay day",
            when: "The last working day of the month and the day after",
            affects: "Balance and payment queries; calls about missing payments.",
            impact: "high",
          },
          {
            name: "Incident or fraud alert",
            when: "Whenever a service fails or a scam is in the news",
            affects: "Call volume triples within an hour; branches receive transferred calls they are not expecting.",
            impact: "severe",
          },
          {
            name: "Saturday opening",
            when: "Every Saturday, 9:00 to 13:00",
            affects: "Transfers and callbacks to the Saturday branches; no one at the bank to call if the CRM link fails.",
            impact: "medium",
          },
        ],
      },
      "q-tolerable-outage": {
        value: 10,
        quote: "Ten minutes on a Monday morning and the queue is over two hundred. After that, customers give up and walk into a branch angry.",
      },
      "q-satisfaction": { value: 2 },
      "q-works-well": {
        value:
          "The supplier's own telephone system and call routing are reliable. The branch appointment diary is easy for agents to use, and mortgage appointments booked by the contact centre almost always happen.",
        quote: "Booking a mortgage appointment from the contact centre just works. Whatever you do, don't break the diary.",
      },
      "q-pain-points": {
        value:
          "Failed warm transfers and lost callbacks. Last time: two weeks ago the link between the supplier's system and the bank's CRM was down from Tuesday afternoon to Wednesday lunchtime; 46 callback requests never reached branches, and nobody at the supplier or the bank knew whom to call to get it fixed.",
        quote:
          "Two weeks ago the link was down for the best part of a day. Forty-six callbacks lost. The supplier said it was our end, our help desk said it was theirs, and nobody owned it.",
      },
      "q-pain-detail": {
        value:
          "The link between the supplier's system and the bank's CRM. When it fails, callbacks are lost silently. It has failed four times in the last six months, each time for several hours.",
        quote: "It's always the link. It fails quietly, nobody gets told, and the first alarm is a complaint.",
      },
      "q-providers": {
        value: {
          selected: ["it-applications", "it-network", "contact-centre", "saas"],
          other: "The telephone company that carries calls between the supplier and the branches",
        },
      },
      "q-whom-to-call": {
        value:
          "Nobody is sure. The supplier calls its own service desk, which points at the bank; the bank's help desk says the link belongs to the supplier. Kwame has ended up calling the supplier's account manager and the bank's integration team himself and getting them on one call. There is no agreed owner of the link and no agreed escalation.",
        quote:
          "When the CRM link is down, I'm the escalation route. I get the supplier and our integration people on a call and referee. That can't be the process.",
      },
      "q-contact-centre": {
        value:
          "Badly at the moment. About one in five warm transfers fail, branches get no note of what the customer has already said, and callbacks are lost whenever the CRM link is down. Rajesh says branches have stopped trusting callback requests and ask customers to ring the branch directly.",
        quote:
          "My branches have stopped believing in callbacks. They tell customers 'ring us direct', which is the opposite of what the contact centre is for.",
      },
      "q-good-service": {
        value:
          "Every warm transfer reaches a person at the branch; every callback reaches the branch within 15 minutes and is returned the same day; when the CRM link fails, both the supplier and the bank know within 15 minutes and one named person owns getting it back.",
        quote: "Every transfer lands, every callback arrives, and when the link breaks, one named person owns it. That's all.",
      },
      "q-measure-priority": { value: ["availability", "fix-time", "speed", "change", "cost"] },
      "q-change-first": {
        value:
          "One owner for the link between the supplier and the bank's CRM, with a written escalation route both sides agree, and an alert when callbacks stop flowing.",
        quote: "Give the link an owner. One name, one number, both sides agree. Then tell us when it stops, before the customers do.",
      },
      "q-next-review": { value: addDays(today, 24) },
    },
    notes: {
      "s-outcomes":
        "Elena and Kwame measure the contact centre; Rajesh measures branches; nobody measures the hand-off between them. That gap came out within the first ten minutes.",
      "s-processes":
        "Three units, one process: warm transfer and callback cross Marketing's supplier, IT's CRM link and Retail Banking's branches. The bereavement case made it real for everyone on the call.",
      "s-critical-periods":
        "Monday morning peak and incident spikes are the worst times. Saturday overlaps with the Saturday opening needs from the Retail Banking interview.",
      "s-today":
        "Rated 2. The CRM link is the single failure that hurts most, and it fails silently. Check the incident history for the four outages Kwame mentioned.",
      "s-providers":
        "No owner for the link between the supplier and the bank's CRM: the supplier and our help desk each point at the other. Kwame is acting as the escalation route himself.",
      "s-measures":
        "They want hand-off measures: transfers that land, callbacks that arrive. Worth proposing these for the supplier's contract review as well.",
      "s-change-first":
        "Agreed ask: a named owner and a joint escalation route for the CRM link, plus an alert when callbacks stop flowing. Tom to bring a draft to Kwame and Rajesh.",
    },
  };
}

/** HR, in progress: payroll and onboarding, about half answered so far. Laura Kim, Peter Novak. */
function hrOnboarding(): DemoAnswerSet {
  return {
    answers: {
      "q-unit-purpose": {
        value:
          "Pay every colleague correctly and on time, and make sure new starters can do their job from their first day.",
        quote: "Pay people right, pay them on time, and make sure a new starter isn't sitting at an empty desk on day one.",
      },
      "q-top-outcomes": {
        value:
          "1. Twelve payroll runs with no late payments and fewer than 10 corrections a month (about 35 now).\n2. 95% of new starters with a working laptop, logins and building pass on their first morning (about 60% today).\n3. New starters' 90-day survey score up from 6.8 to 8.",
        quote:
          "No one paid late, and every new starter logging in on their first morning. Right now it's about six in ten, and that's embarrassing.",
      },
      "q-measured-on": {
        value:
          "Payroll accuracy and on-time payment, reported monthly to the HR director; the new-starter survey at 30 and 90 days; hiring managers' complaints. Internal audit checks payroll controls once a year.",
        quote: "Payroll is measured by the number of angry emails on the 25th. Onboarding is measured by hiring managers ringing me.",
      },
      "q-key-processes": {
        value:
          "1. The monthly payroll run: changes (starters, leavers, overtime, pay rises) in by the cut-off around the 20th; payroll checked and approved on the 21st and 22nd; payment file sent to the bank's payments team three working days before pay day on the 25th.\n2. New-starter onboarding: offer accepted, contract and checks, then requests raised for a laptop, logins and system access, a building pass from Facilities and the payroll record; all must be ready for day one.\n3. Leavers: access removed on the last day and the final pay calculated.\nFollowed a real case: a branch adviser who started last month had a building pass but no login for the counter system until day four.",
        quote:
          "We had a new adviser at Leeds who spent four days shadowing because her login hadn't come through. Four days' pay for someone who couldn't serve a customer.",
      },
      "q-other-departments": {
        value: { selected: ["retail-banking", "finance", "facilities", "it"], other: "The payroll software supplier; the background-check provider" },
      },
      "q-handoffs": {
        value:
          "Access requests for new starters go to IT as separate tickets per system, and HR cannot see where each one is; about 40% are not complete on day one. Facilities issues building passes from a spreadsheet HR emails every Friday. The payroll journal goes to Finance by email on the second working day.",
        quote:
          "I raise six tickets for one new starter and then I can't see any of them. I find out something's missing when the manager rings me on the Monday morning.",
      },
      "q-has-critical-periods": { value: true },
      "q-critical-periods": {
        value: [
          {
            name: "Payroll cut-off and approval",
            when: "Around the 20th to the 22nd of every month",
            affects: "Payroll system, changes from line managers, approval of the run; a delay squeezes checking time.",
            impact: "high",
          },
          {
            name: "Payment file to the bank's payments team",
            when: "Three working days before the 25th",
            affects: "Every colleague's pay; if the file misses its slot, around 3,100 colleagues are paid late.",
            impact: "severe",
          },
          {
            name: "New-starter Mondays",
            when: "The first Monday of each month, when most new starters begin",
            affects: "Laptops, logins, system access and building passes for 30 to 50 new starters.",
            impact: "high",
          },
          {
            name: "Graduate and Christmas intakes",
            when: "September (graduates) and early November (temporary branch staff)",
            affects: "Onboarding volumes triple; the same day-one requests at three times the volume.",
            impact: "high",
          },
        ],
      },
      "q-tolerable-outage": {
        value: 240,
        quote: "Most days we can live with half a day. On the day the payment file goes, not an hour.",
      },
    },
    notes: {
      "s-outcomes":
        "Laura led; Peter added the payroll numbers. Day-one readiness at about 60% is the figure Laura kept coming back to.",
      "s-processes":
        "Onboarding crosses HR, IT and Facilities with no single view of a new starter's requests. Peter's payroll-to-Finance journal by email matches what Finance told Hannah in the month-end interview.",
      "s-critical-periods":
        "The payment file deadline three working days before the 25th is the one that cannot fail. Their half-day tolerance does not apply to that day; Peter was clear on that.",
    },
  };
}
