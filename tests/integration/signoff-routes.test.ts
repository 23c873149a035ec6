import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { agreedDocuments, rateLimits, signoffSteps } from "../../db/schema";
import { db } from "../../app/db.server";
import { definitionSchema } from "../../app/domain/definition";
import { TOO_LARGE } from "../../app/domain/verify";
import { serviceFactsSchema } from "../../app/domain/service";
import type { Sealed } from "../../app/models/agreement-seal.server";
import { createVersion } from "../../app/models/service-version.server";
import { createService, saveDraft } from "../../app/models/service.server";
import { decide, submitForSignoff } from "../../app/models/signoff.server";
import * as pdfRoute from "../../app/routes/services.$serviceId.versions.$number[.]pdf";
import * as submitPage from "../../app/routes/services.$serviceId.versions.$number_.submit";
import * as requestPage from "../../app/routes/signoff.$requestId";
import * as inboxPage from "../../app/routes/signoff._index";
import * as verifyPage from "../../app/routes/verify._index";
import * as verifyVersionPage from "../../app/routes/verify.$versionId";
import { cookieFor, makeUser } from "../support/factories";
import { hasPoppler } from "../support/poppler";
import { call, jsonOf } from "../support/routes";

const actorOf = (u: { id: string; name: string }) => ({ id: u.id, name: u.name, ip: "", userAgent: "" });
const fakeSeal = async ({ requestId }: { requestId: string }): Promise<Sealed> => {
  const pdf = new TextEncoder().encode(`%PDF-1.7\n% sealed for ${requestId}\n%%EOF\n`);
  return { pdf, sha256: (await import("node:crypto")).createHash("sha256").update(pdf).digest("hex"), pages: 1 };
};

async function world() {
  const rm = await makeUser("relationship_manager");
  const lead = await makeUser("business_lead");
  const exec = await makeUser("executive", { title: "Chief Operating Officer" });
  const outsider = await makeUser("executive");
  const name = `Branch Banking ${Math.random().toString(36).slice(2, 6)}`;
  const s = { ...(await createService({ input: serviceFactsSchema.parse({ name, kind: "business" }), actor: actorOf(rm) })), name };
  await saveDraft({ id: s.id, revision: 1, definition: definitionSchema.parse({ purpose: "Branches serve customers", outcomes: [{ id: "o-1", text: "Accounts opened in one visit" }] }), actor: actorOf(rm) });
  const version = await createVersion({ id: s.id, actor: actorOf(rm) });
  return { rm, lead, exec, outsider, s, version };
}

const multipart = (file: { name: string; type: string; bytes: Uint8Array } | null, extra: Record<string, string> = {}) => {
  const form = new FormData();
  if (file) form.append("document", new File([Buffer.from(file.bytes)], file.name, { type: file.type }));
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  return form;
};

describe("the sign-off pages", () => {
  it("submit → inbox → decide through the pages; an executive not named gets a 404, a rejection without a reason a message", async () => {
    const w = await world();
    const rmCookie = await cookieFor(w.rm.id);
    const params = { serviceId: w.s.id, number: "1" };
    const bad = await call(submitPage, "action", { path: `/services/${w.s.id}/versions/1/submit`, params, cookie: rmCookie, form: { approver_0: w.lead.id, order: "in_order" } });
    expect(bad.status).toBe(400);
    expect((await jsonOf<{ errors: Record<string, string> }>(bad)).errors).toEqual({ signer_0: "Name at least one executive to sign" });
    const sent = await call(submitPage, "action", { path: `/services/${w.s.id}/versions/1/submit`, params, cookie: rmCookie, form: { approver_0: w.lead.id, signer_0: w.exec.id, order: "in_order", message: "Please read", dueOn: "" } });
    expect(sent.status).toBe(302);
    const requestId = sent.headers.get("location")!.split("/").pop()!;

    const inbox = await jsonOf<{ inbox: { requestId: string; asked: boolean }[] }>(await call(inboxPage, "loader", { path: "/signoff", cookie: await cookieFor(w.lead.id) }));
    expect(inbox.inbox).toEqual([expect.objectContaining({ requestId, asked: true })]);

    const path = `/signoff/${requestId}`;
    const rp = { requestId };
    expect((await call(requestPage, "loader", { path, params: rp, cookie: await cookieFor(w.outsider.id) })).status).toBe(404);
    const page = await jsonOf<{ doc: { outcomes: { text: string }[] }; me: { step: { state: string } } }>(await call(requestPage, "loader", { path, params: rp, cookie: await cookieFor(w.lead.id) }));
    expect(page.doc.outcomes.map((o) => o.text)).toEqual(["Accounts opened in one visit"]);
    expect(page.me.step.state).toBe("asked");

    const leadCookie = await cookieFor(w.lead.id);
    const noReason = await call(requestPage, "action", { path, params: rp, cookie: leadCookie, form: { intent: "decide", decision: "reject", comment: "" } });
    expect(noReason.status).toBe(400);
    expect((await jsonOf<{ errors: Record<string, string> }>(noReason)).errors).toEqual({ comment: "Say why you reject it: the relationship manager will see this" });
    const early = await call(requestPage, "action", { path, params: rp, cookie: await cookieFor(w.exec.id), form: { intent: "decide", decision: "approve" } });
    expect(early.status).toBe(409);
    expect((await jsonOf<{ formError: string }>(early)).formError).toBe("It is not your turn: the approvers have not all approved yet");
    const approved = await call(requestPage, "action", { path, params: rp, cookie: leadCookie, form: { intent: "decide", decision: "approve", comment: "" } });
    expect(approved.status).toBe(302);
    const [step] = await db().select().from(signoffSteps).where(eq(signoffSteps.userId, w.lead.id));
    expect(step!.decision).toBe("approved");
    // The submitter cannot decide, even by posting.
    const own = await call(requestPage, "action", { path, params: rp, cookie: rmCookie, form: { intent: "decide", decision: "approve" } });
    expect((await jsonOf<{ formError: string }>(own)).formError).toBe("You submitted this version: you cannot approve or sign it");
    // Only relationship managers remind or withdraw.
    const remind = await call(requestPage, "action", { path, params: rp, cookie: leadCookie, form: { intent: "remind" } });
    expect(remind.status).toBe(403);
    expect((await call(requestPage, "action", { path, params: rp, cookie: rmCookie, form: { intent: "remind" } })).status).toBe(302);
  });

  it("a draft's PDF shows the sign-off's decisions and comments only to the people its request names, as its page does", async () => {
    const w = await world();
    const { id } = await submitForSignoff({
      serviceId: w.s.id,
      number: 1,
      input: { approvers: [w.lead.id], signers: [w.exec.id], inOrder: true, message: "Quarter-end freeze wording agreed with Finance", dueOn: null },
      actor: actorOf(w.rm),
    });
    await decide({ requestId: id, decision: "approve", comment: "Fine by the branches, but watch the Saturday cover", actor: actorOf(w.lead), origin: "http://x" });
    const textAs = async (userId: string) => {
      const response = await call(pdfRoute, "loader", { path: `/services/${w.s.id}/versions/1.pdf`, params: { serviceId: w.s.id, number: "1" }, cookie: await cookieFor(userId) });
      expect(response.status).toBe(200);
      const file = path.join(os.tmpdir(), `charter-draft-${userId}.pdf`);
      fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
      try {
        return (await promisify(execFile)("pdftotext", ["-layout", file, "-"])).stdout.replace(/\s+/g, " ");
      } finally {
        fs.rmSync(file, { force: true });
      }
    };
    if (!hasPoppler) return;
    const named = await textAs(w.exec.id);
    expect(named).toContain("watch the Saturday cover");
    expect(named).toContain("Quarter-end freeze wording");
    const outsider = await textAs(w.outsider.id);
    expect(outsider).toContain("Under sign-off. The decisions are shown to the people the request names.");
    expect(outsider).not.toContain("Saturday cover");
    expect(outsider).not.toContain("Quarter-end freeze");
    // The submitter and relationship managers see it whole.
    expect(await textAs(w.rm.id)).toContain("watch the Saturday cover");
  });

  it("an agreed version's PDF is the sealed bytes, the same on every download, with an ETag", async () => {
    const w = await world();
    const { id } = await submitForSignoff({ serviceId: w.s.id, number: 1, input: { approvers: [], signers: [w.exec.id], inOrder: true, message: "", dueOn: null }, actor: actorOf(w.rm) });
    await decide({ requestId: id, decision: "approve", comment: "", actor: actorOf(w.exec), origin: "http://x", seal: fakeSeal });
    const [sealed] = await db().select().from(agreedDocuments);
    const cookie = await cookieFor(w.lead.id);
    const args = { path: `/services/${w.s.id}/versions/1.pdf`, params: { serviceId: w.s.id, number: "1" }, cookie };
    const a = await call(pdfRoute, "loader", args);
    const b = await call(pdfRoute, "loader", args);
    expect(a.headers.get("content-type")).toBe("application/pdf");
    const bytes = new Uint8Array(await a.arrayBuffer());
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(sealed!.pdf))).toBe(0);
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(await b.arrayBuffer()))).toBe(0);
    expect(a.headers.get("etag")).toBe(`"${sealed!.sha256}"`);
    const again = await call(pdfRoute, "loader", { ...args, headers: { "if-none-match": `"${sealed!.sha256}"` } });
    expect(again.status).toBe(304);
    // The sealed bytes cannot be changed, even directly in the database.
    await expect(db().update(agreedDocuments).set({ bytes: 1 })).rejects.toThrow();
  });

  it("the verify page tells a match from a changed file and names a file that is empty or not a PDF; it says what a version is to anyone", async () => {
    const w = await world();
    const { id } = await submitForSignoff({ serviceId: w.s.id, number: 1, input: { approvers: [w.lead.id], signers: [w.exec.id], inOrder: true, message: "", dueOn: null }, actor: actorOf(w.rm) });
    await decide({ requestId: id, decision: "approve", comment: "", actor: actorOf(w.lead), origin: "http://x", seal: fakeSeal });
    await decide({ requestId: id, decision: "approve", comment: "", actor: actorOf(w.exec), origin: "http://x", seal: fakeSeal });
    const [sealed] = await db().select().from(agreedDocuments);
    const bytes = new Uint8Array(sealed!.pdf);
    const post = (form: FormData | undefined) => call(verifyPage, "action", { path: "/verify?index", form });

    const match = await jsonOf<{ verdict: { kind: string; verification: { service: string; people: { name: string; decision: string }[] } } }>(await post(multipart({ name: "v1.pdf", type: "application/pdf", bytes })));
    expect(match.verdict.kind).toBe("match");
    expect(match.verdict.verification.service).toBe(w.s.name);
    expect(match.verdict.verification.people.map((p) => [p.name, p.decision])).toEqual([
      [w.lead.name, "approved"],
      [w.exec.name, "approved"],
    ]);
    const changed = Uint8Array.from(bytes);
    changed[changed.length - 3] = changed[changed.length - 3]! ^ 1;
    const miss = await jsonOf<{ verdict: { kind: string } }>(await post(multipart({ name: "v1.pdf", type: "application/pdf", bytes: changed })));
    expect(miss.verdict.kind).toBe("no_match");
    const empty = await post(multipart({ name: "empty.pdf", type: "application/pdf", bytes: new Uint8Array() }));
    expect(empty.status).toBe(400);
    expect((await jsonOf<{ error: string }>(empty)).error).toBe("That file is empty: choose the PDF you were sent.");
    const text = await post(multipart({ name: "notes.txt", type: "text/plain", bytes: new TextEncoder().encode("hello") }));
    expect((await jsonOf<{ error: string }>(text)).error).toBe("That file is not a PDF: choose the PDF of the service definition.");
    const none = await post(undefined);
    expect(none.status).toBe(400);

    const page = await jsonOf<{ v: { number: number; agreed: { sha256: string } | null } }>(
      await call(verifyVersionPage, "loader", { path: `/verify/${w.version.id}`, params: { versionId: w.version.id } }),
    );
    expect(page.v).toMatchObject({ number: 1, agreed: { sha256: sealed!.sha256 } });
    expect((await call(verifyVersionPage, "loader", { path: "/verify/nonsense", params: { versionId: "nonsense" } })).status).toBe(404);
  });

  it("rate-limits uploads per address: the eleventh in ten minutes is refused with when to try again", async () => {
    const form = () => multipart({ name: "a.pdf", type: "application/pdf", bytes: new TextEncoder().encode("%PDF-1.7\n") });
    for (let i = 0; i < 10; i++) expect((await call(verifyPage, "action", { path: "/verify?index", form: form() })).status).toBe(200);
    const refused = await call(verifyPage, "action", { path: "/verify?index", form: form() });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await jsonOf<{ error: string }>(refused)).error).toMatch(/^Too many checks from your address: try again in \d+ minutes?\.$/);
    expect((await db().select().from(rateLimits)).map((r) => r.count)).toEqual([11]);
  });
});

describe("the verify page's size limit", () => {
  it("names a file over 20 MB in the page instead of reading it all", async () => {
    const big = new Uint8Array(20 * 1024 * 1024 + 10);
    big.set(new TextEncoder().encode("%PDF-1.7\n"));
    const response = await call(verifyPage, "action", { path: "/verify?index", form: multipart({ name: "huge.pdf", type: "application/pdf", bytes: big }) });
    expect(response.status).toBe(413);
    expect((await jsonOf<{ error: string }>(response)).error).toBe(TOO_LARGE);
  });
});
