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

/** A draft guide for reviewing an agreed service with its consumers. */
export const REVIEW_GUIDE = {
  title: "Service review",
  description: "A short conversation with a service's consumers: is it still doing what we agreed, and what has changed since?",
  content: content({
    sections: [
      {
        id: "s-since-last",
        title: "Since the last review",
        purpose: "Find the change events: reorganisations, new processes, supplier changes, regulation, new technology.",
        questions: [
          {
            id: "q-what-changed",
            type: "long_text",
            prompt: "What has changed in your unit since we last agreed this service?",
            help: "",
            required: true,
            condition: null,
            settings: {},
          },
          {
            id: "q-effective",
            type: "single_choice",
            prompt: "Is the service still doing what we agreed it would?",
            help: "",
            required: true,
            condition: null,
            settings: {
              options: [
                { value: "effective", label: "Yes, fully" },
                { value: "partially", label: "Partly" },
                { value: "ineffective", label: "No" },
              ],
            },
          },
        ],
      },
    ],
  }),
};
