/**
 * Errors that say the database could not be reached or dropped the connection, not that the
 * request was wrong: the same request sent again a moment later may well succeed. They answer
 * 503 with Retry-After rather than 500 (see entry.server.tsx).
 */
const TRANSIENT_CODES = new Set([
  // Node's sockets
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  // postgres.js
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  // PostgreSQL: shutting down, starting up, out of connections, a deadlock or serialisation failure
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "40001",
  "40P01",
]);

export function isTransientDatabaseError(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e = error; e && typeof e === "object" && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (TRANSIENT_CODES.has(code) || code.startsWith("08"))) return true;
    // AggregateError from a connect to several addresses (IPv4 and IPv6) that all refused
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0 && errors.every((inner) => isTransientDatabaseError(inner))) return true;
  }
  return false;
}

/** How long a client should wait before sending again, in seconds. */
export const RETRY_AFTER_SECONDS = 2;

/** What a request that failed this way is told. */
export const DATABASE_UNAVAILABLE_MESSAGE =
  "Charter cannot reach its database just now. Try again in a moment; if you were saving, reload the page first to see whether it went through.";
