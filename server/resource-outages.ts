import type { ActionFunction, LoaderFunction, ServerBuild } from "@remix-run/node";
import { DATABASE_UNAVAILABLE_MESSAGE, isTransientDatabaseError, RETRY_AFTER_SECONDS } from "../app/utils/db-errors.server";

/**
 * A page whose loader or action fails because the database is out of reach answers 503 with
 * Retry-After through entry.server's hooks. Resource routes (the CSV, PDF and calendar downloads,
 * signing out) never pass through those hooks: Remix answers them 500 "Unexpected Server Error".
 * This gives their loaders and actions the same answer as the pages, as plain text, since a
 * download is opened by the browser itself rather than by a page.
 */
export function withResourceOutageAnswers(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const mod = route.module;
    if (mod.default) {
      routes[id] = route;
      continue;
    }
    const wrapped = { ...mod };
    if (mod.loader) wrapped.loader = answerOutages(id, mod.loader);
    if (mod.action) wrapped.action = answerOutages(id, mod.action);
    routes[id] = { ...route, module: wrapped };
  }
  return { ...build, routes };
}

function answerOutages<F extends LoaderFunction | ActionFunction>(routeId: string, handler: F): F {
  return (async (args: Parameters<F>[0]) => {
    try {
      return await handler(args as never);
    } catch (error) {
      if (!isTransientDatabaseError(error)) throw error;
      const { request } = args;
      console.error(`Database unavailable for ${request.method} ${new URL(request.url).pathname} (${routeId}): ${(error as Error).message}`);
      throw new Response(DATABASE_UNAVAILABLE_MESSAGE, {
        status: 503,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" },
      });
    }
  }) as F;
}
