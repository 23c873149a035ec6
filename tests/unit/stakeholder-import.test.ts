import { describe, expect, it } from "vitest";
import { previewStakeholderImport } from "../../app/domain/stakeholder";

const units = [
  { id: "11111111-1111-4111-8111-111111111111", name: "Retail Banking", code: "RB" },
  { id: "22222222-2222-4222-8222-222222222222", name: "Finance", code: "FIN" },
];
const lookups = { units, existingEmails: new Map([["taken@example.com", "Fiona Campbell"]]) };

describe("previewStakeholderImport", () => {
  it("accepts unit names or codes, level labels or keys, and header aliases", () => {
    const csv = "Full name,Job title,Level,Business unit,E-mail\nAda Park,Teller,Front line,rb,ada@example.com\nBo Li,,senior_manager,Finance,";
    const preview = previewStakeholderImport(csv, lookups);
    expect(preview.ok && preview.errorCount).toBe(0);
    if (!preview.ok) return;
    expect(preview.rows.map((r) => r.stakeholder)).toEqual([
      { name: "Ada Park", title: "Teller", level: "front_line", businessUnitId: units[0]!.id, email: "ada@example.com" },
      { name: "Bo Li", title: "", level: "senior_manager", businessUnitId: units[1]!.id, email: null },
    ]);
  });

  it("reports every problem of every row, with its line", () => {
    const csv = [
      "name,level,unit,email",
      ",manager,RB,x@example.com",
      "Cy,boss,Nowhere,not-an-email",
      "Di,manager,FIN,x@example.com",
      "Ed,manager,FIN,taken@example.com",
    ].join("\n");
    const preview = previewStakeholderImport(csv, lookups);
    if (!preview.ok) throw new Error(preview.fileError);
    expect(preview.errorCount).toBe(4);
    const byLine = Object.fromEntries(preview.rows.map((r) => [r.line, r.errors]));
    expect(byLine[2]).toEqual(["Enter a name"]);
    expect(byLine[3]).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Level "boss" is not one of'),
        'No business unit is called "Nowhere"',
        expect.stringContaining("valid email"),
      ]),
    );
    expect(byLine[4]).toEqual(["Same email as line 2"]);
    expect(byLine[5]).toEqual(["Fiona Campbell already has this email"]);
  });

  it("refuses files it cannot read as a stakeholder list", () => {
    const fileError = (csv: string) => {
      const p = previewStakeholderImport(csv, lookups);
      return p.ok ? null : p.fileError;
    };
    expect(fileError("")).toBe("The file is empty.");
    expect(fileError("name,unit,shoe size\nA,RB,9")).toContain('Unknown column: "shoe size"');
    expect(fileError("title,level\nX,manager")).toContain('no "name" column');
    expect(fileError("name,unit")).toContain("no stakeholders");
    expect(fileError("\u0000\u0001\u0002")).toContain("not a CSV");
  });
});
