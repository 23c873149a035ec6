import { createCookie, redirect } from "@remix-run/node";
import { flashSchema, type Flash } from "../domain/flash";
import { isProduction } from "./env.server";
import { sessionSecrets } from "./secrets.server";

const globalForFlash = globalThis as unknown as { __charterFlash?: ReturnType<typeof createCookie> };

function flashCookie() {
  globalForFlash.__charterFlash ??= createCookie("charter_flash", {
    httpOnly: true,
    sameSite: "lax",
    secure: isProduction(),
    path: "/",
    maxAge: 60,
    secrets: sessionSecrets(),
  });
  return globalForFlash.__charterFlash;
}

/** Redirects, carrying a one-time message for the next page. */
export async function redirectWithFlash(to: string, flash: Flash, init: ResponseInit = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await flashCookie().serialize(flash));
  return redirect(to, { ...init, headers });
}

/** Reads the message (if any) and the header that clears it. */
export async function readFlash(request: Request): Promise<{ flash: Flash | null; clear?: string }> {
  const header = request.headers.get("cookie");
  if (!header?.includes("charter_flash=")) return { flash: null };
  const parsed = flashSchema.safeParse(await flashCookie().parse(header));
  return {
    flash: parsed.success ? parsed.data : null,
    clear: await flashCookie().serialize("", { maxAge: 0, expires: new Date(0) }),
  };
}
