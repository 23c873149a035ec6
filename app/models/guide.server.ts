import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { guideVersions, interviewGuides } from "../../db/schema";
import { diffFields } from "../domain/audit";
import { allQuestions, publishProblems, type GuideContent } from "../domain/guide";
import { checkContent } from "../domain/guide-edit";
import type { GuideFile } from "../domain/guide-file";
import { db, type Tx } from "../db.server";
import { appendAudit, type Actor } from "./audit.server";
import { AppError } from "./errors.server";

/** A short random id for a new section or question ("q-3k9x2a"), stable across versions. */
export function newContentId(prefix: "s" | "q") {
  return `${prefix}-${randomBytes(5).toString("base64url").toLowerCase().replace(/[^a-z0-9]/g, "x")}`;
}

export async function listGuides({ includeArchived = true } = {}) {
  return db()
    .select({
      id: interviewGuides.id,
      title: interviewGuides.title,
      description: interviewGuides.description,
      archivedAt: interviewGuides.archivedAt,
      updatedAt: interviewGuides.updatedAt,
      published: sql<number | null>`(select max(${guideVersions.number}) from ${guideVersions} where ${guideVersions.guideId} = ${interviewGuides.id} and ${guideVersions.status} = 'published')`,
      draft: sql<number | null>`(select ${guideVersions.number} from ${guideVersions} where ${guideVersions.guideId} = ${interviewGuides.id} and ${guideVersions.status} = 'draft')`,
    })
    .from(interviewGuides)
    .where(includeArchived ? undefined : isNull(interviewGuides.archivedAt))
    .orderBy(asc(interviewGuides.title));
}

export async function getGuide(id: string) {
  const [guide] = await db().select().from(interviewGuides).where(eq(interviewGuides.id, id));
  if (!guide) return null;
  const versions = await db()
    .select({
      id: guideVersions.id,
      number: guideVersions.number,
      status: guideVersions.status,
      publishedAt: guideVersions.publishedAt,
      updatedAt: guideVersions.updatedAt,
      questions: sql<number>`(select count(*)::int from jsonb_path_query(${guideVersions.content}, '$.sections[*].questions[*]'))`,
    })
    .from(guideVersions)
    .where(eq(guideVersions.guideId, id))
    .orderBy(desc(guideVersions.number));
  return { guide, versions };
}

export async function getVersion(guideId: string, number: number) {
  const [row] = await db()
    .select()
    .from(guideVersions)
    .where(and(eq(guideVersions.guideId, guideId), eq(guideVersions.number, number)));
  return row ?? null;
}

export async function getDraft(guideId: string) {
  const [row] = await db()
    .select()
    .from(guideVersions)
    .where(and(eq(guideVersions.guideId, guideId), eq(guideVersions.status, "draft")));
  return row ?? null;
}

async function insertGuide(
  tx: Tx,
  { title, description, content, actor, imported }: { title: string; description: string; content: GuideContent; actor: Actor; imported: boolean },
) {
  const [guide] = await tx.insert(interviewGuides).values({ title, description, createdBy: actor.id }).returning({ id: interviewGuides.id });
  await tx.insert(guideVersions).values({ guideId: guide!.id, number: 1, content });
  await appendAudit(tx, { kind: "guide.created", actor, subjectType: "guide", subjectId: guide!.id, payload: { title, imported } });
  return guide!;
}

/** The guide's draft, locked until the transaction ends, so concurrent edits apply one after another. */
async function lockDraft(tx: Tx, guideId: string) {
  const [draft] = await tx
    .select()
    .from(guideVersions)
    .where(and(eq(guideVersions.guideId, guideId), eq(guideVersions.status, "draft")))
    .for("update");
  return draft;
}

/** A new guide with an empty first draft. */
export async function createGuide({ input, actor }: { input: { title: string; description: string }; actor: Actor }) {
  return db().transaction((tx) => insertGuide(tx, { ...input, content: { sections: [] }, actor, imported: false }));
}

/** A new guide from an exported file (already checked whole by parseGuideFile), as a draft to review and publish. */
export async function importGuide({ file, actor }: { file: GuideFile; actor: Actor }) {
  return db().transaction((tx) => insertGuide(tx, { title: file.title, description: file.description, content: file.content, actor, imported: true }));
}

export async function updateGuideDetails({ id, input, actor }: { id: string; input: { title: string; description: string }; actor: Actor }) {
  const found = await getGuide(id);
  if (!found) throw new AppError("not_found", "That guide does not exist", undefined, 404);
  const changes = diffFields(found.guide, input);
  if (Object.keys(changes).length === 0) return;
  await db().transaction(async (tx) => {
    await tx.update(interviewGuides).set({ ...input, updatedAt: new Date() }).where(eq(interviewGuides.id, id));
    await appendAudit(tx, { kind: "guide.updated", actor, subjectType: "guide", subjectId: id, payload: { changes } });
  });
}

/** Editing a published guide starts a new draft from its latest published version. */
export async function startDraft({ guideId, actor }: { guideId: string; actor: Actor }) {
  return db().transaction(async (tx) => {
    await tx.execute(sql`select 1 from ${interviewGuides} where ${interviewGuides.id} = ${guideId} for update`);
    const versions = await tx.select().from(guideVersions).where(eq(guideVersions.guideId, guideId)).orderBy(desc(guideVersions.number));
    if (versions.length === 0) throw new AppError("not_found", "That guide does not exist", undefined, 404);
    const draft = versions.find((v) => v.status === "draft");
    if (draft) return draft.number;
    const latest = versions[0]!;
    const number = latest.number + 1;
    await tx.insert(guideVersions).values({ guideId, number, content: latest.content });
    await tx.update(interviewGuides).set({ updatedAt: new Date() }).where(eq(interviewGuides.id, guideId));
    await appendAudit(tx, { kind: "guide.draft_started", actor, subjectType: "guide", subjectId: guideId, payload: { number, from: latest.number } });
    return number;
  });
}

/**
 * Applies one editor change to the draft, under a row lock so two editors'
 * changes apply one after the other. The whole content is checked after the
 * change; an invalid result is refused and nothing is written.
 */
export async function editDraft({
  guideId,
  edit,
  target,
  apply,
  actor,
}: {
  guideId: string;
  edit: string;
  target: string | null;
  apply: (content: GuideContent) => GuideContent;
  actor: Actor;
}) {
  return db().transaction(async (tx) => {
    const draft = await lockDraft(tx, guideId);
    if (!draft) throw new AppError("no_draft", "This guide has no draft: start one to make changes");
    const checked = checkContent(apply(draft.content));
    if (!checked.ok) throw new AppError("invalid_content", checked.problems.join(". "));
    await tx
      .update(guideVersions)
      .set({ content: checked.content, revision: draft.revision + 1, updatedAt: new Date() })
      .where(eq(guideVersions.id, draft.id));
    await tx.update(interviewGuides).set({ updatedAt: new Date() }).where(eq(interviewGuides.id, guideId));
    await appendAudit(tx, { kind: "guide.draft_edited", actor, subjectType: "guide", subjectId: guideId, payload: { number: draft.number, edit, target } });
    return checked.content;
  });
}

/** Publishing freezes the draft: from then on it never changes (the database refuses it). */
export async function publishDraft({ guideId, actor }: { guideId: string; actor: Actor }) {
  return db().transaction(async (tx) => {
    const draft = await lockDraft(tx, guideId);
    if (!draft) throw new AppError("no_draft", "There is no draft to publish");
    const problems = publishProblems(draft.content);
    if (problems.length > 0) throw new AppError("not_publishable", `Not ready to publish: ${problems.join(". ")}`);
    const now = new Date();
    await tx
      .update(guideVersions)
      .set({ status: "published", publishedAt: now, publishedBy: actor.id, updatedAt: now })
      .where(eq(guideVersions.id, draft.id));
    await tx.update(interviewGuides).set({ updatedAt: now }).where(eq(interviewGuides.id, guideId));
    await appendAudit(tx, {
      kind: "guide.published",
      actor,
      subjectType: "guide",
      subjectId: guideId,
      payload: { number: draft.number, questions: allQuestions(draft.content).length },
    });
    return draft.number;
  });
}

/** Throws away a draft that was started from a published version (a first draft is the guide itself). */
export async function discardDraft({ guideId, actor }: { guideId: string; actor: Actor }) {
  await db().transaction(async (tx) => {
    const draft = await lockDraft(tx, guideId);
    if (!draft) throw new AppError("no_draft", "There is no draft to discard");
    if (draft.number === 1) throw new AppError("first_draft", "The first draft cannot be discarded; archive the guide instead");
    await tx.delete(guideVersions).where(eq(guideVersions.id, draft.id));
    await appendAudit(tx, { kind: "guide.draft_discarded", actor, subjectType: "guide", subjectId: guideId, payload: { number: draft.number } });
  });
}

export async function setGuideArchived({ id, archived, actor }: { id: string; archived: boolean; actor: Actor }) {
  const found = await getGuide(id);
  if (!found) throw new AppError("not_found", "That guide does not exist", undefined, 404);
  if (Boolean(found.guide.archivedAt) === archived) return;
  await db().transaction(async (tx) => {
    await tx.update(interviewGuides).set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() }).where(eq(interviewGuides.id, id));
    await appendAudit(tx, { kind: archived ? "guide.archived" : "guide.restored", actor, subjectType: "guide", subjectId: id, payload: {} });
  });
}

/** Published versions of guides that are not archived: what new interviews may use. */
export async function publishedVersionOptions() {
  return db()
    .select({ id: guideVersions.id, number: guideVersions.number, title: interviewGuides.title, guideId: interviewGuides.id })
    .from(guideVersions)
    .innerJoin(interviewGuides, eq(interviewGuides.id, guideVersions.guideId))
    .where(and(eq(guideVersions.status, "published"), isNull(interviewGuides.archivedAt)))
    .orderBy(asc(interviewGuides.title), desc(guideVersions.number));
}
