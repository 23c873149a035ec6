import { describe, expect, it } from "vitest";
import { definitionSchema } from "../../app/domain/definition";
import { definitionFormSchema, definitionFromForm, definitionToForm, needNumbersIn } from "../../app/domain/definition-form";

const N3 = "0b0e7c9e-0000-4000-8000-000000000003";
const N12 = "0b0e7c9e-0000-4000-8000-000000000012";
const lookup = new Map([
  [3, { id: N3, mergedIntoNumber: null }],
  [12, { id: N12, mergedIntoNumber: null }],
  [10, { id: "0b0e7c9e-0000-4000-8000-000000000010", mergedIntoNumber: 17 }],
]);

describe("the definition editor's form", () => {
  it("reads rows, skips blank ones, gives new clauses ids, and resolves needs named by number", () => {
    const form = {
      purpose: "Branches serve customers in person.",
      o_0_id: "o1",
      o_0_text: "Accounts opened on Saturdays",
      o_0_needs: "N-3, n12",
      o_1_text: "",
      o_1_needs: "",
      o_2_text: "Customers reach their branch by phone",
      p_0_name: "Saturday opening",
      p_0_when: "Saturdays 08:30–13:30",
      l_0_period: "",
      l_0_measure: "Accounts opened within",
      l_0_kind: "minutes",
      l_0_target: "20",
      l_0_how: "Branch system timestamps",
      cov_sat_from: "08:30",
      cov_sat_to: "13:30",
    };
    expect(needNumbersIn(form).sort((a, b) => a - b)).toEqual([3, 12]);
    const result = definitionFromForm(form, lookup);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.definition.outcomes).toEqual([
      { id: "o1", text: "Accounts opened on Saturdays", needIds: [N3, N12] },
      { id: "outcome-1", text: "Customers reach their branch by phone", needIds: [] },
    ]);
    expect(result.definition.criticalPeriods[0]).toMatchObject({ id: "period-1", name: "Saturday opening" });
    expect(result.definition.hours.coverage).toEqual([{ day: "sat", from: "08:30", to: "13:30" }]);
    // And back: the form shows what was saved.
    const numbers = new Map([
      [N3, 3],
      [N12, 12],
    ]);
    const back = definitionToForm(result.definition, (id) => numbers.get(id) ?? null);
    expect(back.o_0_needs).toBe("N-3, N-12");
    expect(definitionFromForm(back, lookup)).toEqual(result);
  });

  it("puts each problem on its field: unknown and merged needs, a target that is not a number, hours that end before they start", () => {
    const result = definitionFromForm(
      {
        o_0_text: "Accounts opened on Saturdays",
        o_0_needs: "N-99",
        o_3_text: "Phones answered",
        o_3_needs: "N-10",
        l_2_measure: "Availability",
        l_2_kind: "percent",
        l_2_target: "most of the time",
        l_2_how: "Monitoring",
        cov_mon_from: "17:00",
        cov_mon_to: "09:00",
      },
      lookup,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        o_0_needs: "There is no need “N-99”: name needs by number, like N-12",
        o_3_needs: "N-10 was merged into N-17: name N-17 instead",
        l_2_target: "Give the target as a percentage, like 99.5",
        cov_mon_to: "A day's hours end after they start",
      },
    });
  });

  it("in the browser checks everything but whether the needs exist", () => {
    const ok = definitionFormSchema.safeParse({ o_0_text: "Accounts opened on Saturdays", o_0_needs: "N-99", o_1_text: undefined });
    expect(ok.success).toBe(true);
    const bad = definitionFormSchema.safeParse({ l_0_measure: "Availability", l_0_kind: "percent", l_0_target: "abc", l_0_how: "x", l_0_period: "month-end" });
    expect(bad.success ? [] : bad.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["l_0_period", "That critical period is not named in this definition: add it first"],
      ["l_0_target", "Give the target as a percentage, like 99.5"],
    ]);
    expect(definitionSchema.parse({}).outcomes).toEqual([]);
  });
});
