import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pdflibAddPlaceholder } from "@signpdf/placeholder-pdf-lib";
import { SignPdf } from "@signpdf/signpdf";
import { P12Signer } from "@signpdf/signer-p12";
import forge from "node-forge";
import { PDFDocument } from "pdf-lib";
import { env } from "~/utils/env.server";

/**
 * Digital signatures on agreed service documents (PKCS#7 detached, adbe.pkcs7.detached).
 *
 * The certificate comes from SIGNING_P12 (a path to a .p12/.pfx file, or the base64 of
 * one) with SIGNING_P12_PASSWORD. Without SIGNING_P12 a self-signed development
 * certificate is made once into DATA_DIR/signing/ and kept, so documents signed on a
 * developer's machine stay verifiable against the same certificate.
 */

export interface SigningIdentity {
  /** The PKCS#12 bundle as given (or as generated). */
  p12: Buffer;
  password: string;
  /** The signing certificate's subject, e.g. "CN=Charter document signing (development), O=Charter". */
  subject: string;
  /** SHA-256 of the signing certificate (DER), upper-case hex pairs joined by ":" as openssl prints it. */
  fingerprint: string;
}

export interface SignatureMeta {
  /** Why it is signed, e.g. "Agreed by the signatories of version 3". */
  reason: string;
  /** Who signs, as the signature dictionary names it (the certificate says who really did). */
  name: string;
  location?: string;
  contactInfo?: string;
  /** Defaults to now. Written both in the signature dictionary (/M) and the signed attributes. */
  signingTime?: Date;
}

/**
 * Room kept for the signature, in hex digits: 16384 holds 8 KiB of DER, enough for a
 * certificate chain of three or four RSA certificates. The development certificate's
 * signature takes about 1.3 KiB.
 */
const SIGNATURE_HEX_LENGTH = 16_384;

const DEV_SUBJECT_CN = "Charter document signing (development)";
const DEV_FILE = "charter-signing.p12";
const DEV_PASSWORD_FILE = "charter-signing.password";
/** id-kp-documentSigning (RFC 9336). */
const OID_DOCUMENT_SIGNING = "1.3.6.1.5.5.7.3.36";
const CERT_BAG = forge.pki.oids.certBag!;
const SHROUDED_KEY_BAG = forge.pki.oids.pkcs8ShroudedKeyBag!;

// ---------------------------------------------------------------------------
// Identity

interface CachedIdentity {
  key: string;
  promise: Promise<SigningIdentity>;
}

const globalForSigning = globalThis as unknown as { __charterSigningIdentity?: CachedIdentity };

/**
 * The certificate and key documents are signed with: loaded (or made) once per process.
 * Throws an Error naming SIGNING_P12 or SIGNING_P12_PASSWORD when the configured bundle
 * cannot be read or opened.
 */
export function signingIdentity(): Promise<SigningIdentity> {
  const configured = process.env.SIGNING_P12?.trim() ?? "";
  const password = process.env.SIGNING_P12_PASSWORD ?? "";
  // Keyed on the settings so a process that changes them (tests) does not keep a stale identity.
  const key = JSON.stringify(configured ? [configured, password] : ["dev", env().DATA_DIR]);
  const cached = globalForSigning.__charterSigningIdentity;
  if (cached && cached.key === key) return cached.promise;
  const promise = configured ? loadConfiguredIdentity(configured, password) : loadOrCreateDevelopmentIdentity(env().DATA_DIR);
  const entry: CachedIdentity = { key, promise };
  globalForSigning.__charterSigningIdentity = entry;
  // A failure is not kept: the next call tries again (after the setting is fixed, say).
  promise.catch(() => {
    if (globalForSigning.__charterSigningIdentity === entry) delete globalForSigning.__charterSigningIdentity;
  });
  return promise;
}

async function loadConfiguredIdentity(value: string, password: string): Promise<SigningIdentity> {
  let bytes: Buffer;
  let source: string;
  if (fs.existsSync(value)) {
    source = `the file ${value}`;
    try {
      bytes = await fs.promises.readFile(value);
    } catch (error) {
      throw new Error(`SIGNING_P12: cannot read ${value}: ${(error as Error).message}`);
    }
  } else if (value.length >= 200 && /^[A-Za-z0-9+/=_\-\s]+$/.test(value)) {
    // Too long to be a path and all base64: a bundle given inline. Never echoed back.
    source = "the base64 value";
    bytes = Buffer.from(value, "base64");
  } else if (value.length < 200) {
    throw new Error(`SIGNING_P12: there is no file at "${value}", and the value is not the base64 of a .p12/.pfx bundle either`);
  } else {
    throw new Error("SIGNING_P12 is neither the path of a file nor the base64 of a .p12/.pfx bundle");
  }
  return identityFromP12(bytes, password, {
    notABundle: (why) => `SIGNING_P12: ${source} is not a PKCS#12 (.p12/.pfx) bundle (${why})`,
    wrongPassword: `SIGNING_P12_PASSWORD does not open the certificate bundle in SIGNING_P12 (${source}): wrong password?`,
    problem: (what) => `SIGNING_P12: ${source} ${what}`,
  });
}

interface P12Messages {
  notABundle: (why: string) => string;
  wrongPassword: string;
  problem: (what: string) => string;
}

/** Opens a bundle the way the signer will, so a bad one is refused before any document is signed. */
function identityFromP12(p12: Buffer, password: string, messages: P12Messages): SigningIdentity {
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(p12.toString("binary")));
  } catch (error) {
    throw new Error(messages.notABundle((error as Error).message));
  }
  let pfx: forge.pkcs12.Pkcs12Pfx;
  try {
    pfx = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (error) {
    const message = (error as Error).message;
    if (/MAC could not be verified|Invalid password|decrypt/i.test(message)) throw new Error(messages.wrongPassword);
    throw new Error(messages.notABundle(message));
  }
  // The signer reads the key from a shrouded (encrypted) key bag only, as every tool writes it.
  const keyBags = pfx.getBags({ bagType: SHROUDED_KEY_BAG })[SHROUDED_KEY_BAG] ?? [];
  const privateKey = keyBags[0]?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!privateKey) throw new Error(messages.problem("holds no (encrypted) private key"));
  if (!privateKey.n || !privateKey.e) throw new Error(messages.problem("holds a private key that is not RSA"));
  const certBags = pfx.getBags({ bagType: CERT_BAG })[CERT_BAG] ?? [];
  const certificate = certBags
    .map((bag) => bag.cert)
    .find((cert): cert is forge.pki.Certificate => {
      const publicKey = cert?.publicKey as forge.pki.rsa.PublicKey | undefined;
      return !!publicKey?.n && publicKey.n.equals(privateKey.n) && publicKey.e.equals(privateKey.e);
    });
  if (!certificate) throw new Error(messages.problem("holds no certificate for its private key"));
  return { p12, password, subject: subjectOf(certificate), fingerprint: fingerprintOf(certificate) };
}

function subjectOf(certificate: forge.pki.Certificate): string {
  return certificate.subject.attributes
    .map((attribute) => `${attribute.shortName ?? attribute.name ?? attribute.type}=${String(attribute.value)}`)
    .join(", ");
}

function fingerprintOf(certificate: forge.pki.Certificate): string {
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes(), "binary");
  return createHash("sha256").update(der).digest("hex").toUpperCase().match(/../g)!.join(":");
}

/**
 * The development certificate: read from DATA_DIR/signing/, made there the first time.
 *
 * Several processes may start at once (dev server and tests), so each file is written
 * to a temporary name and then hard-linked into place, which, unlike a rename, fails
 * when the file is already there: whoever comes second reads the winner's file. The
 * password is settled first; a bundle is only ever encrypted with the password on disk,
 * so a bundle from any process opens with it, and a process that died between the two
 * files is repaired by the next one.
 */
async function loadOrCreateDevelopmentIdentity(dataDir: string): Promise<SigningIdentity> {
  const dir = path.join(dataDir, "signing");
  const p12File = path.join(dir, DEV_FILE);
  const passwordFile = path.join(dir, DEV_PASSWORD_FILE);
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });

  let password = await readIfExists(passwordFile, "utf8");
  if (password === undefined) {
    await writeOnce(passwordFile, randomBytes(24).toString("base64url"));
    password = (await fs.promises.readFile(passwordFile, "utf8")).trim();
  } else {
    password = password.trim();
  }

  let p12 = await readIfExists(p12File);
  if (p12 === undefined) {
    await writeOnce(p12File, await createDevelopmentP12(password));
    p12 = await fs.promises.readFile(p12File);
  }
  return identityFromP12(p12, password, {
    notABundle: (why) => `The development signing certificate ${p12File} is damaged (${why}); delete it and its password file to make a new one`,
    wrongPassword: `The development signing certificate ${p12File} does not open with ${passwordFile}; delete both to make a new one`,
    problem: (what) => `The development signing certificate ${p12File} ${what}; delete it and its password file to make a new one`,
  });
}

async function readIfExists(file: string): Promise<Buffer | undefined>;
async function readIfExists(file: string, encoding: "utf8"): Promise<string | undefined>;
async function readIfExists(file: string, encoding?: "utf8"): Promise<Buffer | string | undefined> {
  try {
    return encoding ? await fs.promises.readFile(file, encoding) : await fs.promises.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Puts `data` at `file` whole, unless some other process already did (then theirs stays). */
async function writeOnce(file: string, data: string | Buffer): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  await fs.promises.writeFile(temp, data, { mode: 0o600, flag: "wx" });
  try {
    await fs.promises.link(temp, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EEXIST") {
      // No hard links on this file system: an exclusive create still never overwrites.
      await fs.promises.writeFile(file, data, { mode: 0o600, flag: "wx" }).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== "EEXIST") throw e;
      });
    }
  } finally {
    await fs.promises.rm(temp, { force: true });
  }
}

async function createDevelopmentP12(password: string): Promise<Buffer> {
  // node-forge hands RSA key generation to node:crypto when it can (fast, off the event loop).
  const keys = await new Promise<forge.pki.rsa.KeyPair>((resolve, reject) =>
    forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 }, (error, pair) => (error ? reject(error) : resolve(pair))),
  );
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = keys.publicKey;
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01; // positive, and no leading zero byte
  certificate.serialNumber = serial.toString("hex");
  const now = new Date();
  certificate.validity.notBefore = new Date(now.getTime() - 60 * 60 * 1000); // an hour of clock skew
  certificate.validity.notAfter = new Date(now);
  certificate.validity.notAfter.setFullYear(now.getFullYear() + 5);
  const subject = [
    { shortName: "CN", value: DEV_SUBJECT_CN },
    { shortName: "O", value: "Charter" },
  ];
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.setExtensions([
    { name: "basicConstraints", cA: false, critical: true },
    { name: "keyUsage", digitalSignature: true, nonRepudiation: true, critical: true },
    { name: "extKeyUsage", emailProtection: true, [OID_DOCUMENT_SIGNING]: true },
    { name: "subjectKeyIdentifier" },
  ]);
  certificate.sign(keys.privateKey, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [certificate], password, {
    algorithm: "aes256",
    friendlyName: DEV_SUBJECT_CN,
    generateLocalKeyId: true,
  });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary");
}

// ---------------------------------------------------------------------------
// Signing

/**
 * Signs a PDF with Charter's certificate: an invisible signature field on the first page,
 * covering the whole file. The document is rewritten (not appended to), so a signature
 * already in `pdf` would no longer hold; sign once, last.
 */
export async function signPdf(pdf: Uint8Array, meta: SignatureMeta): Promise<Uint8Array> {
  const identity = await signingIdentity();
  const signingTime = meta.signingTime ?? new Date();
  // updateMetadata: false keeps the producer and dates the document was made with.
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  pdflibAddPlaceholder({
    pdfDoc: document,
    reason: pdfText(meta.reason),
    name: pdfText(meta.name),
    location: pdfText(meta.location ?? ""),
    contactInfo: pdfText(meta.contactInfo ?? ""),
    signingTime,
    signatureLength: SIGNATURE_HEX_LENGTH,
    appName: "Charter",
  });
  // The placeholder is kept out of object streams either way; a classic cross-reference
  // table is simply what every validator reads.
  const prepared = await document.save({ useObjectStreams: false });
  const signer = new P12Signer(identity.p12, { passphrase: identity.password });
  const signed = await new SignPdf().sign(Buffer.from(prepared.buffer, prepared.byteOffset, prepared.byteLength), signer, signingTime);
  return new Uint8Array(signed.buffer, signed.byteOffset, signed.byteLength);
}

/**
 * A string as the inside of a PDF literal string. The placeholder helper writes the text it
 * is given between parentheses as it is, so a "(" or an "é" in a service's name would break
 * the signature dictionary: plain ASCII gets its backslashes and parentheses escaped, anything else becomes
 * UTF-16BE (with its byte-order mark) spelled out in octal escapes.
 */
function pdfText(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return value.replace(/[\\()]/g, "\\$&");
  const utf16be = Buffer.from(`\ufeff${value}`, "utf16le").swap16();
  return Array.from(utf16be, (byte) => `\\${byte.toString(8).padStart(3, "0")}`).join("");
}

export interface SignatureRange {
  /** [start of first part, its length, start of second part, its length]: everything but the signature itself. */
  byteRange: [number, number, number, number];
  /** Whether the signed bytes are the whole file but the signature, i.e. nothing was appended after signing. */
  coversWholeFile: boolean;
}

/**
 * The signatures' byte ranges found in a PDF, in file order (none for an unsigned one).
 * A cheap look at the bytes, not a verification: it tells a signed file from an unsigned
 * one, and one changed by appending after signing; use pdfsig (or a reader) to verify.
 */
export function signaturesOf(pdf: Uint8Array): SignatureRange[] {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString("latin1");
  const ranges: SignatureRange[] = [];
  for (const match of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const byteRange = [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4])] as SignatureRange["byteRange"];
    const [start, firstLength, second, secondLength] = byteRange;
    const coversWholeFile =
      start === 0 &&
      second > firstLength &&
      second + secondLength === pdf.byteLength &&
      text[firstLength] === "<" &&
      text[second - 1] === ">";
    ranges.push({ byteRange, coversWholeFile });
  }
  return ranges;
}
