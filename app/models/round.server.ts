import { createHash } from "node:crypto";
import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { type Round, needs, roundNeeds, roundParticipants, roundRanks, roundRationales, roundRecords, rounds, roundScores, users } from "../../db/schema";
import { leadRankings, roundResults } from "./round-results.server";
import { canonicalJson } from "../domain/canonical-json";
import type { EffortSize } from "../domain/effort";
import { mustCapProblem, MOSCOW_CRITERIA, RICE_CRITERIA, scoreProblem, type CreateRoundInput } from "../domain/round";
import { respondentLabel } from "../domain/survey";
import { db, type Executor } from "../db.server";
import { appendAudit, type Actor } from "./audit.server";
import { flagRankChanges } from "./suspect.server";
import { AppError } from "./errors.server";
import { heardAtSql } from "./quote-source.server";
import { rowsOf } from "./rows.server";

const pastDeadline = () => new AppError("deadline_passed", "That deadline has already passed: choose a later date", "deadline");
const roundGone = () => new AppError("round_not_found", "That round does not exist", undefined, 404);

/** What a round's leads score under: the weighted round's criteria, or the fixed parts of MoSCoW and RICE. */
const criteriaFor = (input: Pick<CreateRoundInput, "method" | "criteria">) => (input.method === "moscow" ? MOSCOW_CRITERIA : input.method === "rice" ? RICE_CRITERIA : input.criteria);

/** A draft round: its needs (live ones only), scorers (active business leads) and observers (active executives). */
export async function createRound({ input, actor, now = new Date() }: { input: CreateRoundInput; actor: Actor; now?: Date }) {
  if (input.deadline && input.deadline < now) throw pastDeadline();
  return db().transaction(async (tx) => {
    const needIds = [...new Set(input.needIds)];
    const live = await tx.select({ id: needs.id }).from(needs).where(and(inArray(needs.id, needIds), isNull(needs.mergedInto)));
    if (live.length !== needIds.length) throw new AppError("need_not_available", "Some chosen needs no longer exist or were merged into others: choose again", "needIds");
    const people = await tx
      .select({ id: users.id, role: users.role })
      .from(users)
      .where(and(inArray(users.id, [...input.scorerIds, ...input.observerIds]), eq(users.active, true)));
    const role = new Map(people.map((p) => [p.id, p.role]));
    if (input.scorerIds.some((id) => role.get(id) !== "business_lead")) throw new AppError("not_a_lead", "Only active business leads score a round", "scorerIds");
    if (input.observerIds.some((id) => role.get(id) !== "executive")) throw new AppError("not_an_executive", "Observers are active executives", "observerIds");
    const [row] = await tx
      .insert(rounds)
      .values({ title: input.title, method: input.method, criteria: criteriaFor(input), mustCap: input.method === "moscow" ? input.mustCap : null, deadline: input.deadline, createdBy: actor.id })
      .returning({ id: rounds.id });
    await tx.insert(roundNeeds).values(needIds.map((needId) => ({ roundId: row!.id, needId })));
    await tx.insert(roundParticipants).values([
      ...input.scorerIds.map((userId) => ({ roundId: row!.id, userId, role: "scorer" as const })),
      ...input.observerIds.map((userId) => ({ roundId: row!.id, userId, role: "observer" as const })),
    ]);
    await appendAudit(tx, {
      kind: "round.created",
      actor,
      subjectType: "round",
      subjectId: row!.id,
      payload: { title: input.title, method: input.method, needs: needIds.length, scorers: input.scorerIds, observers: input.observerIds },
    });
    return row!;
  });
}

async function lockRound(executor: Executor, id: string) {
  const [round] = await executor.select().from(rounds).where(eq(rounds.id, id)).for("update");
  if (!round) throw roundGone();
  return round;
}

/** Opens a draft for scoring; its criteria and weights are fixed from here. */
export async function openRound({ id, actor, now = new Date() }: { id: string; actor: Actor; now?: Date }) {
  return db().transaction(async (tx) => {
    const round = await lockRound(tx, id);
    if (round.status !== "draft") throw new AppError("not_draft", "Only a draft round can be opened", undefined, 409);
    if (round.deadline && round.deadline < now) throw new AppError("deadline_passed", "The round's deadline has passed: change the draft's deadline before opening it", undefined, 409);
    await tx.update(rounds).set({ status: "open", openedAt: new Date(), revision: round.revision + 1 }).where(eq(rounds.id, id));
    await appendAudit(tx, { kind: "round.opened", actor, subjectType: "round", subjectId: id, payload: {} });
  });
}

/** Saves a lead's scores (and a rationale per need): only their own, in an open round, before its deadline, on its scales. */
export async function saveScores({
  roundId,
  userId,
  scores,
  rationales = [],
  now = new Date(),
}: {
  roundId: string;
  userId: string;
  scores: { needId: string; criterion: string; value: number }[];
  rationales?: { needId: string; text: string }[];
  now?: Date;
}) {
  return db().transaction(async (tx) => {
    const round = await scoringRound(tx, roundId, userId, now);
    const needIds = [...new Set([...scores.map((s) => s.needId), ...rationales.map((r) => r.needId)])];
    const inRound = needIds.length
      ? await tx.select({ id: roundNeeds.needId }).from(roundNeeds).where(and(eq(roundNeeds.roundId, roundId), inArray(roundNeeds.needId, needIds)))
      : [];
    if (inRound.length !== needIds.length) throw new AppError("need_not_in_round", "One of those needs is not in this round: nothing was saved");
    for (const s of scores) {
      const problem = scoreProblem(round.method, round.criteria, s.criterion, s.value);
      if (problem) throw new AppError("bad_score", problem, `${s.needId}.${s.criterion}`);
    }
    if (scores.length) {
      await tx
        .insert(roundScores)
        .values(scores.map((s) => ({ roundId, userId, needId: s.needId, criterion: s.criterion, value: s.value })))
        .onConflictDoUpdate({
          target: [roundScores.roundId, roundScores.userId, roundScores.needId, roundScores.criterion],
          set: { value: sql`excluded.value`, revision: sql`${roundScores.revision} + 1`, updatedAt: now },
        });
    }
    const capProblem = await mustCapCheck(tx, round, userId);
    if (capProblem) throw new AppError("must_cap", capProblem);
    if (rationales.length) {
      await tx
        .insert(roundRationales)
        .values(rationales.map((r) => ({ roundId, userId, needId: r.needId, text: r.text })))
        .onConflictDoUpdate({
          target: [roundRationales.roundId, roundRationales.userId, roundRationales.needId],
          set: { text: sql`excluded.text`, revision: sql`${roundRationales.revision} + 1`, updatedAt: now },
        });
    }
  });
}

/** A MoSCoW round with a cap: whether this lead's musts (as stored now, plus `adding`) break it. */
async function mustCapCheck(executor: Executor, round: Pick<Round, "id" | "method" | "mustCap">, userId: string, adding = 0) {
  if (round.method !== "moscow" || round.mustCap === null) return null;
  const [counts] = rowsOf<{ musts: number; needs: number }>(
    await executor.execute(sql`select
      (select count(*)::int from round_scores where round_id = ${round.id} and user_id = ${userId} and criterion = 'moscow' and value = 1) as musts,
      (select count(*)::int from round_needs where round_id = ${round.id}) as needs`),
  );
  return mustCapProblem(counts!.musts + adding, counts!.needs, round.mustCap);
}

/** One cell of the scoring grid as the page autosaves it: its field name, the value, and the revision it started from. */
export interface CellSave {
  name: string;
  value: string;
  /** The revision the page saw; null for a whole-grid post without JavaScript, checked against `seenAt` instead. */
  base: number | null;
}
export type CellResult = { name: string } & (
  | { status: "saved"; value: string; revision: number }
  | { status: "conflict"; value: string; revision: number }
  | { status: "invalid"; message: string }
);

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const CELL = new RegExp(`^(?:score\\.(${UUID})\\.([a-z][a-z0-9-]{0,29})|why\\.(${UUID}))$`);

/**
 * The grid's autosave: each cell written only if it still holds what the page
 * started from (else a conflict comes back with what is stored), a value the
 * cell already holds counts as saved (so a retried request changes nothing), a
 * bad value is refused alone. Round-wide refusals (closed, past the deadline,
 * submitted, not a scorer) throw, and nothing is written.
 */
export async function autosaveCells({
  roundId,
  userId,
  saves,
  seenAt = null,
  now = new Date(),
}: {
  roundId: string;
  userId: string;
  saves: CellSave[];
  /** When the page was loaded: a cell changed since then (elsewhere) to something else is a conflict. */
  seenAt?: Date | null;
  now?: Date;
}): Promise<CellResult[]> {
  return db().transaction(async (tx) => {
    const round = await scoringRound(tx, roundId, userId, now);
    // Musts last, so a post that moves a must from one need to another is not refused by the cap half-way.
    const ordered = [...saves].sort((a, b) => Number(a.name.endsWith(".moscow") && a.value === "1") - Number(b.name.endsWith(".moscow") && b.value === "1"));
    const cells = ordered.map((save) => ({ save, match: CELL.exec(save.name) }));
    const needIds = [...new Set(cells.flatMap((c) => (c.match ? [c.match[1] ?? c.match[3]!] : [])))];
    const inRound = new Set(
      needIds.length
        ? (await tx.select({ id: roundNeeds.needId }).from(roundNeeds).where(and(eq(roundNeeds.roundId, roundId), inArray(roundNeeds.needId, needIds)))).map((r) => r.id)
        : [],
    );
    const results: CellResult[] = [];
    for (const { save, match } of cells) {
      const name = save.name;
      if (!match) {
        results.push({ name, status: "invalid", message: "Unknown field" });
        continue;
      }
      const needId = (match[1] ?? match[3])!;
      if (!inRound.has(needId)) {
        results.push({ name, status: "invalid", message: "That need is not in this round" });
        continue;
      }
      const criterion = match[2];
      if (criterion !== undefined) results.push(await saveScoreCell(tx, round, userId, needId, criterion, save, seenAt, now));
      else results.push(await saveRationaleCell(tx, roundId, userId, needId, save, seenAt, now));
    }
    return results;
  });
}

/** The round, share-locked, if this user may score it now. */
async function scoringRound(executor: Executor, roundId: string, userId: string, now: Date) {
  const [round] = await executor.select().from(rounds).where(eq(rounds.id, roundId)).for("share");
  if (!round) throw roundGone();
  if (round.status === "closed") throw new AppError("round_closed", "This round is closed: its scores no longer change", undefined, 409);
  if (round.status !== "open") throw new AppError("round_not_open", "This round is not open for scoring yet", undefined, 409);
  if (round.deadline && now > round.deadline) throw new AppError("past_deadline", "The deadline for this round has passed", undefined, 409);
  // The lead's own row, locked: two windows of one lead save one after the other (the cap on musts counts right).
  const [me] = await executor
    .select({ role: roundParticipants.role, submittedAt: roundParticipants.submittedAt })
    .from(roundParticipants)
    .where(and(eq(roundParticipants.roundId, roundId), eq(roundParticipants.userId, userId)))
    .for("update");
  if (!me) throw new AppError("not_participant", "You are not taking part in this round", undefined, 403);
  if (me.role !== "scorer") throw new AppError("observer", "Observers follow a round; they do not score it", undefined, 403);
  if (me.submittedAt) throw new AppError("already_submitted", "You have submitted your scores: they no longer change", undefined, 409);
  return round;
}

/** Whether a cell moved on since the page saw it: by revision (autosave) or by time (a post without JavaScript). */
function isStale(current: { revision: number; updatedAt: Date } | undefined, base: number | null, seenAt: Date | null) {
  if (base !== null) return (current?.revision ?? 0) !== base;
  return Boolean(current && seenAt && current.updatedAt > seenAt);
}

async function saveScoreCell(tx: Executor, round: Round, userId: string, needId: string, criterion: string, save: CellSave, seenAt: Date | null, now: Date): Promise<CellResult> {
  const name = save.name;
  const wanted = save.value.trim();
  let value: number | null = null;
  if (wanted !== "") {
    value = Number(wanted);
    const problem = /^-?\d+$/.test(wanted) ? scoreProblem(round.method, round.criteria, criterion, value) : "Scores are whole numbers";
    if (problem) return { name, status: "invalid", message: problem };
  }
  const key = and(eq(roundScores.roundId, round.id), eq(roundScores.userId, userId), eq(roundScores.needId, needId), eq(roundScores.criterion, criterion));
  const [current] = await tx.select({ value: roundScores.value, revision: roundScores.revision, updatedAt: roundScores.updatedAt }).from(roundScores).where(key).for("update");
  const stored = current?.value === null || current?.value === undefined ? "" : String(current.value);
  if (stored === (value === null ? "" : String(value))) return { name, status: "saved", value: stored, revision: current?.revision ?? 0 };
  if (isStale(current, save.base, seenAt)) return { name, status: "conflict", value: stored, revision: current?.revision ?? 0 };
  // A cleared score keeps its row (value null), so its revision and time carry on.
  if (criterion === "moscow" && value === 1) {
    const problem = await mustCapCheck(tx, round, userId, 1);
    if (problem) return { name, status: "invalid", message: problem };
  }
  const revision = (current?.revision ?? 0) + 1;
  if (current) await tx.update(roundScores).set({ value, revision, updatedAt: now }).where(key);
  else await tx.insert(roundScores).values({ roundId: round.id, userId, needId, criterion, value, revision, updatedAt: now });
  return { name, status: "saved", value: value === null ? "" : String(value), revision };
}

async function saveRationaleCell(tx: Executor, roundId: string, userId: string, needId: string, save: CellSave, seenAt: Date | null, now: Date): Promise<CellResult> {
  const name = save.name;
  if (save.value.length > 2000) return { name, status: "invalid", message: "At most 2,000 characters" };
  // PostgreSQL refuses NUL in text; a form post drops it (formDataToObject), the autosave's JSON may carry it.
  if (save.value.includes("\u0000")) return { name, status: "invalid", message: "This text holds a character that cannot be saved: type it again" };
  const key = and(eq(roundRationales.roundId, roundId), eq(roundRationales.userId, userId), eq(roundRationales.needId, needId));
  const [current] = await tx.select({ text: roundRationales.text, revision: roundRationales.revision, updatedAt: roundRationales.updatedAt }).from(roundRationales).where(key).for("update");
  const stored = current?.text ?? "";
  if (stored === save.value) return { name, status: "saved", value: stored, revision: current?.revision ?? 0 };
  if (isStale(current, save.base, seenAt)) return { name, status: "conflict", value: stored, revision: current?.revision ?? 0 };
  const revision = (current?.revision ?? 0) + 1;
  if (current) await tx.update(roundRationales).set({ text: save.value, revision, updatedAt: now }).where(key);
  else await tx.insert(roundRationales).values({ roundId, userId, needId, text: save.value, revision, updatedAt: now });
  return { name, status: "saved", value: save.value, revision };
}

/** A lead hands in their scores; from then on they may see the others'. */
export async function submitScores({ roundId, userId, actor, now = new Date() }: { roundId: string; userId: string; actor: Actor; now?: Date }) {
  return db().transaction(async (tx) => {
    const round = await lockRound(tx, roundId);
    if (round.status !== "open") throw new AppError("round_not_open", "Scores are submitted while the round is open", undefined, 409);
    if (round.deadline && now > round.deadline) throw new AppError("past_deadline", "The deadline for this round has passed", undefined, 409);
    const updated = await tx
      .update(roundParticipants)
      .set({ submittedAt: new Date() })
      .where(and(eq(roundParticipants.roundId, roundId), eq(roundParticipants.userId, userId), eq(roundParticipants.role, "scorer"), isNull(roundParticipants.submittedAt)))
      .returning({ userId: roundParticipants.userId });
    if (!updated.length) throw new AppError("cannot_submit", "There is nothing of yours to submit in this round (already submitted, or not a scorer)", undefined, 409);
    const [{ count } = { count: 0 }] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(roundScores)
      .where(and(eq(roundScores.roundId, roundId), eq(roundScores.userId, userId), isNotNull(roundScores.value)));
    await appendAudit(tx, { kind: "round.scores_submitted", actor, subjectType: "round", subjectId: roundId, payload: { scores: count } });
  });
}

/**
 * The scores a participant may read: their own always; everyone's once they have
 * submitted (no anchoring), and for observers and the round's managers.
 */
export async function scoresVisibleTo({ roundId, viewer }: { roundId: string; viewer: { id: string; role: string } }) {
  const [me] = await db()
    .select({ role: roundParticipants.role, submittedAt: roundParticipants.submittedAt })
    .from(roundParticipants)
    .where(and(eq(roundParticipants.roundId, roundId), eq(roundParticipants.userId, viewer.id)));
  const seesAll = viewer.role === "admin" || viewer.role === "relationship_manager" || me?.role === "observer" || Boolean(me?.submittedAt);
  return db()
    .select({ userId: roundScores.userId, needId: roundScores.needId, criterion: roundScores.criterion, value: roundScores.value })
    .from(roundScores)
    .where(and(eq(roundScores.roundId, roundId), isNotNull(roundScores.value), seesAll ? undefined : eq(roundScores.userId, viewer.id)));
}

export { roundResults, type RoundResult } from "./round-results.server";

/**
 * Closes a round: the ranking, every score and rationale and the weights, stored
 * as one snapshot with its SHA-256. Later changes to needs or weights leave it be,
 * and a trigger refuses any change to its scores.
 */
export async function closeRound({ id, actor }: { id: string; actor: Actor }) {
  return db().transaction(async (tx) => {
    const round = await lockRound(tx, id);
    if (round.status !== "open") throw new AppError("round_not_open", round.status === "closed" ? "This round is already closed" : "Open the round before closing it", undefined, 409);
    const [ranking, leads, scores, rationales, members] = await Promise.all([
      roundResults({ roundId: id, weights: round.criteria, executor: tx }),
      leadRankings({ roundId: id, executor: tx }),
      tx.select().from(roundScores).where(and(eq(roundScores.roundId, id), isNotNull(roundScores.value))),
      tx.select().from(roundRationales).where(eq(roundRationales.roundId, id)),
      tx.select().from(roundParticipants).where(eq(roundParticipants.roundId, id)),
    ]);
    // Each need as decided: its words and IT's effort then (RICE divides by it, the chart plots it).
    const statements = rowsOf<{ id: string; number: number; statement: string; effort: { size: string | null; days: number | null } | null }>(
      await tx.execute(sql`select n.id, n.number, n.statement,
          case when e.need_id is null then null else json_build_object('size', e.size, 'days', e.days) end as effort
        from round_needs rn join needs n on n.id = rn.need_id left join need_efforts e on e.need_id = n.id
        where rn.round_id = ${id} order by n.number`),
    );
    const closedAt = new Date();
    const snapshot = {
      round: { id, title: round.title, method: round.method, criteria: round.criteria, mustCap: round.mustCap, deadline: round.deadline, closedAt },
      needs: statements,
      participants: members.map((m) => ({ userId: m.userId, role: m.role, submittedAt: m.submittedAt })),
      ranking,
      leadRankings: leads,
      scores: scores.map((s) => ({ userId: s.userId, needId: s.needId, criterion: s.criterion, value: s.value })),
      rationales: rationales.filter((r) => r.text).map((r) => ({ userId: r.userId, needId: r.needId, text: r.text })),
    };
    const text = canonicalJson(snapshot);
    const hash = createHash("sha256").update(text).digest("hex");
    await tx.update(rounds).set({ status: "closed", closedAt, snapshot: JSON.parse(text) as unknown, snapshotHash: hash, revision: round.revision + 1 }).where(eq(rounds.id, id));
    await tx.insert(roundRecords).values({ roundId: id, closedAt, closedBy: actor.id, snapshot: JSON.parse(text) as unknown, snapshotHash: hash });
    if (ranking.length) {
      await tx.insert(roundRanks).values(ranking.map((r) => ({ roundId: id, needId: r.needId, rank: r.rank, ranked: ranking.length, closedAt })));
    }
    await appendAudit(tx, { kind: "round.closed", actor, subjectType: "round", subjectId: id, payload: { hash, needs: statements.length, scores: scores.length } });
    await flagRankChanges(tx, { roundId: id, actor });
    return { hash };
  });
}

/** Whether a closed round's stored snapshot still matches its hash. */
export async function verifyRoundSnapshot(id: string) {
  const [round] = await db().select({ snapshot: rounds.snapshot, hash: rounds.snapshotHash }).from(rounds).where(eq(rounds.id, id));
  if (!round?.snapshot || !round.hash) return null;
  return createHash("sha256").update(canonicalJson(round.snapshot)).digest("hex") === round.hash;
}


type RoundViewer = { id: string; role: string };
const managesRounds = (viewer: RoundViewer) => viewer.role === "admin" || viewer.role === "relationship_manager";

/** Rounds the viewer may see: all for relationship managers and admins, else those they take part in. One query. */
export async function listRounds(viewer: RoundViewer) {
  const rows = rowsOf<Record<string, unknown>>(
    await db().execute(sql`
      select r.id, r.title, r.status, r.deadline, r.closed_at,
        (select count(*)::int from round_needs rn where rn.round_id = r.id) as needs,
        (select count(*)::int from round_participants p where p.round_id = r.id and p.role = 'scorer') as scorers,
        (select count(*)::int from round_participants p where p.round_id = r.id and p.role = 'scorer' and p.submitted_at is not null) as submitted,
        me.role as my_role, me.submitted_at as my_submitted_at
      from rounds r
      left join round_participants me on me.round_id = r.id and me.user_id = ${viewer.id}
      where ${managesRounds(viewer) ? sql`true` : sql`me.user_id is not null and r.status <> 'draft'`}
      order by r.created_at desc
      limit 200`),
  );
  return rows.map((r) => ({
    id: r.id as string,
    title: r.title as string,
    status: r.status as "draft" | "open" | "closed",
    deadline: r.deadline ? new Date(r.deadline as string).toISOString() : null,
    needs: r.needs as number,
    scorers: r.scorers as number,
    submitted: r.submitted as number,
    myRole: (r.my_role as "scorer" | "observer" | null) ?? null,
    mySubmitted: Boolean(r.my_submitted_at),
  }));
}

/** One round with its needs and participants, if the viewer manages rounds or takes part (leads and observers once it is open). */
export async function getRound({ id, viewer }: { id: string; viewer: RoundViewer }) {
  const [round] = await db().select().from(rounds).where(eq(rounds.id, id));
  if (!round) return null;
  const members = await db()
    .select({ id: users.id, name: users.name, title: users.title, role: roundParticipants.role, submittedAt: roundParticipants.submittedAt })
    .from(roundParticipants)
    .innerJoin(users, eq(users.id, roundParticipants.userId))
    .where(eq(roundParticipants.roundId, id))
    .orderBy(users.name);
  const me = members.find((m) => m.id === viewer.id) ?? null;
  if (!managesRounds(viewer) && (!me || round.status === "draft")) return null;
  const needRows = await db()
    .select({ id: needs.id, number: needs.number, statement: needs.statement })
    .from(roundNeeds)
    .innerJoin(needs, eq(needs.id, roundNeeds.needId))
    .where(eq(roundNeeds.roundId, id))
    .orderBy(needs.number);
  return { round, members, me, needs: needRows };
}

/** One lead's own scores and rationales in a round. */
export async function myScores({ roundId, userId }: { roundId: string; userId: string }) {
  const [scores, rationales] = await Promise.all([
    db()
      .select({ needId: roundScores.needId, criterion: roundScores.criterion, value: roundScores.value, revision: roundScores.revision })
      .from(roundScores)
      .where(and(eq(roundScores.roundId, roundId), eq(roundScores.userId, userId))),
    db().select({ needId: roundRationales.needId, text: roundRationales.text, revision: roundRationales.revision }).from(roundRationales).where(and(eq(roundRationales.roundId, roundId), eq(roundRationales.userId, userId))),
  ]);
  return { scores, rationales };
}

/** What a new round can hold: live needs still to decide (open or parked), active business leads and executives. */
export async function roundChoices() {
  const [needRows, people] = await Promise.all([
    db()
      .select({
        id: needs.id,
        number: needs.number,
        statement: needs.statement,
        status: needs.status,
        category: needs.category,
        stakeholderCount: needs.stakeholderCount,
        unitIds: sql<string[]>`coalesce((select array_agg(nu.unit_id::text) from need_units nu where nu.need_id = ${needs.id}), '{}')`,
      })
      .from(needs)
      .where(and(isNull(needs.mergedInto), inArray(needs.status, ["open", "parked"])))
      .orderBy(sql`${needs.stakeholderCount} desc, ${needs.number}`)
      .limit(1000),
    db()
      .select({ id: users.id, name: users.name, title: users.title, role: users.role })
      .from(users)
      .where(and(eq(users.active, true), inArray(users.role, ["business_lead", "executive"])))
      .orderBy(users.name),
  ]);
  const units = await db().execute(sql`select id, name from business_units where archived_at is null order by name`);
  return {
    needs: needRows,
    units: rowsOf<{ id: string; name: string }>(units),
    leads: people.filter((p) => p.role === "business_lead"),
    executives: people.filter((p) => p.role === "executive"),
  };
}

/**
 * An admin reopens a closed round, with a reason: its record (snapshot and hash)
 * is cleared, the ranks it gave its needs are withdrawn, and the audit trail
 * keeps the reason and the hash of the record that was withdrawn.
 */
export async function reopenRound({ id, reason, actor }: { id: string; reason: string; actor: Actor }) {
  return db().transaction(async (tx) => {
    const round = await lockRound(tx, id);
    if (round.status !== "closed") throw new AppError("not_closed", "Only a closed round can be reopened", undefined, 409);
    await tx.delete(roundRanks).where(eq(roundRanks.roundId, id));
    // The record stays, marked withdrawn, with who and why.
    await tx
      .update(roundRecords)
      .set({ withdrawnAt: new Date(), withdrawnBy: actor.id, withdrawnReason: reason })
      .where(and(eq(roundRecords.roundId, id), isNull(roundRecords.withdrawnAt)));
    await tx.update(rounds).set({ status: "open", closedAt: null, snapshot: null, snapshotHash: null, revision: round.revision + 1 }).where(eq(rounds.id, id));
    await appendAudit(tx, { kind: "round.reopened", actor, subjectType: "round", subjectId: id, payload: { reason, previousHash: round.snapshotHash } });
  });
}

/** Changes a draft's title, deadline, criteria and weights (or MoSCoW cap); refused once it has opened or if someone changed it first. */
export async function updateDraftRound({
  id,
  revision,
  input,
  actor,
  now = new Date(),
}: {
  id: string;
  revision: number;
  input: Pick<CreateRoundInput, "title" | "deadline" | "criteria" | "mustCap">;
  actor: Actor;
  now?: Date;
}) {
  if (input.deadline && input.deadline < now) throw pastDeadline();
  return db().transaction(async (tx) => {
    const round = await lockRound(tx, id);
    if (round.status !== "draft") throw new AppError("not_draft", "This round has opened: its criteria and weights are fixed", undefined, 409);
    if (round.revision !== revision) throw new AppError("stale", "Someone changed this round since you opened it: look at the current version and make your change again", undefined, 409);
    const criteria = round.method === "weighted" ? input.criteria : round.criteria;
    await tx
      .update(rounds)
      .set({ title: input.title, deadline: input.deadline, criteria, mustCap: round.method === "moscow" ? input.mustCap : null, revision: round.revision + 1 })
      .where(eq(rounds.id, id));
    await appendAudit(tx, {
      kind: "round.updated",
      actor,
      subjectType: "round",
      subjectId: id,
      payload: { title: input.title, weights: Object.fromEntries(criteria.map((c) => [c.key, c.weight])), mustCap: input.mustCap },
    });
  });
}

/** A need's rank in each closed round it was in, latest first. */
export async function needRanks(needId: string) {
  return rowsOf<{ round_id: string; title: string; rank: number; ranked: number; closed_at: string | Date }>(
    await db().execute(sql`
      select rr.round_id, r.title, rr.rank, rr.ranked, rr.closed_at
      from round_ranks rr join rounds r on r.id = rr.round_id
      where rr.need_id = ${needId}
      order by rr.closed_at desc`),
  ).map((r) => ({ roundId: r.round_id, title: r.title, rank: r.rank, ranked: r.ranked, closedAt: new Date(r.closed_at).toISOString() }));
}

/** Whether the viewer may open a round's page (managers always; otherwise participants of an opened round). */
export async function roundsOpenTo(viewer: RoundViewer, roundIds: string[]) {
  if (managesRounds(viewer)) return new Set(roundIds);
  if (!roundIds.length) return new Set<string>();
  const rows = await db()
    .select({ id: roundParticipants.roundId })
    .from(roundParticipants)
    .where(and(eq(roundParticipants.userId, viewer.id), inArray(roundParticipants.roundId, roundIds)));
  return new Set(rows.map((r) => r.id));
}

/**
 * What a participant needs beside the grid to judge one need: its statement,
 * outcome, pain and critical period, its support and IT's effort, and its most
 * recent quotes (those from private interviews left out unless the viewer may
 * read them). Open to the round's participants whatever unit the need is from.
 */
export async function roundNeedBrief({ roundId, needId, viewer }: { roundId: string; needId: string; viewer: RoundViewer }) {
  const [row] = rowsOf<Record<string, unknown>>(
    await db().execute(sql`
      select n.id, n.number, n.statement, n.outcome, n.pain, n.critical_period, n.stakeholder_count, n.unit_count, n.evidence_count,
        e.size as effort_size, e.days as effort_days, e.note as effort_note,
        coalesce((select string_agg(u.name, ', ' order by u.name) from need_units nu join business_units u on u.id = nu.unit_id where nu.need_id = n.id), '') as units
      from round_needs rn
      join rounds r on r.id = rn.round_id
      join needs n on n.id = rn.need_id
      left join need_efforts e on e.need_id = n.id
      where rn.round_id = ${roundId} and rn.need_id = ${needId}
        and ${
          managesRounds(viewer)
            ? sql`true`
            : sql`r.status <> 'draft' and exists (select 1 from round_participants p where p.round_id = r.id and p.user_id = ${viewer.id})`
        }`),
  );
  if (!row) return null;
  const quotes = rowsOf<{ id: string; text: string; scheduled_at: string | Date; people: string | null; unit_name: string; survey_anonymous: boolean | null }>(
    await db().execute(sql`
      select e.id, e.text, ${heardAtSql()} as scheduled_at, iu.name as unit_name, sv.anonymous as survey_anonymous,
        (select string_agg(s.name || coalesce(', ' || nullif(s.title, ''), ''), '; ' order by s.name) from evidence_stakeholders es join stakeholders s on s.id = es.stakeholder_id where es.evidence_id = e.id) as people
      from needs m
      join need_evidence ne on ne.need_id = m.id
      join evidence e on e.id = ne.evidence_id
      join interviews i on i.id = e.interview_id
      join business_units iu on iu.id = i.business_unit_id
      left join surveys sv on sv.id = i.survey_id
      where m.survivor_id = ${needId}
        and ${viewer.role === "admin" ? sql`true` : sql`(not i.private or i.interviewer_id = ${viewer.id} or i.created_by = ${viewer.id})`}
      order by i.scheduled_at desc, e.start
      limit 3`),
  );
  return {
    id: row.id as string,
    number: row.number as number,
    statement: row.statement as string,
    outcome: row.outcome as string,
    pain: row.pain as string,
    criticalPeriod: row.critical_period as string,
    units: row.units as string,
    stakeholders: row.stakeholder_count as number,
    evidence: row.evidence_count as number,
    effort: row.effort_size === null && row.effort_days === null ? null : { size: row.effort_size as EffortSize | null, days: row.effort_days as number | null, note: row.effort_note as string },
    quotes: quotes.map((q) => ({ id: q.id, text: q.text, heardAt: new Date(q.scheduled_at).toISOString(), people: q.people ?? (q.survey_anonymous ? respondentLabel({ anonymous: true, unitName: q.unit_name }) : "") })),
  };
}
