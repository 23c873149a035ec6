import { describe, expect, it } from "vitest";
import { askedSteps, isLastToDecide, isOverdue, waitedFor, type StepState } from "../../app/domain/signoff";
import { isPdfHead, uploadProblem } from "../../app/domain/verify";

const step = (id: string, role: StepState["role"], position: number, decision: StepState["decision"] = null): StepState => ({ id, role, position, decision });

describe("who is asked", () => {
  const steps = [step("a1", "approver", 0), step("a2", "approver", 1), step("s1", "signer", 0), step("s2", "signer", 1)];

  it("in order: one approver at a time, then one signer at a time", () => {
    expect(askedSteps(steps, true).map((s) => s.id)).toEqual(["a1"]);
    expect(askedSteps([step("a1", "approver", 0, "approved"), ...steps.slice(1)], true).map((s) => s.id)).toEqual(["a2"]);
    const approved = [step("a1", "approver", 0, "approved"), step("a2", "approver", 1, "approved"), ...steps.slice(2)];
    expect(askedSteps(approved, true).map((s) => s.id)).toEqual(["s1"]);
  });

  it("in parallel: every approver at once; signers only when every approver approved", () => {
    expect(askedSteps(steps, false).map((s) => s.id)).toEqual(["a1", "a2"]);
    expect(askedSteps([step("a1", "approver", 0, "approved"), ...steps.slice(1)], false).map((s) => s.id)).toEqual(["a2"]);
    const approved = [step("a1", "approver", 0, "approved"), step("a2", "approver", 1, "approved"), ...steps.slice(2)];
    expect(askedSteps(approved, false).map((s) => s.id)).toEqual(["s1", "s2"]);
  });

  it("positions, not the order of the list, decide who comes first; a rejection asks nobody", () => {
    expect(askedSteps([step("late", "approver", 5), step("early", "approver", 2)], true).map((s) => s.id)).toEqual(["early"]);
    expect(askedSteps([step("a1", "approver", 0, "rejected"), step("s1", "signer", 0)], false)).toEqual([]);
  });

  it("the last to decide is the one step still open when every other approved", () => {
    expect(isLastToDecide([step("a1", "approver", 0, "approved"), step("s1", "signer", 0)], "s1")).toBe(true);
    expect(isLastToDecide([step("a1", "approver", 0), step("s1", "signer", 0)], "s1")).toBe(false);
    expect(isLastToDecide([step("s1", "signer", 0, "approved")], "s1")).toBe(false);
  });
});

describe("waiting and due dates", () => {
  const now = new Date("2026-11-23T12:00:00Z");
  it("says how long something waited in hours, then days", () => {
    expect(waitedFor("2026-11-23T11:30:00Z", now)).toBe("less than an hour");
    expect(waitedFor("2026-11-23T07:00:00Z", now)).toBe("5 hours");
    expect(waitedFor("2026-11-20T12:00:00Z", now)).toBe("3 days");
  });
  it("is overdue the day after its due date, and only while pending", () => {
    expect(isOverdue("2026-11-23", "pending", now)).toBe(false);
    expect(isOverdue("2026-11-22", "pending", now)).toBe(true);
    expect(isOverdue("2026-11-22", "agreed", now)).toBe(false);
    expect(isOverdue(null, "pending", now)).toBe(false);
  });
});

describe("what the verify page accepts", () => {
  it("names an empty file, an oversized one and one that is not a PDF", () => {
    expect(uploadProblem(null)).toBe("Choose the PDF to check.");
    expect(uploadProblem({ size: 0, name: "x.pdf" })).toBe("That file is empty: choose the PDF you were sent.");
    expect(uploadProblem({ size: 21 * 1024 * 1024, name: "big.pdf" })).toBe("That file is over 20 MB, more than this page accepts: Charter's documents are far smaller. Check that you chose the right file.");
    expect(uploadProblem({ size: 5, name: "a.txt" }, new TextEncoder().encode("hello"))).toBe("That file is not a PDF: choose the PDF of the service definition.");
    expect(uploadProblem({ size: 9, name: "a.pdf" }, new TextEncoder().encode("%PDF-1.7\n"))).toBeNull();
    expect(isPdfHead(new TextEncoder().encode("\u00ef\u00bb\u00bf%PDF-1.4"))).toBe(true);
  });
});
