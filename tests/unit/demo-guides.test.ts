import { describe, expect, it } from "vitest";
import { allQuestions, guideContentSchema, publishProblems } from "../../app/domain/guide";
import { DISCOVERY_GUIDE, REVIEW_GUIDE } from "../../db/seed/guides";

describe("the demo workspace's guides", () => {
  it("are valid and ready to publish, with a question of every kind the discovery conversation needs", () => {
    for (const guide of [DISCOVERY_GUIDE, REVIEW_GUIDE]) {
      expect(guideContentSchema.safeParse(guide.content).error?.issues ?? []).toEqual([]);
      expect(publishProblems(guide.content)).toEqual([]);
    }
    const types = new Set(allQuestions(DISCOVERY_GUIDE.content).map((q) => q.type));
    expect([...types].sort()).toEqual(["critical_periods", "date", "long_text", "multi_choice", "number", "ranking", "scale", "yes_no"]);
  });
});
