import { createHash, randomBytes } from "node:crypto";
import { createCookie, type Cookie } from "@remix-run/node";
import { env, isProduction } from "./env.server";
import { sessionSecrets } from "./secrets.server";

const globalForCookie = globalThis as unknown as { __charterSessionCookie?: Cookie };

export function sessionCookie(): Cookie {
  globalForCookie.__charterSessionCookie ??= createCookie(
    isProduction() ? "__Host-charter_session" : "charter_session",
    {
      httpOnly: true,
      sameSite: "lax",
      secure: isProduction(),
      path: "/",
      secrets: sessionSecrets(),
      maxAge: Math.round(env().SESSION_MAX_DAYS * 24 * 3600),
    },
  );
  return globalForCookie.__charterSessionCookie;
}

/** A fresh random session token (what the cookie carries) and its hash (what the table keeps). */
export function newSessionToken() {
  const token = randomBytes(32).toString("base64url");
  return { token, id: hashSessionToken(token) };
}

export function hashSessionToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

export async function readSessionToken(request: Request): Promise<string | null> {
  const header = request.headers.get("cookie");
  if (!header) return null;
  const value: unknown = await sessionCookie().parse(header);
  return typeof value === "string" && value.length > 0 ? value : null;
}

export function hadSessionCookie(request: Request): boolean {
  return (request.headers.get("cookie") ?? "").includes(sessionCookie().name + "=");
}

export function serializeSessionCookie(token: string) {
  return sessionCookie().serialize(token);
}

export function clearSessionCookie() {
  return sessionCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}

export function sessionTimeouts() {
  return {
    idleMs: env().SESSION_IDLE_HOURS * 3600 * 1000,
    absoluteMs: env().SESSION_MAX_DAYS * 24 * 3600 * 1000,
  };
}
