import { checkSave, parseItemKey, sameValue, SAVE_BATCH_MAX, type ItemKey, type SaveResponse, type StoredAnswer } from "../../domain/answers";
import type { GuideContent } from "../../domain/guide";
import { browserStorage as storage, snapshotOf, type Snapshot } from "../sync-state";

/**
 * The interview page's answer queue. Every change is kept in the browser
 * (localStorage, one key per answer) until the server confirms it, so it
 * survives a reload, a closed tab, a dropped network and an ended session.
 * Changes go to the server a moment after typing stops, each naming the
 * revision it started from and carrying an idempotency key; a stale one comes
 * back as a conflict for the interviewer to settle. Nothing here overwrites a
 * stored answer the page has not seen.
 */

export interface Pending {
  value: unknown;
  quote: string;
  /** The stored revision this change started from (0: none stored). */
  base: number;
  /** Bumped on every edit: a confirmation only clears the version it was sent with. */
  version: number;
  /** The idempotency key of the current version, and the keys sent before it. */
  key: string;
  keyVersion: number;
  sentKeys: string[];
  /** What the current key carries (the value may have moved on since it was sent). */
  sent?: { value: unknown; quote: string };
  changedAt: number;
}

export type ItemState =
  | { state: "saved" }
  | { state: "waiting" }
  | { state: "saving" }
  | { state: "invalid"; message: string }
  | { state: "conflict"; current: StoredAnswer }
  | { state: "held"; message: string };

export type { PageState, Snapshot } from "../sync-state";

type Sender = (body: { intent: "save"; since: number; saves: unknown[]; requestId: string }) => void;

const DEBOUNCE_MS = 700;
const POLL_MS = 4000;
const RETRY_MS = [1000, 2000, 5000, 10_000, 30_000];
const LOST_AFTER_MS = 30_000;


function newKey(): string {
  return crypto.randomUUID();
}

export class AnswerSync {
  private known = new Map<ItemKey, StoredAnswer>();
  private pending = new Map<ItemKey, Pending>();
  private states = new Map<ItemKey, ItemState>();
  /** The request on its way: what it carried, and since when (an answer that never comes is given up after a while). */
  private inFlight: { id: string; items: Set<ItemKey>; since: number } | null = null;
  private cursor: number;
  private listeners = new Set<() => void>();
  private revision = 0;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private poller: ReturnType<typeof setInterval> | null = null;
  private sender: Sender | null = null;
  private flushRequested = false;
  private offline = false;
  private signedOut = false;
  private held: string | null = null;
  private storageBroken = false;
  private snapshot: Snapshot;

  constructor(
    private readonly prefix: string,
    private readonly content: GuideContent,
    answers: StoredAnswer[],
    cursor: number,
    private editable: boolean,
    overlay: { values: Record<string, { value: unknown; quote: string }>; stale: string[] } = { values: {}, stale: [] },
  ) {
    for (const a of answers) this.known.set(key(a), a);
    this.cursor = cursor;
    // What a plain form post could not save: shown as typed, and queued once the page runs.
    for (const [item, typed] of Object.entries(overlay.values) as [ItemKey, { value: unknown; quote: string }][]) {
      const stale = overlay.stale.includes(item);
      const entry: Pending = { ...typed, base: stale ? 0 : (this.known.get(item)?.revision ?? 0), version: 1, key: newKey(), keyVersion: 0, sentKeys: [], changedAt: 0 };
      this.pending.set(item, entry);
      this.validate(item, entry);
    }
    this.snapshot = this.computeSnapshot();
  }

  /* ---------- for React ---------- */

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getRevision = () => this.revision;
  getSnapshot = () => this.snapshot;

  private changed() {
    this.revision += 1;
    this.snapshot = this.computeSnapshot();
    for (const l of this.listeners) l();
  }

  /** What the page shows for an item: the unsent change if there is one, else what is stored. */
  valueOf(item: ItemKey): { value: unknown; quote: string; revision: number } {
    const p = this.pending.get(item);
    const k = this.known.get(item);
    return { value: p ? p.value : (k?.value ?? null), quote: p ? p.quote : (k?.quote ?? ""), revision: k?.revision ?? 0 };
  }

  /** What the server holds for an item, as far as the page knows. */
  storedOf(item: ItemKey): { value: unknown; quote: string } {
    const k = this.known.get(item);
    return { value: k?.value ?? null, quote: k?.quote ?? "" };
  }

  stateOf(item: ItemKey): ItemState {
    return this.states.get(item) ?? (this.pending.has(item) ? { state: "waiting" } : { state: "saved" });
  }

  /** Every question's current value, for conditions and progress. */
  answerValues(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const a of this.known.values()) if (a.kind === "answer") out[a.item] = a.value;
    for (const [k, p] of this.pending) {
      const parsed = parseItemKey(k);
      if (parsed?.kind === "answer") out[parsed.item] = p.value;
    }
    return out;
  }

  /* ---------- lifecycle ---------- */

  /** After hydration: load unsent changes kept by an earlier page, start sending and listening. */
  start(sender: Sender) {
    this.sender = sender;
    const store = storage();
    if (!store) this.storageBroken = true;
    else {
      for (let i = 0; i < store.length; i++) {
        const name = store.key(i);
        if (!name?.startsWith(this.prefix)) continue;
        const item = name.slice(this.prefix.length) as ItemKey;
        try {
          const entry = JSON.parse(store.getItem(name) ?? "") as Pending;
          if (parseItemKey(item) && typeof entry.version === "number") this.pending.set(item, entry);
        } catch {
          // a damaged entry cannot be sent; leave it for inspection
        }
      }
      for (const [item, entry] of this.pending) {
        this.validate(item, entry);
        if (entry.changedAt === 0) this.persist(item, entry);
      }
    }
    if (typeof window !== "undefined") {
      window.addEventListener("online", this.onOnline);
      window.addEventListener("offline", this.onOffline);
      document.addEventListener("visibilitychange", this.onHide);
      this.poller = setInterval(() => this.poll(), POLL_MS);
    }
    this.changed();
    // Changes kept by an earlier page have waited long enough.
    this.flush();
  }

  stop() {
    if (this.timer) clearTimeout(this.timer);
    if (this.poller) clearInterval(this.poller);
    if (typeof window !== "undefined") {
      window.removeEventListener("online", this.onOnline);
      window.removeEventListener("offline", this.onOffline);
      document.removeEventListener("visibilitychange", this.onHide);
    }
    this.sender = null;
  }

  setEditable(editable: boolean) {
    this.editable = editable;
  }

  private onOnline = () => {
    this.failures = 0;
    this.changed();
    this.flush();
  };
  private onOffline = () => this.changed();
  private onHide = () => {
    if (document.visibilityState === "hidden") this.flush();
  };

  /* ---------- edits ---------- */

  edit(item: ItemKey, patch: { value?: unknown; quote?: string }) {
    if (!this.editable) return;
    const current = this.valueOf(item);
    const before = this.pending.get(item);
    const entry: Pending = {
      value: "value" in patch ? patch.value : current.value,
      quote: patch.quote ?? current.quote,
      base: before?.base ?? current.revision,
      version: (before?.version ?? 0) + 1,
      key: before?.key ?? newKey(),
      keyVersion: before?.keyVersion ?? 0,
      sentKeys: before?.sentKeys ?? [],
      changedAt: Date.now(),
    };
    const known = this.known.get(item);
    const conflict = this.states.get(item);
    if (conflict?.state !== "conflict" && sameValue(entry.value, known?.value ?? null) && entry.quote === (known?.quote ?? "") && entry.base === (known?.revision ?? 0)) {
      // Back to what is stored: nothing to send.
      this.forget(item);
    } else {
      this.pending.set(item, entry);
      this.persist(item, entry);
      if (conflict?.state !== "conflict") this.validate(item, entry);
    }
    this.changed();
    this.schedule(DEBOUNCE_MS);
  }

  /** Send what is waiting now (on blur, before leaving a section). */
  flush() {
    this.flushRequested = true;
    this.schedule(0);
  }

  /** Settles a conflict: keep this page's version, take the stored one, or save a merge. */
  resolve(item: ItemKey, choice: "mine" | "theirs" | { value: unknown; quote: string }) {
    const state = this.states.get(item);
    if (state?.state !== "conflict") return;
    const known = this.known.get(item);
    const current = known && known.revision > state.current.revision ? known : state.current;
    this.known.set(item, current);
    this.states.delete(item);
    if (choice === "theirs") {
      this.forget(item);
    } else {
      const entry = this.pending.get(item);
      const next: Pending = {
        ...(entry ?? { sentKeys: [], keyVersion: 0, key: newKey(), version: 0, value: null, quote: "" }),
        ...(choice === "mine" ? {} : { value: choice.value, quote: choice.quote }),
        base: current.revision,
        version: (entry?.version ?? 0) + 1,
        changedAt: Date.now(),
      } as Pending;
      this.pending.set(item, next);
      this.persist(item, next);
      this.validate(item, next);
    }
    this.changed();
    this.flush();
  }

  private validate(item: ItemKey, entry: Pending) {
    const parsed = parseItemKey(item);
    if (!parsed) return;
    const checked = checkSave(this.content, { kind: parsed.kind, item: parsed.item, value: entry.value, quote: entry.quote });
    if (!checked.ok) this.states.set(item, { state: "invalid", message: checked.message });
    else if (this.states.get(item)?.state === "invalid") this.states.delete(item);
  }

  private forget(item: ItemKey) {
    const mine = this.pending.get(item);
    this.pending.delete(item);
    this.states.delete(item);
    const store = storage();
    // Another tab of the same interview may have written a newer change to this key since: leave it be.
    try {
      const kept = JSON.parse(store?.getItem(this.prefix + item) ?? "null") as Pending | null;
      if (kept && mine && kept.changedAt > mine.changedAt && kept.key !== mine.key) return;
    } catch {
      // unreadable: ours to remove
    }
    store?.removeItem(this.prefix + item);
  }

  private persist(item: ItemKey, entry: Pending) {
    const store = storage();
    try {
      store?.setItem(this.prefix + item, JSON.stringify(entry));
    } catch {
      this.storageBroken = true;
    }
  }

  /* ---------- sending ---------- */

  private schedule(ms: number) {
    if (typeof window === "undefined" || !this.sender) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.send(false), ms);
  }

  private poll() {
    if (document.visibilityState === "hidden") return;
    if (this.signedOut) return;
    this.send(true);
  }

  /** A request with no answer for this long is taken as lost; resending is safe (same idempotency keys). */
  private busy(): boolean {
    if (!this.inFlight) return false;
    if (Date.now() - this.inFlight.since < LOST_AFTER_MS) return true;
    for (const item of this.inFlight.items) if (this.states.get(item)?.state === "saving") this.states.delete(item);
    this.inFlight = null;
    return false;
  }

  private ready(): [ItemKey, Pending][] {
    const now = Date.now();
    return [...this.pending]
      .filter(([item, p]) => {
        const s = this.states.get(item)?.state;
        if (s === "invalid" || s === "conflict") return false;
        return this.flushRequested || now - p.changedAt >= DEBOUNCE_MS - 20;
      })
      .slice(0, SAVE_BATCH_MAX);
  }

  private send(pollOnly: boolean) {
    if (!this.sender || this.busy() || this.signedOut) return;
    const batch = this.held ? [] : this.ready();
    if (batch.length === 0 && !pollOnly) {
      this.flushRequested = false;
      // Something still settling (typing): look again when it is due.
      if (this.ready().length === 0 && [...this.pending.keys()].some((k) => !this.states.has(k))) this.schedule(DEBOUNCE_MS);
      return;
    }
    this.flushRequested = false;
    const requestId = newKey();
    this.inFlight = { id: requestId, items: new Set(), since: Date.now() };
    const saves = batch.map(([item, p]) => {
      if (p.keyVersion !== p.version) {
        // A new version gets a new key; the old ones are kept to recognise our own earlier saves.
        p.sentKeys = [...p.sentKeys, p.key].slice(-50);
        p.key = newKey();
        p.keyVersion = p.version;
        p.sent = { value: p.value, quote: p.quote };
        this.persist(item, p);
      }
      this.inFlight!.items.add(item);
      this.states.set(item, { state: "saving" });
      const parsed = parseItemKey(item)!;
      return { kind: parsed.kind, item: parsed.item, value: p.value, quote: p.quote, base: p.base, key: p.key };
    });
    if (saves.length) this.changed();
    this.sender({ intent: "save", since: this.cursor, saves, requestId });
  }

  /** The server's answer to a save (called by the route's clientAction). Results are matched by their keys. */
  receive(response: SaveResponse, requestId?: string) {
    if (requestId && this.inFlight && this.inFlight.id !== requestId) {
      // An answer to a request given up on: its results still count, its state does not.
      if (response.error) return;
      this.applyResults(response);
      this.changed();
      return;
    }
    const sent = this.inFlight?.items ?? new Set<ItemKey>();
    this.inFlight = null;
    const unmark = () => {
      for (const item of sent) if (this.states.get(item)?.state === "saving") this.states.delete(item);
    };
    if (response.error === "offline") {
      this.offline = true;
      unmark();
      const wait = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)]!;
      this.failures += 1;
      this.changed();
      this.schedule(wait);
      return;
    }
    this.offline = false;
    this.failures = 0;
    if (response.error === "signed_out") {
      this.signedOut = true;
      unmark();
      this.changed();
      return;
    }
    if (response.error === "not_running" || response.error === "not_found" || response.error === "bad_request") {
      this.held = response.message ?? "Answers cannot be saved now.";
      for (const item of sent) this.states.set(item, { state: "held", message: this.held });
    } else this.held = null;

    this.applyResults(response);
    this.changed();
    if (!this.held && this.pending.size) this.schedule(this.ready().length ? 0 : DEBOUNCE_MS);
  }

  private applyResults(response: SaveResponse) {
    for (const result of response.results) {
      const item = `${result.kind === "answer" ? "a" : "n"}:${result.item}` as ItemKey;
      const entry = this.pending.get(item);
      const current = entry && result.key === entry.key;
      const earlier = entry && entry.sentKeys.includes(result.key);
      if (!entry || (!current && !earlier)) continue;
      if (result.status === "saved") {
        const known = this.known.get(item);
        if (current && entry.sent && (!known || known.revision < result.revision)) {
          this.known.set(item, {
            ...(known ?? { kind: result.kind, item: result.item, updatedAt: new Date().toISOString(), updatedByName: null }),
            value: entry.sent.value,
            quote: entry.sent.quote,
            revision: result.revision,
            seq: result.seq,
            saveKey: result.key,
          } as StoredAnswer);
        }
        if (current && entry.version === entry.keyVersion) this.forget(item);
        else {
          entry.base = Math.max(entry.base, result.revision);
          this.persist(item, entry);
          if (this.states.get(item)?.state === "saving") this.states.delete(item);
        }
      } else if (result.status === "conflict") {
        this.known.set(item, result.current);
        const key = result.current.saveKey ?? "";
        if (key === entry.key || entry.sentKeys.includes(key)) {
          // The stored version is our own earlier save whose answer was lost: carry on from it.
          entry.base = result.current.revision;
          this.persist(item, entry);
          this.states.delete(item);
          if (sameValue(entry.value, result.current.value) && entry.quote === result.current.quote) this.forget(item);
        } else {
          this.states.set(item, { state: "conflict", current: result.current });
        }
      } else {
        this.states.set(item, { state: "invalid", message: result.message });
      }
    }
    this.merge(response.changes);
    this.cursor = Math.max(this.cursor, response.cursor);
  }

  /** Answers from a fresh load of the page's data (moving between sections). */
  mergeLoaded(changes: StoredAnswer[]) {
    this.merge(changes);
    this.changed();
  }

  /** Stored answers from a fresh page load or another interviewer's saves. */
  merge(changes: StoredAnswer[]) {
    for (const change of changes) {
      const item = key(change);
      const known = this.known.get(item);
      if (known && known.revision >= change.revision) continue;
      this.known.set(item, change);
      const state = this.states.get(item);
      if (state?.state === "conflict" && state.current.revision < change.revision) this.states.set(item, { state: "conflict", current: change });
      const entry = this.pending.get(item);
      if (entry && (entry.sentKeys.includes(change.saveKey ?? "") || entry.key === change.saveKey)) {
        entry.base = change.revision;
        if (sameValue(entry.value, change.value) && entry.quote === change.quote && !this.inFlight?.items.has(item)) this.forget(item);
        else this.persist(item, entry);
      }
    }
    for (const change of changes) this.cursor = Math.max(this.cursor, change.seq);
  }

  private computeSnapshot(): Snapshot {
    return snapshotOf({ signedOut: this.signedOut, held: this.held, offline: this.offline, waiting: this.pending.size, states: this.states.values(), storageBroken: this.storageBroken });
  }

}

function key(a: { kind: "answer" | "notes"; item: string }): ItemKey {
  return `${a.kind === "answer" ? "a" : "n"}:${a.item}`;
}

/** The queue of the interview page now open, for the route's clientAction. */
const active = new Map<string, AnswerSync>();
export const registerSync = (interviewId: string, sync: AnswerSync) => {
  active.set(interviewId, sync);
  return () => {
    if (active.get(interviewId) === sync) active.delete(interviewId);
  };
};
export const activeSync = (interviewId: string) => active.get(interviewId);
