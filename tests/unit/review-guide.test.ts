import { describe, expect, it } from "vitest";
import { definitionSchema, EMPTY_DEFINITION } from "../../app/domain/definition";
import { guideContentSchema, publishProblems, type GuideContent } from "../../app/domain/guide";
import { fillGuideContent, fillText, hasPlaceholders, pickReviewStakeholders, reviewValues, targetInWords } from "../../app/domain/review-guide";
import { REVIEW_GUIDE } from "../../db/seed/guides";

const branch = definitionSchema.parse({
  outcomes: [
    { id: "open-first-visit", text: "Customers leave with their account open." },
    { id: "someone-to-call", text: "Branch staff always have someone to call." },
  ],
  criticalPeriods: [
    { id: "saturday", name: "Saturday opening", when: "Saturdays 08:30–13:30" },
    { id: "month-end", name: "Month-end", when: "The last two working days of each month" },
  ],
  serviceLevels: [
    { id: "open-minutes", period: null, measure: "Accounts opened within", kind: "minutes", target: "20", howMeasured: "Account log" },
    { id: "available", period: null, measure: "Counter system available", kind: "percent", target: "99.5", howMeasured: "Monitoring" },
    { id: "sat-fix", period: "saturday", measure: "Faults fixed within", kind: "hours", target: "1", howMeasured: "Service desk" },
    { id: "sat-staff", period: "saturday", measure: "Branches open on time", kind: "text", target: "Every branch", howMeasured: "Rota" },
  ],
});

describe("filling a review guide's placeholders", () => {
  it("fills every placeholder from the definition and the service's name", () => {
    const values = reviewValues("Branch Banking", branch);
    expect(values.service).toBe("Branch Banking");
    expect(values.outcomes).toBe("1. Customers leave with their account open.\n2. Branch staff always have someone to call.");
    expect(values.critical_periods).toBe("- Saturday opening: Saturdays 08:30–13:30\n- Month-end: The last two working days of each month");
    // Normal time first, then each critical period: its own levels, or the normal ones where it has none.
    expect(values.service_levels).toBe(
      [
        "Normal time:",
        "- Accounts opened within: 20 minutes",
        "- Counter system available: 99.5%",
        "During Saturday opening:",
        "- Faults fixed within: 1 hour",
        "- Branches open on time: Every branch",
        "During Month-end: as in normal time.",
      ].join("\n"),
    );
  });

  it("says so in a sentence when the definition has no outcomes, levels or periods", () => {
    const values = reviewValues("Payroll", EMPTY_DEFINITION);
    expect(values.outcomes).toBe("No outcomes are written down for Payroll yet: ask what the business relies on it for.");
    expect(values.service_levels).toBe("No service levels are set for Payroll yet.");
    expect(values.critical_periods).toBe("No critical business periods are named for Payroll yet.");
    expect(fillText("Do these still hold? {{outcomes}}", values)).toBe("Do these still hold?\nNo outcomes are written down for Payroll yet: ask what the business relies on it for.");
  });

  it("puts the service's name in the sentence and each list on lines of its own", () => {
    const values = reviewValues("Branch Banking", branch);
    expect(fillText("How well does {{service}} serve you?", values)).toBe("How well does Branch Banking serve you?");
    expect(fillText("Agreed for {{ service }}: {{outcomes}} Do they hold?", values)).toBe(
      "Agreed for Branch Banking:\n1. Customers leave with their account open.\n2. Branch staff always have someone to call.\nDo they hold?",
    );
    expect(fillText("Periods:\n{{critical_periods}}\nAnd then?", values)).toBe(`Periods:\n${values.critical_periods}\nAnd then?`);
    expect(fillText("{{service_levels}}", values)).toBe(values.service_levels);
  });

  it("leaves ordinary text, single braces and unknown names alone, and everything without a service", () => {
    const values = reviewValues("Branch Banking", branch);
    expect(fillText("Budget {2026} and {service} and {{owner}} stay as typed", values)).toBe("Budget {2026} and {service} and {{owner}} stay as typed");
    expect(fillText("How well does {{service}} serve you?", null)).toBe("How well does {{service}} serve you?");
    expect(hasPlaceholders("How well does {{service}} serve you?")).toBe(true);
    expect(hasPlaceholders("What matters to you {most}?")).toBe(false);
  });

  it("fills a guide's section titles, purposes, questions and help, and nothing else", () => {
    const content: GuideContent = guideContentSchema.parse({
      sections: [
        {
          id: "s-one",
          title: "About {{service}}",
          purpose: "Remind them of {{outcomes}}",
          questions: [{ id: "q-one", type: "yes_no", prompt: "Is {{service}} still right?", help: "The levels: {{service_levels}}", required: true, settings: {} }],
        },
      ],
    });
    const filled = fillGuideContent(content, reviewValues("Branch Banking", branch));
    const q = filled.sections[0]!.questions[0]!;
    expect(filled.sections[0]!.title).toBe("About Branch Banking");
    expect(filled.sections[0]!.purpose).toContain("\n1. Customers leave");
    expect(q.prompt).toBe("Is Branch Banking still right?");
    expect(q.help.startsWith("The levels:\nNormal time:\n- Accounts opened within: 20 minutes")).toBe(true);
    expect({ ...q, prompt: "", help: "" }).toEqual({ ...content.sections[0]!.questions[0]!, prompt: "", help: "" });
    expect(fillGuideContent(content, null)).toBe(content);
  });

  it("writes targets in the measure's own terms", () => {
    expect(targetInWords("percent", "99.5")).toBe("99.5%");
    expect(targetInWords("percent", "90%")).toBe("90%");
    expect(targetInWords("minutes", "1")).toBe("1 minute");
    expect(targetInWords("hours", "4")).toBe("4 hours");
    expect(targetInWords("count", "3")).toBe("3");
  });
});

describe("the demo's Service review guide", () => {
  it("is ready to publish, and names the service, its outcomes, levels and periods", () => {
    expect(publishProblems(REVIEW_GUIDE.content)).toEqual([]);
    const text = REVIEW_GUIDE.content.sections.flatMap((s) => [s.purpose, ...s.questions.map((q) => `${q.prompt} ${q.help}`)]).join(" ");
    for (const name of ["service", "outcomes", "service_levels", "critical_periods"]) expect(text).toContain(`{{${name}}}`);
    expect(REVIEW_GUIDE.content.sections.flatMap((s) => s.questions).some((q) => q.type === "scale")).toBe(true);
  });
});

describe("whom a review interview asks by default", () => {
  const person = (id: string, unitId: string, level: string, name = id) => ({ id, name, unitId, level });
  it("takes a few people from the consumer units in turn, the spokesperson first, then the most senior", () => {
    const people = [
      person("front", "rb", "front_line"),
      person("manager", "rb", "manager"),
      person("senior", "rb", "senior_manager"),
      person("maria", "rb", "specialist", "Maria Lopez"),
      person("fin-lead", "fin", "manager"),
      person("outsider", "hr", "executive"),
    ];
    expect(pickReviewStakeholders(people, [{ unitId: "rb", spokesperson: "Maria Lopez, Head of Branch Network" }, { unitId: "fin" }])).toEqual(["maria", "fin-lead", "senior"]);
    expect(pickReviewStakeholders(people, [{ unitId: "rb" }], 2)).toEqual(["senior", "manager"]);
    expect(pickReviewStakeholders(people, [])).toEqual([]);
  });
});
