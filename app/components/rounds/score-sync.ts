import { browserStorage as storage, snapshotOf, type Snapshot } from "../sync-state";

/**
 * The scoring grid's autosave, on the interview page's rules: every change is
 * kept in this browser (localStorage, one key per cell) until the server
 * confirms it, so it survives a reload, a closed tab, a dropped network and an
 * ended session. Changes go a moment after the last edit, each naming the
 * revision it started from; a cell changed elsewhere comes back as a conflict
 * for the lead to settle. A retry is harmless: a cell already holding the value
 * counts as saved.
 */

export interface StoredCell {
  value: string;
  revision: number;
}

export interface PendingCell {
  value: string;
  /** The stored revision this change started from (0: nothing stored). */
  base: number;
  /** Bumped on every edit: a confirmation only clears the version it was sent with. */
  version: number;
  /** Values sent from this base: a conflict showing one of them is our own save whose answer was lost. */
  sent: string[];
  changedAt: number;
}

export type CellState =
  | { state: "saved" }
  | { state: "waiting" }
  | { state: "saving" }
  | { state: "invalid"; message: string }
  | { state: "conflict"; current: StoredCell };


export interface CellSaveRequest {
  intent: "autosave";
  requestId: string;
  saves: { name: string; value: string; base: number }[];
}

export type CellResponse = {
  kind: "cells";
  results: ({ name: string } & ({ status: "saved" | "conflict"; value: string; revision: number } | { status: "invalid"; message: string }))[];
  error?: "signed_out" | "held" | "offline" | "bad_request";
  message?: string;
};

export const isCellResponse = (data: unknown): data is CellResponse => typeof data === "object" && data !== null && (data as { kind?: unknown }).kind === "cells";

type Sender = (body: CellSaveRequest) => void;

export const DEBOUNCE_MS = 600;
const RETRY_MS = [1000, 2000, 5000, 10_000, 30_000];
const LOST_AFTER_MS = 30_000;
export const BATCH_MAX = 100;


export class ScoreSync {
  private known = new Map<string, StoredCell>();
  private pending = new Map<string, PendingCell>();
  private states = new Map<string, CellState>();
  private inFlight: { id: string; versions: Map<string, number>; since: number } | null = null;
  private listeners = new Set<() => void>();
  private revision = 0;
  private rowRevisions = new Map<string, number>();
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private sender: Sender | null = null;
  private leaving: Sender | null = null;
  private offline = false;
  private signedOut = false;
  private held: string | null = null;
  private storageBroken = false;
  private snapshot: Snapshot;

  constructor(
    private readonly prefix: string,
    stored: Record<string, StoredCell>,
    private readonly rowOf: (name: string) => string = (name) => name.split(".")[1] ?? name,
  ) {
    for (const [name, cell] of Object.entries(stored)) this.known.set(name, cell);
    this.snapshot = this.computeSnapshot();
  }

  /* ---------- reading ---------- */

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getRevision = () => this.revision;
  getSnapshot = () => this.snapshot;
  /** Bumped whenever something in that row (need) changes: rows re-render only then. */
  rowRevision = (row: string) => this.rowRevisions.get(row) ?? 0;

  valueOf(name: string): string {
    return this.pending.get(name)?.value ?? this.known.get(name)?.value ?? "";
  }
  stateOf(name: string): CellState {
    return this.states.get(name) ?? (this.pending.has(name) ? { state: "waiting" } : { state: "saved" });
  }
  /** Cells holding a value, stored or waiting: for the progress bar. */
  filled(names: Iterable<string>): number {
    let n = 0;
    for (const name of names) if (this.valueOf(name) !== "") n++;
    return n;
  }

  private changed(names: Iterable<string> = []) {
    for (const name of names) {
      const row = this.rowOf(name);
      this.rowRevisions.set(row, this.rowRevision(row) + 1);
    }
    this.revision += 1;
    this.snapshot = this.computeSnapshot();
    for (const l of this.listeners) l();
  }

  /* ---------- lifecycle ---------- */

  /**
   * After hydration: take back changes an earlier page left unsent, and send them.
   * `leave` sends what still waits when the page goes (a request that outlives it).
   */
  start(sender: Sender, leave?: Sender) {
    this.sender = sender;
    this.leaving = leave ?? null;
    const store = storage();
    const restored: string[] = [];
    if (!store) this.storageBroken = true;
    else {
      for (let i = 0; i < store.length; i++) {
        const key = store.key(i);
        if (!key?.startsWith(this.prefix)) continue;
        try {
          const entry = JSON.parse(store.getItem(key) ?? "") as PendingCell;
          if (typeof entry.value === "string" && typeof entry.base === "number") {
            const name = key.slice(this.prefix.length);
            this.pending.set(name, { ...entry, sent: Array.isArray(entry.sent) ? entry.sent : [], changedAt: 0 });
            restored.push(name);
          }
        } catch {
          // a damaged entry cannot be sent; leave it for inspection
        }
      }
    }
    if (typeof window !== "undefined") {
      window.addEventListener("online", this.onOnline);
      window.addEventListener("offline", this.onOffline);
      document.addEventListener("visibilitychange", this.onHide);
    }
    this.changed(restored);
    this.flush();
  }

  stop() {
    if (this.timer) clearTimeout(this.timer);
    // Leaving the page with changes still waiting: send them on their way; they stay kept here until a page hears they arrived.
    const waiting = this.ready().filter(([name]) => this.states.get(name)?.state !== "saving");
    if (this.leaving && !this.signedOut && waiting.length) {
      this.leaving({ intent: "autosave", requestId: crypto.randomUUID(), saves: waiting.map(([name, p]) => ({ name, value: p.value, base: p.base })) });
    }
    this.leaving = null;
    if (typeof window !== "undefined") {
      window.removeEventListener("online", this.onOnline);
      window.removeEventListener("offline", this.onOffline);
      document.removeEventListener("visibilitychange", this.onHide);
    }
    this.sender = null;
  }

  private onOnline = () => {
    this.offline = false;
    this.failures = 0;
    this.changed();
    this.flush();
  };
  private onOffline = () => this.changed();
  private onHide = () => {
    if (document.visibilityState === "hidden") this.flush();
  };

  /* ---------- writing ---------- */

  edit(name: string, value: string) {
    const existing = this.pending.get(name);
    const state = this.states.get(name);
    const known = this.known.get(name);
    // Editing a cell in conflict settles it in favour of the new value.
    const base = state?.state === "conflict" ? state.current.revision : (existing?.base ?? known?.revision ?? 0);
    if (!existing && (known?.value ?? "") === value && state?.state !== "conflict") return;
    const entry: PendingCell = { value, base, version: (existing?.version ?? 0) + 1, sent: existing?.base === base ? existing.sent : [], changedAt: Date.now() };
    this.pending.set(name, entry);
    if (state?.state === "invalid" || state?.state === "conflict") this.states.delete(name);
    this.persist(name, entry);
    this.changed([name]);
    this.schedule(DEBOUNCE_MS);
  }

  /** Send everything waiting now (leaving the page, pressing Save). */
  flush() {
    this.schedule(0);
  }

  /** Settles a conflict: keep what was typed here, or take what is stored. */
  resolve(name: string, choice: "mine" | "theirs") {
    const state = this.states.get(name);
    if (state?.state !== "conflict") return;
    this.states.delete(name);
    this.known.set(name, state.current);
    if (choice === "theirs") this.forget(name);
    else {
      const entry = this.pending.get(name);
      if (entry) {
        entry.base = state.current.revision;
        entry.sent = [];
        this.persist(name, entry);
      }
      this.schedule(0);
    }
    this.changed([name]);
  }

  private forget(name: string) {
    this.pending.delete(name);
    this.states.delete(name);
    try {
      storage()?.removeItem(this.prefix + name);
    } catch {
      // nothing kept, nothing to remove
    }
  }

  private persist(name: string, entry: PendingCell) {
    try {
      storage()?.setItem(this.prefix + name, JSON.stringify(entry));
    } catch {
      this.storageBroken = true;
    }
  }

  private schedule(ms: number) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.send();
    }, ms);
  }

  private ready(): [string, PendingCell][] {
    return [...this.pending]
      .filter(([name]) => {
        const s = this.states.get(name)?.state;
        return s !== "invalid" && s !== "conflict";
      })
      .slice(0, BATCH_MAX);
  }

  private send() {
    if (!this.sender || this.signedOut) return;
    if (this.inFlight) {
      // An answer that never comes is given up on; until then, wait for it.
      if (Date.now() - this.inFlight.since < LOST_AFTER_MS) return this.schedule(DEBOUNCE_MS);
      this.inFlight = null;
    }
    const batch = this.ready();
    if (!batch.length) return;
    const requestId = crypto.randomUUID();
    this.inFlight = { id: requestId, versions: new Map(), since: Date.now() };
    const saves = batch.map(([name, p]) => {
      this.inFlight!.versions.set(name, p.version);
      if (!p.sent.includes(p.value)) p.sent = [...p.sent, p.value].slice(-20);
      this.persist(name, p);
      this.states.set(name, { state: "saving" });
      return { name, value: p.value, base: p.base };
    });
    this.changed(saves.map((s) => s.name));
    this.sender({ intent: "autosave", requestId, saves });
  }

  /** The server's answer (the route's clientAction passes it on). */
  receive(response: CellResponse, requestId?: string) {
    const current = this.inFlight && (!requestId || this.inFlight.id === requestId) ? this.inFlight : null;
    const versions = current?.versions ?? new Map<string, number>();
    if (current) this.inFlight = null;
    const touched = [...versions.keys()];
    const unmark = () => {
      for (const name of touched) if (this.states.get(name)?.state === "saving") this.states.delete(name);
    };
    if (response.error === "offline") {
      if (!current) return;
      this.offline = true;
      unmark();
      const wait = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)]!;
      this.failures += 1;
      this.changed(touched);
      this.schedule(wait);
      return;
    }
    this.offline = false;
    this.failures = 0;
    if (response.error === "signed_out") {
      this.signedOut = true;
      unmark();
      this.changed(touched);
      return;
    }
    if (response.error) {
      this.held = response.message ?? "Scores cannot be saved now.";
      unmark();
      this.changed(touched);
      return;
    }
    this.held = null;
    const names: string[] = [];
    for (const result of response.results) {
      const entry = this.pending.get(result.name);
      names.push(result.name);
      if (result.status === "saved") {
        const known = this.known.get(result.name);
        if (!known || known.revision !== result.revision || known.value !== result.value) this.known.set(result.name, { value: result.value, revision: result.revision });
        if (!entry) continue;
        if (entry.version === versions.get(result.name) || entry.value === result.value) this.forget(result.name);
        else {
          // Edited again while this one travelled: the next save starts from here.
          entry.base = result.revision;
          entry.sent = [];
          this.persist(result.name, entry);
          if (this.states.get(result.name)?.state === "saving") this.states.delete(result.name);
        }
      } else if (result.status === "conflict") {
        this.known.set(result.name, { value: result.value, revision: result.revision });
        if (!entry) continue;
        if (entry.value === result.value) this.forget(result.name);
        else if (entry.sent.includes(result.value)) {
          // What is stored is our own earlier save whose answer was lost: carry on from it.
          entry.base = result.revision;
          entry.sent = [];
          this.persist(result.name, entry);
          this.states.delete(result.name);
        } else this.states.set(result.name, { state: "conflict", current: { value: result.value, revision: result.revision } });
      } else if (result.status === "invalid" && entry) this.states.set(result.name, { state: "invalid", message: result.message });
    }
    // A must refused for the cap may fit now another cell has changed: try those again.
    if (response.results.some((r) => r.status === "saved")) {
      for (const [name, state] of this.states) if (state.state === "invalid" && name.endsWith(".moscow")) this.states.delete(name);
    }
    unmark();
    this.changed([...names, ...touched]);
    if (this.ready().length) this.schedule(0);
  }

  private computeSnapshot(): Snapshot {
    return snapshotOf({ signedOut: this.signedOut, held: this.held, offline: this.offline, waiting: this.pending.size, states: this.states.values(), storageBroken: this.storageBroken });
  }

}

/** The grid now open, for the route's clientAction. */
const active = new Map<string, ScoreSync>();
export const registerScoreSync = (roundId: string, sync: ScoreSync) => {
  active.set(roundId, sync);
  return () => {
    if (active.get(roundId) === sync) active.delete(roundId);
  };
};
export const activeScoreSync = (roundId: string) => active.get(roundId);
