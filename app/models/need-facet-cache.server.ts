/**
 * The needs board's remembered filter choices (app/models/need-board.server.ts),
 * per viewer. Any change that can add a process or a tag forgets them.
 */
export const needFacetCache = new Map<string, unknown>();

export function forgetNeedFacets() {
  needFacetCache.clear();
}
