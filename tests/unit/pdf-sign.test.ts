import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import forge from "node-forge";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString, StandardFonts } from "pdf-lib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { signaturesOf, signingIdentity, signPdf } from "../../app/pdf/sign.server";
import { env } from "../../app/utils/env.server";
import { hasPoppler } from "../support/poppler";

const run = promisify(execFile);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "charter-sign-"));
const globalForSigning = globalThis as unknown as { __charterSigningIdentity?: unknown };

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

async function samplePdf(text = "Service definition: payroll, version 3"): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  document.addPage([595.28, 841.89]).drawText(text, { x: 50, y: 780, size: 12, font });
  return document.save();
}

/** pdfsig's report on a file (it exits 0 whether or not the signature holds); it must parse cleanly. */
async function pdfsig(pdf: Uint8Array, name: string): Promise<string> {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, pdf);
  const { stdout, stderr } = await run("pdfsig", [file], { env: { ...process.env, TZ: "UTC" } });
  expect(stderr).not.toMatch(/error/i);
  return stdout;
}

/** The signature dictionary's text entries, as a PDF reader decodes them. */
async function signatureTexts(pdf: Uint8Array): Promise<Record<string, string>> {
  const document = await PDFDocument.load(pdf);
  const fields = document.catalog.lookup(PDFName.of("AcroForm"), PDFDict).lookup(PDFName.of("Fields"), PDFArray);
  const signature = document.context.lookup(fields.get(0), PDFDict).lookup(PDFName.of("V"), PDFDict);
  return Object.fromEntries(
    ["Reason", "Name", "Location", "ContactInfo"].map((key) => [key, signature.lookup(PDFName.of(key), PDFString).decodeText()]),
  );
}

function commonName(subject: string): string {
  return /(?:^|, )CN=([^,]+)/.exec(subject)![1]!;
}

function forgetIdentity() {
  delete globalForSigning.__charterSigningIdentity;
}

describe("signPdf with the development certificate", () => {
  const signingDir = () => path.join(env().DATA_DIR, "signing");

  beforeAll(() => {
    delete process.env.SIGNING_P12;
    delete process.env.SIGNING_P12_PASSWORD;
    forgetIdentity();
    fs.rmSync(signingDir(), { recursive: true, force: true });
  });

  it("makes a certificate once, keeps it private, and reuses it", async () => {
    const first = await signingIdentity();
    expect(first.subject).toBe("CN=Charter document signing (development), O=Charter");
    expect(first.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

    const p12File = path.join(signingDir(), "charter-signing.p12");
    const passwordFile = path.join(signingDir(), "charter-signing.password");
    const before = fs.statSync(p12File);
    expect(before.mode & 0o777).toBe(0o600);
    expect(fs.statSync(passwordFile).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(passwordFile, "utf8")).toBe(first.password);
    expect(fs.readdirSync(signingDir()).sort()).toEqual(["charter-signing.p12", "charter-signing.password"]);

    expect(await signingIdentity()).toBe(first); // the process's cached identity
    forgetIdentity();
    const again = await signingIdentity(); // as a new process would: read from disk
    expect(again.fingerprint).toBe(first.fingerprint);
    const after = fs.statSync(p12File);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);

    const certBag = forge.pki.oids.certBag!;
    const certificate = forge.pki.certificateFromPem(
      forge.pki.certificateToPem(
        forge.pkcs12
          .pkcs12FromAsn1(forge.asn1.fromDer(first.p12.toString("binary")), false, first.password)
          .getBags({ bagType: certBag })[certBag]![0]!.cert!,
      ),
    );
    const years = certificate.validity.notAfter.getFullYear() - certificate.validity.notBefore.getFullYear();
    expect(years).toBe(5);
    expect(certificate.getExtension("keyUsage")).toMatchObject({ digitalSignature: true, nonRepudiation: true });
    expect(certificate.siginfo.algorithmOid).toBe(forge.pki.oids.sha256WithRSAEncryption);
  }, 20_000);

  it("settles on one certificate when several start at once", async () => {
    fs.rmSync(signingDir(), { recursive: true, force: true });
    const starts = Array.from({ length: 4 }, () => {
      forgetIdentity(); // each call behaves like a separate process
      return signingIdentity();
    });
    const identities = await Promise.all(starts);
    expect(new Set(identities.map((i) => i.fingerprint)).size).toBe(1);
    expect(new Set(identities.map((i) => i.password)).size).toBe(1);
    expect(fs.readdirSync(signingDir()).sort()).toEqual(["charter-signing.p12", "charter-signing.password"]);
    forgetIdentity();
    expect((await signingIdentity()).fingerprint).toBe(identities[0]!.fingerprint);
  }, 20_000);

  it.skipIf(!hasPoppler)("signs so that pdfsig finds the signature valid and names the certificate", async () => {
    const identity = await signingIdentity();
    const signingTime = new Date("2025-03-04T05:06:07Z");
    const signed = await signPdf(await samplePdf(), { reason: "Agreed by all signatories", name: "Charter", signingTime });
    expect(Buffer.from(signed.subarray(0, 5)).toString()).toBe("%PDF-");

    const report = await pdfsig(signed, "signed.pdf");
    expect(report).toContain("Signature Validation: Signature is Valid.");
    expect(report).toContain("Total document signed");
    expect(report).toContain("Signature Type: adbe.pkcs7.detached");
    expect(report).toContain("Signing Hash Algorithm: SHA-256");
    expect(report).toContain(`Signer Certificate Common Name: ${commonName(identity.subject)}`);
    expect(report).toContain("Signing Time: Mar 04 2025 05:06:07");

    // Still an ordinary PDF to pdf-lib, with the page it had.
    const reopened = await PDFDocument.load(signed);
    expect(reopened.getPageCount()).toBe(1);
  });

  it.skipIf(!hasPoppler)("is reported as not valid once a signed byte changes", async () => {
    const signed = await signPdf(await samplePdf(), { reason: "Agreed", name: "Charter" });
    const [range] = signaturesOf(signed);
    const [, firstLength] = range!.byteRange;
    const text = Buffer.from(signed).toString("latin1");
    // The page size, in the first signed part: 595.28 becomes 595.29.
    const at = text.indexOf("595.28") + 5;
    expect(at).toBeGreaterThan(4);
    expect(at).toBeLessThan(firstLength);
    const tampered = Uint8Array.from(signed);
    tampered[at] = "9".charCodeAt(0);

    const report = await pdfsig(tampered, "tampered.pdf");
    expect(report).toContain("Signature Validation: Digest Mismatch.");
    expect(report).not.toContain("Signature is Valid");
  });

  it.skipIf(!hasPoppler)("keeps any text in the signature dictionary intact: parentheses, backslashes, accents, other scripts", async () => {
    const meta = {
      reason: "Agreed: Payroll (UK — Zürich) 工资 \\ v3 :-)",
      name: "Operations (EMEA",
      location: "https://charter.example.com",
      contactInfo: "ops@example.com",
    };
    const signed = await signPdf(await samplePdf(), meta);
    expect(await signatureTexts(signed)).toEqual({
      Reason: meta.reason,
      Name: meta.name,
      Location: meta.location,
      ContactInfo: meta.contactInfo,
    });
    expect(await pdfsig(signed, "texts.pdf")).toContain("Signature Validation: Signature is Valid.");
  });

  it.skipIf(!hasPoppler)("tells signed files apart, and one added to after signing", async () => {
    const unsigned = await samplePdf();
    expect(signaturesOf(unsigned)).toEqual([]);

    const signed = await signPdf(unsigned, { reason: "Agreed", name: "Charter", location: "London", contactInfo: "charter@example.com" });
    const ranges = signaturesOf(signed);
    expect(ranges).toHaveLength(1);
    const [start, firstLength, second, secondLength] = ranges[0]!.byteRange;
    expect(start).toBe(0);
    expect(second + secondLength).toBe(signed.byteLength);
    expect(second - firstLength).toBe(16_384 + 2); // the signature's hex digits and its <>
    expect(ranges[0]!.coversWholeFile).toBe(true);

    const appended = new Uint8Array([...signed, ...Buffer.from("\n% added later\n")]);
    expect(signaturesOf(appended)[0]!.coversWholeFile).toBe(false);
    expect(await pdfsig(appended, "appended.pdf")).toContain("Not total document signed");
  });
});

describe("signingIdentity from SIGNING_P12", () => {
  const password = "correct horse battery staple";
  const cn = "Charter Ltd document signing";
  let p12: Buffer;
  let p12File: string;

  beforeAll(async () => {
    const keys = await new Promise<forge.pki.rsa.KeyPair>((resolve, reject) =>
      forge.pki.rsa.generateKeyPair({ bits: 2048 }, (error, pair) => (error ? reject(error) : resolve(pair))),
    );
    const certificate = forge.pki.createCertificate();
    certificate.publicKey = keys.publicKey;
    certificate.serialNumber = "01";
    certificate.validity.notBefore = new Date(Date.now() - 86_400_000);
    certificate.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
    const subject = [
      { shortName: "CN", value: cn },
      { shortName: "O", value: "Charter Ltd" },
    ];
    certificate.setSubject(subject);
    certificate.setIssuer(subject);
    certificate.sign(keys.privateKey, forge.md.sha256.create());
    p12 = Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(keys.privateKey, [certificate], password)).getBytes(), "binary");
    p12File = path.join(scratch, "charter.p12");
    fs.writeFileSync(p12File, p12);
  });

  afterEach(() => {
    delete process.env.SIGNING_P12;
    delete process.env.SIGNING_P12_PASSWORD;
    forgetIdentity();
  });

  it.skipIf(!hasPoppler)("reads a bundle from a file path and signs with it", async () => {
    process.env.SIGNING_P12 = p12File;
    process.env.SIGNING_P12_PASSWORD = password;
    const identity = await signingIdentity();
    expect(identity.subject).toBe(`CN=${cn}, O=Charter Ltd`);
    expect(identity.p12.equals(p12)).toBe(true);

    const report = await pdfsig(await signPdf(await samplePdf(), { reason: "Agreed", name: "Charter" }), "configured.pdf");
    expect(report).toContain("Signature Validation: Signature is Valid.");
    expect(report).toContain(`Signer Certificate Common Name: ${cn}`);
  });

  it("reads a bundle given as base64, line breaks and all", async () => {
    process.env.SIGNING_P12 = p12.toString("base64").replace(/.{64}/g, "$&\n");
    process.env.SIGNING_P12_PASSWORD = password;
    const identity = await signingIdentity();
    expect(identity.subject).toBe(`CN=${cn}, O=Charter Ltd`);

    process.env.SIGNING_P12 = p12File;
    forgetIdentity();
    expect((await signingIdentity()).fingerprint).toBe(identity.fingerprint);
  });

  it("says which setting is wrong", async () => {
    process.env.SIGNING_P12 = p12File;
    process.env.SIGNING_P12_PASSWORD = "wrong";
    await expect(signingIdentity()).rejects.toThrow(/^SIGNING_P12_PASSWORD does not open the certificate bundle/);
    process.env.SIGNING_P12 = p12.toString("base64");
    await expect(signingIdentity()).rejects.toThrow(/^SIGNING_P12_PASSWORD does not open/);
    delete process.env.SIGNING_P12_PASSWORD;
    await expect(signingIdentity()).rejects.toThrow(/^SIGNING_P12_PASSWORD does not open/);

    process.env.SIGNING_P12_PASSWORD = password;
    process.env.SIGNING_P12 = path.join(scratch, "missing.p12");
    await expect(signingIdentity()).rejects.toThrow(/^SIGNING_P12: there is no file at ".*missing\.p12"/);
    process.env.SIGNING_P12 = `Bag Attributes: friendlyName=charter\n${p12.toString("base64")}`;
    await expect(signingIdentity()).rejects.toThrow(/^SIGNING_P12 is neither the path of a file nor the base64/);
    process.env.SIGNING_P12 = Buffer.from("not a certificate bundle at all ".repeat(10)).toString("base64");
    await expect(signingIdentity()).rejects.toThrow(/^SIGNING_P12: the base64 value is not a PKCS#12/);
    const notABundle = path.join(scratch, "not-a-bundle.p12");
    fs.writeFileSync(notABundle, "hello");
    process.env.SIGNING_P12 = notABundle;
    await expect(signingIdentity()).rejects.toThrow(/^SIGNING_P12: the file .*not-a-bundle\.p12 is not a PKCS#12/);

    // A failure is not kept: once the setting is right, it works.
    process.env.SIGNING_P12 = p12File;
    expect((await signingIdentity()).subject).toContain(cn);
  });
});
