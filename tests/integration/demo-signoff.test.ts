import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { agreedDocuments, services, serviceVersions, users } from "../../db/schema";
import { db } from "../../app/db.server";
import { inboxFor, versionSignoffs } from "../../app/models/signoff-read.server";
import { requestView } from "../../app/models/signoff-read.server";
import { verifyUpload } from "../../app/models/verify.server";
import { loadDemoWorkspace } from "../../db/seed/demo";
import { hasPoppler } from "../support/poppler";

const run = promisify(execFile);

describe("the demo's sign-off", () => {
  it("has Branch Banking version 1 agreed with its signed PDF sealed, and version 2 approved by the branch network, waiting on the COO", async () => {
    await loadDemoWorkspace();
    const [branch] = await db().select().from(services).where(eq(services.name, "Branch Banking"));
    const signoffs = await versionSignoffs(branch!.id);
    expect(signoffs[1]).toMatchObject({ status: "agreed", sealed: true });
    expect(signoffs[2]).toMatchObject({ status: "pending", sealed: false });

    const pending = (await requestView(signoffs[2]!.requestId))!;
    expect(pending.steps.map((s) => [s.name, s.state])).toEqual([
      ["Maria Lopez", "approved"],
      ["Sarah Johnson", "asked"],
    ]);
    const [coo] = await db().select().from(users).where(eq(users.email, "exec@meridian.example"));
    expect((await inboxFor(coo!.id)).map((r) => [r.serviceName, r.number, r.asked])).toEqual([["Branch Banking", 2, true]]);

    // The sealed PDF verifies.
    const [v1] = await db().select().from(serviceVersions).where(eq(serviceVersions.serviceId, branch!.id)).orderBy(serviceVersions.number).limit(1);
    const [sealed] = await db().select().from(agreedDocuments).where(eq(agreedDocuments.versionId, v1!.id));
    expect(sealed!.pages).toBeGreaterThan(5);
    expect((await verifyUpload(new Uint8Array(sealed!.pdf))).kind).toBe("match");
  }, 120_000);

  it.skipIf(!hasPoppler)("seals a version 1 PDF that reads as the agreed document, decisions and quotes included", async () => {
    await loadDemoWorkspace();
    const [branch] = await db().select().from(services).where(eq(services.name, "Branch Banking"));
    const [v1] = await db().select().from(serviceVersions).where(eq(serviceVersions.serviceId, branch!.id)).orderBy(serviceVersions.number).limit(1);
    const [sealed] = await db().select().from(agreedDocuments).where(eq(agreedDocuments.versionId, v1!.id));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "charter-demo-pdf-"));
    const file = path.join(dir, "branch-banking-v1.pdf");
    fs.writeFileSync(file, sealed!.pdf);
    const text = (await run("pdftotext", ["-layout", file, "-"])).stdout.replace(/\s+/g, " ");
    expect(text).toContain("Branch Banking");
    expect(text).toContain("Sarah Johnson");
    expect(text).toContain("This is what the branches asked for. Approved for the network.");
    expect(text).toMatch(/Traceability/);
    expect(text).toContain("Retail Banking");
    // The appendix traces clauses to what the branch people said.
    expect(text).toMatch(/Chloe Turner|Olivia Bennett|Samuel Adeyemi|Rajesh Patel/);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
