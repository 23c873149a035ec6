import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { needEfforts, roundParticipants, roundRecords, rounds, roundScores } from "../../db/schema";
import { db } from "../../app/db.server";
import type { CellResponse } from "../../app/components/rounds/score-sync";
import { effortsFor, setNeedEffort } from "../../app/models/effort.server";
import { refusal } from "../support/refusal";
import { autosaveCells, closeRound, openRound, reopenRound, saveScores, submitScores, verifyRoundSnapshot } from "../../app/models/round.server";
import * as roundPage from "../../app/routes/rounds.$roundId._index";
import * as editPage from "../../app/routes/rounds.$roundId.edit";
import * as effortsPage from "../../app/routes/rounds.$roundId.efforts";
import * as newRoundPage from "../../app/routes/rounds.new";
import * as scorePage from "../../app/routes/rounds.$roundId.score";
import * as roundNeedPage from "../../app/routes/rounds.$roundId.needs.$needId";
import { cookieFor, makeUnit, makeUser } from "../support/factories";
import { roundWorld } from "../support/round-world";
import { call, jsonOf } from "../support/routes";

const storedScores = (roundId: string, userId: string) => db().select().from(roundScores).where(and(eq(roundScores.roundId, roundId), eq(roundScores.userId, userId)));

describe("the scoring grid's routes", () => {
  it("autosave answers in JSON: saved, conflict (409), an ended session (401), bad JSON (400) and an observer (403) each say so, and nothing else is written", async () => {
    const w = await roundWorld();
    const lead = w.leads[0]!;
    const cookie = await cookieFor(lead.id);
    const path = `/rounds/${w.round.id}/score`;
    const params = { roundId: w.round.id };
    const name = `score.${w.needs[0]!.id}.value`;
    const post = (saves: unknown, who: string | null = cookie) =>
      call(scorePage, "action", { path, params, cookie: who ?? undefined, body: JSON.stringify({ intent: "autosave", requestId: "r1", saves }), headers: { "Content-Type": "application/json" } });
    let response = await post([{ name, value: "4", base: 0 }]);
    expect(response.status).toBe(200);
    expect(await jsonOf<CellResponse>(response)).toEqual({ kind: "cells", results: [{ name, status: "saved", value: "4", revision: 1 }] });
    response = await post([{ name, value: "2", base: 0 }]);
    expect(response.status).toBe(409);
    expect((await jsonOf<CellResponse>(response)).results).toEqual([{ name, status: "conflict", value: "4", revision: 1 }]);
    response = await post([{ name, value: "4", base: 0 }], null);
    expect(response.status).toBe(401);
    expect(await jsonOf<CellResponse>(response)).toMatchObject({ error: "signed_out" });
    response = await post("not a list");
    expect(response.status).toBe(400);
    response = await post([{ name, value: "5", base: 1 }], await cookieFor(w.exec.id));
    expect(response.status).toBe(403);
    expect(await jsonOf<CellResponse>(response)).toMatchObject({ error: "held", message: "Observers follow a round; they do not score it" });
    expect((await storedScores(w.round.id, lead.id)).map((s) => s.value)).toEqual([4]);
  });

  it("without JavaScript: saves the whole grid, refuses a cell changed in another window since the page loaded, keeps what was typed, then submits", async () => {
    const w = await roundWorld();
    const lead = w.leads[0]!;
    const cookie = await cookieFor(lead.id);
    const path = `/rounds/${w.round.id}/score`;
    const params = { roundId: w.round.id };
    const [n1, n2] = w.needs.map((n) => n.id) as [string, string];
    const page = await jsonOf<{ seenAt: string; cells: Record<string, unknown> }>(await call(scorePage, "loader", { path, params, cookie }));
    // Meanwhile, another window of the same lead scores n1's value as 2.
    await new Promise((r) => setTimeout(r, 5));
    await autosaveCells({ roundId: w.round.id, userId: lead.id, saves: [{ name: `score.${n1}.value`, value: "2", base: 0 }] });
    const form = { intent: "save", seenAt: page.seenAt, [`score.${n1}.value`]: "5", [`score.${n1}.time`]: "3", [`score.${n2}.value`]: "7", [`why.${n1}`]: "  Saturdays  " };
    const refused = await call(scorePage, "action", { path, params, cookie, form });
    expect(refused.status).toBe(409);
    const data = await jsonOf<{ conflicts: Record<string, string>; errors: Record<string, string>; values: Record<string, string>; seenAt: string }>(refused);
    expect(data.conflicts).toEqual({ [`score.${n1}.value`]: "2" });
    expect(data.errors).toEqual({ [`score.${n2}.value`]: "Score from 1 to 5" });
    expect(data.values[`score.${n1}.value`]).toBe("5");
    // The rest went in; the 2 from the other window stands.
    expect(Object.fromEntries((await storedScores(w.round.id, lead.id)).map((s) => [`${s.needId}.${s.criterion}`, s.value]))).toEqual({ [`${n1}.value`]: 2, [`${n1}.time`]: 3 });
    // Posting again from the refused page keeps the lead's 5, and submits.
    const again = await call(scorePage, "action", { path, params, cookie, form: { ...form, [`score.${n2}.value`]: "4", intent: "submit", seenAt: data.seenAt } });
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe(`/rounds/${w.round.id}`);
    expect(Object.fromEntries((await storedScores(w.round.id, lead.id)).map((s) => [`${s.needId}.${s.criterion}`, s.value]))).toEqual({ [`${n1}.value`]: 5, [`${n1}.time`]: 3, [`${n2}.value`]: 4 });
    const [me] = await db().select().from(roundParticipants).where(and(eq(roundParticipants.roundId, w.round.id), eq(roundParticipants.userId, lead.id)));
    expect(me!.submittedAt).not.toBeNull();
    // Submitted: the grid is closed to them, and a late post changes nothing.
    expect((await call(scorePage, "loader", { path, params, cookie })).status).toBe(302);
    const late = await call(scorePage, "action", { path, params, cookie, form: { intent: "save", seenAt: new Date().toISOString(), [`score.${n1}.value`]: "1" } });
    expect(late.status).toBe(409);
    expect((await jsonOf<{ formError: string }>(late)).formError).toBe("You have submitted your scores: they no longer change");
  });

  it("shows a need of the round to its participants whatever its unit, and to nobody else", async () => {
    const w = await roundWorld();
    const path = `/rounds/${w.round.id}/needs/${w.needs[0]!.id}`;
    const params = { roundId: w.round.id, needId: w.needs[0]!.id };
    const outsider = await makeUser("business_lead", { businessUnitId: (await makeUnit()).id });
    const ok = await call(roundNeedPage, "loader", { path, params, cookie: await cookieFor(w.leads[0]!.id) });
    expect(ok.status).toBe(200);
    expect((await jsonOf<{ brief: { statement: string } }>(ok)).brief.statement).toBe("Need number 1 for the round");
    expect((await call(roundNeedPage, "loader", { path, params, cookie: await cookieFor(w.exec.id) })).status).toBe(200);
    expect((await call(roundNeedPage, "loader", { path, params, cookie: await cookieFor(outsider.id) })).status).toBe(404);
  });
});

describe("managing a round", () => {
  it("changes a draft's criteria and weights, refuses a stale form and any change once it has opened", async () => {
    const w = await roundWorld({ open: false });
    const cookie = await cookieFor(w.rm.id);
    const path = `/rounds/${w.round.id}/edit`;
    const params = { roundId: w.round.id };
    const page = await jsonOf<{ values: Record<string, string> }>(await call(editPage, "loader", { path, params, cookie }));
    const form = { ...page.values, c1_weight: "0", c2_name: "Customer impact", c2_weight: "3", c2_p5: "Every customer notices" };
    // All weights zero is refused with the message on a weight, nothing written.
    const zero = await call(editPage, "action", { path, params, cookie, form: { ...form, c0_weight: "0", c2_weight: "0" } });
    expect(zero.status).toBe(400);
    expect((await jsonOf<{ errors: Record<string, string> }>(zero)).errors).toEqual({ c0_weight: "At least one weight must be more than zero" });
    const negative = await call(editPage, "action", { path, params, cookie, form: { ...form, c0_weight: "-2" } });
    expect((await jsonOf<{ errors: Record<string, string> }>(negative)).errors).toEqual({ c0_weight: "A weight cannot be negative" });
    const saved = await call(editPage, "action", { path, params, cookie, form });
    expect(saved.status).toBe(302);
    const [round] = await db().select().from(rounds).where(eq(rounds.id, w.round.id));
    expect(round!.criteria.map((c) => [c.key, c.weight])).toEqual([
      ["value", 2],
      ["time", 0],
      ["customer-impact", 3],
    ]);
    expect(round!.criteria[2]!.points[4]).toBe("Every customer notices");
    // The same form again: someone changed the round since it was loaded.
    const stale = await call(editPage, "action", { path, params, cookie, form });
    expect(stale.status).toBe(409);
    await openRound({ id: w.round.id, actor: w.actor });
    const opened = await call(editPage, "action", { path, params, cookie, form: { ...form, revision: String(round!.revision + 1) } });
    expect((await jsonOf<{ formError: string }>(opened)).formError).toBe("This round has opened: its criteria and weights are fixed");
  });

  it("records IT's effort for a round's needs, refusing the whole form on one bad row, and withdraws an estimate left blank", async () => {
    const w = await roundWorld();
    const cookie = await cookieFor(w.rm.id);
    const path = `/rounds/${w.round.id}/efforts`;
    const params = { roundId: w.round.id };
    const [n1, n2] = w.needs.map((n) => n.id) as [string, string];
    const bad = await call(effortsPage, "action", { path, params, cookie, form: { [`size.${n1}`]: "m", [`days.${n2}`]: "three" } });
    expect(bad.status).toBe(400);
    expect((await jsonOf<{ errors: Record<string, string> }>(bad)).errors).toEqual({ [`days.${n2}`]: "N-" + w.needs[1]!.number + ": Enter person-days as a number above 0, up to 10,000" });
    expect(await db().select().from(needEfforts)).toHaveLength(0);
    expect((await call(effortsPage, "action", { path, params, cookie, form: { [`size.${n1}`]: "m", [`days.${n2}`]: "12.5", [`note.${n2}`]: "Two sprints" } })).status).toBe(302);
    expect(await effortsFor([n1, n2])).toEqual({ [n1]: { size: "m", days: null, note: "" }, [n2]: { size: null, days: 12.5, note: "Two sprints" } });
    await call(effortsPage, "action", { path, params, cookie, form: { [`size.${n1}`]: "", [`days.${n2}`]: "12.5", [`note.${n2}`]: "Two sprints" } });
    expect(Object.keys(await effortsFor([n1, n2]))).toEqual([n2]);
  });

  it("shows an RM which needs move under other weights, and refuses weights that cannot rank", async () => {
    const w = await roundWorld({ needCount: 2 });
    const [n1, n2] = w.needs.map((n) => n.id) as [string, string];
    // Value says n1, time says n2; the round weighs value 2 : time 1.
    await saveScores({ roundId: w.round.id, userId: w.leads[0]!.id, scores: [{ needId: n1, criterion: "value", value: 5 }, { needId: n2, criterion: "value", value: 1 }, { needId: n1, criterion: "time", value: 2 }, { needId: n2, criterion: "time", value: 5 }] });
    const cookie = await cookieFor(w.rm.id);
    const params = { roundId: w.round.id };
    type Page = { results: { needId: string; rank: number }[]; sensitivity: { moves: { needId: string; from: number; to: number }[] | null; problem: string | null } | null };
    const plain = await jsonOf<Page>(await call(roundPage, "loader", { path: `/rounds/${w.round.id}`, params, cookie }));
    expect(plain.results.map((r) => r.needId)).toEqual([n1, n2]);
    expect(plain.sensitivity).toBeNull();
    const tried = await jsonOf<Page>(await call(roundPage, "loader", { path: `/rounds/${w.round.id}?w.value=1&w.time=4`, params, cookie }));
    expect(tried.sensitivity!.moves!.map((m) => [m.needId, m.from, m.to])).toEqual([
      [n2, 2, 1],
      [n1, 1, 2],
    ]);
    const zero = await jsonOf<Page>(await call(roundPage, "loader", { path: `/rounds/${w.round.id}?w.value=0&w.time=0`, params, cookie }));
    expect(zero.sensitivity).toMatchObject({ problem: "At least one weight must be more than zero", moves: null });
    // A lead cannot try weights.
    const lead = await jsonOf<Page>(await call(roundPage, "loader", { path: `/rounds/${w.round.id}?w.value=1&w.time=4`, params, cookie: await cookieFor(w.leads[1]!.id) }));
    expect(lead.sensitivity).toBeNull();
  });

  it("lets only an admin reopen a closed round, and only with a reason", async () => {
    const w = await roundWorld();
    await closeRound({ id: w.round.id, actor: w.actor });
    const path = `/rounds/${w.round.id}`;
    const params = { roundId: w.round.id };
    const admin = await makeUser("admin");
    const byRm = await call(roundPage, "action", { path, params, cookie: await cookieFor(w.rm.id), form: { intent: "reopen", reason: "Finance scored the wrong need" } });
    expect(byRm.status).toBe(403);
    const noReason = await call(roundPage, "action", { path, params, cookie: await cookieFor(admin.id), form: { intent: "reopen", reason: " " } });
    expect(noReason.status).toBe(400);
    expect((await jsonOf<{ reasonError: string }>(noReason)).reasonError).toBe("Say why the round is reopened (at least 10 characters)");
    expect((await db().select().from(rounds).where(eq(rounds.id, w.round.id)))[0]!.status).toBe("closed");
    const ok = await call(roundPage, "action", { path, params, cookie: await cookieFor(admin.id), form: { intent: "reopen", reason: "Finance scored the wrong need" } });
    expect(ok.status).toBe(302);
    expect((await db().select().from(rounds).where(eq(rounds.id, w.round.id)))[0]!.status).toBe("open");
  });

  it("drafts a MoSCoW round with a cap from the form, with needs picked by filter", async () => {
    const w = await roundWorld({ needCount: 3, open: false });
    const cookie = await cookieFor(w.rm.id);
    const choices = await jsonOf<{ picked: string[] }>(await call(newRoundPage, "loader", { path: `/rounds/new?unit=${w.unit.id}&status=open`, params: {}, cookie }));
    expect(new Set(choices.picked)).toEqual(new Set(w.needs.map((n) => n.id)));
    const none = await jsonOf<{ picked: string[] }>(await call(newRoundPage, "loader", { path: `/rounds/new?unit=${w.unit.id}&category=cost`, params: {}, cookie }));
    expect(none.picked).toEqual([]);
    const form = { title: "Must-haves for 2027", method: "moscow", mustCap: "150", deadline: "", weight_value: "1", weight_time: "1", weight_risk: "1", weight_reach: "1", needIds: choices.picked, scorerIds: w.leads.map((l) => l.id) };
    const refused = await call(newRoundPage, "action", { path: "/rounds/new", params: {}, cookie, form });
    expect((await jsonOf<{ errors: Record<string, string> }>(refused)).errors).toEqual({ mustCap: "A cap is a percentage from 5 to 100" });
    const made = await call(newRoundPage, "action", { path: "/rounds/new", params: {}, cookie, form: { ...form, mustCap: "34" } });
    expect(made.status).toBe(302);
    const id = made.headers.get("location")!.split("/").pop()!;
    const [round] = await db().select().from(rounds).where(eq(rounds.id, id));
    expect(round).toMatchObject({ method: "moscow", mustCap: 0.34 });
    expect(round!.criteria.map((c) => c.key)).toEqual(["moscow"]);
  });
});

describe("no anchoring on the round page", () => {
  it("hides the results and every lead's ranking from a lead until they submit, and shows them to observers", async () => {
    const w = await roundWorld();
    const [a, b] = w.leads as [(typeof w.leads)[0], (typeof w.leads)[0]];
    const need = w.needs[0]!.id;
    await saveScores({ roundId: w.round.id, userId: b.id, scores: [{ needId: need, criterion: "value", value: 5 }] });
    const path = `/rounds/${w.round.id}`;
    const params = { roundId: w.round.id };
    type Page = { results: unknown[] | null; rankings: unknown[] };
    const before = await jsonOf<Page>(await call(roundPage, "loader", { path, params, cookie: await cookieFor(a.id) }));
    expect(before.results).toBeNull();
    expect(before.rankings).toEqual([]);
    const observer = await jsonOf<Page>(await call(roundPage, "loader", { path, params, cookie: await cookieFor(w.exec.id) }));
    expect(observer.results).toHaveLength(1);
    expect(observer.rankings).toHaveLength(1);
    await saveScores({ roundId: w.round.id, userId: a.id, scores: [{ needId: need, criterion: "value", value: 2 }] });
    const submitted = await call(roundPage, "action", { path, params, cookie: await cookieFor(a.id), form: { intent: "submit" } });
    expect(submitted.status).toBe(302);
    const after = await jsonOf<Page>(await call(roundPage, "loader", { path, params, cookie: await cookieFor(a.id) }));
    expect(after.rankings).toHaveLength(2);
  });
});

describe("bad input and stale pages around rounds", () => {
  it("refuses a deadline already past, or not in the calendar, and a submit after the deadline", async () => {
    const w = await roundWorld({ open: false });
    const cookie = await cookieFor(w.rm.id);
    const form = { title: "Late round", method: "weighted", deadline: "2020-01-31", mustCap: "", weight_value: "1", weight_time: "1", weight_risk: "1", weight_reach: "1", needIds: w.needs.map((n) => n.id), scorerIds: w.leads.map((l) => l.id) };
    const past = await call(newRoundPage, "action", { path: "/rounds/new", params: {}, cookie, form });
    expect(past.status).toBe(400);
    expect((await jsonOf<{ errors: Record<string, string> }>(past)).errors).toEqual({ deadline: "That deadline has already passed: choose a later date" });
    const nonsense = await call(newRoundPage, "action", { path: "/rounds/new", params: {}, cookie, form: { ...form, deadline: "2027-13-45" } });
    expect((await jsonOf<{ errors: Record<string, string> }>(nonsense)).errors).toEqual({ deadline: "That is not a date in the calendar" });
    const path = `/rounds/${w.round.id}/edit`;
    const params = { roundId: w.round.id };
    const page = await jsonOf<{ values: Record<string, string> }>(await call(editPage, "loader", { path, params, cookie }));
    const badEdit = await call(editPage, "action", { path, params, cookie, form: { ...page.values, deadline: "2027-02-30" } });
    expect((await jsonOf<{ errors: Record<string, string> }>(badEdit)).errors).toEqual({ deadline: "That is not a date in the calendar" });
    // A round whose deadline has come and gone cannot be submitted to.
    const open = await roundWorld({ deadline: new Date(Date.now() + 60_000) });
    const refused = await refusal(submitScores({ roundId: open.round.id, userId: open.leads[0]!.id, actor: open.actor, now: new Date(Date.now() + 120_000) }));
    expect(refused.code).toBe("past_deadline");
  });

  it("answers a malformed cell name with a message, not an error page", async () => {
    const w = await roundWorld();
    const saves = [{ name: "score.------------------------------------.value", value: "3", base: 0 }];
    expect(await autosaveCells({ roundId: w.round.id, userId: w.leads[0]!.id, saves })).toEqual([{ name: saves[0]!.name, status: "invalid", message: "Unknown field" }]);
  });

  it("without JavaScript, a score cleared in another window since the page loaded is a conflict, not overwritten", async () => {
    const w = await roundWorld();
    const lead = w.leads[0]!;
    const cookie = await cookieFor(lead.id);
    const name = `score.${w.needs[0]!.id}.value`;
    await autosaveCells({ roundId: w.round.id, userId: lead.id, saves: [{ name, value: "5", base: 0 }] });
    const page = await jsonOf<{ seenAt: string }>(await call(scorePage, "loader", { path: `/rounds/${w.round.id}/score`, params: { roundId: w.round.id }, cookie }));
    await new Promise((r) => setTimeout(r, 5));
    await autosaveCells({ roundId: w.round.id, userId: lead.id, saves: [{ name, value: "", base: 1 }] });
    const response = await call(scorePage, "action", { path: `/rounds/${w.round.id}/score`, params: { roundId: w.round.id }, cookie, form: { intent: "save", seenAt: page.seenAt, [name]: "5" } });
    expect(response.status).toBe(409);
    expect((await jsonOf<{ conflicts: Record<string, string> }>(response)).conflicts).toEqual({ [name]: "" });
  });

  it("refuses an efforts page loaded before someone else's change, keeping what was typed", async () => {
    const w = await roundWorld();
    const cookie = await cookieFor(w.rm.id);
    const path = `/rounds/${w.round.id}/efforts`;
    const params = { roundId: w.round.id };
    const n1 = w.needs[0]!;
    const page = await jsonOf<{ seenAt: string }>(await call(effortsPage, "loader", { path, params, cookie }));
    await new Promise((r) => setTimeout(r, 5));
    await setNeedEffort({ needId: n1.id, input: { size: "l", days: null, note: "" }, actor: w.actor });
    const stale = await call(effortsPage, "action", { path, params, cookie, form: { seenAt: page.seenAt, [`size.${n1.id}`]: "s" } });
    expect(stale.status).toBe(409);
    const data = await jsonOf<{ formError: string; values: Record<string, string>; seenAt: string }>(stale);
    expect(data.formError).toBe(`Someone changed the estimate of N-${n1.number} since you opened this page: check it and save again`);
    expect(data.values[`size.${n1.id}`]).toBe("s");
    expect((await effortsFor([n1.id]))[n1.id]!.size).toBe("l");
    // Saving again from the refused page (it knows what it has now seen) goes through.
    expect((await call(effortsPage, "action", { path, params, cookie, form: { seenAt: data.seenAt, [`size.${n1.id}`]: "s" } })).status).toBe(302);
    expect((await effortsFor([n1.id]))[n1.id]!.size).toBe("s");
  });
});

describe("a closed round's page", () => {
  it("shows the ranking, each lead's ranking and IT's effort as they were when it closed, whatever changes later; a reopening keeps the withdrawn record", async () => {
    const w = await roundWorld({ method: "rice", needCount: 2 });
    const [n1, n2] = w.needs.map((n) => n.id) as [string, string];
    await setNeedEffort({ needId: n1, input: { size: null, days: 10, note: "" }, actor: w.actor });
    await setNeedEffort({ needId: n2, input: { size: null, days: 10, note: "" }, actor: w.actor });
    const r = (needId: string, reach: number) => [
      { needId, criterion: "reach", value: reach },
      { needId, criterion: "impact", value: 2 },
      { needId, criterion: "confidence", value: 2 },
    ];
    await saveScores({ roundId: w.round.id, userId: w.leads[0]!.id, scores: [...r(n1, 100), ...r(n2, 50)] });
    const { hash } = await closeRound({ id: w.round.id, actor: w.actor });
    // IT re-estimates n1 at ten times the effort after the decision.
    await setNeedEffort({ needId: n1, input: { size: null, days: 100, note: "" }, actor: w.actor });
    type Page = { results: { needId: string }[]; rankings: { userId: string; ranks: Record<string, { rank: number }> }[]; efforts: Record<string, { days: number }> };
    const page = await jsonOf<Page>(await call(roundPage, "loader", { path: `/rounds/${w.round.id}`, params: { roundId: w.round.id }, cookie: await cookieFor(w.rm.id) }));
    expect(page.results.map((x) => x.needId)).toEqual([n1, n2]);
    expect(page.rankings[0]!.ranks[n1]!.rank).toBe(1);
    expect(page.efforts[n1]!.days).toBe(10);
    expect(await verifyRoundSnapshot(w.round.id)).toBe(true);
    await reopenRound({ id: w.round.id, reason: "IT's estimate for the first need was wrong", actor: w.actor });
    const [record] = await db().select().from(roundRecords).where(eq(roundRecords.roundId, w.round.id));
    expect(record).toMatchObject({ snapshotHash: hash, withdrawnReason: "IT's estimate for the first need was wrong" });
    expect(record!.withdrawnAt).not.toBeNull();
  });
});
