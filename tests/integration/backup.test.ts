import { createHash } from "node:crypto";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema";
import { agreedDocuments } from "../../db/schema";
import { db, dbHandle, defaultMigrationsFolder, type Db } from "../../app/db.server";
import { appendAudit, verifyAuditChain } from "../../app/models/audit.server";
import { BackupError, migrationJournal } from "../../app/models/backup.server";
import { exportWorkspace } from "../../app/models/backup-export.server";
import { importWorkspace } from "../../app/models/backup-import.server";
import { rowsOf } from "../../app/models/rows.server";
import { verifyUpload } from "../../app/models/verify.server";
import { closePdfPool } from "../../app/pdf/pool.server";
import { env } from "../../app/utils/env.server";
import { loadDemoWorkspace } from "../../db/seed/demo";
import { freshPostgresDatabase } from "../../scripts/fresh-database";
import { migrationsUpTo } from "../../scripts/lib/backup-cli";
import { hasPoppler } from "../support/poppler";

const serverUrl = process.env.DATABASE_URL;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "charter-backup-"));
const databases: string[] = [];
const closers: (() => Promise<unknown>)[] = [];

afterAll(async () => {
  for (const close of closers) await close().catch(() => {});
  if (serverUrl && databases.length) {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    for (const name of databases) await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`drop role if exists charter_backup_owner_${process.pid}`);
    await admin.end();
  }
  await closePdfPool();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A new, migrated database of the kind the tests run on: in-memory PGlite, or a new database on the server. */
async function freshDatabase(name: string): Promise<Db> {
  if (serverUrl) {
    databases.push(name);
    const client = postgres(await freshPostgresDatabase(serverUrl, name), { max: 2, onnotice: () => {} });
    closers.push(() => client.end());
    await migratePostgres(drizzlePostgres(client), { migrationsFolder: defaultMigrationsFolder() });
    return drizzlePostgres(client, { schema }) as unknown as Db;
  }
  const client = await PGlite.create({ extensions: { pg_trgm } });
  closers.push(() => client.close());
  await migratePglite(drizzlePglite(client), { migrationsFolder: defaultMigrationsFolder() });
  return drizzlePglite(client, { schema }) as unknown as Db;
}

/** Every table's row count and the MD5 of its rows (as text, in UTC, order left out). */
async function fingerprints(target: Db): Promise<Record<string, string>> {
  return target.transaction(async (tx) => {
    await tx.execute(sql`set local timezone = 'UTC'`);
    const tables = rowsOf<{ tablename: string }>(await tx.execute(sql`select tablename from pg_tables where schemaname = 'public' order by tablename`));
    const out: Record<string, string> = {};
    for (const { tablename } of tables) {
      const [row] = rowsOf<{ n: string | number; md5: string | null }>(
        await tx.execute(
          sql.raw(`select count(*) as n, md5(string_agg(h, ',' order by h collate "C")) as md5
                   from (select md5(row_to_json(t)::text) as h from "${tablename}" t) s`),
        ),
      );
      out[tablename] = `${Number(row!.n)} ${row!.md5 ?? "-"}`;
    }
    return out;
  });
}

const totalRows = (f: Record<string, string>) => Object.values(f).reduce((sum, v) => sum + Number(v.split(" ")[0]), 0);

interface DemoExport {
  file: string;
  before: Record<string, string>;
  pdfs: { versionId: string; pdf: Uint8Array; sha256: string }[];
  auditEvents: number;
}
let demo: Promise<DemoExport> | undefined;

/** The demo workspace, seeded into the test database and exported once for the whole file. */
function demoExport(): Promise<DemoExport> {
  demo ??= (async () => {
    await loadDemoWorkspace();
    const before = await fingerprints(db());
    const pdfs = (await db().select().from(agreedDocuments)).map((d) => ({ versionId: d.versionId, pdf: new Uint8Array(d.pdf), sha256: d.sha256 }));
    const file = path.join(dir, "demo.jsonl.gz");
    const started = Date.now();
    const summary = await exportWorkspace({ db: db(), file, dataDir: env().DATA_DIR, source: dbHandle()!.driver });
    console.log(`backup test: exported the demo (${summary.rows} rows, ${summary.bytes} bytes) in ${Date.now() - started} ms`);
    expect(summary.rows).toBe(totalRows(before));
    const audit = Number(before.audit_events!.split(" ")[0]);
    return { file, before, pdfs, auditEvents: audit };
  })();
  return demo;
}

const gunzipLines = (file: string) => zlib.gunzipSync(fs.readFileSync(file)).toString("utf8").split("\n");
const gzipLines = (file: string, lines: string[]) => fs.writeFileSync(file, zlib.gzipSync(lines.join("\n")));

/** The export with one row changed after it was written: it passes every structural check and fails the fingerprint. */
function alteredCopy(source: string): string {
  const lines = gunzipLines(source);
  const i = lines.findIndex((l) => l.includes('"name":"Branch Banking"') && l.includes('"kind":"business"'));
  expect(i).toBeGreaterThan(0);
  lines[i] = lines[i]!.replace('"name":"Branch Banking"', '"name":"Branch Banking (edited)"');
  const file = path.join(dir, "altered.jsonl.gz");
  gzipLines(file, lines);
  return file;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupError);
  return (error as Error).message;
}

describe("backups: db:export and db:import", () => {
  it("bring a workspace back row for row into a fresh database, with its audit chain intact and its counters carrying on", async () => {
    const { file, before, auditEvents } = await demoExport();
    const fresh = await freshDatabase(`charter_backup_${process.pid}_fresh`);

    // A file changed after export is refused in the loading transaction: the fresh database stays empty.
    expect(await refusal(importWorkspace({ db: fresh, file: alteredCopy(file) }))).toMatch(/Table services does not read back as the file holds it/);
    expect(totalRows(await fingerprints(fresh))).toBe(0);

    const started = Date.now();
    const summary = await importWorkspace({ db: fresh, file });
    console.log(`backup test: imported into a fresh ${serverUrl ? "PostgreSQL" : "PGlite"} database in ${Date.now() - started} ms`);
    expect(summary).toMatchObject({ rows: totalRows(before), replaced: false });
    expect(await fingerprints(fresh)).toEqual(before);
    expect(await verifyAuditChain(fresh)).toMatchObject({ ok: true, checked: auditEvents });

    // The audit trail still refuses changes, and new events follow on from the restored ones.
    await expect(fresh.execute(sql`delete from audit_events where seq = 1`)).rejects.toThrow();
    const next = await fresh.transaction((tx) =>
      appendAudit(tx, {
        kind: "business_unit.created",
        actor: { id: null, name: "Test", ip: "", userAgent: "" },
        subjectType: "business_unit",
        subjectId: "u1",
        payload: { name: "Restored", code: "RST" },
      }),
    );
    expect(next.seq).toBe(auditEvents + 1);
    expect(await verifyAuditChain(fresh)).toMatchObject({ ok: true, checked: auditEvents + 1 });

    // Without secrets the file leaves out the signing key and says so in its header.
    const withSecrets = JSON.parse(gunzipLines(file)[0]!) as { secrets: boolean };
    expect(withSecrets.secrets).toBe(true);
    const bare = path.join(dir, "bare.jsonl.gz");
    const summaryBare = await exportWorkspace({ db: fresh, file: bare, dataDir: env().DATA_DIR, source: "test", secrets: false });
    expect(summaryBare).toMatchObject({ secrets: false, rows: totalRows(before) + 1 });
    expect(summaryBare.files).toEqual([]);
    // Mail kept as files holds survey links, keys to someone's answers: it goes only with the secrets.
    const mailDir = path.join(dir, "with-outbox");
    fs.mkdirSync(path.join(mailDir, "outbox"), { recursive: true });
    fs.writeFileSync(path.join(mailDir, "outbox", "invitation.eml"), "Subject: Your survey\r\n\r\nhttp://localhost/s/secret-link\r\n");
    const mailBare = await exportWorkspace({ db: fresh, file: path.join(dir, "mail-bare.jsonl.gz"), dataDir: mailDir, source: "test", secrets: false });
    expect(mailBare.files).toEqual([]);
    const mailWhole = await exportWorkspace({ db: fresh, file: path.join(dir, "mail-whole.jsonl.gz"), dataDir: mailDir, source: "test", secrets: true });
    expect(mailWhole.files).toEqual(["outbox/invitation.eml"]);
    expect(gunzipLines(bare).some((l) => l.startsWith('{"$file":"signing/'))).toBe(false);
  }, 120_000);

  it("restores the signed PDFs byte for byte: the verify page recognises each, and its signature is valid", async () => {
    const { file, before, pdfs } = await demoExport();
    expect(pdfs.length).toBeGreaterThan(0);
    await importWorkspace({ db: db(), file, replace: true });
    expect(await fingerprints(db())).toEqual(before);

    for (const original of pdfs) {
      const verdict = await verifyUpload(original.pdf);
      expect(verdict.kind).toBe("match");
      if (verdict.kind !== "match") continue;
      expect(verdict.verification).toMatchObject({ versionId: original.versionId, service: "Branch Banking", number: 1 });
      expect(verdict.verification.people.map((p) => p.decision)).toEqual(verdict.verification.people.map(() => "approved"));

      const [restored] = rowsOf<{ pdf: string }>(await db().execute(sql`select encode(pdf, 'base64') as pdf from agreed_documents where version_id = ${original.versionId}`));
      const bytes = Buffer.from(restored!.pdf, "base64");
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(original.sha256);
      if (hasPoppler) {
        const pdfFile = path.join(dir, `${original.versionId}.pdf`);
        fs.writeFileSync(pdfFile, bytes);
        const { stdout } = await promisify(execFile)("pdfsig", [pdfFile]).catch((e: { stdout?: string }) => ({ stdout: String(e.stdout) }));
        expect(stdout).toContain("Signature is Valid.");
      }
    }
  }, 120_000);

  it("refuses a non-empty database without --replace, an altered or cut-short file, another kind of file and a newer schema, and changes nothing", async () => {
    const { file, before } = await demoExport();
    await importWorkspace({ db: db(), file, replace: true });

    expect(await refusal(importWorkspace({ db: db(), file }))).toMatch(/already holds a workspace .*Add --replace/);
    expect(await refusal(importWorkspace({ db: db(), file: alteredCopy(file), replace: true }))).toMatch(/does not read back/);

    const bytes = fs.readFileSync(file);
    const cut = path.join(dir, "cut.jsonl.gz");
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    expect(await refusal(importWorkspace({ db: db(), file: cut, replace: true }))).toMatch(/is cut short/);

    const lines = gunzipLines(file);
    const noTrailer = path.join(dir, "no-trailer.jsonl.gz");
    gzipLines(noTrailer, lines.slice(0, Math.floor(lines.length / 2)));
    expect(await refusal(importWorkspace({ db: db(), file: noTrailer, replace: true }))).toMatch(/is cut short/);

    const notOurs = path.join(dir, "notes.txt");
    fs.writeFileSync(notOurs, "name,email\nAda,ada@example.com\n");
    expect(await refusal(importWorkspace({ db: db(), file: notOurs, replace: true }))).toMatch(/is not a Charter export/);

    const newer = path.join(dir, "newer.jsonl.gz");
    const header = JSON.parse(lines[0]!) as { schema: { migration: string; index: number } };
    header.schema = { ...header.schema, migration: "9999_from_the_future", index: header.schema.index + 1 };
    gzipLines(newer, [JSON.stringify(header), ...lines.slice(1)]);
    expect(await refusal(importWorkspace({ db: db(), file: newer, replace: true }))).toMatch(/newer schema \(9999_from_the_future\)/);

    expect(await fingerprints(db())).toEqual(before);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  }, 120_000);

  it("run as commands: into a fresh PGlite data folder and back out byte for byte, then into PostgreSQL; a bad file is one line and exit 1", async () => {
    const { file, before, auditEvents } = await demoExport();
    const dataDir = path.join(dir, "data");
    const imported = await command("scripts/db-import.ts", [file], { DATA_DIR: dataDir });
    expect(imported.out).toContain(`Audit trail OK: ${auditEvents} events`);
    expect(imported.code).toBe(0);
    // The development signing certificate comes back, so the restored workspace signs as before.
    const p12 = "signing/charter-signing.p12";
    expect(fs.readFileSync(path.join(dataDir, p12)).equals(fs.readFileSync(path.join(env().DATA_DIR, p12)))).toBe(true);

    const out = path.join(dir, "from-pglite.jsonl.gz");
    const exported = await command("scripts/db-export.ts", [out], { DATA_DIR: dataDir });
    expect(exported.code).toBe(0);
    expect(exported.out).toMatch(/Exported the workspace \(pglite: .*\) to .*: \d+ tables, [\d,]+ rows, 2 files from DATA_DIR/);
    expect(exported.out).toContain("the PDF signing key and its password");
    expect(gunzipLines(out).slice(1)).toEqual(gunzipLines(file).slice(1));

    const cut = path.join(dir, "cut-for-command.jsonl.gz");
    fs.writeFileSync(cut, fs.readFileSync(file).subarray(0, 4000));
    const emptyDir = path.join(dir, "never-made");
    const bad = await command("scripts/db-import.ts", [cut], { DATA_DIR: emptyDir });
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/^\S+ is cut short .*\n$/);
    expect(fs.existsSync(emptyDir)).toBe(false);

    if (serverUrl) {
      // The PGlite export goes into a new PostgreSQL database, as a move off the embedded database would.
      const name = `charter_backup_${process.pid}_cmd`;
      databases.push(name);
      const url = await freshPostgresDatabase(serverUrl, name);
      const moved = await command("scripts/db-import.ts", [out], { DATABASE_URL: url, DATA_DIR: path.join(dir, "data-pg") });
      expect(moved.out).toContain(`Audit trail OK: ${auditEvents} events`);
      const client = postgres(url, { max: 1, onnotice: () => {} });
      closers.push(() => client.end());
      expect(await fingerprints(drizzlePostgres(client, { schema }) as unknown as Db)).toEqual(before);
    }
  }, 120_000);

  it.runIf(serverUrl)("exports a database as it is: one at an older schema is not migrated by a newer checkout's db:export", async () => {
    const name = `charter_backup_${process.pid}_older`;
    databases.push(name);
    const url = await freshPostgresDatabase(serverUrl!, name);
    const older = migrationsUpTo(migrationJournal().length - 3);
    const client = postgres(url, { max: 1, onnotice: () => {} });
    closers.push(() => client.end());
    try {
      await migratePostgres(drizzlePostgres(client), { migrationsFolder: older.folder });
    } finally {
      older.remove();
    }
    const applied = async () => Number((await client.unsafe(`select count(*)::int as n from drizzle.__drizzle_migrations`))[0]!.n);
    const before = await applied();
    const out = path.join(dir, "older.jsonl.gz");
    const exported = await command("scripts/db-export.ts", [out], { DATABASE_URL: url, DATA_DIR: path.join(dir, "data-older") });
    expect(exported.code, exported.out).toBe(0);
    expect(await applied()).toBe(before);
    const header = JSON.parse(gunzipLines(out)[0]!) as { schema: { migration: string } };
    expect(header.schema.migration).toBe(migrationJournal()[before - 1]!.tag);
  }, 120_000);

  it.runIf(serverUrl)("replaces a workspace on PostgreSQL as the ordinary role that owns the database, and leaves the audit trail's privileges revoked", async () => {
    const { file, before } = await demoExport();
    const role = `charter_backup_owner_${process.pid}`;
    const name = `charter_backup_${process.pid}_owner`;
    databases.push(name);
    const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.unsafe(`drop role if exists ${role}`);
      await admin.unsafe(`create role ${role} login nosuperuser`);
      await admin.unsafe(`create database "${name}" owner ${role}`);
    } finally {
      await admin.end();
    }
    const u = new URL(serverUrl!);
    u.username = role;
    u.password = "";
    u.pathname = `/${name}`;
    const client = postgres(u.toString(), { max: 2, onnotice: () => {} });
    closers.push(() => client.end());
    await migratePostgres(drizzlePostgres(client), { migrationsFolder: defaultMigrationsFolder() });
    const owner = drizzlePostgres(client, { schema }) as unknown as Db;

    await importWorkspace({ db: owner, file });
    await importWorkspace({ db: owner, file, replace: true });
    expect(await fingerprints(owner)).toEqual(before);
    expect(await verifyAuditChain(owner)).toMatchObject({ ok: true });
    const [privileges] = await client<{ truncate: boolean; del: boolean }[]>`
      select has_table_privilege('audit_events', 'TRUNCATE') as truncate, has_table_privilege('audit_events', 'DELETE') as del`;
    expect(privileges).toEqual({ truncate: false, del: false });
    await expect(client`delete from audit_events where seq = 1`).rejects.toThrow();
  }, 120_000);
});

/** Runs a script the way npm does, in its own process with a clean environment. */
function command(script: string, args: string[], extraEnv: Record<string, string>) {
  return new Promise<{ code: number; out: string }>((resolve) => {
    const { DATABASE_URL: _omit, ...base } = process.env;
    execFile(
      process.execPath,
      ["--import", "tsx", script, ...args],
      { env: { ...base, NODE_ENV: "development", ...extraEnv }, timeout: 90_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}
