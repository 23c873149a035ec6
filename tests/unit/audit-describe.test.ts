import { describe, expect, it } from "vitest";
import { describePayload } from "../../app/domain/audit";

describe("describePayload", () => {
  it("writes changes as from → to, and lists as counts", () => {
    expect(describePayload({ changes: { role: { from: "executive", to: "business_lead" }, title: { from: "", to: "COO" } } })).toEqual([
      "role: executive → business_lead",
      "title: — → COO",
    ]);
    expect(describePayload({ count: 2, ids: ["a", "b"] })).toEqual(["count: 2", "ids: 2 items"]);
  });
});
