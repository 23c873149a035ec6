import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { guideVersions, interviewGuides } from "../../db/schema";
import { db } from "../../app/db.server";
import { toGuideFile } from "../../app/domain/guide-file";
import * as overview from "../../app/routes/guides.$guideId._index";
import * as editor from "../../app/routes/guides.$guideId.edit";
import * as exportRoute from "../../app/routes/guides.$guideId.v.$number.export";
import * as importRoute from "../../app/routes/guides.import";
import * as newGuide from "../../app/routes/guides.new";
import { DISCOVERY_GUIDE } from "../../db/seed/guides";
import { cookieFor, makeUser } from "../support/factories";
import { call, jsonOf } from "../support/routes";

async function rm() {
  const user = await makeUser("relationship_manager");
  return { user, cookie: await cookieFor(user.id) };
}

async function createGuide(cookie: string) {
  const response = await call(newGuide, "action", { path: "/guides/new", cookie, form: { title: "Discovery", description: "" } });
  expect(response.status).toBe(302);
  return response.headers.get("location")!.split("/")[2]!;
}

function editorPost(guideId: string, cookie: string, form: Record<string, string>) {
  return call(editor, "action", { path: `/guides/${guideId}/edit`, params: { guideId }, cookie, form });
}

async function draftContent(guideId: string) {
  const [row] = await db().select().from(guideVersions).where(sql`${guideVersions.guideId} = ${guideId} and ${guideVersions.status} = 'draft'`);
  return row!.content;
}

describe("guide editing", () => {
  it("adds sections and questions, checks conditions, publishes, and freezes what it published", async () => {
    const { cookie } = await rm();
    const guideId = await createGuide(cookie);
    expect((await editorPost(guideId, cookie, { intent: "add-section", title: "Critical periods", purpose: "" })).status).toBe(302);
    const sectionId = (await draftContent(guideId)).sections[0]!.id;
    await editorPost(guideId, cookie, { intent: "add-question", target: sectionId, type: "yes_no", prompt: "Do you open on Saturdays?" });
    await editorPost(guideId, cookie, { intent: "add-question", target: sectionId, type: "long_text", prompt: "What happens on Saturdays?" });
    const [first, second] = (await draftContent(guideId)).sections[0]!.questions;

    // A condition on a later question is refused, naming the question; nothing changes.
    const forward = await editorPost(guideId, cookie, {
      intent: "update-question",
      target: first!.id,
      type: "yes_no",
      prompt: "Do you open on Saturdays?",
      conditionQuestionId: second!.id,
      conditionOperator: "answered",
    });
    expect(forward.status).toBe(400);
    expect((await jsonOf(forward)).formError).toBe(
      "Q1 “Do you open on Saturdays?” depends on Q2 “What happens on Saturdays?”, which comes after it: a condition may only use an earlier question",
    );
    expect((await draftContent(guideId)).sections[0]!.questions[0]!.condition).toBeNull();

    const ok = await editorPost(guideId, cookie, {
      intent: "update-question",
      target: second!.id,
      type: "long_text",
      prompt: "What happens on Saturdays?",
      required: "on",
      conditionQuestionId: first!.id,
      conditionOperator: "equals",
      conditionValue: "yes",
    });
    expect(ok.status).toBe(302);
    expect((await draftContent(guideId)).sections[0]!.questions[1]).toMatchObject({
      required: true,
      condition: { questionId: first!.id, operator: "equals", value: true },
    });

    const published = await call(overview, "action", { path: `/guides/${guideId}`, params: { guideId }, cookie, form: { intent: "publish" } });
    expect(published.status).toBe(302);
    const [v1] = await db().select().from(guideVersions).where(eq(guideVersions.guideId, guideId));
    expect(v1!.status).toBe("published");
    await expect(db().update(guideVersions).set({ content: { sections: [] } }).where(eq(guideVersions.id, v1!.id))).rejects.toThrow();

    // Editing after publishing starts version 2 from version 1; version 1 stays as it was.
    const noDraft = await editorPost(guideId, cookie, { intent: "add-section", title: "More" });
    expect((await jsonOf(noDraft)).formError).toMatch(/no draft/);
    await call(overview, "action", { path: `/guides/${guideId}`, params: { guideId }, cookie, form: { intent: "start-draft" } });
    await editorPost(guideId, cookie, { intent: "delete-question", target: second!.id });
    const versions = await db().select().from(guideVersions).where(eq(guideVersions.guideId, guideId)).orderBy(guideVersions.number);
    expect(versions.map((v) => [v.number, v.status, v.content.sections[0]!.questions.length])).toEqual([
      [1, "published", 2],
      [2, "draft", 1],
    ]);
  });

  it("refuses settings that make no sense, with the field's message", async () => {
    const { cookie } = await rm();
    const guideId = await createGuide(cookie);
    await editorPost(guideId, cookie, { intent: "add-section", title: "S" });
    const sectionId = (await draftContent(guideId)).sections[0]!.id;
    await editorPost(guideId, cookie, { intent: "add-question", target: sectionId, type: "scale", prompt: "How well?" });
    await editorPost(guideId, cookie, { intent: "add-question", target: sectionId, type: "single_choice", prompt: "Which?" });
    const [scale, choice] = (await draftContent(guideId)).sections[0]!.questions;
    const badScale = await editorPost(guideId, cookie, { intent: "update-question", target: scale!.id, type: "scale", prompt: "How well?", min: "5", max: "1", minLabel: "a", maxLabel: "b" });
    expect((await jsonOf(badScale)).errors).toEqual({ max: "The highest point must be above the lowest" });
    const dupes = await editorPost(guideId, cookie, { intent: "update-question", target: choice!.id, type: "single_choice", prompt: "Which?", options: "Branch\nbranch!\nOnline" });
    expect((await jsonOf(dupes)).errors).toEqual({ options: 'Option 2 says the same as option 1 ("branch")' });
    const empty = await editorPost(guideId, cookie, { intent: "update-question", target: choice!.id, type: "single_choice", prompt: "   " });
    expect((await jsonOf(empty)).errors).toMatchObject({ prompt: "Enter the question" });
    const publish = await call(overview, "action", { path: `/guides/${guideId}`, params: { guideId }, cookie, form: { intent: "publish" } });
    expect(publish.status).toBe(302);
  });

  it("refuses to publish an empty guide", async () => {
    const { cookie } = await rm();
    const guideId = await createGuide(cookie);
    const response = await call(overview, "action", { path: `/guides/${guideId}`, params: { guideId }, cookie, form: { intent: "publish" } });
    expect((await jsonOf(response)).formError).toBe("Not ready to publish: Add at least one section");
  });

  it("moves questions across sections with up and down", async () => {
    const { cookie } = await rm();
    const guideId = await createGuide(cookie);
    await editorPost(guideId, cookie, { intent: "add-section", title: "A" });
    await editorPost(guideId, cookie, { intent: "add-section", title: "B" });
    const [a, b] = (await draftContent(guideId)).sections;
    await editorPost(guideId, cookie, { intent: "add-question", target: b!.id, type: "date", prompt: "When?" });
    const q = (await draftContent(guideId)).sections[1]!.questions[0]!;
    await editorPost(guideId, cookie, { intent: "move-question", target: q.id, direction: "up" });
    const after = await draftContent(guideId);
    expect(after.sections.map((s) => s.questions.map((x) => x.id))).toEqual([[q.id], []]);
    await editorPost(guideId, cookie, { intent: "move-section", target: b!.id, direction: "up" });
    expect((await draftContent(guideId)).sections.map((s) => s.id)).toEqual([b!.id, a!.id]);
  });
});

describe("guide files", () => {
  it("export, then import as a new draft guide", async () => {
    const { cookie } = await rm();
    const form = new FormData();
    form.set("file", new File([JSON.stringify(toGuideFile(DISCOVERY_GUIDE, DISCOVERY_GUIDE.content))], "discovery.json"));
    const imported = await call(importRoute, "action", { path: "/guides/import", cookie, form });
    expect(imported.status).toBe(302);
    const guideId = imported.headers.get("location")!.split("/")[2]!;
    const exported = await call(exportRoute, "loader", { path: `/guides/${guideId}/v/1/export`, params: { guideId, number: "1" }, cookie });
    expect(exported.headers.get("content-disposition")).toBe('attachment; filename="business-needs-discovery-v1.json"');
    expect(JSON.parse(await exported.text())).toEqual(toGuideFile(DISCOVERY_GUIDE, DISCOVERY_GUIDE.content));
  });

  it("write nothing when the file is not a valid guide, and say where each problem is", async () => {
    const { cookie } = await rm();
    const bad = toGuideFile(DISCOVERY_GUIDE, DISCOVERY_GUIDE.content) as unknown as { content: { sections: { questions: { condition: unknown }[] }[] } };
    bad.content.sections[0]!.questions[0]!.condition = { questionId: "q-change-first", operator: "answered" };
    const form = new FormData();
    form.set("file", new File([JSON.stringify(bad)], "bad.json"));
    const response = await call(importRoute, "action", { path: "/guides/import", cookie, form });
    expect(response.status).toBe(400);
    const body = await jsonOf<{ errors: { path: string; message: string }[] }>(response);
    expect(body.errors).toEqual([{ path: "content.sections[0].questions[0].condition", message: expect.stringContaining("which comes after it") }]);
    const notJson = new FormData();
    notJson.set("file", new File(["name,unit\n"], "people.csv"));
    expect((await jsonOf<{ errors: { message: string }[] }>(await call(importRoute, "action", { path: "/guides/import", cookie, form: notJson }))).errors[0]!.message).toMatch(/Not valid JSON/);
    expect(await db().select().from(interviewGuides)).toHaveLength(0);
  });
});
