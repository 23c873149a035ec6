import { and, eq, gt, or, sql } from "drizzle-orm";
import { answers, answerSaves, guideVersions, interviews, users } from "../../db/schema";
import {
  checkSave,
  sameValue,
  type AnswerKind,
  type AnswerSave,
  type SaveRequest,
  type SaveResponse,
  type SaveResult,
  type StoredAnswer,
} from "../domain/answers";
import type { GuideContent } from "../domain/guide";
import type { InterviewStatus } from "../domain/interview";
import { db, type Db, type Executor } from "../db.server";
import type { Viewer } from "./interview.server";

/**
 * Interview answers: saved one at a time against the revision they started
 * from, with an idempotency key, and read back as "what changed since".
 * Autosave is the hottest write in Charter: its reads are prepared statements.
 */

/** How far back "changes since" also looks by time, for saves that committed after a later one. */
const LATE_COMMIT_WINDOW = sql`interval '10 seconds'`;

const statements = new WeakMap<Db, ReturnType<typeof prepare>>();

function prepare(database: Db) {
  return {
    context: database
      .select({
        status: interviews.status,
        guideVersionId: interviews.guideVersionId,
        private: interviews.private,
        interviewerId: interviews.interviewerId,
        createdBy: interviews.createdBy,
      })
      .from(interviews)
      .where(eq(interviews.id, sql.placeholder("id")))
      .prepare("answer_interview_context"),
    content: database
      .select({ content: guideVersions.content, status: guideVersions.status })
      .from(guideVersions)
      .where(eq(guideVersions.id, sql.placeholder("id")))
      .prepare("answer_guide_content"),
    changes: database
      .select(storedColumns)
      .from(answers)
      .leftJoin(users, eq(users.id, answers.updatedBy))
      .where(
        and(
          eq(answers.interviewId, sql.placeholder("interviewId")),
          or(gt(answers.seq, sql.placeholder("since")), sql`${answers.updatedAt} > now() - ${LATE_COMMIT_WINDOW}`),
        ),
      )
      .prepare("answer_changes"),
  };
}

const storedColumns = {
  kind: answers.kind,
  item: answers.item,
  value: answers.value,
  quote: answers.quote,
  revision: answers.revision,
  seq: answers.seq,
  updatedAt: answers.updatedAt,
  updatedByName: users.name,
  saveKey: answers.saveKey,
};

function statementsFor(database: Db) {
  let found = statements.get(database);
  if (!found) {
    found = prepare(database);
    statements.set(database, found);
  }
  return found;
}

type StoredRow = { [K in keyof typeof storedColumns]: unknown } & { updatedAt: Date; seq: number };
const toStored = (row: StoredRow): StoredAnswer => ({
  kind: row.kind as AnswerKind,
  item: row.item as string,
  value: row.value ?? null,
  quote: row.quote as string,
  revision: row.revision as number,
  seq: Number(row.seq),
  updatedAt: row.updatedAt.toISOString(),
  updatedByName: (row.updatedByName as string | null) ?? null,
  saveKey: (row.saveKey as string | null) ?? null,
});

/** Published guide versions never change (a trigger sees to it), so their content is cached. */
const contentCache = new Map<string, GuideContent>();

export async function guideContentOf(versionId: string): Promise<GuideContent> {
  const cached = contentCache.get(versionId);
  if (cached) return cached;
  const [row] = await statementsFor(db()).content.execute({ id: versionId });
  if (!row) throw new Error(`Guide version ${versionId} is missing`);
  if (row.status === "published") {
    if (contentCache.size > 500) contentCache.clear();
    contentCache.set(versionId, row.content);
  }
  return row.content;
}

export type InterviewContext = { status: InterviewStatus; guideVersionId: string; content: GuideContent };

/** The interview's status and guide, if the viewer may see it (private interviews: their people and admins). */
export async function interviewContext({ interviewId, viewer }: { interviewId: string; viewer: Viewer }): Promise<InterviewContext | null> {
  const [row] = await statementsFor(db()).context.execute({ id: interviewId });
  if (!row) return null;
  if (row.private && viewer.role !== "admin" && row.interviewerId !== viewer.id && row.createdBy !== viewer.id) return null;
  return { status: row.status, guideVersionId: row.guideVersionId, content: await guideContentOf(row.guideVersionId) };
}

/** Every answer and note changed after `since` (and any in the last few seconds, whose commit may have come late). */
export async function answerChanges({ interviewId, since }: { interviewId: string; since: number }) {
  const rows = await statementsFor(db()).changes.execute({ interviewId, since });
  const changes = rows.map((r) => toStored(r as StoredRow));
  const cursor = changes.reduce((max, c) => Math.max(max, c.seq), since);
  return { changes, cursor };
}

/** All answers and notes of an interview. */
export async function answersOf(interviewId: string, executor: Executor = db()): Promise<StoredAnswer[]> {
  const rows = await executor.select(storedColumns).from(answers).leftJoin(users, eq(users.id, answers.updatedBy)).where(eq(answers.interviewId, interviewId));
  return rows.map((r) => toStored(r as StoredRow));
}

async function currentAnswer(tx: Executor, interviewId: string, kind: AnswerKind, item: string): Promise<StoredAnswer> {
  const [row] = await tx
    .select(storedColumns)
    .from(answers)
    .leftJoin(users, eq(users.id, answers.updatedBy))
    .where(and(eq(answers.interviewId, interviewId), eq(answers.kind, kind), eq(answers.item, item)));
  if (row) return toStored(row as StoredRow);
  return { kind, item, value: null, quote: "", revision: 0, seq: 0, updatedAt: new Date(0).toISOString(), updatedByName: null, saveKey: null };
}

/**
 * Saves one answer (or section's notes) if the stored revision is still the one
 * the save started from; otherwise refuses it and returns what is stored now.
 * A key seen before is not applied again: its first outcome is returned.
 */
export async function saveAnswer({
  interviewId,
  content,
  save,
  userId,
}: {
  interviewId: string;
  content: GuideContent;
  save: AnswerSave;
  userId: string;
}): Promise<SaveResult> {
  const head = { key: save.key, kind: save.kind, item: save.item };
  const checked = checkSave(content, save);
  if (!checked.ok) return { ...head, status: "invalid", message: checked.message };
  return db().transaction(async (tx) => {
    const fresh = await tx
      .insert(answerSaves)
      .values({ key: save.key, interviewId, userId, kind: save.kind, item: save.item })
      .onConflictDoNothing()
      .returning({ key: answerSaves.key });
    if (fresh.length === 0) {
      const [seen] = await tx.select().from(answerSaves).where(eq(answerSaves.key, save.key));
      if (!seen || seen.interviewId !== interviewId || seen.userId !== userId || seen.kind !== save.kind || seen.item !== save.item) {
        return { ...head, status: "invalid", message: "This save's key was already used for something else" };
      }
      const current = await currentAnswer(tx, interviewId, save.kind, save.item);
      return seen.revision === null ? { ...head, status: "conflict", current } : { ...head, status: "saved", revision: seen.revision, seq: current.seq };
    }
    const now = new Date();
    const [written] = await tx
      .insert(answers)
      .values({
        interviewId,
        kind: save.kind,
        item: save.item,
        value: checked.value,
        quote: save.kind === "answer" ? save.quote : "",
        revision: 1,
        saveKey: save.key,
        updatedBy: userId,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [answers.interviewId, answers.kind, answers.item],
        set: {
          value: sql`excluded.value`,
          quote: sql`excluded.quote`,
          revision: sql`${answers.revision} + 1`,
          seq: sql`nextval('answers_seq_seq')`,
          saveKey: sql`excluded.save_key`,
          updatedBy: sql`excluded.updated_by`,
          updatedAt: sql`excluded.updated_at`,
        },
        setWhere: sql`${answers.revision} = ${save.base}`,
      })
      .returning({ revision: answers.revision, seq: answers.seq });
    if (!written) {
      const current = await currentAnswer(tx, interviewId, save.kind, save.item);
      const quote = save.kind === "answer" ? save.quote : "";
      if (!sameValue(current.value, checked.value) || current.quote !== quote) return { ...head, status: "conflict", current };
      // The same words were saved meanwhile (a form posted twice): nothing to decide.
      await tx.update(answerSaves).set({ revision: current.revision }).where(eq(answerSaves.key, save.key));
      return { ...head, status: "saved", revision: current.revision, seq: current.seq };
    }
    await tx.update(answerSaves).set({ revision: written.revision }).where(eq(answerSaves.key, save.key));
    return { ...head, status: "saved", revision: written.revision, seq: Number(written.seq) };
  });
}

/**
 * The autosave: checks the viewer may see the interview and that it is under
 * way, applies each save on its own, and answers with every change since the
 * page last looked (its own saves and anyone else's).
 */
export async function saveAnswers({
  interviewId,
  viewer,
  request,
}: {
  interviewId: string;
  viewer: Viewer;
  request: SaveRequest;
}): Promise<SaveResponse> {
  const context = await interviewContext({ interviewId, viewer });
  if (!context) return { kind: "answers", results: [], changes: [], cursor: request.since, error: "not_found", message: "That interview does not exist, or it is private." };
  if (context.status !== "in_progress" && request.saves.length > 0) {
    const message =
      context.status === "completed"
        ? "This interview is completed: reopen it to save changes."
        : context.status === "planned"
          ? "Start the interview to save answers."
          : "This interview was cancelled: answers can no longer be saved.";
    return { kind: "answers", results: [], ...(await answerChanges({ interviewId, since: request.since })), error: "not_running", message };
  }
  const results: SaveResult[] = [];
  for (const save of request.saves) results.push(await saveAnswer({ interviewId, content: context.content, save, userId: viewer.id }));
  return { kind: "answers", results, ...(await answerChanges({ interviewId, since: request.since })) };
}
