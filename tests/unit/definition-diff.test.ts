import { describe, expect, it } from "vitest";
import { diffLines, type Line } from "../../app/domain/definition";

const line = (key: string, text: string, section = "Outcomes"): Line => ({ key, section, text });

describe("the comparison of two versions", () => {
  it("lists changes in the later version's order, each removal where it stood", () => {
    const before = [line("purpose", "Serve customers", "Purpose"), line("o:a", "A"), line("o:b", "B"), line("o:c", "C"), line("support", "Call the desk", "Support")];
    const after = [line("purpose", "Serve customers well", "Purpose"), line("o:a", "A"), line("o:c", "C, sooner"), line("o:d", "D"), line("support", "Call the desk", "Support")];
    expect(diffLines(before, after).map((c) => [c.key, c.change])).toEqual([
      ["purpose", "changed"],
      ["o:b", "removed"],
      ["o:c", "changed"],
      ["o:d", "added"],
    ]);
  });

  it("puts a removed first line first, keeps several removals in their order, and says nothing when nothing changed", () => {
    const before = [line("o:a", "A"), line("o:b", "B"), line("o:c", "C")];
    expect(diffLines(before, [line("o:c", "C")]).map((c) => c.key)).toEqual(["o:a", "o:b"]);
    expect(diffLines(before, before)).toEqual([]);
  });
});

describe("the comparison across sections", () => {
  it("keeps a removal in its own section, after that section's additions that precede it", () => {
    const before = [line("o:a", "A"), line("c:x", "Retail Banking", "Consumers")];
    const after = [line("o:a", "A"), line("o:b", "B")];
    expect(diffLines(before, after).map((c) => [c.section, c.change])).toEqual([
      ["Outcomes", "added"],
      ["Consumers", "removed"],
    ]);
  });
});
