import type { GuideContent } from "../../app/domain/guide";

/** Types the literal as guide content, so a typo in a question is a compile error. */
const content = (c: GuideContent) => c;

/** The demo workspace's published guide: a relationship manager's first conversation with a business unit. */
export const DISCOVERY_GUIDE = {
  title: "Business needs discovery",
  description:
    "A first, open conversation with a business unit: what it is trying to achieve, how its work flows across departments, when it cannot afford disruption, and what it relies on — from IT and from everyone else.",
  content: content({
    sections: [
      {
        id: "s-outcomes",
        title: "Business outcomes that matter",
        purpose:
          "Start with their world, not ours. Listen for outcomes (accounts opened, customers served, books closed on time), not for systems. Do not talk about IT yet.",
        questions: [
          {
            id: "q-unit-purpose",
            type: "long_text",
            prompt: "In a sentence or two, what is your unit here to achieve for the bank and its customers?",
            help: "Ask them to say it the way they would to a new starter. Note their words verbatim.",
            required: true,
            condition: null,
            settings: {},
          },
          {
            id: "q-top-outcomes",
            type: "long_text",
            prompt: "Which three results would tell you this has been a good year for your unit?",
            help: "Push for measurable outcomes: volumes, times, satisfaction, losses avoided.",
            required: true,
            condition: null,
            settings: {},
          },
          {
            id: "q-measured-on",
            type: "long_text",
            prompt: "How is your unit's performance measured today, and by whom?",
            help: "Targets, scorecards, regulators, customers. Who reads the numbers?",
            required: false,
            condition: null,
            settings: {},
          },
        ],
      },
      {
        id: "s-processes",
        title: "Business processes and how departments work together",
        purpose:
          "Map the work as it flows across departments. The hand-offs are where service breaks, and bringing several departments into one conversation is how you find them.",
        questions: [
          {
            id: "q-key-processes",
            type: "long_text",
            prompt: "Walk me through the two or three processes your unit could not work without, from start to finish.",
            help: "E.g. opening an account in branch, the month-end close, onboarding a new starter. Follow one real case.",
            required: true,
            condition: null,
            settings: {},
          },
          {
            id: "q-other-departments",
            type: "multi_choice",
            prompt: "Which other departments take part in those processes?",
            help: "Tick every department that hands work in or out.",
            required: false,
            condition: null,
            settings: {
              options: [
                { value: "retail-banking", label: "Retail Banking" },
                { value: "finance", label: "Finance" },
                { value: "hr", label: "HR" },
                { value: "facilities", label: "Facilities" },
                { value: "marketing", label: "Marketing" },
                { value: "it", label: "IT" },
              ],
              allowOther: true,
            },
          },
          {
            id: "q-handoffs",
            type: "long_text",
            prompt: "Where do hand-offs between departments slow the work down or go wrong?",
            help: "Ask for the last time it happened and what it cost: time, money, a customer's goodwill.",
            required: false,
            condition: { questionId: "q-other-departments", operator: "answered" },
            settings: {},
          },
        ],
      },
      {
        id: "s-critical-periods",
        title: "Critical business periods",
        purpose:
          "Find the times when a failure hurts most: month-end, peak season, Saturday opening. Service levels for these periods matter more than averages.",
        questions: [
          {
            id: "q-has-critical-periods",
            type: "yes_no",
            prompt: "Are there times of the day, week, month or year when your unit cannot afford disruption?",
            help: "",
            required: true,
            condition: null,
            settings: {},
          },
          {
            id: "q-critical-periods",
            type: "critical_periods",
            prompt: "For each of those periods: when is it, what does it affect, and how bad would an IT failure be then?",
            help: "One row per period. Impact: low (an annoyance) to severe (customers or regulators affected).",
            required: true,
            condition: { questionId: "q-has-critical-periods", operator: "equals", value: true },
            settings: {},
          },
          {
            id: "q-tolerable-outage",
            type: "number",
            prompt: "During your most critical period, how long could you cope without your main systems before customers notice?",
            help: "Their estimate, in minutes. It becomes a target to test, not a promise.",
            required: false,
            condition: { questionId: "q-has-critical-periods", operator: "equals", value: true },
            settings: { min: 0, max: 10080, unit: "minutes" },
          },
        ],
      },
      {
        id: "s-today",
        title: "What works and what hurts today",
        purpose: "Hear both sides. What works is as useful as what hurts: it tells you what not to break.",
        questions: [
          {
            id: "q-satisfaction",
            type: "scale",
            prompt: "Overall, how well do the services you rely on support your unit today?",
            help: "",
            required: true,
            condition: null,
            settings: {
              min: 1,
              max: 5,
              minLabel: "Poorly",
              maxLabel: "Very well",
              pointLabels: ["Poorly", "Not well", "Adequately", "Well", "Very well"],
            },
          },
          {
            id: "q-works-well",
            type: "long_text",
            prompt: "What works well that we must not break?",
            help: "",
            required: false,
            condition: null,
            settings: {},
          },
          {
            id: "q-pain-points",
            type: "long_text",
            prompt: "What gets in the way of your work today? Tell me about the last time it did.",
            help: "Ask for a concrete story: when, what happened, who was affected, what it cost.",
            required: true,
            condition: null,
            settings: {},
          },
          {
            id: "q-pain-detail",
            type: "long_text",
            prompt: "You rated support as weak: which one failure hurts most, and how often does it happen?",
            help: "Only shown when the rating was 1 or 2.",
            required: false,
            condition: { questionId: "q-satisfaction", operator: "one_of", value: ["1", "2"] },
            settings: {},
          },
        ],
      },
      {
        id: "s-providers",
        title: "The providers your unit relies on",
        purpose:
          "A business service is supported by IT and by other providers: facilities, HR, finance, suppliers, an outsourced contact centre, SaaS. Find them all, and who is accountable when each fails.",
        questions: [
          {
            id: "q-providers",
            type: "multi_choice",
            prompt: "Which providers does your unit depend on to do its work?",
            help: "",
            required: true,
            condition: null,
            settings: {
              options: [
                { value: "it-desktop", label: "IT: desktops and devices" },
                { value: "it-applications", label: "IT: business applications" },
                { value: "it-network", label: "IT: network and telephony" },
                { value: "facilities", label: "Facilities: buildings and security" },
                { value: "hr", label: "HR: staffing and payroll" },
                { value: "finance", label: "Finance: budgets and payments" },
                { value: "contact-centre", label: "An outsourced contact centre" },
                { value: "saas", label: "SaaS or cloud suppliers" },
              ],
              allowOther: true,
            },
          },
          {
            id: "q-whom-to-call",
            type: "long_text",
            prompt: "When one of them fails, do you know whom to call? Tell me about the last time you had to.",
            help: "Listen for confusion over who is accountable: it is a need in its own right.",
            required: false,
            condition: null,
            settings: {},
          },
          {
            id: "q-contact-centre",
            type: "long_text",
            prompt: "How well does the outsourced contact centre hand customers over to your unit?",
            help: "",
            required: false,
            condition: { questionId: "q-providers", operator: "equals", value: "contact-centre" },
            settings: {},
          },
        ],
      },
      {
        id: "s-measures",
        title: "How you would measure a good service",
        purpose: "Turn their outcomes into measures they would recognise. Business measures first; availability and response times only where they matter to them.",
        questions: [
          {
            id: "q-good-service",
            type: "long_text",
            prompt: "If the services you rely on were working perfectly, what would you see in your unit's results?",
            help: "E.g. “every account opened within 20 minutes”, “books closed by day 3”.",
            required: true,
            condition: null,
            settings: {},
          },
          {
            id: "q-measure-priority",
            type: "ranking",
            prompt: "Rank what matters most to you in a service.",
            help: "Use the up and down buttons until the most important is first.",
            required: false,
            condition: null,
            settings: {
              options: [
                { value: "availability", label: "It is there when we need it" },
                { value: "speed", label: "It is fast enough for the customer in front of us" },
                { value: "fix-time", label: "Problems are fixed quickly" },
                { value: "change", label: "Changes we ask for arrive quickly" },
                { value: "cost", label: "It costs us less" },
              ],
            },
          },
        ],
      },
      {
        id: "s-change-first",
        title: "What you would change first",
        purpose: "Close by asking for priorities in their own words. Agree how you will report back.",
        questions: [
          {
            id: "q-change-first",
            type: "long_text",
            prompt: "If you could change one thing about the services you rely on by this time next year, what would it be?",
            help: "",
            required: true,
            condition: null,
            settings: {},
          },
          {
            id: "q-next-review",
            type: "date",
            prompt: "When should we come back to check we have understood you correctly?",
            help: "Agree a date before you leave the room.",
            required: false,
            condition: null,
            settings: {},
          },
        ],
      },
    ],
  }),
};

/**
 * The demo workspace's guide for reviewing an agreed service with the units that use it. Its
 * questions name the service with placeholders ({{service}}, {{outcomes}}, {{service_levels}},
 * {{critical_periods}}: app/domain/review-guide.ts), filled from the service's definition when an
 * interview is planned from the service's page.
 */
export const REVIEW_GUIDE = {
  title: "Service review",
  description:
    "A conversation with the units that use an agreed service: do its outcomes still hold, how did its service levels feel in normal time and in the critical periods, what has changed in the unit, and what does it need next. Plan it from the service's page so the questions show what was agreed.",
  content: content({
    sections: [
      {
        id: "s-agreed",
        title: "What we agreed",
        purpose:
          "Remind them what {{service}} was agreed to do, in the words they signed. Each outcome they no longer recognise is a need to revisit, so let them go through the list at their own pace.",
        questions: [
          {
            id: "q-outcomes-hold",
            type: "single_choice",
            prompt: "These are the outcomes agreed for {{service}}:\n{{outcomes}}\nDo they still describe what your unit needs from it?",
            help: "Read them out, or share the screen. Note which ones they hesitate over.",
            required: true,
            condition: null,
            settings: {
              options: [
                { value: "all", label: "Yes, all of them" },
                { value: "most", label: "Most of them" },
                { value: "some", label: "Only some of them" },
                { value: "hardly", label: "Hardly any" },
              ],
            },
          },
          {
            id: "q-outcomes-changed",
            type: "long_text",
            prompt: "Which outcomes no longer hold, and what would you say instead?",
            help: "Go through them by number. Ask what happened to make each one wrong or less important.",
            required: false,
            condition: { questionId: "q-outcomes-hold", operator: "one_of", value: ["most", "some", "hardly"] },
            settings: {},
          },
        ],
      },
      {
        id: "s-levels",
        title: "How the service felt",
        purpose:
          "The measures say what happened; this is whether it was enough. Ask about normal time and about the periods when the unit depends on {{service}} most.",
        questions: [
          {
            id: "q-levels-normal",
            type: "scale",
            prompt: "These are the service levels agreed for {{service}}:\n{{service_levels}}\nIn normal time, how well has the service lived up to them, as your unit felt it?",
            help: "Their experience, not the report: ask for the last time it fell short.",
            required: true,
            condition: null,
            settings: {
              min: 1,
              max: 5,
              minLabel: "Far short",
              maxLabel: "Better than agreed",
              pointLabels: ["Far short", "Often short", "Mostly met", "Met", "Better than agreed"],
            },
          },
          {
            id: "q-levels-critical",
            type: "long_text",
            prompt: "How did the service hold up in the times your unit depends on it most?\n{{critical_periods}}",
            help: "Ask about the last time each period came round: what happened, who noticed, what it cost. If none are named yet, ask whether there should be.",
            required: false,
            condition: null,
            settings: {},
          },
          {
            id: "q-levels-fit",
            type: "long_text",
            prompt: "Are these still the right measures and targets? Which would you change, drop or add?",
            help: "A target met that no longer matters, or something that matters and is not measured, is a need to revisit.",
            required: false,
            condition: null,
            settings: {},
          },
        ],
      },
      {
        id: "s-changes",
        title: "What has changed, and what comes next",
        purpose:
          "Find what changed in the unit since {{service}} was agreed: reorganisations, new processes, suppliers, regulation, technology. Each can make a clause of the agreement wrong. Close with their overall view.",
        questions: [
          {
            id: "q-change-kinds",
            type: "multi_choice",
            prompt: "What has changed in your unit since {{service}} was agreed?",
            help: "Tick every kind of change they mention.",
            required: false,
            condition: null,
            settings: {
              options: [
                { value: "reorganisation", label: "A reorganisation or new team structure" },
                { value: "new-process", label: "A new or changed business process" },
                { value: "supplier", label: "A new supplier, or a change of supplier" },
                { value: "regulation", label: "New regulation or an audit finding" },
                { value: "technology", label: "New technology or a system change" },
                { value: "something-else", label: "Something else" },
                { value: "nothing", label: "Nothing significant" },
              ],
              allowOther: false,
            },
          },
          {
            id: "q-change-detail",
            type: "long_text",
            prompt: "Tell me about each change: when it happened, and what it means for how your unit uses {{service}}.",
            help: "Note the month of each change: the review records when it happened.",
            required: false,
            condition: { questionId: "q-change-kinds", operator: "one_of", value: ["reorganisation", "new-process", "supplier", "regulation", "technology", "something-else"] },
            settings: {},
          },
          {
            id: "q-new-needs",
            type: "long_text",
            prompt: "What will your unit need from {{service}} in the next year that it does not get today?",
            help: "These become needs: ask for the business outcome behind each one, and when it matters most.",
            required: false,
            condition: null,
            settings: {},
          },
          {
            id: "q-effectiveness",
            type: "scale",
            prompt: "Overall, how effective is {{service}} for your unit today?",
            help: "",
            required: true,
            condition: null,
            settings: {
              min: 1,
              max: 5,
              minLabel: "Ineffective",
              maxLabel: "Fully effective",
              pointLabels: ["Ineffective", "Mostly ineffective", "Partially effective", "Mostly effective", "Fully effective"],
            },
          },
        ],
      },
    ],
  }),
};

/**
 * The demo workspace's staff survey about buildings and workplace services: short enough for
 * anyone to answer in five minutes, with a question of each kind its results page shows (a
 * scale, choices, a ranking, a number, critical periods and free text).
 */
export const WORKPLACE_PULSE_GUIDE = {
  title: "Workplace pulse",
  description:
    "A five-minute survey for everyone who works in a Meridian building: how well the workplace supports their work, where and how they work, what to improve first, and when the buildings and workplace services must not let them down.",
  content: content({
    sections: [
      {
        id: "s-how-you-work",
        title: "Where and how you work",
        purpose: "A few quick questions about your workplace today. There are no right answers: tell us how it is for you.",
        questions: [
          {
            id: "q-overall",
            type: "scale",
            prompt: "Overall, how well does your workplace help you do your job?",
            help: "Think of the building you work in most: its rooms, desks, heating, access and the services in it.",
            required: true,
            condition: null,
            settings: {
              min: 1,
              max: 5,
              minLabel: "It gets in the way",
              maxLabel: "Very well",
              pointLabels: ["It gets in the way", "Not well", "Adequately", "Well", "Very well"],
            },
          },
          {
            id: "q-way-of-working",
            type: "single_choice",
            prompt: "How do you mainly work?",
            help: "",
            required: true,
            condition: null,
            settings: {
              options: [
                { value: "office", label: "In an office or branch every working day" },
                { value: "hybrid", label: "Hybrid: some days in, some at home" },
                { value: "remote", label: "Mostly from home" },
              ],
            },
          },
          {
            id: "q-days-in",
            type: "number",
            prompt: "In a typical week, how many days do you work in a Meridian building?",
            help: "Count Saturdays if you work them.",
            required: false,
            condition: null,
            settings: { min: 0, max: 6, unit: "days" },
          },
          {
            id: "q-facilities-used",
            type: "multi_choice",
            prompt: "Which of these do you use in a normal week?",
            help: "Tick all that apply.",
            required: false,
            condition: null,
            settings: {
              options: [
                { value: "desk", label: "A desk of my own or a hot desk" },
                { value: "meeting-rooms", label: "Meeting rooms" },
                { value: "quiet-rooms", label: "Quiet rooms or focus booths" },
                { value: "back-office", label: "A branch back office" },
                { value: "kitchen", label: "The canteen or a kitchen" },
                { value: "car-park", label: "The car park" },
                { value: "cycle-store", label: "Cycle storage and showers" },
                { value: "lockers", label: "Lockers" },
              ],
              allowOther: true,
            },
          },
        ],
      },
      {
        id: "s-improve",
        title: "What to improve first",
        purpose: "Facilities has a budget for next year's improvements: help us spend it where it makes the most difference.",
        questions: [
          {
            id: "q-priorities",
            type: "ranking",
            prompt: "Put these improvements in order, the most important to you first.",
            help: "Use the up and down buttons until the one that matters most is at the top.",
            required: true,
            condition: null,
            settings: {
              options: [
                { value: "meeting-rooms", label: "Meeting rooms you can actually get" },
                { value: "quiet-space", label: "Quiet space for focused work and private calls" },
                { value: "desk-booking", label: "Desk booking that works" },
                { value: "heating", label: "Heating and cooling" },
                { value: "parking", label: "Parking" },
                { value: "canteen", label: "The canteen and kitchens" },
                { value: "accessibility", label: "Accessibility and step-free access" },
              ],
            },
          },
          {
            id: "q-one-change",
            type: "long_text",
            prompt: "If you could change one thing about where you work, what would it be?",
            help: "Be as specific as you like: the building, the room, the time of day.",
            required: false,
            condition: null,
            settings: {},
          },
        ],
      },
      {
        id: "s-must-not-fail",
        title: "When the workplace must not let you down",
        purpose: "Some days matter more than others. Tell us which, so that maintenance, cover and service levels can follow them.",
        questions: [
          {
            id: "q-critical-periods",
            type: "critical_periods",
            prompt: "When must the buildings and workplace services not fail you? For each time: when it is, what it affects, and how bad a failure would be.",
            help: "For example the month-end close, Saturday opening or a year-end audit. Leave it empty if no time stands out.",
            required: false,
            condition: null,
            settings: {},
          },
          {
            id: "q-disrupted",
            type: "yes_no",
            prompt: "In the last three months, has a problem with a building or a workplace service stopped you, or your customers, from getting on?",
            help: "Heating, doors and alarms, lifts, rooms, cleaning, parking: anything that cost you time.",
            required: true,
            condition: null,
            settings: {},
          },
          {
            id: "q-what-happened",
            type: "long_text",
            prompt: "What happened? Where and when was it, whom did you call, and what did it cost you or your customers?",
            help: "The last time is enough.",
            required: false,
            condition: { questionId: "q-disrupted", operator: "equals", value: true },
            settings: {},
          },
        ],
      },
    ],
  }),
};

/** A shorter survey from IT to its partners: whether the kit and tools for hybrid working work for them. */
export const HYBRID_TOOLS_GUIDE = {
  title: "Hybrid working tools",
  description:
    "A short check-in with the people who work between home, head office and the branches: whether their laptop, headset, remote access and meeting rooms let them work anywhere, and what to fix first.",
  content: content({
    sections: [
      {
        id: "s-tools",
        title: "Your kit and tools",
        purpose: "About the tools you use to work away from your usual desk. It takes about three minutes.",
        questions: [
          {
            id: "q-tools-rating",
            type: "scale",
            prompt: "How well do your laptop, headset and collaboration tools let you work wherever you are?",
            help: "",
            required: true,
            condition: null,
            settings: {
              min: 1,
              max: 5,
              minLabel: "Poorly",
              maxLabel: "Very well",
              pointLabels: ["Poorly", "Not well", "Adequately", "Well", "Very well"],
            },
          },
          {
            id: "q-tools-used",
            type: "multi_choice",
            prompt: "Which of these do you rely on in a normal week?",
            help: "Tick all that apply.",
            required: false,
            condition: null,
            settings: {
              options: [
                { value: "laptop", label: "A bank laptop" },
                { value: "headset", label: "A headset" },
                { value: "teams", label: "Teams calls and chat" },
                { value: "remote-access", label: "Remote access from home" },
                { value: "dock", label: "A docking station and screens in the office" },
                { value: "softphone", label: "A softphone for a team or branch line" },
                { value: "printing", label: "Printing" },
              ],
              allowOther: true,
            },
          },
          {
            id: "q-connection-drops",
            type: "single_choice",
            prompt: "Away from the office, how often does your connection to the bank's systems drop?",
            help: "",
            required: true,
            condition: null,
            settings: {
              options: [
                { value: "never", label: "Hardly ever" },
                { value: "monthly", label: "A few times a month" },
                { value: "weekly", label: "Every week" },
                { value: "daily", label: "Most days" },
              ],
            },
          },
        ],
      },
      {
        id: "s-rooms",
        title: "Meetings with people in several places",
        purpose: "",
        questions: [
          {
            id: "q-rooms-work",
            type: "yes_no",
            prompt: "Do the meeting rooms you use let people at home join properly: they can see, hear and be heard?",
            help: "",
            required: true,
            condition: null,
            settings: {},
          },
          {
            id: "q-rooms-detail",
            type: "long_text",
            prompt: "Which rooms, and what goes wrong?",
            help: "",
            required: false,
            condition: { questionId: "q-rooms-work", operator: "equals", value: false },
            settings: {},
          },
          {
            id: "q-fix-first",
            type: "long_text",
            prompt: "What one thing should IT fix first to make hybrid working easier for you?",
            help: "",
            required: false,
            condition: null,
            settings: {},
          },
        ],
      },
    ],
  }),
};
