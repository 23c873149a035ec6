import { describe, expect, it } from "vitest";
import { checkSave, fieldName, formatAnswer, progressOf, valueFromForm, visibleQuestionIds } from "../../app/domain/answers";
import type { GuideContent, Question } from "../../app/domain/guide";
import { demoAnswerSets } from "../../db/seed/answers";
import { DISCOVERY_GUIDE } from "../../db/seed/guides";

const q = (over: Partial<Question> & Pick<Question, "id" | "type" | "settings">): Question =>
  ({ prompt: over.id, help: "", required: false, condition: null, ...over }) as Question;

const GUIDE: GuideContent = {
  sections: [
    {
      id: "s-a",
      title: "A",
      purpose: "",
      questions: [
        q({ id: "q-peaks", type: "yes_no", settings: {}, required: true }),
        q({ id: "q-which", type: "long_text", settings: {}, required: true, condition: { questionId: "q-peaks", operator: "equals", value: true } }),
        q({ id: "q-how-bad", type: "scale", settings: { min: 1, max: 5, minLabel: "Mild", maxLabel: "Severe" }, condition: { questionId: "q-which", operator: "answered" } }),
      ],
    },
    {
      id: "s-b",
      title: "B",
      purpose: "",
      questions: [
        q({ id: "q-rank", type: "ranking", settings: { options: [{ value: "speed", label: "Speed" }, { value: "cost", label: "Cost" }, { value: "fix", label: "Fixes" }] } }),
        q({ id: "q-periods", type: "critical_periods", settings: {} }),
        q({ id: "q-who", type: "multi_choice", settings: { options: [{ value: "it", label: "IT" }, { value: "hr", label: "HR" }], allowOther: true } }),
      ],
    },
  ],
};

describe("show-if conditions", () => {
  it("hides a question whose condition fails, and the questions that depend on it, even with answers kept", () => {
    expect([...visibleQuestionIds(GUIDE, { "q-peaks": true, "q-which": "Month end" })]).toEqual(["q-peaks", "q-which", "q-how-bad", "q-rank", "q-periods", "q-who"]);
    // q-which keeps its answer but is hidden, so q-how-bad (which depends on it) is hidden too.
    expect(visibleQuestionIds(GUIDE, { "q-peaks": false, "q-which": "Month end" }).has("q-how-bad")).toBe(false);
  });

  it("counts only shown questions, requires only shown ones, and says where the missing ones are", () => {
    const hidden = progressOf(GUIDE, { "q-peaks": false, "q-which": "Kept but hidden" });
    expect(hidden).toMatchObject({ answered: 1, total: 4, required: 1, requiredAnswered: 1, missing: [] });
    const shown = progressOf(GUIDE, { "q-peaks": true });
    expect(shown.missing).toEqual([{ sectionId: "s-a", sectionTitle: "A", questionId: "q-which", number: 2, prompt: "q-which" }]);
    expect(shown.sections.map((s) => `${s.id} ${s.answered}/${s.total} missing ${s.missing}`)).toEqual(["s-a 1/2 missing 1", "s-b 0/3 missing 0"]);
  });
});

describe("checking a save", () => {
  it("stores an emptied answer as no answer, and refuses values that do not fit the question", () => {
    expect(checkSave(GUIDE, { kind: "answer", item: "q-which", value: "   " })).toEqual({ ok: true, value: null });
    expect(checkSave(GUIDE, { kind: "answer", item: "q-who", value: { selected: [], other: "" } })).toEqual({ ok: true, value: null });
    expect(checkSave(GUIDE, { kind: "answer", item: "q-how-bad", value: 9 })).toEqual({ ok: false, message: "Choose a point from 1 to 5" });
    expect(checkSave(GUIDE, { kind: "answer", item: "q-rank", value: ["speed", "cost"] })).toEqual({ ok: false, message: "Rank every option once" });
    expect(checkSave(GUIDE, { kind: "notes", item: "s-zz", value: "x" })).toEqual({ ok: false, message: "That section is not in this interview's guide" });
    expect(checkSave(GUIDE, { kind: "notes", item: "s-a", value: 42 })).toEqual({ ok: false, message: "Notes are text" });
  });
});

describe("the section form without JavaScript", () => {
  const [rank, periods, who] = GUIDE.sections[1]!.questions as [Question, Question, Question];

  it("reads a ranking from one place per option, and refuses gaps or shared places", () => {
    const form = (places: string[]) => Object.fromEntries(["speed", "cost", "fix"].map((o, i) => [fieldName.rank("q-rank", o), places[i]!]));
    expect(valueFromForm(rank, form(["2", "3", "1"]))).toEqual(["fix", "speed", "cost"]);
    expect(valueFromForm(rank, form(["", "", ""]))).toBeNull();
    for (const bad of [["1", "1", "2"], ["1", "", "2"]]) expect(checkSave(GUIDE, { kind: "answer", item: "q-rank", value: valueFromForm(rank, form(bad)) })).toMatchObject({ ok: false });
  });

  it("reads critical periods from rows, skipping empty ones", () => {
    const form = {
      [fieldName.period("q-periods", 0, "name")]: "Month end",
      [fieldName.period("q-periods", 0, "when")]: "Last 3 working days",
      [fieldName.period("q-periods", 0, "impact")]: "severe",
      [fieldName.period("q-periods", 1, "name")]: "",
      [fieldName.period("q-periods", 1, "impact")]: "medium",
    };
    expect(valueFromForm(periods, form)).toEqual([{ name: "Month end", when: "Last 3 working days", affects: "", impact: "severe" }]);
  });

  it("reads several ticked boxes and the 'other' text", () => {
    expect(valueFromForm(who, { [fieldName.value("q-who")]: ["it", "hr"], [fieldName.other("q-who")]: " Payroll bureau " })).toEqual({ selected: ["it", "hr"], other: "Payroll bureau" });
  });
});

describe("answers in words", () => {
  it("writes each type as a reader would say it", () => {
    const [, , scale] = GUIDE.sections[0]!.questions as [Question, Question, Question];
    const [rank, periods, who] = GUIDE.sections[1]!.questions as [Question, Question, Question];
    expect(formatAnswer(scale, 5)).toBe("5 of 1–5 (Severe)");
    expect(formatAnswer(rank, ["fix", "speed", "cost"])).toBe("1. Fixes; 2. Speed; 3. Cost");
    expect(formatAnswer(who, { selected: ["hr"], other: "Bureau" })).toBe("HR; Other: Bureau");
    expect(formatAnswer(periods, [{ name: "Payroll", when: "20th–25th", affects: "Pay", impact: "severe" }])).toBe("Payroll (20th–25th; affects Pay; impact severe)");
    expect(formatAnswer(who, null)).toBe("");
  });
});

describe("demo answers", () => {
  it("fit the demo guide: every value checks, and completed interviews have every required answer", () => {
    const guide = { content: DISCOVERY_GUIDE.content as GuideContent };
    const sets = demoAnswerSets("2026-11-23");
    for (const [name, set] of Object.entries(sets)) {
      for (const [item, a] of Object.entries(set.answers)) expect(checkSave(guide.content, { kind: "answer", item, value: a.value }), `${name} ${item}`).toMatchObject({ ok: true });
      for (const [item, text] of Object.entries(set.notes)) expect(checkSave(guide.content, { kind: "notes", item, value: text }), `${name} ${item}`).toMatchObject({ ok: true });
      const values = Object.fromEntries(Object.entries(set.answers).map(([k, a]) => [k, a.value]));
      const { missing } = progressOf(guide.content, values);
      if (name === "hr-onboarding") expect(missing.length).toBeGreaterThan(0);
      else expect(missing, name).toEqual([]);
    }
  });
});
