import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEBOUNCE_MS, ScoreSync, type CellResponse, type CellSaveRequest, type StoredCell } from "../../app/components/rounds/score-sync";
import { fakeBrowser, leaveFakeBrowser, type MemoryStorage } from "../support/fake-browser";

const PREFIX = "charter.scores.u1.r1.";
const N = "0b0e7c9e-0000-4000-8000-000000000001";
const A = `score.${N}.value`;
const B = `score.${N}.time`;

let storage: MemoryStorage;
beforeEach(() => {
  storage = fakeBrowser();
});
afterEach(leaveFakeBrowser);

function grid(stored: Record<string, StoredCell> = {}) {
  const sent: CellSaveRequest[] = [];
  const left: CellSaveRequest[] = [];
  const sync = new ScoreSync(PREFIX, stored);
  sync.start(
    (body) => sent.push(body),
    (body) => left.push(body),
  );
  return { sync, sent, left };
}
const saved = (name: string, value: string, revision: number): CellResponse["results"][number] => ({ name, status: "saved", value, revision });
const answer = (results: CellResponse["results"], error?: CellResponse["error"]): CellResponse => ({ kind: "cells", results, ...(error ? { error } : {}) });

describe("the scoring grid's autosave", () => {
  it("sends a moment after the last edit, with the revision the cell started from, and forgets the change once confirmed", () => {
    const { sync, sent } = grid({ [A]: { value: "3", revision: 2 } });
    sync.edit(A, "4");
    sync.edit(A, "5");
    vi.advanceTimersByTime(DEBOUNCE_MS - 1);
    expect(sent).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(sent[0]!.saves).toEqual([{ name: A, value: "5", base: 2 }]);
    expect(sync.getSnapshot().page).toBe("saving");
    expect(storage.keys()).toEqual([PREFIX + A]);
    sync.receive(answer([saved(A, "5", 3)]), sent[0]!.requestId);
    expect(storage.keys()).toEqual([]);
    expect(sync.getSnapshot()).toMatchObject({ page: "saved", waiting: 0 });
    expect(sync.valueOf(A)).toBe("5");
  });

  it("keeps the change through a lost network and retries it until it goes", () => {
    const { sync, sent } = grid();
    sync.edit(A, "2");
    vi.advanceTimersByTime(DEBOUNCE_MS);
    sync.receive(answer([], "offline"), sent[0]!.requestId);
    expect(sync.getSnapshot().page).toBe("offline");
    expect(storage.keys()).toEqual([PREFIX + A]);
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.saves).toEqual([{ name: A, value: "2", base: 0 }]);
    sync.receive(answer([saved(A, "2", 1)]), sent[1]!.requestId);
    expect(sync.getSnapshot().page).toBe("saved");
  });

  it("hands a change left unsent to the next page, which sends it at once (a reload, a closed tab)", () => {
    const first = grid();
    first.sync.edit(A, "4");
    first.sync.stop();
    expect(first.sent).toHaveLength(0);
    const { sync, sent } = grid({ [A]: { value: "", revision: 0 } });
    expect(sync.valueOf(A)).toBe("4");
    vi.advanceTimersByTime(0);
    expect(sent[0]!.saves).toEqual([{ name: A, value: "4", base: 0 }]);
  });

  it("keeps changes through an ended session and shows the state", () => {
    const { sync, sent } = grid();
    sync.edit(A, "1");
    vi.advanceTimersByTime(DEBOUNCE_MS);
    sync.receive(answer([], "signed_out"), sent[0]!.requestId);
    expect(sync.getSnapshot().page).toBe("signed_out");
    sync.edit(B, "2");
    vi.advanceTimersByTime(DEBOUNCE_MS * 3);
    expect(sent).toHaveLength(1);
    expect(storage.keys().sort()).toEqual([PREFIX + A, PREFIX + B].sort());
  });

  it("a cell changed elsewhere comes back as a conflict to settle; keeping mine resends against the stored revision", () => {
    const { sync, sent } = grid({ [A]: { value: "3", revision: 1 } });
    sync.edit(A, "5");
    vi.advanceTimersByTime(DEBOUNCE_MS);
    sync.receive(answer([{ name: A, status: "conflict", value: "2", revision: 2 }]), sent[0]!.requestId);
    expect(sync.stateOf(A)).toEqual({ state: "conflict", current: { value: "2", revision: 2 } });
    expect(sync.getSnapshot().page).toBe("conflict");
    vi.advanceTimersByTime(DEBOUNCE_MS * 3);
    expect(sent).toHaveLength(1);
    sync.resolve(A, "mine");
    vi.advanceTimersByTime(0);
    expect(sent[1]!.saves).toEqual([{ name: A, value: "5", base: 2 }]);
  });

  it("taking theirs drops the change and shows what is stored", () => {
    const { sync, sent } = grid({ [A]: { value: "3", revision: 1 } });
    sync.edit(A, "5");
    vi.advanceTimersByTime(DEBOUNCE_MS);
    sync.receive(answer([{ name: A, status: "conflict", value: "2", revision: 2 }]), sent[0]!.requestId);
    sync.resolve(A, "theirs");
    expect(sync.valueOf(A)).toBe("2");
    expect(storage.keys()).toEqual([]);
    expect(sync.getSnapshot().page).toBe("saved");
  });

  it("recognises its own save whose answer was lost, and carries on from it instead of calling it a conflict", () => {
    const { sync, sent } = grid();
    sync.edit(A, "4");
    vi.advanceTimersByTime(DEBOUNCE_MS);
    // The answer never comes; the lead edits again meanwhile, and the queue gives up waiting.
    sync.edit(A, "5");
    vi.advanceTimersByTime(31_000);
    const retry = sent.at(-1)!;
    expect(retry.saves).toEqual([{ name: A, value: "5", base: 0 }]);
    sync.receive(answer([{ name: A, status: "conflict", value: "4", revision: 1 }]), retry.requestId);
    expect(sync.stateOf(A).state).not.toBe("conflict");
    vi.advanceTimersByTime(0);
    expect(sent.at(-1)!.saves).toEqual([{ name: A, value: "5", base: 1 }]);
  });

  it("an edit made while a save travels is sent next, from the revision the save reached", () => {
    const { sync, sent } = grid();
    sync.edit(A, "2");
    vi.advanceTimersByTime(DEBOUNCE_MS);
    sync.edit(A, "3");
    sync.receive(answer([saved(A, "2", 1)]), sent[0]!.requestId);
    expect(storage.keys()).toEqual([PREFIX + A]);
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(sent.at(-1)!.saves).toEqual([{ name: A, value: "3", base: 1 }]);
  });

  it("holds an invalid cell back with its message and sends the rest", () => {
    const { sync, sent } = grid();
    sync.edit(A, "9");
    sync.edit(B, "2");
    vi.advanceTimersByTime(DEBOUNCE_MS);
    sync.receive(answer([{ name: A, status: "invalid", message: "Score from 1 to 5" }, saved(B, "2", 1)]), sent[0]!.requestId);
    expect(sync.stateOf(A)).toEqual({ state: "invalid", message: "Score from 1 to 5" });
    expect(sync.getSnapshot()).toMatchObject({ page: "invalid", waiting: 1 });
    sync.edit(A, "4");
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(sent.at(-1)!.saves).toEqual([{ name: A, value: "4", base: 0 }]);
  });

  it("says why when the round stops taking scores (closed, past its deadline), keeping what waits", () => {
    const { sync, sent } = grid();
    sync.edit(A, "3");
    vi.advanceTimersByTime(DEBOUNCE_MS);
    sync.receive({ kind: "cells", results: [], error: "held", message: "The deadline for this round has passed" }, sent[0]!.requestId);
    expect(sync.getSnapshot()).toMatchObject({ page: "held", message: "The deadline for this round has passed" });
    expect(storage.keys()).toEqual([PREFIX + A]);
  });

  it("re-renders only the row whose cell changed", () => {
    const other = "0b0e7c9e-0000-4000-8000-000000000002";
    const { sync } = grid();
    const before = sync.rowRevision(other);
    sync.edit(A, "3");
    expect(sync.rowRevision(N)).toBeGreaterThan(0);
    expect(sync.rowRevision(other)).toBe(before);
  });

  it("sends what still waits when the page goes, and keeps it here until a page hears it arrived", () => {
    const { sync, sent, left } = grid();
    sync.edit(A, "4");
    sync.stop();
    expect(sent).toHaveLength(0);
    expect(left[0]!.saves).toEqual([{ name: A, value: "4", base: 0 }]);
    expect(storage.keys()).toEqual([PREFIX + A]);
  });

  it("tries a must refused for the cap again once another cell has saved", () => {
    const M1 = `score.${N}.moscow`;
    const M2 = "score.0b0e7c9e-0000-4000-8000-000000000002.moscow";
    const { sync, sent } = grid({ [M1]: { value: "1", revision: 1 } });
    sync.edit(M2, "1");
    vi.advanceTimersByTime(DEBOUNCE_MS);
    sync.receive(answer([{ name: M2, status: "invalid", message: "At most 1 of the 4 needs can be a must in this round (that would make 2)" }]), sent[0]!.requestId);
    expect(sync.stateOf(M2).state).toBe("invalid");
    // The lead makes the other need a should: the waiting must goes again, and fits.
    sync.edit(M1, "2");
    vi.advanceTimersByTime(DEBOUNCE_MS);
    sync.receive(answer([saved(M1, "2", 2)]), sent[1]!.requestId);
    vi.advanceTimersByTime(0);
    expect(sent[2]!.saves).toEqual([{ name: M2, value: "1", base: 0 }]);
  });
});
