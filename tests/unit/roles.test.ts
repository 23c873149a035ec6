import { describe, expect, it } from "vitest";
import { can, navigationFor, ROLES } from "../../app/domain/roles";

describe("roles", () => {
  it("lets admin do everything", () => {
    for (const cap of ["users:manage", "units:manage", "stakeholders:manage", "audit:read"] as const) {
      expect(can("admin", cap)).toBe(true);
    }
  });

  it("shows each role only the navigation it may use", () => {
    const labels = Object.fromEntries(ROLES.map((r) => [r, navigationFor(r).map((n) => n.label)]));
    expect(labels.admin).toEqual(["Home", "Interviews", "Surveys", "Needs", "Prioritisation", "Services", "Sign-off", "Interview guides", "Stakeholders", "Users", "Business units", "Audit trail", "Outbox"]);
    expect(labels.relationship_manager).toEqual(["Home", "Interviews", "Surveys", "Needs", "Prioritisation", "Services", "Sign-off", "Interview guides", "Stakeholders"]);
    expect(labels.business_lead).toEqual(["Home", "Needs", "Prioritisation", "Services", "Sign-off"]);
    expect(labels.executive).toEqual(["Home", "Prioritisation", "Services", "Sign-off"]);
  });
});
