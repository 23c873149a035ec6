import type { AppLoadContext } from "@remix-run/node";
import type { Actor } from "../models/audit.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Per-request nonce for the Content-Security-Policy (set by the server). */
    cspNonce?: string;
    /** The client's address as the server saw it (honouring a trusted proxy). */
    clientIp?: string;
  }
}

export interface RequestMeta {
  ip: string;
  userAgent: string;
}

export function requestMeta(request: Request, context?: AppLoadContext): RequestMeta {
  return {
    ip: context?.clientIp ?? "",
    userAgent: (request.headers.get("user-agent") ?? "").slice(0, 500),
  };
}

export function actorFor(user: { id: string; name: string }, meta: RequestMeta): Actor {
  return { id: user.id, name: user.name, ...meta };
}

/** Only same-site paths: no protocol-relative or absolute URLs, no backslash tricks. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.includes("\\")) {
    return fallback;
  }
  try {
    const url = new URL(to, "http://charter.invalid");
    if (url.origin !== "http://charter.invalid") return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}

/**
 * A request's query string as plain values (the first of each name), with NUL
 * characters dropped: PostgreSQL refuses them in text, and a URL may carry them.
 */
export function queryOf(request: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URL(request.url).searchParams) if (!(key in out)) out[key] = value.replace(/\u0000/g, "");
  return out;
}
