import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";

export interface SecurityOptions {
  production: boolean;
  /** The app's public origin when it sits behind a proxy (APP_ORIGIN); else the Host header is used. */
  appOrigin?: string;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** Larger limits for the paths that take uploads (path → bytes), e.g. the verify page's PDFs. */
  uploadLimits?: Record<string, number>;
  /** Extra connect-src entries (the dev server's live-reload socket). */
  connectSrc?: string[];
}

export function contentSecurityPolicy(nonce: string, opts: Pick<SecurityOptions, "connectSrc">) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${opts.connectSrc?.length ? " " + opts.connectSrc.join(" ") : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Security headers and a fresh CSP nonce for every response. */
export function securityHeaders(opts: SecurityOptions) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce, opts));
    // Never an address to other sites: a survey respondent's address holds their personal link.
    // (Not "no-referrer": then a browser posts a plain form with `Origin: null`, refused as cross-site.)
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (opts.production) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function ownOrigin(req: Request, opts: SecurityOptions): string | null {
  if (opts.appOrigin) return opts.appOrigin.toLowerCase();
  const host = req.get("host");
  return host ? `${req.protocol}://${host}`.toLowerCase() : null;
}

/**
 * Refuses (403) every request that can change data unless its Origin (or,
 * failing that, its Referer) is the app's own. Browsers send Origin on every
 * POST, so a cross-site form or fetch cannot act in a signed-in user's name.
 */
export function originCheck(opts: SecurityOptions) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const expected = ownOrigin(req, opts);
    let origin = req.get("origin");
    if (!origin || origin === "null") {
      const referer = req.get("referer");
      if (referer) {
        try {
          origin = new URL(referer).origin;
        } catch {
          origin = undefined;
        }
      }
    }
    if (!expected || !origin || origin.toLowerCase() !== expected) {
      res.status(403).type("text/plain").send("Refused: this request did not come from Charter's own pages.");
      return;
    }
    next();
  };
}

/** Bodies larger than the limit are refused before anything reads them. */
export function bodyLimit(opts: SecurityOptions) {
  return (req: Request, res: Response, next: NextFunction) => {
    // A body sent in chunks has no length to check before it is read: browsers always give one, so ask for it.
    if (req.get("transfer-encoding") && req.get("content-length") === undefined) {
      res.status(411).type("text/plain").send("Refused: send the request with its length (Content-Length).");
      return;
    }
    const length = Number(req.get("content-length") ?? 0);
    const limit = opts.uploadLimits?.[req.path] ?? opts.maxBodyBytes;
    if (length > limit) {
      res
        .status(413)
        .type("text/plain")
        .send(`Refused: the request is larger than ${limit >= 1_000_000 ? `${Math.round(limit / 1_000_000)} MB` : `${Math.round(limit / 1000)} KB`}.`);
      return;
    }
    next();
  };
}
