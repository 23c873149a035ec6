import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";

export const BASE = "http://localhost:3000";

type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;

export interface RouteModule {
  loader?: Handler;
  action?: Handler;
}

/**
 * Calls a route's loader or action as Remix would and always returns a
 * Response: thrown responses (redirects, 403, 404) are returned too.
 */
export async function call(
  mod: RouteModule,
  kind: "loader" | "action",
  {
    path,
    params = {},
    cookie,
    form,
    body,
    headers = {},
  }: {
    path: string;
    params?: Record<string, string>;
    cookie?: string;
    form?: Record<string, string | string[]> | FormData;
    body?: BodyInit;
    headers?: Record<string, string>;
  },
): Promise<Response> {
  const fn = mod[kind];
  if (!fn) throw new Error(`route has no ${kind}`);
  const init: RequestInit = { method: kind === "loader" ? "GET" : "POST", headers: { ...headers } };
  if (cookie) (init.headers as Record<string, string>).cookie = cookie;
  if (kind === "action") {
    if (form instanceof FormData) init.body = form;
    else if (form) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
      init.body = params;
    } else init.body = body ?? new URLSearchParams();
  }
  const request = new Request(BASE + path, init);
  const context: AppLoadContext = { cspNonce: "test", clientIp: "127.0.0.1" };
  try {
    const result = await fn({ request, params, context });
    if (result instanceof Response) return result;
    return new Response(JSON.stringify(result ?? null), { status: 200, headers: { "Content-Type": "application/json" } });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

export async function jsonOf<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.clone().json()) as T;
}
