import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { agreedDocuments, auditEvents } from "../../db/schema";
import { db } from "../../app/db.server";
import { definitionSchema } from "../../app/domain/definition";
import { serviceFactsSchema } from "../../app/domain/service";
import { createVersion } from "../../app/models/service-version.server";
import { createService, saveDraft } from "../../app/models/service.server";
import { decide, submitForSignoff } from "../../app/models/signoff.server";
import { verifyUpload } from "../../app/models/verify.server";
import { closePdfPool } from "../../app/pdf/pool.server";
import { makeUnit, makeUser } from "../support/factories";
import { hasPoppler } from "../support/poppler";

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "charter-agreed-"));
afterAll(async () => {
  await closePdfPool();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function write(name: string, bytes: Uint8Array) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** pdfsig answers 0 even for a broken signature: read what it says. */
async function pdfsig(file: string) {
  try {
    return (await run("pdfsig", [file])).stdout;
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

describe.skipIf(!hasPoppler)("the agreed PDF", () => {
  it("is rendered, signed and sealed when the last signer signs: every section, the sign-off names and the hash; pdfsig valid until one byte changes", async () => {
    const unit = await makeUnit({ name: "Retail Banking" });
    const rm = await makeUser("relationship_manager", { name: "Tom Okafor" });
    const lead = await makeUser("business_lead", { name: "Maria Lopez", title: "Head of Branch Network" });
    const exec = await makeUser("executive", { name: "Sarah Johnson", title: "Chief Operating Officer" });
    const actor = (u: { id: string; name: string }) => ({ id: u.id, name: u.name, ip: "198.51.100.4", userAgent: "vitest" });
    const s = await createService({ input: serviceFactsSchema.parse({ name: "Branch Banking", kind: "business", ownerName: "Daniel Price" }), actor: actor(rm) });
    const definition = definitionSchema.parse({
      purpose: "Lets the branches serve customers in person, Monday to Saturday.",
      outcomes: [{ id: "o-visit", text: "A customer opens an account in one visit." }],
      consumers: [{ unitId: unit.id, spokesperson: "Maria Lopez", note: "" }],
      scopeIn: [{ id: "in-counter", text: "Counter systems in every branch." }],
      scopeOut: [{ id: "out-atm", text: "Cash machines." }],
      hours: { summary: "Branch opening hours", timeZone: "Europe/London", coverage: [{ day: "sat", from: "09:00", to: "13:00" }], holidays: "Bank holidays closed" },
      criticalPeriods: [{ id: "p-sat", name: "Saturday opening", when: "Every Saturday morning" }],
      serviceLevels: [
        { id: "l-avail", period: null, measure: "Counter systems available", kind: "percent", target: "99.5", howMeasured: "Monitoring" },
        { id: "l-sat", period: "p-sat", measure: "Faults fixed within", kind: "minutes", target: "30", howMeasured: "Service desk tickets" },
      ],
      support: "Call the branch IT desk.",
      escalation: "Then the duty manager.",
      providerCosts: "Licences and hardware.",
      providerRisks: "Supplier failure.",
    });
    await saveDraft({ id: s.id, revision: 1, definition, actor: actor(rm) });
    const version = await createVersion({ id: s.id, actor: actor(rm) });
    const { id } = await submitForSignoff({ serviceId: s.id, number: 1, input: { approvers: [lead.id], signers: [exec.id], inOrder: true, message: "", dueOn: null }, actor: actor(rm) });
    await decide({ requestId: id, decision: "approve", comment: "Right for the branches.", actor: actor(lead), origin: "https://charter.example" });
    const done = await decide({ requestId: id, decision: "approve", comment: "Agreed.", actor: actor(exec), origin: "https://charter.example" });
    expect(done.status).toBe("agreed");

    const [sealed] = await db().select().from(agreedDocuments);
    const bytes = new Uint8Array(sealed!.pdf);
    expect(sealed!.bytes).toBe(bytes.byteLength);
    const file = await write("agreed.pdf", bytes);
    const text = (await run("pdftotext", ["-layout", file, "-"])).stdout.replace(/\s+/g, " ");
    for (const heading of ["Purpose", "Business outcomes", "Consumers", "Scope", "Hours and coverage", "Critical business periods", "Service levels", "Support and escalation", "Costs and risks the provider carries", "Supporting services", "Needs answered", "Sign-off", "Traceability"]) {
      expect(text).toContain(heading);
    }
    for (const words of ["Branch Banking", "A customer opens an account in one visit.", "Counter systems available", "Saturday opening", "Maria Lopez", "Sarah Johnson", "Chief Operating Officer", "Right for the branches."]) {
      expect(text).toContain(words);
    }
    expect(text.replace(/ /g, "")).toContain(version.hash);
    expect(text).toContain(`charter.example/verify/${version.id}`);
    expect(text).not.toMatch(/DRAFT/);

    const events = await db().select({ kind: auditEvents.kind, payload: auditEvents.payload }).from(auditEvents);
    expect(events.find((e) => e.kind === "signoff.agreed")?.payload).toMatchObject({ sha256: sealed!.sha256, bytes: bytes.byteLength });

    expect(await pdfsig(file)).toContain("Signature is Valid.");
    const changed = Uint8Array.from(bytes);
    const at = bytes.indexOf(0x0a, Math.floor(bytes.length / 4)) - 1;
    changed[at] = changed[at] === 0x20 ? 0x21 : 0x20;
    const changedFile = await write("changed.pdf", changed);
    expect(await pdfsig(changedFile)).toMatch(/Digest Mismatch|Signature is Invalid/);

    expect((await verifyUpload(bytes)).kind).toBe("match");
    const miss = await verifyUpload(changed);
    expect(miss.kind).toBe("no_match");
  }, 60_000);
});
