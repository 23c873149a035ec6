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
import { RESPONSE_READ_ONLY } from "../domain/survey-response";
import { db, type Db, type Executor } from "../db.server";
import type { Viewer } from "./interview.server";
import { rowsOf } from "./rows.server";

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
        surveyId: interviews.surveyId,
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

export type InterviewContext = { status: InterviewStatus; guideVersionId: string; content: GuideContent; surveyId: string | null };

/** The interview's status and guide, if the viewer may see it (private interviews: their people and admins). */
export async function interviewContext({ interviewId, viewer }: { interviewId: string; viewer: Viewer }): Promise<InterviewContext | null> {
  const [row] = await statementsFor(db()).context.execute({ id: interviewId });
  if (!row) return null;
  if (row.private && viewer.role !== "admin" && row.interviewerId !== viewer.id && row.createdBy !== viewer.id) return null;
  return { status: row.status, guideVersionId: row.guideVersionId, content: await guideContentOf(row.guideVersionId), surveyId: row.surveyId };
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

type SaveOutcome = SaveResult & { changes?: StoredAnswer[] };

/**
 * Saves one answer (or section's notes) if the stored revision is still the one
 * the save started from; otherwise refuses it and returns what is stored now.
 * A key seen before is not applied again: its first outcome is returned.
 *
 * The usual case is one statement: the upsert runs only while the interview is
 * under way and visible to the saver, only for a new key and only on the
 * expected revision; the key is recorded with the revision it wrote (null when
 * refused); and, given `since`, the statement also returns what changed since
 * (as it stood before this save, which the caller knows anyway).
 */
export async function saveAnswer({
  interviewId,
  content,
  save,
  viewer,
  since,
  author = viewer.id,
}: {
  interviewId: string;
  content: GuideContent;
  save: AnswerSave;
  viewer: Viewer;
  since?: number;
  /** The user the answer is recorded as changed by; null for a survey respondent (not a user), whose saves are keyed by `viewer.id`. */
  author?: string | null;
}): Promise<SaveOutcome | { status: "denied" }> {
  const head = { key: save.key, kind: save.kind, item: save.item };
  const checked = checkSave(content, save);
  if (!checked.ok) return { ...head, status: "invalid", message: checked.message };
  const quote = save.kind === "answer" ? save.quote : "";
  const value = checked.value === null ? null : JSON.stringify(checked.value);
  const userId = viewer.id;
  // FOR KEY SHARE: a save waits for a status change under way (completing locks the row FOR UPDATE) and
  // then sees the new status; completing waits for saves under way, so it counts their answers.
  // A survey response takes answers from its respondent only (saves with no author), never from staff.
  const running = sql`select i.id from ${interviews} i where i.id = ${interviewId} and i.status = 'in_progress'
    and (${viewer.role === "admin"} or not i.private or i.interviewer_id = ${userId} or i.created_by = ${userId})
    and (i.survey_id is null or ${author}::uuid is null) for key share of i`;
  const changes =
    since === undefined
      ? sql`null`
      : sql`(select coalesce(json_agg(json_build_object('kind', a.kind, 'item', a.item, 'value', a.value, 'quote', a.quote,
          'revision', a.revision, 'seq', a.seq, 'updatedAt', a.updated_at, 'updatedByName', u.name, 'saveKey', a.save_key)), '[]'::json)
          from ${answers} a left join ${users} u on u.id = a.updated_by
          where a.interview_id = ${interviewId} and (a.seq > ${since} or a.updated_at > now() - ${LATE_COMMIT_WINDOW}))`;
  let result: unknown;
  try {
    result = await db().execute(sql`
    with running as (${running}),
    ok as (select exists (select 1 from running) as allowed, not exists (select 1 from ${answerSaves} where key = ${save.key}) as fresh),
    up as (
      insert into ${answers} (interview_id, kind, item, value, quote, revision, save_key, updated_by, updated_at)
      select ${interviewId}, ${save.kind}, ${save.item}, ${value}::jsonb, ${quote}, 1, ${save.key}, ${author}::uuid, now()
      from ok where ok.allowed and ok.fresh
      on conflict (interview_id, kind, item) do update set
        value = excluded.value, quote = excluded.quote, revision = ${answers}.revision + 1,
        seq = nextval('answers_seq_seq'), save_key = excluded.save_key, updated_by = excluded.updated_by, updated_at = excluded.updated_at
      where ${answers}.revision = ${save.base}
      returning revision, seq
    ), recorded as (
      insert into ${answerSaves} (key, interview_id, user_id, kind, item, revision)
      select ${save.key}, ${interviewId}, ${userId}, ${save.kind}, ${save.item}, (select revision from up)
      from ok where ok.allowed and ok.fresh
      on conflict (key) do nothing
      returning key
    )
    select (select revision from up) as revision, (select seq from up) as seq, (select count(*) from recorded)::int as recorded,
      (select allowed from ok) as allowed, ${changes} as changes`);
  } catch (error) {
    // PostgreSQL refuses some text (a NUL character, a lone surrogate) and out-of-range numbers: say so, do not fail.
    if (isDataException(error)) return { ...head, status: "invalid", message: "This answer holds characters or numbers that cannot be stored: please retype it" };
    throw error;
  }
  const row = rowsOf<{ revision: number | null; seq: string | number | null; recorded: number; allowed: boolean; changes: unknown }>(result)[0]!;
  if (!row.allowed) return { status: "denied" };
  const extra = row.changes ? { changes: (row.changes as StoredAnswer[]).map((c) => ({ ...c, seq: Number(c.seq), updatedAt: new Date(c.updatedAt).toISOString() })) } : {};
  if (row.revision !== null) return { ...head, status: "saved", revision: row.revision, seq: Number(row.seq), ...extra };

  if (row.recorded === 0) {
    // A key seen before: answer as the first time.
    const [seen] = await db().select().from(answerSaves).where(eq(answerSaves.key, save.key));
    if (!seen || seen.interviewId !== interviewId || seen.userId !== userId || seen.kind !== save.kind || seen.item !== save.item) {
      return { ...head, status: "invalid", message: "This save's key was already used for something else", ...extra };
    }
    const current = await currentAnswer(db(), interviewId, save.kind, save.item);
    if (seen.revision !== null) return { ...head, status: "saved", revision: seen.revision, seq: current.seq, ...extra };
    return { ...head, status: "conflict", current, ...extra };
  }
  const current = await currentAnswer(db(), interviewId, save.kind, save.item);
  if (!sameValue(current.value, checked.value) || current.quote !== quote) return { ...head, status: "conflict", current, ...extra };
  // The same words were saved meanwhile (a form posted twice): nothing to decide.
  await db().update(answerSaves).set({ revision: current.revision }).where(eq(answerSaves.key, save.key));
  return { ...head, status: "saved", revision: current.revision, seq: current.seq, ...extra };
}

function isDataException(error: unknown): boolean {
  const code = (error as { code?: unknown; cause?: { code?: unknown } } | null)?.code ?? (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === "string" && code.startsWith("22");
}

/** An interview's guide version never changes: the autosave remembers it. */
const versionOfInterview = new Map<string, string>();

function notRunning(status: InterviewStatus): string {
  return status === "completed"
    ? "This interview is completed: reopen it to save changes."
    : status === "planned"
      ? "Start the interview to save answers."
      : "This interview was cancelled: answers can no longer be saved.";
}

/**
 * The autosave: applies each save on its own (each statement also checks the
 * interview is under way and visible to the saver) and answers with every
 * change since the page last looked, its own saves and anyone else's. A page
 * asking only for changes, or an interview not seen before, costs one more query.
 */
export async function saveAnswers({
  interviewId,
  viewer,
  request,
  author = viewer.id,
}: {
  interviewId: string;
  viewer: Viewer;
  request: SaveRequest;
  /** See saveAnswer. */
  author?: string | null;
}): Promise<SaveResponse> {
  // A survey response's answers reach staff only once sent, on its pages: never through the runner's autosave.
  const responseRefused: SaveResponse = { kind: "answers", results: [], changes: [], cursor: request.since, error: "not_running", message: RESPONSE_READ_ONLY };
  const refuse = async (): Promise<SaveResponse> => {
    const context = await interviewContext({ interviewId, viewer });
    if (!context) return { kind: "answers", results: [], changes: [], cursor: request.since, error: "not_found", message: "That interview does not exist, or it is private." };
    if (context.surveyId && author !== null) return responseRefused;
    return { kind: "answers", results: [], ...(await answerChanges({ interviewId, since: request.since })), error: "not_running", message: notRunning(context.status) };
  };
  let versionId = versionOfInterview.get(interviewId);
  if (!versionId || request.saves.length === 0) {
    const context = await interviewContext({ interviewId, viewer });
    if (!context) return refuse();
    if (context.surveyId && author !== null) return responseRefused;
    if (context.status !== "in_progress" && request.saves.length > 0) return refuse();
    versionId = context.guideVersionId;
    if (versionOfInterview.size > 10_000) versionOfInterview.clear();
    versionOfInterview.set(interviewId, versionId);
  }
  const content = await guideContentOf(versionId);
  const results: SaveResult[] = [];
  let changes: StoredAnswer[] | undefined;
  let checked = request.saves.length === 0; // the context query above checked access
  for (const [i, save] of request.saves.entries()) {
    const outcome = await saveAnswer({ interviewId, content, save, viewer, author, since: i === request.saves.length - 1 ? request.since : undefined });
    if (outcome.status === "denied") return refuse();
    const { changes: seen, ...result } = outcome;
    if (seen) changes = seen;
    if (result.status !== "invalid" || seen) checked = true;
    results.push(result as SaveResult);
  }
  // Every save was refused before reaching the database: check access before answering with changes.
  if (!checked) {
    const context = await interviewContext({ interviewId, viewer });
    if (!context || context.status !== "in_progress" || (context.surveyId && author !== null)) return refuse();
  }
  // The cursor stays at the newest change returned, not this page's own save: a change by someone else
  // with a lower number may still be committing.
  const after = changes ? { changes, cursor: changes.reduce((max, c) => Math.max(max, c.seq), request.since) } : await answerChanges({ interviewId, since: request.since });
  return { kind: "answers", results, changes: after.changes, cursor: after.cursor };
}
