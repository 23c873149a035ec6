import { dbHandle, type DbHandle } from "../db.server";

/**
 * The needs board's remembered filter choices (app/models/need-board.server.ts), per viewer.
 *
 * Several Charter processes may serve one database, so a change made through one must reach the
 * others: the database's triggers (migration 0015) send a notification on this channel whenever
 * what the choices are drawn from changes, and every process forgets its choices when the change
 * commits. A process remembers nothing until it is listening.
 */
export const NEED_FACETS_CHANNEL = "charter_need_facets";

export const needFacetCache = new Map<string, unknown>();

let listeningOn: DbHandle | undefined;
let listening = false;

/** Forgets the choices in this process at once (the notification follows when the change commits). */
export function forgetNeedFacets() {
  needFacetCache.clear();
}

/**
 * Whether remembered choices can be used: this process hears about every change to them. The first
 * call on a database starts listening, and answers false until that is done.
 */
export function needFacetsHeard(): boolean {
  const handle = dbHandle();
  if (!handle) return false;
  if (listeningOn !== handle) {
    listeningOn = handle;
    listening = false;
    needFacetCache.clear();
    handle
      .listen(NEED_FACETS_CHANNEL, forgetNeedFacets, () => {
        // At first and after a reconnect: changes made meanwhile were not heard.
        needFacetCache.clear();
        if (listeningOn === handle) listening = true;
      })
      .catch((error: unknown) => {
        if (listeningOn !== handle) return;
        listeningOn = undefined;
        console.warn(`The needs board's filter choices will not be remembered until Charter can listen for changes: ${(error as Error).message}`);
      });
  }
  return listening;
}
