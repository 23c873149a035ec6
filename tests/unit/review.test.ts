import { describe, expect, it } from "vitest";
import { definitionSchema } from "../../app/domain/definition";
import { previewMeasureImport, type ImportService } from "../../app/domain/measures-import";
import {
  addMonths,
  attainment,
  directionOf,
  measuredLevels,
  measuresSummary,
  meets,
  monthsEnding,
  monthStart,
  parseMeasuredValue,
  reviewFormSchema,
  type MeasuredLevel,
  type Measurement,
} from "../../app/domain/review";

const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) => (r.success ? [] : r.error!.issues.map((i) => [i.path.join("."), i.message]));

describe("months", () => {
  it("reads a month as its first day, and refuses what is not a month", () => {
    expect(monthStart("2026-03")).toBe("2026-03-01");
    expect(monthStart(" 2026-12 ")).toBe("2026-12-01");
    expect(monthStart("2026-03-01")).toBe("2026-03-01");
    for (const bad of ["2026-13", "2026-00", "2026-3", "2026-03-15", "March 2026", "", "1999-12"]) expect(monthStart(bad), bad).toBeNull();
  });

  it("lists the months ending with one, oldest first, across a year's end", () => {
    expect(monthsEnding("2026-02-01", 4)).toEqual(["2025-11-01", "2025-12-01", "2026-01-01", "2026-02-01"]);
    expect(monthsEnding("2026-12-01", 2)).toEqual(["2026-11-01", "2026-12-01"]);
    expect(monthsEnding("2026-01-15", 1)).toEqual(["2026-01-01"]);
    expect(monthsEnding("2026-06-01", 13)[0]).toBe("2025-06-01");
  });

  it("adds months keeping the day, clamped to the month's last, with leap years", () => {
    expect(addMonths("2026-03-31", 12)).toBe("2027-03-31");
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
    expect(addMonths("2023-02-28", 12)).toBe("2024-02-28");
    expect(addMonths("2026-08-31", 1)).toBe("2026-09-30");
    expect(addMonths("2025-11-30", 3)).toBe("2026-02-28");
    expect(addMonths("2026-10-15", 6)).toBe("2027-04-15");
    expect(addMonths("2026-12-31", 60)).toBe("2031-12-31");
  });
});

describe("which way a level should go", () => {
  it("a percentage is met at or above its target; minutes, hours and counts at or below", () => {
    expect(directionOf("percent")).toBe("at_least");
    expect(["minutes", "hours", "count"].map((k) => directionOf(k as "minutes"))).toEqual(["at_most", "at_most", "at_most"]);
    expect(directionOf("text")).toBe("met_or_not");

    expect(meets("percent", "99.5", 99.5)).toBe(true);
    expect(meets("percent", "99.5", 99.49)).toBe(false);
    expect(meets("percent", "99.5%", 100)).toBe(true);
    expect(meets("percent", "99.5%", 98)).toBe(false);
    expect(meets("minutes", "20", 20)).toBe(true);
    expect(meets("minutes", "20", 21)).toBe(false);
    expect(meets("hours", "4", 3.5)).toBe(true);
    expect(meets("count", "0", 1)).toBe(false);
    expect(meets("count", "2", 0)).toBe(true);
  });

  it("cannot say when the target is not a number", () => {
    expect(meets("minutes", "soon", 5)).toBeNull();
    expect(meets("percent", "", 99)).toBeNull();
  });
});

describe("a measured value as typed", () => {
  it("reads numbers, percentages with their sign and thousands with commas", () => {
    expect(parseMeasuredValue("percent", "99.2")).toEqual({ value: 99.2, met: null });
    expect(parseMeasuredValue("percent", " 99.2% ")).toEqual({ value: 99.2, met: null });
    expect(parseMeasuredValue("percent", "100")).toEqual({ value: 100, met: null });
    expect(parseMeasuredValue("percent", "0")).toEqual({ value: 0, met: null });
    expect(parseMeasuredValue("minutes", "14")).toEqual({ value: 14, met: null });
    expect(parseMeasuredValue("count", "1,234")).toEqual({ value: 1234, met: null });
    expect(parseMeasuredValue("count", "12,345,678")).toEqual({ value: 12345678, met: null });
    expect(parseMeasuredValue("hours", "2.5")).toEqual({ value: 2.5, met: null });
  });

  it("reads met or missed, in several words, for a level stated in words", () => {
    for (const yes of ["met", "Met", "YES", "y", "true", "1"]) expect(parseMeasuredValue("text", yes), yes).toEqual({ value: null, met: true });
    for (const no of ["missed", "Not met", "no", "N", "false", "0"]) expect(parseMeasuredValue("text", no), no).toEqual({ value: null, met: false });
    expect(parseMeasuredValue("text", "mostly")).toEqual({ problem: "This level is stated in words: say met or missed" });
  });

  it("refuses blanks, words, negatives, percentages over 100 and numbers too large", () => {
    expect(parseMeasuredValue("percent", "")).toEqual({ problem: "Give a value" });
    expect(parseMeasuredValue("text", "   ")).toEqual({ problem: "Give a value" });
    expect(parseMeasuredValue("percent", "high")).toEqual({ problem: "Give a percentage, like 99.2" });
    expect(parseMeasuredValue("minutes", "fast")).toEqual({ problem: "Give a number" });
    expect(parseMeasuredValue("minutes", "-5")).toEqual({ problem: "A measured value cannot be negative" });
    expect(parseMeasuredValue("percent", "100.1")).toEqual({ problem: "A percentage is at most 100" });
    expect(parseMeasuredValue("percent", "150%")).toEqual({ problem: "A percentage is at most 100" });
    expect(parseMeasuredValue("count", "2000000000")).toEqual({ problem: "That number is too large" });
    expect(parseMeasuredValue("count", "0x10")).toEqual({ problem: "Give a number" });
  });

  it("refuses a lone sign or comma rather than reading it as zero", () => {
    expect(parseMeasuredValue("percent", "%")).toEqual({ problem: "Give a percentage, like 99.2" });
    expect(parseMeasuredValue("minutes", ",")).toEqual({ problem: "Give a number" });
  });

  it("refuses a decimal comma rather than reading 12,5 minutes as 125", () => {
    expect(parseMeasuredValue("minutes", "12,5")).toEqual({ problem: "Give a number" });
    expect(parseMeasuredValue("percent", "99,5")).toEqual({ problem: "Give a percentage, like 99.2" });
    expect(parseMeasuredValue("count", "1,23")).toEqual({ problem: "Give a number" });
    expect(parseMeasuredValue("count", "0b11")).toEqual({ problem: "Give a number" });
  });
});

/* ---------- attainment ---------- */

const definition = definitionSchema.parse({
  criticalPeriods: [
    { id: "sat", name: "Saturday opening", when: "Saturdays 08:30–13:30" },
    { id: "month-end", name: "Month-end close", when: "Last two working days" },
  ],
  serviceLevels: [
    { id: "close", period: "month-end", measure: "Ledger closed within", kind: "hours", target: "8", howMeasured: "Close log" },
    { id: "avail", period: null, measure: "Availability", kind: "percent", target: "99.5", howMeasured: "Monitoring" },
    { id: "answer", period: null, measure: "Calls answered within", kind: "minutes", target: "15", howMeasured: "Telephony" },
    { id: "sat-open", period: "sat", measure: "Accounts opened within", kind: "minutes", target: "20", howMeasured: "Branch system" },
    { id: "sat-staff", period: "sat", measure: "Branches fully staffed", kind: "text", target: "Every branch opens on time", howMeasured: "Rota" },
  ],
});
const levels = measuredLevels(definition);
const months = ["2026-01-01", "2026-02-01", "2026-03-01"];
const m = (levelId: string, period: string, met: boolean, value: number | null = met ? 1 : 2): Measurement => {
  const level = levels.find((l) => l.id === levelId)!;
  return { levelId, period, kind: level.kind, target: level.target, value: level.kind === "text" ? null : value, met };
};

describe("attainment", () => {
  it("groups normal time first, then each critical period in the definition's order", () => {
    const groups = attainment(levels, [], months);
    expect(groups.map((g) => [g.periodId, g.label])).toEqual([
      [null, "Normal time"],
      ["sat", "Saturday opening"],
      ["month-end", "Month-end close"],
    ]);
    expect(groups[0]!.levels.map((l) => l.level.id)).toEqual(["avail", "answer"]);
    expect(groups[1]!.levels.map((l) => l.level.id)).toEqual(["sat-open", "sat-staff"]);
  });

  it("leaves out a group with no levels", () => {
    const onlyNormal = levels.filter((l) => l.periodId === null);
    expect(attainment(onlyNormal, [], months).map((g) => g.label)).toEqual(["Normal time"]);
    const onlyCritical = levels.filter((l) => l.periodId === "sat");
    expect(attainment(onlyCritical, [], months).map((g) => g.label)).toEqual(["Saturday opening"]);
  });

  it("shows a cell per month, the share met per month over the levels measured, and a dip month lower", () => {
    const measurements = [
      m("avail", "2026-01-01", true),
      m("answer", "2026-01-01", true),
      m("avail", "2026-02-01", true),
      m("answer", "2026-02-01", false),
      // March: only availability measured, and met.
      m("avail", "2026-03-01", true),
      m("sat-open", "2026-02-01", true),
      m("sat-staff", "2026-02-01", false),
      // Outside the months shown: ignored.
      m("avail", "2025-12-01", false),
    ];
    const [normal, sat, monthEnd] = attainment(levels, measurements, months);
    expect(normal!.share).toEqual([1, 0.5, 1]);
    expect(normal!.levels.map((l) => [l.level.id, l.met, l.measured])).toEqual([
      ["avail", 3, 3],
      ["answer", 1, 2],
    ]);
    expect(normal!.levels[1]!.cells.map((c) => c?.met ?? null)).toEqual([true, false, null]);
    expect(sat!.share).toEqual([null, 0.5, null]);
    expect(monthEnd!.share).toEqual([null, null, null]);
    expect(monthEnd!.levels[0]!.measured).toBe(0);
  });

  it("sums up the months in a sentence per group, naming the level missed most", () => {
    const measurements = [
      m("avail", "2026-01-01", true),
      m("avail", "2026-02-01", false),
      m("avail", "2026-03-01", true),
      m("answer", "2026-01-01", false),
      m("answer", "2026-02-01", false),
      m("answer", "2026-03-01", true),
      m("sat-open", "2026-03-01", true),
    ];
    const text = measuresSummary(attainment(levels, measurements, months), months);
    expect(text).toBe(
      "January 2026 to March 2026. Normal time: 3 of 6 measurements met their targets (50%); missed most: Calls answered within (2 of 3 months). Saturday opening: 1 of 1 measurements met their targets (100%).",
    );
    expect(measuresSummary(attainment(levels, [], months), months)).toBe("");
    expect(measuresSummary(attainment(levels, measurements, []), [])).toBe("");
  });
});

/* ---------- the review form ---------- */

describe("the review form", () => {
  const base = { reviewedOn: "2026-03-31", effectiveness: "partially_effective" };

  it("ignores rows left wholly blank and keeps those filled in", () => {
    const parsed = reviewFormSchema.parse({
      ...base,
      events: [
        { kind: "", occurredOn: "", description: "" },
        { kind: "supplier_change", occurredOn: "2026-02-01", description: " Card printing moved to a new supplier " },
        { kind: "", occurredOn: " ", description: "  " },
      ],
      actions: [{ text: "", owner: "", dueOn: "" }, { text: "Agree Saturday cover with the supplier", owner: "Priya Shah", dueOn: "2026-06-30" }],
    });
    expect(parsed.events).toEqual([{ kind: "supplier_change", occurredOn: "2026-02-01", description: "Card printing moved to a new supplier" }]);
    expect(parsed.actions).toEqual([{ text: "Agree Saturday cover with the supplier", owner: "Priya Shah", dueOn: "2026-06-30" }]);
    expect(parsed.measuresSummary).toBe("");
  });

  it("refuses a row begun but not finished, with the message on the field left out", () => {
    const r = reviewFormSchema.safeParse({
      ...base,
      events: [{ kind: "", occurredOn: "", description: "" }, { kind: "regulation", occurredOn: "", description: "" }],
      actions: [{ text: "Retrain Saturday staff", owner: "", dueOn: "2026-05-31" }],
    });
    expect(issues(r)).toEqual([
      ["events.1.occurredOn", "When did it happen? A date like 2026-03-31"],
      ["events.1.description", "Say what changed"],
      ["actions.0.owner", "Name who owns it"],
    ]);
    const noKind = reviewFormSchema.safeParse({ ...base, events: [{ kind: "", occurredOn: "2026-01-10", description: "New branch rota" }] });
    expect(issues(noKind)).toEqual([["events.0.kind", "Say what kind of change it was"]]);
  });

  it("refuses a change event after the review that records it; the same day is fine", () => {
    const after = reviewFormSchema.safeParse({ ...base, events: [{ kind: "reorganisation", occurredOn: "2026-04-01", description: "Regions merged" }] });
    expect(issues(after)).toEqual([["events.0.occurredOn", "A change event happens before the review that records it"]]);
    const sameDay = reviewFormSchema.safeParse({ ...base, events: [{ kind: "reorganisation", occurredOn: "2026-03-31", description: "Regions merged" }] });
    expect(sameDay.success).toBe(true);
  });

  it("refuses dates that do not exist, for the review, an event and an action", () => {
    expect(issues(reviewFormSchema.safeParse({ ...base, reviewedOn: "2026-02-30" }))).toEqual([["reviewedOn", "That date does not exist"]]);
    expect(issues(reviewFormSchema.safeParse({ ...base, reviewedOn: "2025-02-29" }))).toEqual([["reviewedOn", "That date does not exist"]]);
    expect(reviewFormSchema.safeParse({ ...base, reviewedOn: "2024-02-29" }).success).toBe(true);
    // The first message for a field is the one shown.
    expect(issues(reviewFormSchema.safeParse({ ...base, reviewedOn: "31/03/2026" }))[0]).toEqual(["reviewedOn", "A date like 2026-03-31"]);
    const r = reviewFormSchema.safeParse({
      ...base,
      events: [{ kind: "new_process", occurredOn: "2026-02-31", description: "Online appointments" }],
      actions: [{ text: "Review the rota", owner: "Tom Okafor", dueOn: "2026-04-31" }],
    });
    expect(issues(r)).toEqual([
      ["events.0.occurredOn", "When did it happen? A date like 2026-03-31"],
      ["actions.0.dueOn", "When is it due? A date like 2026-06-30"],
    ]);
  });

  it("asks how effective the service is, naming an unfinished row in the same answer", () => {
    expect(issues(reviewFormSchema.safeParse({ reviewedOn: "2026-03-31" }))).toEqual([["effectiveness", "Say how effective the service is"]]);
    const both = reviewFormSchema.safeParse({ reviewedOn: "2026-03-31", actions: [{ text: "Retrain Saturday staff", owner: "", dueOn: "2026-05-31" }] });
    expect(issues(both)).toEqual([
      ["effectiveness", "Say how effective the service is"],
      ["actions.0.owner", "Name who owns it"],
    ]);
  });

  it("does not blame a change event for a review date that does not exist", () => {
    const r = reviewFormSchema.safeParse({ ...base, reviewedOn: "2026-02-30", events: [{ kind: "regulation", occurredOn: "2026-03-01", description: "New rules" }] });
    expect(issues(r)).toEqual([["reviewedOn", "That date does not exist"]]);
  });
});

/* ---------- importing measures ---------- */

const branch: ImportService = { id: "11111111-1111-4111-8111-111111111111", name: "Branch Banking", levels };
const payroll: ImportService = {
  id: "22222222-2222-4222-8222-222222222222",
  name: "Payroll",
  levels: [
    { id: "run", measure: "Payroll run on time", kind: "text", target: "Every run by 14:00", periodId: null, periodName: null },
    { id: "odd", measure: "Odd target", kind: "minutes", target: "soon", periodId: null, periodName: null } satisfies MeasuredLevel,
  ],
};
const empty: ImportService = { id: "33333333-3333-4333-8333-333333333333", name: "Courier", levels: [] };
const services = [branch, payroll, empty];

function rowsOf(csv: string) {
  const preview = previewMeasureImport(csv, services);
  if (!preview.ok) throw new Error(preview.fileError);
  return preview;
}
const fileError = (csv: string) => {
  const preview = previewMeasureImport(csv, services);
  return preview.ok ? null : preview.fileError;
};

describe("previewMeasureImport", () => {
  it("resolves each row to its service, level and month, with met against the level's target", () => {
    const preview = rowsOf(
      [
        "Service name,Service level,Month,Actual",
        "branch banking,AVAILABILITY,2026-03,99.7%",
        "Branch Banking,answer,2026-03-01,21",
        "Branch Banking,Accounts opened within,2026-03,18",
        "Payroll,Payroll run on time,2026-03,missed",
        "Payroll,run,2026-02,Met",
      ].join("\n"),
    );
    expect(preview.errorCount).toBe(0);
    expect(preview.validCount).toBe(5);
    expect(preview.rows.map((r) => r.resolved)).toEqual([
      { serviceId: branch.id, levelId: "avail", criticalPeriodId: null, period: "2026-03-01", kind: "percent", target: "99.5", value: 99.7, met: true },
      { serviceId: branch.id, levelId: "answer", criticalPeriodId: null, period: "2026-03-01", kind: "minutes", target: "15", value: 21, met: false },
      { serviceId: branch.id, levelId: "sat-open", criticalPeriodId: "sat", period: "2026-03-01", kind: "minutes", target: "20", value: 18, met: true },
      { serviceId: payroll.id, levelId: "run", criticalPeriodId: null, period: "2026-03-01", kind: "text", target: "Every run by 14:00", value: null, met: false },
      { serviceId: payroll.id, levelId: "run", criticalPeriodId: null, period: "2026-02-01", kind: "text", target: "Every run by 14:00", value: null, met: true },
    ]);
  });

  it("refuses the file for an unknown, repeated or missing column, or no rows", () => {
    expect(fileError("service,measure,period,value,comment\nx,y,2026-03,1")).toBe('Unknown column: "comment". The columns are: service, measure, period, value.');
    expect(fileError("service,measure,period,value,,notes\nx,y,2026-03,1")).toBe('Unknown columns: "(blank)", "notes". The columns are: service, measure, period, value.');
    expect(fileError("service,service name,measure,period,value\nx,x,y,2026-03,1")).toBe('The column "service" appears twice.');
    expect(fileError("service,measure,value\nx,y,1")).toBe('The file has no "period" column. The columns are: service, measure, period, value.');
    expect(fileError("service,measure,period,value\n")).toBe("The file has a header row but no values.");
  });

  it("names every problem of every row, by line", () => {
    const preview = rowsOf(
      [
        "service,measure,period,value",
        "Branch Banking,Availability,2026-03,99.9",
        "Branch Bank,Availability,2026-03,99.9",
        "Branch Banking,Speed,2026-03,5",
        "Branch Banking,Availability,March 2026,99",
        "Branch Banking,Calls answered within,2026-13,12",
        ",,,",
        "Branch Banking,Availability,2026-02,101",
        "Branch Banking,Availability,2026-01,",
        "Courier,Deliveries,2026-03,5",
        "Branch Banking,Availability,2026-04,99,extra",
      ].join("\n"),
    );
    const byLine = Object.fromEntries(preview.rows.map((r) => [r.line, r.errors]));
    expect(byLine).toEqual({
      2: [],
      3: ['No service is called "Branch Bank"'],
      4: ['Branch Banking has no service level "Speed" (use the level\'s measure as written in the definition, or its id)'],
      5: ['Period "March 2026" is not a month like 2026-03'],
      6: ['Period "2026-13" is not a month like 2026-03'],
      7: ["Service is empty", "Measure is empty", "Period is empty"],
      8: ['Value "101": a percentage is at most 100'],
      9: ["Value is empty"],
      10: ["Courier has no service levels to measure yet"],
      11: ["Has 5 values but the header names 4 columns"],
    });
    expect(preview.validCount).toBe(1);
    expect(preview.errorCount).toBe(9);
    expect(preview.rows.filter((r) => r.resolved).map((r) => r.line)).toEqual([2]);
  });

  it("refuses a month given twice for a measure, whether by its words or its id", () => {
    const preview = rowsOf(
      ["service,measure,period,value", "Branch Banking,Availability,2026-03,99.9", "Branch Banking,Availability,2026-04,99.9", "BRANCH BANKING,avail,2026-03-01,98"].join("\n"),
    );
    expect(preview.rows.map((r) => r.errors)).toEqual([[], [], ["Line 2 already gives March 2026 for this measure"]]);
    expect(preview.rows[2]!.resolved).toBeUndefined();
  });

  it("asks met or missed for a level stated in words, and refuses a target that is not a number", () => {
    const preview = rowsOf(["service,measure,period,value", "Payroll,Payroll run on time,2026-03,98", "Payroll,Odd target,2026-03,5"].join("\n"));
    expect(preview.rows.map((r) => r.errors)).toEqual([
      ['Value "98": this level is stated in words: say met or missed'],
      ['The target of "Odd target" (soon) is not a number: correct the definition first'],
    ]);
  });
});
