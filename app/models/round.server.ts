import { createHash } from "node:crypto";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { needs, roundNeeds, roundParticipants, roundRationales, rounds, roundScores, users } from "../../db/schema";
import { canonicalJson } from "../domain/canonical-json";
import { criteriaSchema, scoreProblem, type CreateRoundInput, type Criterion } from "../domain/round";
import { db, type Executor } from "../db.server";
import { appendAudit, type Actor } from "./audit.server";
import { AppError } from "./errors.server";
import { rowsOf } from "./rows.server";

const roundGone = () => new AppError("round_not_found", "That round does not exist", undefined, 404);

/** A draft round: its needs (live ones only), scorers (active business leads) and observers (active executives). */
export async function createRound({ input, actor }: { input: CreateRoundInput; actor: Actor }) {
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
      .values({ title: input.title, method: input.method, criteria: input.criteria, mustCap: input.mustCap, deadline: input.deadline, createdBy: actor.id })
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
export async function openRound({ id, actor }: { id: string; actor: Actor }) {
  return db().transaction(async (tx) => {
    const round = await lockRound(tx, id);
    if (round.status !== "draft") throw new AppError("not_draft", "Only a draft round can be opened", undefined, 409);
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
    const [round] = await tx.select().from(rounds).where(eq(rounds.id, roundId)).for("share");
    if (!round) throw roundGone();
    if (round.status === "closed") throw new AppError("round_closed", "This round is closed: its scores no longer change", undefined, 409);
    if (round.status !== "open") throw new AppError("round_not_open", "This round is not open for scoring yet", undefined, 409);
    if (round.deadline && now > round.deadline) throw new AppError("past_deadline", "The deadline for this round has passed", undefined, 409);
    const [me] = await tx
      .select({ role: roundParticipants.role })
      .from(roundParticipants)
      .where(and(eq(roundParticipants.roundId, roundId), eq(roundParticipants.userId, userId)));
    if (!me) throw new AppError("not_participant", "You are not taking part in this round", undefined, 403);
    if (me.role !== "scorer") throw new AppError("observer", "Observers follow a round; they do not score it", undefined, 403);
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

/** A lead hands in their scores; from then on they may see the others'. */
export async function submitScores({ roundId, userId, actor }: { roundId: string; userId: string; actor: Actor }) {
  return db().transaction(async (tx) => {
    const round = await lockRound(tx, roundId);
    if (round.status !== "open") throw new AppError("round_not_open", "Scores are submitted while the round is open", undefined, 409);
    const updated = await tx
      .update(roundParticipants)
      .set({ submittedAt: new Date() })
      .where(and(eq(roundParticipants.roundId, roundId), eq(roundParticipants.userId, userId), eq(roundParticipants.role, "scorer"), isNull(roundParticipants.submittedAt)))
      .returning({ userId: roundParticipants.userId });
    if (!updated.length) throw new AppError("cannot_submit", "There is nothing of yours to submit in this round (already submitted, or not a scorer)", undefined, 409);
    const [{ count } = { count: 0 }] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(roundScores)
      .where(and(eq(roundScores.roundId, roundId), eq(roundScores.userId, userId)));
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
    .where(and(eq(roundScores.roundId, roundId), seesAll ? undefined : eq(roundScores.userId, viewer.id)));
}

export interface RoundResult {
  needId: string;
  score: number;
  rank: number;
  leads: number;
  mean: number;
  spread: number;
  low: number;
  high: number;
}

/**
 * A weighted round's results, computed in SQL (the rules of aggregate() in
 * app/domain/round.ts): z-scores per lead and criterion, weighted means per lead
 * and need, averaged over the leads who scored; disagreement on the 1–5 scale.
 * `weights` lets a relationship manager try others before closing.
 */
export async function roundResults({ roundId, weights, executor = db() }: { roundId: string; weights?: Pick<Criterion, "key" | "weight">[]; executor?: Executor }): Promise<RoundResult[]> {
  let use = weights;
  if (!use) {
    const [round] = await executor.select({ criteria: rounds.criteria }).from(rounds).where(eq(rounds.id, roundId));
    if (!round) throw roundGone();
    use = round.criteria;
  }
  const checked = criteriaSchema.safeParse(use.map((w) => ({ key: w.key, weight: w.weight, name: w.key, points: ["", "", "", "", ""] })));
  if (!checked.success) throw new AppError("bad_weights", checked.error.issues[0]!.message, "weights");
  const table = JSON.stringify(use.filter((w) => w.weight > 0).map((w) => ({ key: w.key, weight: w.weight })));
  const rows = rowsOf<{ need_id: string; score: number; rank: number; leads: number; mean: number; spread: number; low: number; high: number }>(
    await executor.execute(sql`
      with w as (
        select key, weight from jsonb_to_recordset(${table}::jsonb) as x(key text, weight float8)
      ), s as (
        select rs.user_id, rs.need_id, rs.criterion, rs.value::float8 as value, w.weight
        from round_scores rs join w on w.key = rs.criterion
        where rs.round_id = ${roundId}
      ), z as (
        select user_id, need_id, weight, value,
          coalesce((value - avg(value) over lead_criterion) / nullif(stddev_pop(value) over lead_criterion, 0), 0) as z
        from s
        window lead_criterion as (partition by user_id, criterion)
      ), per_lead as (
        select user_id, need_id, sum(weight * z) / sum(weight) as z, sum(weight * value) / sum(weight) as raw
        from z group by user_id, need_id
      ), per_need as (
        select need_id, avg(z) as score, count(*)::int as leads, avg(raw) as mean,
          coalesce(stddev_pop(raw), 0) as spread, min(raw) as low, max(raw) as high
        from per_lead group by need_id
      )
      select need_id, score::float8, (rank() over (order by round(score::numeric, 9) desc))::int as rank, leads,
        mean::float8, spread::float8, low::float8, high::float8
      from per_need
      order by rank, need_id`),
  );
  return rows.map((r) => ({ needId: r.need_id, score: r.score, rank: r.rank, leads: r.leads, mean: r.mean, spread: r.spread, low: r.low, high: r.high }));
}

/**
 * Closes a round: the ranking, every score and rationale and the weights, stored
 * as one snapshot with its SHA-256. Later changes to needs or weights leave it be,
 * and a trigger refuses any change to its scores.
 */
export async function closeRound({ id, actor }: { id: string; actor: Actor }) {
  return db().transaction(async (tx) => {
    const round = await lockRound(tx, id);
    if (round.status !== "open") throw new AppError("round_not_open", round.status === "closed" ? "This round is already closed" : "Open the round before closing it", undefined, 409);
    const [ranking, scores, rationales, members] = await Promise.all([
      roundResults({ roundId: id, weights: round.criteria, executor: tx }),
      tx.select().from(roundScores).where(eq(roundScores.roundId, id)),
      tx.select().from(roundRationales).where(eq(roundRationales.roundId, id)),
      tx.select().from(roundParticipants).where(eq(roundParticipants.roundId, id)),
    ]);
    const statements = rowsOf<{ id: string; number: number; statement: string }>(
      await tx.execute(sql`select n.id, n.number, n.statement from round_needs rn join needs n on n.id = rn.need_id where rn.round_id = ${id} order by n.number`),
    );
    const closedAt = new Date();
    const snapshot = {
      round: { id, title: round.title, method: round.method, criteria: round.criteria, mustCap: round.mustCap, deadline: round.deadline, closedAt },
      needs: statements,
      participants: members.map((m) => ({ userId: m.userId, role: m.role, submittedAt: m.submittedAt })),
      ranking,
      scores: scores.map((s) => ({ userId: s.userId, needId: s.needId, criterion: s.criterion, value: s.value })),
      rationales: rationales.filter((r) => r.text).map((r) => ({ userId: r.userId, needId: r.needId, text: r.text })),
    };
    const text = canonicalJson(snapshot);
    const hash = createHash("sha256").update(text).digest("hex");
    await tx.update(rounds).set({ status: "closed", closedAt, snapshot: JSON.parse(text) as unknown, snapshotHash: hash, revision: round.revision + 1 }).where(eq(rounds.id, id));
    await appendAudit(tx, { kind: "round.closed", actor, subjectType: "round", subjectId: id, payload: { hash, needs: statements.length, scores: scores.length } });
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
    db().select({ needId: roundScores.needId, criterion: roundScores.criterion, value: roundScores.value }).from(roundScores).where(and(eq(roundScores.roundId, roundId), eq(roundScores.userId, userId))),
    db().select({ needId: roundRationales.needId, text: roundRationales.text }).from(roundRationales).where(and(eq(roundRationales.roundId, roundId), eq(roundRationales.userId, userId))),
  ]);
  return { scores, rationales };
}

/** What a new round can hold: live needs still to decide (open or parked), active business leads and executives. */
export async function roundChoices() {
  const [needRows, people] = await Promise.all([
    db()
      .select({ id: needs.id, number: needs.number, statement: needs.statement, status: needs.status, stakeholderCount: needs.stakeholderCount })
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
  return { needs: needRows, leads: people.filter((p) => p.role === "business_lead"), executives: people.filter((p) => p.role === "executive") };
}
