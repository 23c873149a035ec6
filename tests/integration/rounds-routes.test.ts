import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { roundParticipants, roundScores } from "../../db/schema";
import { db } from "../../app/db.server";
import type { CellResponse } from "../../app/components/rounds/score-sync";
import { autosaveCells } from "../../app/models/round.server";
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
