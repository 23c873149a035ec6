import { redirect } from "@remix-run/node";
import { can, type Capability, type Role } from "../domain/roles";
import { lookupSession, type SessionLookup, type SessionUser } from "../models/session.server";
import { hadSessionCookie, readSessionToken } from "./session.server";

export type { SessionUser };

/** One session lookup per request, however many loaders ask. */
const lookups = new WeakMap<Request, Promise<SessionLookup & { token: string | null }>>();

export function getSession(request: Request) {
  let pending = lookups.get(request);
  if (!pending) {
    pending = (async () => {
      const token = await readSessionToken(request);
      if (!token) return { status: hadSessionCookie(request) ? "expired" : "missing", token: null } as const;
      return { ...(await lookupSession(token)), token };
    })();
    lookups.set(request, pending);
  }
  return pending;
}

export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
  const session = await getSession(request);
  return session.status === "valid" ? session.user : null;
}

/** Where to come back to after signing in: the page the user was on (for a post, the page it came from). */
export function returnPath(request: Request): string {
  const url = new URL(request.url);
  if (request.method !== "GET" && request.method !== "HEAD") {
    const referer = request.headers.get("referer");
    if (referer) {
      try {
        const from = new URL(referer);
        if (from.host === url.host) return from.pathname + from.search;
      } catch {
        // ignore a malformed Referer
      }
    }
  }
  const params = new URLSearchParams(url.search);
  params.delete("_data");
  const search = params.toString();
  return url.pathname + (search ? `?${search}` : "");
}

export function loginRedirect(request: Request, reason?: "expired") {
  const params = new URLSearchParams({ redirectTo: returnPath(request) });
  if (reason) params.set("reason", reason);
  return redirect(`/login?${params}`);
}

export function forbidden(message = "You do not have access to this page."): Response {
  return new Response(message, { status: 403, statusText: "Forbidden" });
}

export function notFound(message = "We could not find that."): Response {
  return new Response(message, { status: 404, statusText: "Not Found" });
}

/**
 * The signed-in user, or a redirect to sign in (back to this page afterwards).
 * With a capability, a user without it gets 403. Users with a one-time password
 * are sent to choose their own first.
 */
export async function requireUser(
  request: Request,
  options: { capability?: Capability; roles?: readonly Role[] } = {},
): Promise<SessionUser> {
  const session = await getSession(request);
  if (session.status !== "valid") throw loginRedirect(request, session.status === "expired" ? "expired" : undefined);
  const { user } = session;
  const path = new URL(request.url).pathname;
  if (user.mustChangePassword && path !== "/account/password" && path !== "/logout") {
    throw redirect("/account/password");
  }
  if (options.capability && !can(user.role, options.capability)) throw forbidden();
  if (options.roles && user.role !== "admin" && !options.roles.includes(user.role)) throw forbidden();
  return user;
}

export async function requireSessionToken(request: Request): Promise<string | null> {
  return (await getSession(request)).token;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A route's id parameter, or 404 when it cannot be an id at all. */
export function requireIdParam(value: string | undefined): string {
  if (!value || !UUID.test(value)) throw notFound();
  return value.toLowerCase();
}
