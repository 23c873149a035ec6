import type { NextFunction, Request, RequestHandler, Response } from "express";

/**
 * Every request gets an answer within `seconds` of its body arriving: a request still running then
 * (the database went away mid-query and its driver has not noticed yet, say) answers 503 with
 * Retry-After. The pages' autosaves send again by themselves, with the same idempotency keys, so a
 * save that did land is not applied twice; anything else is told it may have been done.
 * The clock runs from the request's arrival, and while a body is still coming in it waits as long as
 * bytes keep arriving (a large upload on a slow line is not slow work); once the body is in, it
 * starts again. The work left running is not stopped; whatever it tries to send later is dropped.
 */
export function withDeadline(handler: RequestHandler, { seconds, retryAfterSeconds = 2 }: { seconds: number; retryAfterSeconds?: number }): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    let late = false;
    let closed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let bytesSeen = req.socket?.bytesRead ?? 0;
    const expire = () => {
      if (res.headersSent || closed) return;
      const bytes = req.socket?.bytesRead ?? 0;
      if (!req.complete && bytes > bytesSeen) {
        // Still uploading: give it another round.
        bytesSeen = bytes;
        arm();
        return;
      }
      late = true;
      const message =
        req.method === "GET" || req.method === "HEAD"
          ? "Charter took too long to answer. Try again in a moment."
          : "Charter took too long to answer. What you sent may still have been done: reload the page to see before sending it again.";
      // The connection closes after this answer: the work left running may still try to write to it.
      res.status(503).set({ "Retry-After": String(retryAfterSeconds), "Cache-Control": "no-store", Connection: "close" });
      // For a page's data request, a thrown response (X-Remix-Catch): its error boundary shows status 503.
      if ("_data" in req.query) res.set("X-Remix-Catch", "yes").json({ message });
      else if (req.is("application/json") || req.accepts(["html", "json"]) === "json") res.json({ message });
      else res.type("text/plain").send(message);
    };
    const arm = () => {
      clearTimeout(timer);
      if (closed) return;
      timer = setTimeout(expire, seconds * 1000);
      timer.unref();
    };
    arm();
    if (Number(req.headers["content-length"] ?? 0) > 0 && !req.complete) req.once("end", arm);
    res.once("close", () => {
      closed = true;
      clearTimeout(timer);
    });
    handler(req, res, (error?: unknown) => {
      clearTimeout(timer);
      // The answer went out already: a late failure (headers sent) is not the client's business.
      if (late || res.headersSent) return;
      next(error);
    });
  };
}
