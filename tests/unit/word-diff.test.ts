import { describe, expect, it } from "vitest";
import { wordDiff } from "../../app/domain/word-diff";

const side = (parts: ReturnType<typeof wordDiff>, keep: "removed" | "added") => parts.filter((p) => p.kind === "same" || p.kind === keep).map((p) => p.text).join("");

describe("word diff", () => {
  it("keeps the shared words and marks the ones that changed", () => {
    expect(wordDiff("Normal time: availability, target 99.5%", "Normal time: availability, target 99.9%")).toEqual([
      { kind: "same", text: "Normal time: availability, target " },
      { kind: "removed", text: "99.5%" },
      { kind: "added", text: "99.9%" },
    ]);
    expect(wordDiff("same words", "same words")).toEqual([{ kind: "same", text: "same words" }]);
    expect(wordDiff("", "new")).toEqual([{ kind: "added", text: "new" }]);
    expect(wordDiff("old", "")).toEqual([{ kind: "removed", text: "old" }]);
  });

  it("gives back each side exactly, whatever the texts", () => {
    const pairs: [string, string][] = [
      ["Lets branches serve customers at the counter.", "Lets branches serve customers at the counter and by video."],
      ["a b c d e", "e d c b a"],
      ["  spaced   out ", "spaced out"],
      ["line one\nline two", "line two\nline three"],
    ];
    for (const [before, after] of pairs) {
      const parts = wordDiff(before, after);
      expect(side(parts, "removed")).toBe(before);
      expect(side(parts, "added")).toBe(after);
    }
  });

  it("shows very long texts whole rather than working word by word", () => {
    const long = Array.from({ length: 600 }, (_, i) => `w${i}`).join(" ");
    expect(wordDiff(long, `${long} more`)).toEqual([
      { kind: "removed", text: long },
      { kind: "added", text: `${long} more` },
    ]);
  });
});
