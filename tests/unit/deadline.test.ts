import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withDeadline } from "../../server/deadline";

let base = "";
let close: () => void;
const lateErrors: unknown[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  const app = express();
  app.all(
    "*",
    withDeadline(
      (req, res, next) => {
        const wait = Number(req.query.wait ?? 0);
        // Reads the body first, as an action does, then works for `wait` ms.
        const body = new Promise<void>((resolve) => {
          // ?stuck: the work waits (on a database gone away, say) before it reads the body at all.
          if (req.query.stuck) return;
          req.resume();
          if (req.complete) resolve();
          else req.once("end", () => resolve());
        });
        void body.then(() => sleep(wait)).then(() => {
          // What the Remix adapter does when its work ends: send, or hand an error on.
          if (req.query.fail) return next(new Error("failed late"));
          try {
            res.status(200).set("X-Late", "1").send("done");
          } catch (error) {
            lateErrors.push(error);
            next(error);
          }
        });
      },
      { seconds: 0.3 },
    ),
  );
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    lateErrors.push(error);
    res.status(500).send("error handler");
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

describe("the request deadline", () => {
  it("leaves a request that answers in time alone", async () => {
    const response = await fetch(`${base}/page?wait=10`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("done");
  });

  it("answers 503 with Retry-After when the work takes longer, as JSON for the pages' data requests", async () => {
    const started = Date.now();
    const response = await fetch(`${base}/interviews/1/run?_data=routes%2Finterviews.%24interviewId.run&wait=1000`, { method: "POST" });
    expect(Date.now() - started).toBeLessThan(900);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("2");
    expect(((await response.json()) as { message: string }).message).toMatch(/may still have been done: reload the page/);
    const page = await fetch(`${base}/needs?wait=1000`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(503);
    expect(await page.text()).toMatch(/took too long/);
  });

  it("starts the clock when the body has arrived: a slow upload is not slow work", async () => {
    const { status, ms } = await new Promise<{ status: number; ms: number }>((resolve, reject) => {
      const started = Date.now();
      const chunks = ["a=".padEnd(100, "x"), "".padEnd(100, "y"), "".padEnd(100, "z")];
      const req = http.request(`${base}/upload?wait=10`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(300) } }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: Date.now() - started }));
      });
      req.on("error", reject);
      // Three chunks 250 ms apart: the body takes longer to arrive than the 0.3 s deadline.
      void (async () => {
        for (const chunk of chunks) {
          req.write(chunk);
          await sleep(250);
        }
        req.end();
      })();
    });
    expect(ms).toBeGreaterThan(400);
    expect(status).toBe(200);
  });

  it("still answers in time when the work waits before reading a large body", async () => {
    const started = Date.now();
    const response = await fetch(`${base}/import?stuck=1`, { method: "POST", headers: { "content-type": "text/csv" }, body: "x".repeat(2_000_000) });
    expect(response.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("drops what the late work sends or throws, and keeps serving", async () => {
    lateErrors.length = 0;
    await fetch(`${base}/a?wait=600`);
    await fetch(`${base}/b?wait=600&fail=1`);
    await sleep(600);
    // The late failure never reached the error handler (it would have tried a second answer).
    expect(lateErrors.filter((e) => (e as Error).message === "failed late")).toEqual([]);
    const response = await fetch(`${base}/page`);
    expect(response.status).toBe(200);
  });
});
