import { describe, expect, it } from "vitest";
import { anchorIn, captureEvidenceSchema, highlightSegments, locateQuote, looseIndexOf, parseTags } from "../../app/domain/evidence";
import { needFilterSchema, parseNeedRef, supportOf } from "../../app/domain/need";
import { synthesisOf } from "../../app/domain/synthesis";
import type { GuideContent } from "../../app/domain/guide";
import type { StoredAnswer } from "../../app/domain/answers";

const ANSWER = "We open on Saturdays.\nThe account system is down until Monday, so customers walk out.";

describe("locating a quote", () => {
  it("accepts a selection whose offsets cover exactly the quoted text", () => {
    const start = ANSWER.indexOf("The account");
    expect(locateQuote(ANSWER, "The account system", start, start + 18)).toEqual({ ok: true, start, end: start + 18 });
  });

  it("refuses offsets outside the answer, reversed, or covering other text", () => {
    expect(locateQuote(ANSWER, "walk out", 80, 500)).toMatchObject({ ok: false, code: "out_of_range" });
    expect(locateQuote(ANSWER, "walk out", 10, 5)).toMatchObject({ ok: false, code: "out_of_range" });
    expect(locateQuote(ANSWER, "walk out", 0, 8)).toMatchObject({ ok: false, code: "mismatch" });
  });

  it("finds a pasted quote despite other spacing, line breaks and typographic quotes", () => {
    const text = "it’s   down\n until Monday";
    const source = "Yes, it's down until Monday.";
    const found = locateQuote(source, text);
    expect(found).toEqual({ ok: true, start: 5, end: 27 });
    expect(source.slice(5, 27)).toBe("it's down until Monday");
    expect(looseIndexOf("a  b", "c")).toBeNull();
  });

  it("says so when the passage is not in the answer", () => {
    expect(locateQuote(ANSWER, "customers love Mondays")).toMatchObject({ ok: false, code: "not_found" });
  });
});

describe("highlighting", () => {
  it("places evidence at its offsets while the answer is unchanged, and finds the passage after an edit", () => {
    const ev = { start: ANSWER.indexOf("customers"), end: ANSWER.indexOf("customers") + 18, text: "customers walk out", sourceText: ANSWER };
    expect(anchorIn(ANSWER, ev)).toEqual({ start: ev.start, end: ev.end });
    const edited = `Update: ${ANSWER}`;
    expect(anchorIn(edited, ev)).toEqual({ start: ev.start + 8, end: ev.end + 8 });
    expect(anchorIn("Nothing like it", ev)).toBeNull();
  });

  it("splits text into plain and highlighted stretches, overlaps included", () => {
    const segments = highlightSegments("abcdefgh", [
      { id: "x", start: 1, end: 4 },
      { id: "y", start: 3, end: 6 },
    ]);
    expect(segments).toEqual([
      { text: "a", ids: [] },
      { text: "bc", ids: ["x"] },
      { text: "d", ids: ["x", "y"] },
      { text: "ef", ids: ["y"] },
      { text: "gh", ids: [] },
    ]);
    expect(segments.map((s) => s.text).join("")).toBe("abcdefgh");
  });
});

describe("forms", () => {
  it("reads tags as typed, once each, in lower case", () => {
    expect(parseTags("Saturday, queues; #Branch , saturday")).toEqual(["saturday", "queues", "branch"]);
  });

  it("asks for who said it and refuses half a selection", () => {
    const base = { source: "answer", item: "q1", text: "walk out", tags: "" };
    expect(captureEvidenceSchema.safeParse({ ...base, stakeholderIds: [] }).error?.issues[0]?.message).toBe("Choose who said it");
    const half = captureEvidenceSchema.safeParse({ ...base, start: "3", end: "", stakeholderIds: "8a0f3c43-2a6b-4f0e-9a55-2f3b1bbf1d8e" });
    expect(half.error?.issues[0]?.message).toBe("Give both offsets or neither");
    const bad = captureEvidenceSchema.safeParse({ ...base, start: "x", end: "4", stakeholderIds: "8a0f3c43-2a6b-4f0e-9a55-2f3b1bbf1d8e" });
    expect(bad.success).toBe(false);
  });

  it("reads need numbers as people write them", () => {
    expect(["N-12", "n12", "#12", " 12 ", "N 12"].map(parseNeedRef)).toEqual([12, 12, 12, 12, 12]);
    expect(["", "N-", "twelve", "N-0", "N-99999999999"].map(parseNeedRef)).toEqual([null, null, null, null, null]);
  });

  it("refuses unknown board filters with a reason", () => {
    expect(needFilterSchema.safeParse({ sort: "loudest" }).error?.issues[0]?.message).toBe("Unknown sort order");
    expect(needFilterSchema.safeParse({ unit: "not-an-id" }).success).toBe(false);
    expect(needFilterSchema.safeParse({ page: "0" }).success).toBe(false);
    expect(needFilterSchema.parse({ q: "  ", page: "" })).toMatchObject({ q: undefined, page: 1, sort: "support" });
  });
});

describe("support", () => {
  it("counts each stakeholder once however often they said it", () => {
    const olivia = { id: "o", unitId: "rb" };
    const sam = { id: "s", unitId: "rb" };
    const priya = { id: "p", unitId: "fin" };
    const support = supportOf([
      { stakeholders: [olivia, sam], heardAt: "2026-10-01T09:00:00Z" },
      { stakeholders: [olivia], heardAt: "2026-11-05T09:00:00Z" },
      { stakeholders: [olivia, priya], heardAt: "2026-10-20T09:00:00Z" },
    ]);
    expect(support).toEqual({ stakeholderCount: 3, unitCount: 2, firstHeard: "2026-10-01T09:00:00.000Z", lastHeard: "2026-11-05T09:00:00.000Z" });
  });
});

describe("synthesis of an interview", () => {
  const content: GuideContent = {
    sections: [
      {
        id: "s1",
        title: "World",
        purpose: "",
        questions: [
          { id: "q-text", type: "long_text", prompt: "Purpose?", help: "", required: false, condition: null, settings: {} },
          { id: "q-scale", type: "scale", prompt: "How good?", help: "", required: false, condition: null, settings: { min: 1, max: 5, minLabel: "", maxLabel: "" } },
          { id: "q-other", type: "long_text", prompt: "Anything else?", help: "", required: false, condition: null, settings: {} },
        ],
      },
    ],
  };
  const stored = (item: string, value: unknown, quote = "", kind: "answer" | "notes" = "answer"): StoredAnswer => ({ kind, item, value, quote, revision: 1, seq: 1, updatedAt: "", updatedByName: null, saveKey: null });

  it("counts answers and notes nobody has quoted yet; a scale without words is not counted", () => {
    const answers = [stored("q-text", ANSWER), stored("q-scale", 4, "It is fine most days"), stored("q-other", "Nothing"), stored("s1", "Notes here", "", "notes")];
    const none = synthesisOf(content, answers, []);
    expect(none).toMatchObject({ unsynthesised: 4, quotable: 4 });
    const one = synthesisOf(content, answers, [{ id: "e1", source: "quote", item: "q-scale", start: 0, end: 5, text: "It is", sourceText: "It is fine most days" }]);
    expect(one.unsynthesised).toBe(3);
    const scale = one.sections[0]!.questions.find((q) => q.id === "q-scale")!;
    expect(scale.answerInWords).toBe("4 of 1–5");
    expect(scale.texts[0]!.segments[0]).toEqual({ text: "It is", ids: ["e1"] });
  });
});
