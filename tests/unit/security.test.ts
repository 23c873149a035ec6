import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyLimit, originCheck, securityHeaders } from "../../server/security";

const opts = { production: true, maxBodyBytes: 1000, uploadLimits: { "/upload": 5000 } };
let base = "";
let close: () => void;

beforeAll(async () => {
  const app = express();
  app.use(securityHeaders(opts), originCheck(opts), bodyLimit(opts));
  app.all("*", (_req, res) => {
    res.send(`nonce=${res.locals.cspNonce}`);
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

describe("security headers", () => {
  it("set a nonce-based CSP with no unsafe-inline scripts, and the other headers", async () => {
    const response = await fetch(base + "/");
    const csp = response.headers.get("content-security-policy")!;
    const nonce = (await response.text()).replace("nonce=", "");
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}'`);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("strict-transport-security")).toContain("max-age=");
    const again = await fetch(base + "/");
    expect(again.headers.get("content-security-policy")).not.toBe(csp);
  });
});

describe("origin check", () => {
  const post = (headers: Record<string, string>) => fetch(base + "/thing", { method: "POST", headers, body: "a=1" });

  it("lets the app's own pages post", async () => {
    expect((await post({ origin: base })).status).toBe(200);
    expect((await post({ referer: `${base}/admin/users` })).status).toBe(200);
  });

  it("refuses posts from other sites, and posts that say nothing of where they come from", async () => {
    const cases: Record<string, string>[] = [{ origin: "https://evil.example" }, { origin: "null" }, {}, { referer: "https://evil.example/x" }];
    for (const headers of cases) {
      const response = await post(headers);
      expect(response.status).toBe(403);
      expect(await response.text()).toContain("did not come from Charter");
    }
  });

  it("never blocks reads", async () => {
    expect((await fetch(base + "/", { headers: { origin: "https://evil.example" } })).status).toBe(200);
  });
});

describe("body limit", () => {
  it("refuses an oversized body with 413", async () => {
    const response = await fetch(base + "/thing", { method: "POST", headers: { origin: base }, body: "x".repeat(1001) });
    expect(response.status).toBe(413);
    expect(await response.text()).toBe("Refused: the request is larger than 1 KB.");
  });

  it("refuses a body sent in chunks with no length, which would otherwise be read whatever its size", async () => {
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("x".repeat(5000)));
        controller.close();
      },
    });
    const response = await fetch(base + "/thing", { method: "POST", headers: { origin: base }, body, duplex: "half" } as RequestInit);
    expect(response.status).toBe(411);
    expect(await response.text()).toBe("Refused: send the request with its length (Content-Length).");
  });

  it("lets an upload path take more, and no more than its own limit", async () => {
    const fits = await fetch(base + "/upload", { method: "POST", headers: { origin: base }, body: "x".repeat(4000) });
    expect(fits.status).toBe(200);
    const over = await fetch(base + "/upload", { method: "POST", headers: { origin: base }, body: "x".repeat(5001) });
    expect(over.status).toBe(413);
  });
});
