import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser, leaveFakeBrowser, type MemoryStorage } from "../support/fake-browser";
import { AnswerSync } from "../../app/components/interview/answer-sync";
import type { SaveResponse, StoredAnswer } from "../../app/domain/answers";
import type { GuideContent } from "../../app/domain/guide";

const GUIDE: GuideContent = {
  sections: [{ id: "s-a", title: "A", purpose: "", questions: [{ id: "q-say", type: "long_text", prompt: "Say", help: "", required: false, condition: null, settings: {} }] }],
};
const PREFIX = "charter.unsent.u1.i1.";
type Sent = { since: number; saves: { kind: string; item: string; value: unknown; base: number; key: string }[] };

let storage: MemoryStorage;
beforeEach(() => {
  storage = fakeBrowser();
});
afterEach(leaveFakeBrowser);

function queue(answers: StoredAnswer[] = []) {
  const sent: Sent[] = [];
  const sync = new AnswerSync(PREFIX, GUIDE, answers, 0, true);
  sync.start((body) => sent.push(body as Sent));
  return { sync, sent };
}
const stored = (over: Partial<StoredAnswer>): StoredAnswer => ({
  kind: "answer",
  item: "q-say",
  value: null,
  quote: "",
  revision: 1,
  seq: 1,
  updatedAt: "2026-11-23T10:00:00.000Z",
  updatedByName: "Tom Okafor",
  saveKey: null,
  ...over,
});
const reply = (over: Partial<SaveResponse>): SaveResponse => ({ kind: "answers", results: [], changes: [], cursor: 0, ...over });

describe("the interview page's answer queue", () => {
  it("sends a change once typing stops, and forgets it only when the server confirms it", () => {
    const { sync, sent } = queue();
    sync.edit("a:q-say", { value: "Saturday opening" });
    expect(storage.keys()).toEqual([`${PREFIX}a:q-say`]);
    vi.advanceTimersByTime(300);
    expect(sent).toHaveLength(0);
    vi.advanceTimersByTime(500);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.saves[0]).toMatchObject({ item: "q-say", value: "Saturday opening", base: 0 });
    expect(sync.getSnapshot()).toMatchObject({ page: "saving", waiting: 1 });
    sync.receive(reply({ results: [{ key: sent[0]!.saves[0]!.key, kind: "answer", item: "q-say", status: "saved", revision: 1, seq: 7 }], cursor: 7 }));
    expect(storage.keys()).toEqual([]);
    expect(sync.getSnapshot()).toMatchObject({ page: "saved", waiting: 0 });
    expect(sync.valueOf("a:q-say")).toMatchObject({ value: "Saturday opening", revision: 1 });
  });

  it("keeps unsent changes for the next page: a reload or a closed tab loses nothing", () => {
    const first = queue();
    first.sync.edit("a:q-say", { value: "Typed before the tab closed" });
    first.sync.stop();
    const second = queue();
    expect(second.sync.valueOf("a:q-say").value).toBe("Typed before the tab closed");
    expect(second.sync.getSnapshot().waiting).toBe(1);
    vi.advanceTimersByTime(10);
    expect(second.sent[0]!.saves[0]).toMatchObject({ value: "Typed before the tab closed" });
  });

  it("retries after a failed send with the same idempotency key", () => {
    const { sync, sent } = queue();
    sync.edit("a:q-say", { value: "Offline words" });
    vi.advanceTimersByTime(800);
    sync.receive(reply({ error: "offline" }));
    expect(sync.getSnapshot()).toMatchObject({ page: "offline", waiting: 1 });
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.saves[0]!.key).toBe(sent[0]!.saves[0]!.key);
  });

  it("does not show a conflict with its own earlier save whose answer was lost", () => {
    const { sync, sent } = queue();
    sync.edit("a:q-say", { value: "First" });
    vi.advanceTimersByTime(800);
    const firstKey = sent[0]!.saves[0]!.key;
    sync.receive(reply({ error: "offline" })); // the save reached the server, the answer did not reach us
    sync.edit("a:q-say", { value: "First, then more" });
    vi.advanceTimersByTime(800);
    expect(sent[1]!.saves[0]).toMatchObject({ value: "First, then more", base: 0 });
    expect(sent[1]!.saves[0]!.key).not.toBe(firstKey);
    sync.receive(reply({ results: [{ key: sent[1]!.saves[0]!.key, kind: "answer", item: "q-say", status: "conflict", current: stored({ value: "First", revision: 1, saveKey: firstKey }) }] }));
    expect(sync.stateOf("a:q-say").state).not.toBe("conflict");
    vi.advanceTimersByTime(10);
    expect(sent[2]!.saves[0]).toMatchObject({ value: "First, then more", base: 1 });
  });

  it("shows someone else's version beside ours, and keeps either as chosen", () => {
    const { sync, sent } = queue([stored({ value: "Original", revision: 1 })]);
    sync.edit("a:q-say", { value: "Mine" });
    vi.advanceTimersByTime(800);
    const theirs = stored({ value: "Theirs", revision: 2, updatedByName: "Hannah Weiss", saveKey: "6f1f2b8e-0b7a-4f1a-9a3c-2b1c0d9e8f7a" });
    sync.receive(reply({ results: [{ key: sent[0]!.saves[0]!.key, kind: "answer", item: "q-say", status: "conflict", current: theirs }] }));
    expect(sync.stateOf("a:q-say")).toEqual({ state: "conflict", current: theirs });
    expect(sync.valueOf("a:q-say").value).toBe("Mine");
    expect(sync.getSnapshot()).toMatchObject({ page: "conflict", conflicts: 1 });
    vi.advanceTimersByTime(5000);
    expect(sent.slice(1).every((s) => s.saves.length === 0)).toBe(true); // only polls: a conflict is never sent over theirs
    sync.receive(reply({})); // the poll's answer
    sync.resolve("a:q-say", "mine");
    vi.advanceTimersByTime(10);
    expect(sent.at(-1)!.saves[0]).toMatchObject({ value: "Mine", base: 2 });
  });

  it("takes the stored version when asked, and shows others' saves as they arrive", () => {
    const { sync, sent } = queue([stored({ value: "Original", revision: 1 })]);
    sync.edit("a:q-say", { value: "Mine" });
    vi.advanceTimersByTime(800);
    sync.receive(reply({ results: [{ key: sent[0]!.saves[0]!.key, kind: "answer", item: "q-say", status: "conflict", current: stored({ value: "Theirs", revision: 2 }) }] }));
    sync.resolve("a:q-say", "theirs");
    expect(sync.valueOf("a:q-say")).toMatchObject({ value: "Theirs", revision: 2 });
    expect(storage.keys()).toEqual([]);
    sync.merge([stored({ kind: "notes", item: "s-a", value: "Hannah's notes", revision: 1, seq: 9 })]);
    expect(sync.valueOf("n:s-a").value).toBe("Hannah's notes");
  });

  it("keeps everything and stops sending when the session has ended", () => {
    const { sync, sent } = queue();
    sync.edit("a:q-say", { value: "After the session ended" });
    vi.advanceTimersByTime(800);
    sync.receive(reply({ error: "signed_out" }));
    expect(sync.getSnapshot()).toMatchObject({ page: "signed_out", waiting: 1 });
    vi.advanceTimersByTime(60_000);
    expect(sent).toHaveLength(1);
    expect(storage.keys()).toEqual([`${PREFIX}a:q-say`]);
  });

  it("gives up on a request that never answers and sends again with the same key", () => {
    const { sync, sent } = queue();
    sync.edit("a:q-say", { value: "Into the void" });
    vi.advanceTimersByTime(800);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(29_000);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(5_000);
    expect(sent.at(-1)!.saves[0]!.key).toBe(sent[0]!.saves[0]!.key);
  });

  it("remembers what the server holds, not what was typed after the save left", () => {
    const { sync, sent } = queue();
    sync.edit("a:q-say", { value: "abc" });
    vi.advanceTimersByTime(800);
    sync.edit("a:q-say", { value: "abcd" }); // typed while the save was on its way
    sync.receive(reply({ results: [{ key: sent[0]!.saves[0]!.key, kind: "answer", item: "q-say", status: "saved", revision: 1, seq: 3 }] }));
    expect(sync.getSnapshot().waiting).toBe(1);
    sync.edit("a:q-say", { value: "abcde" });
    sync.edit("a:q-say", { value: "abcd" }); // back to what was typed, which the server has never seen
    vi.advanceTimersByTime(800);
    expect(sent.at(-1)!.saves[0]).toMatchObject({ value: "abcd", base: 1 });
  });

  it("lets a late answer to an abandoned request save results, but not change the page's state", () => {
    const { sync, sent } = queue();
    sync.edit("a:q-say", { value: "Slow" });
    vi.advanceTimersByTime(800);
    const first = sent[0]!;
    vi.advanceTimersByTime(35_000); // given up on; sent again with the same key
    const second = sent.at(-1)!;
    expect(second).not.toBe(first);
    expect(second.saves[0]!.key).toBe(first.saves[0]!.key);
    sync.receive(reply({ error: "offline" }), (first as unknown as { requestId: string }).requestId);
    expect(sync.getSnapshot().page).not.toBe("offline");
    sync.receive(reply({ results: [{ key: first.saves[0]!.key, kind: "answer", item: "q-say", status: "saved", revision: 1, seq: 2 }] }), (second as unknown as { requestId: string }).requestId);
    expect(sync.getSnapshot()).toMatchObject({ page: "saved", waiting: 0 });
  });

  it("does not send an answer that does not fit its question, but keeps it", () => {
    const { sync, sent } = queue();
    sync.edit("a:q-say", { value: 42 });
    vi.advanceTimersByTime(800);
    expect(sent.every((s) => s.saves.length === 0)).toBe(true);
    expect(sync.getSnapshot()).toMatchObject({ page: "invalid", invalid: 1, waiting: 1 });
    expect(storage.keys()).toHaveLength(1);
  });
});
