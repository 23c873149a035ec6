import { json, type ActionFunction, type LoaderFunction, type ServerBuild } from "@remix-run/node";
import { DATABASE_UNAVAILABLE_MESSAGE, isTransientDatabaseError, RETRY_AFTER_SECONDS } from "../app/utils/db-errors.server";

/**
 * A loader or action that fails because the database is out of reach answers 503 with
 * Retry-After, not 500: nothing was wrong with the request, and the same request a moment later
 * may succeed (the autosaves send again by themselves). The failure becomes a thrown response, so
 * a page's error boundary says Charter is briefly unavailable (the page's status is 503, see
 * entry.server.tsx), a page's data request and its autosaves see 503, and a download (CSV, PDF,
 * calendar), opened by the browser itself, says why in plain text.
 *
 * Every route's loader and action is wrapped once, when the server loads the build.
 */
export function withDatabaseOutageAnswers(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const mod = route.module;
    const page = Boolean(mod.default);
    const wrapped = { ...mod };
    if (mod.loader) wrapped.loader = answerOutages(mod.loader, page);
    if (mod.action) wrapped.action = answerOutages(mod.action, page);
    routes[id] = { ...route, module: wrapped };
  }
  return { ...build, routes };
}

function answerOutages<F extends LoaderFunction | ActionFunction>(handler: F, page: boolean): F {
  return (async (args: Parameters<F>[0]) => {
    try {
      return await handler(args as never);
    } catch (error) {
      if (!isTransientDatabaseError(error)) throw error;
      const { request } = args;
      console.error(`Database unavailable for ${request.method} ${new URL(request.url).pathname}: ${(error as Error).message}`);
      const headers = { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" };
      throw page
        ? json({ message: DATABASE_UNAVAILABLE_MESSAGE }, { status: 503, headers })
        : new Response(DATABASE_UNAVAILABLE_MESSAGE, { status: 503, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
    }
  }) as F;
}
