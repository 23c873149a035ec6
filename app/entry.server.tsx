import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { DATABASE_UNAVAILABLE_MESSAGE, isTransientDatabaseError, RETRY_AFTER_SECONDS } from "./utils/db-errors.server";
import { NonceProvider } from "./utils/nonce";

/**
 * Pages are rendered to a string: Charter's loaders return everything a page
 * needs (no deferred data), so streaming would add cost without sending bytes
 * sooner. renderToString was about twice as fast as renderToPipeableStream on
 * these pages (npm run bench).
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? "";
  const html = renderToString(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </NonceProvider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  if (responseStatusCode === 500 && loadContext.databaseUnavailable) {
    responseStatusCode = 503;
    responseHeaders.set("Retry-After", String(RETRY_AFTER_SECONDS));
  }
  if (!responseHeaders.has("Cache-Control")) responseHeaders.set("Cache-Control", "private, no-store");
  return new Response(`<!DOCTYPE html>${html}`, { status: responseStatusCode, headers: responseHeaders });
}

/**
 * A loader or action that failed because the database was out of reach answers 503 with
 * Retry-After, not 500: nothing was wrong with the request, and the same request a moment later
 * may succeed (the autosaves send again by themselves). The flag rides on the request's context.
 */
export function handleError(error: unknown, { request, context }: { request: Request; context?: AppLoadContext }) {
  if (request.signal.aborted) return;
  if (isTransientDatabaseError(error)) {
    if (context) context.databaseUnavailable = true;
    console.error(`Database unavailable for ${request.method} ${new URL(request.url).pathname}: ${(error as Error).message}`);
    return;
  }
  console.error(error);
}

export function handleDataRequest(response: Response, { context }: { context: AppLoadContext }) {
  if (response.status !== 500 || !context.databaseUnavailable) return response;
  const headers = new Headers(response.headers);
  // A thrown response, not an exception: the page's error boundary and the autosaves see status 503.
  headers.delete("X-Remix-Error");
  headers.set("X-Remix-Catch", "yes");
  headers.set("Content-Type", "application/json; charset=utf-8");
  headers.set("Retry-After", String(RETRY_AFTER_SECONDS));
  return new Response(JSON.stringify({ message: DATABASE_UNAVAILABLE_MESSAGE }), {
    status: 503,
    headers,
  });
}
