import { isRouteErrorResponse, Link, useLocation, useRouteError } from "@remix-run/react";
import { useEffect } from "react";

const WORDS: Record<number, { title: string; body: string }> = {
  400: { title: "That request did not make sense", body: "Something in it was missing or malformed. Go back and try again." },
  403: { title: "You do not have access to this", body: "Your role does not include this page or action. If you need it, ask an admin." },
  404: { title: "We could not find that page", body: "The address may be mistyped, or what it pointed to has been removed." },
  405: { title: "That is not something this page does", body: "Go back and use the page's own buttons and forms." },
  413: { title: "That was too large", body: "The file or text you sent is over the size limit." },
  503: { title: "Charter is briefly unavailable", body: "Nothing you did caused this. Try again in a moment; if you were saving something, reload the page first to see whether it went through." },
};

/** How browsers word a fetch that got no answer at all (Chromium, Firefox, Safari). */
const FETCH_FAILED = /failed to fetch|networkerror|load failed|network request failed/i;

/**
 * A page the browser could not fetch at all: no network, or the server out of reach. Only in the
 * browser, and only a failed fetch: a mistake in the page's own code is an ordinary error.
 */
function isUnreachable(error: unknown): boolean {
  if (typeof document === "undefined") return false;
  return !navigator.onLine || (error instanceof TypeError && FETCH_FAILED.test(error.message));
}

function Unreachable() {
  // Back online, load the page again: what was typed offline is kept in this browser and sent then.
  useEffect(() => {
    const reload = () => window.location.reload();
    window.addEventListener("online", reload);
    return () => window.removeEventListener("online", reload);
  }, []);
  return (
    <div className="panel panel-narrow" role="alert">
      <p className="muted small">{navigator.onLine ? "Charter could not be reached" : "Offline"}</p>
      <h1>This page could not be loaded</h1>
      <p>
        {navigator.onLine
          ? "Charter did not answer. What you typed is kept in this browser and sent when it answers again."
          : "This device is offline. What you typed is kept in this browser and sent when the network is back; this page loads again by itself then."}
      </p>
      <div className="row">
        <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
          Try again
        </button>
      </div>
    </div>
  );
}

/** One error page for the whole app: friendly words per status, and a way back. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const location = useLocation();
  if (isUnreachable(error) && !isRouteErrorResponse(error)) return <Unreachable />;
  let status = 500;
  let detail: string | undefined;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    if (typeof error.data === "string" && error.data.length < 300 && status < 500) detail = error.data;
  } else if (typeof document === "undefined") {
    // Logged on the server by handleError; the user sees no internals.
  }
  const words = WORDS[status] ?? {
    title: "Something went wrong on our side",
    body: "Nothing you did caused this, and what you saved before is safe. Try again in a moment; if it keeps happening, tell your admin the time it happened.",
  };
  return (
    <div className="panel panel-narrow" role="alert">
      <p className="muted small">Error {status}</p>
      <h1>{words.title}</h1>
      <p>{detail && detail !== words.title ? detail : words.body}</p>
      <div className="row">
        {status === 503 ? (
          // Briefly unavailable: the same page again is the way on (a plain link, so also without JavaScript).
          <a href={`${location.pathname}${location.search}`} className="btn btn-primary">
            Try again
          </a>
        ) : null}
        <Link to="/" className={status === 503 ? "btn btn-secondary" : "btn btn-primary"}>
          Go to your home page
        </Link>
      </div>
    </div>
  );
}
