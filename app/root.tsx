import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Links,
  LiveReload,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useMatches,
  useRouteLoaderData,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { AppShell } from "./components/app-shell";
import { GeneralErrorBoundary } from "./components/error-boundary";
import { FlashMessage } from "./components/ui/flash";
import { isSaveResponse } from "./domain/answers";
import { navigationFor } from "./domain/roles";
import { getWorkspace } from "./models/workspace.server";
import { getOptionalUser } from "./utils/auth.server";
import { readFlash } from "./utils/flash.server";
import { useNonce } from "./utils/nonce";
import styles from "./styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Charter" }];

/**
 * An interview's autosave changes nothing the layout shows; nor does moving between a survey's
 * sections (/s/<token>?section=…), which must keep working when a respondent's phone is offline.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, currentUrl, nextUrl, formMethod, defaultShouldRevalidate }) => {
  if (isSaveResponse(actionResult)) return false;
  if (!formMethod && currentUrl.pathname === nextUrl.pathname && nextUrl.pathname.startsWith("/s/")) return false;
  return defaultShouldRevalidate;
};

/** Pages for people without an account (a survey's respondents) set `handle = { chrome: "none" }` and draw their own. */
export interface ChromeHandle {
  chrome?: "none";
}
const useBare = () => useMatches().some((m) => (m.handle as ChromeHandle | undefined)?.chrome === "none");

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, workspace, { flash, clear }] = await Promise.all([
    getOptionalUser(request),
    getWorkspace(),
    readFlash(request),
  ]);
  return json(
    {
      user: user ? { name: user.name, role: user.role } : null,
      nav: user && !user.mustChangePassword ? navigationFor(user.role) : [],
      workspaceName: workspace?.name ?? "Charter",
      flash,
      // Live reload only under `npm run dev` (remix dev sets REMIX_DEV_ORIGIN).
      liveReload: Boolean(process.env.REMIX_DEV_ORIGIN),
    },
    clear ? { headers: { "Set-Cookie": clear } } : undefined,
  );
}

function Document({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const liveReload = useRouteLoaderData<typeof loader>("root")?.liveReload;
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        {liveReload ? <LiveReload nonce={nonce} /> : null}
      </body>
    </html>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  return <Document>{children}</Document>;
}

export default function App() {
  const { user, nav, workspaceName, flash } = useLoaderData<typeof loader>();
  const bare = useBare();
  if (bare) return <Outlet />;
  if (!user) {
    return (
      <main id="main" className="auth-page">
        <div className="auth-card">
          <FlashMessage flash={flash} />
          <Outlet />
        </div>
      </main>
    );
  }
  return (
    <AppShell user={user} nav={nav} workspaceName={workspaceName}>
      <FlashMessage flash={flash} />
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  const data = useRouteLoaderData<typeof loader>("root");
  const bare = useBare();
  if (data?.user && !bare) {
    return (
      <AppShell user={data.user} nav={data.nav} workspaceName={data.workspaceName}>
        <GeneralErrorBoundary />
      </AppShell>
    );
  }
  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <GeneralErrorBoundary />
      </div>
    </main>
  );
}
