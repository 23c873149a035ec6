import { describe, expect, it } from "vitest";
import { formatUtc } from "../../app/domain/format";

describe("formatUtc", () => {
  it("writes a day, month, year and UTC time the same everywhere", () => {
    expect(formatUtc("2026-11-03T08:05:59.999Z")).toBe("3 Nov 2026, 08:05 UTC");
    expect(formatUtc(new Date("2027-01-31T23:59:00Z"), { zone: false })).toBe("31 Jan 2027, 23:59");
    expect(formatUtc("not a date")).toBe("");
  });
});
