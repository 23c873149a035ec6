/**
 * The save state an autosaving page shows (the interview runner, the scoring
 * grid): one rule for both, from what their queues know.
 */
export type PageState = "saved" | "saving" | "offline" | "conflict" | "invalid" | "signed_out" | "held";

export interface Snapshot {
  page: PageState;
  waiting: number;
  conflicts: number;
  invalid: number;
  message: string | null;
  storageBroken: boolean;
}

/** Signed out first, then held (with changes waiting), conflicts, offline, only invalid changes left, waiting, saved. */
export function snapshotOf(q: {
  signedOut: boolean;
  held: string | null;
  offline: boolean;
  waiting: number;
  states: Iterable<{ state: string }>;
  storageBroken: boolean;
}): Snapshot {
  const states = [...q.states];
  const conflicts = states.filter((s) => s.state === "conflict").length;
  const invalid = states.filter((s) => s.state === "invalid").length;
  const waiting = q.waiting;
  let page: PageState;
  let message: string | null = null;
  if (q.signedOut) page = "signed_out";
  else if (q.held && waiting) {
    page = "held";
    message = q.held;
  } else if (conflicts) page = "conflict";
  else if (q.offline || (typeof navigator !== "undefined" && navigator.onLine === false)) page = "offline";
  else if (invalid && invalid === waiting) page = "invalid";
  else if (waiting) page = "saving";
  else page = "saved";
  return { page, waiting, conflicts, invalid, message, storageBroken: q.storageBroken };
}

/** This browser's localStorage, or null where there is none (the server) or it is refused (private modes). */
export function browserStorage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}
