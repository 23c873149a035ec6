import fs from "node:fs";
import path from "node:path";
import { exportWorkspace } from "../app/models/backup-export.server";
import { BackupError } from "../app/models/backup.server";
import { env } from "../app/utils/env.server";
import { formatBytes, openForBackup, runBackupCommand } from "./lib/backup-cli";

/**
 * npm run db:export -- [file] [--no-secrets] [--force]
 * Writes the whole workspace (every table, and the files in DATA_DIR a restore needs) to one gzip'd
 * JSON-lines file that db:import loads into PGlite or PostgreSQL alike.
 */
runBackupCommand(async () => {
  const args = process.argv.slice(2);
  const flags = new Set(args.filter((a) => a.startsWith("--")));
  const unknown = [...flags].filter((f) => f !== "--no-secrets" && f !== "--force");
  const positional = args.filter((a) => !a.startsWith("--"));
  if (unknown.length || positional.length > 1) {
    throw new BackupError("Usage: npm run db:export -- [file] [--no-secrets] [--force]");
  }
  const file = positional[0] ?? `charter-${new Date().toISOString().slice(0, 10)}.jsonl.gz`;
  if (fs.existsSync(file) && !flags.has("--force")) {
    throw new BackupError(`${file} already exists: name another file, or add --force to overwrite it.`);
  }
  const e = env();
  if (!e.DATABASE_URL && !fs.existsSync(path.join(e.DATA_DIR, "pglite"))) {
    throw new BackupError(`There is no database in ${path.resolve(e.DATA_DIR, "pglite")}: set DATA_DIR (or DATABASE_URL) to the one to export.`);
  }
  const started = Date.now();
  const handle = await openForBackup(undefined, { migrate: false });
  const summary = await exportWorkspace({
    db: handle.db,
    file,
    dataDir: e.DATA_DIR,
    source: handle.driver,
    secrets: !flags.has("--no-secrets"),
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `Exported the workspace (${handle.driver}: ${handle.location}) to ${file}: ${summary.tables.length} tables, ` +
      `${summary.rows.toLocaleString("en-GB")} rows, ${summary.files.length} files from DATA_DIR, ${formatBytes(summary.bytes)}, in ${seconds} s.`,
  );
  const largest = [...summary.tables].sort((a, b) => b.rows - a.rows).slice(0, 6);
  console.log(`  Most rows: ${largest.map((t) => `${t.name} ${t.rows.toLocaleString("en-GB")}`).join(", ")}.`);
  const outbox = summary.files.filter((f) => f.startsWith("outbox/")).length;
  const keys = summary.files.filter((f) => !f.startsWith("outbox/"));
  if (summary.files.length) console.log(`  Files from DATA_DIR: ${[...keys, ...(outbox ? [`outbox/ (${outbox} messages)`] : [])].join(", ")}.`);
  const secrets = [
    ...(keys.some((f) => f.startsWith("signing/")) ? ["the PDF signing key and its password"] : []),
    ...(keys.includes("session-secret") ? ["the session secret"] : []),
  ];
  console.log(
    secrets.length
      ? `  Keep this file as safe as the server: besides the workspace's personal data and password hashes it holds ${secrets.join(" and ")} (--no-secrets leaves ${secrets.length > 1 ? "them" : "it"} out).`
      : "  Keep this file safe: it holds the workspace's personal data and password hashes. It holds no signing key or session secret: back up SIGNING_P12 and SESSION_SECRET (or DATA_DIR/signing/ and DATA_DIR/session-secret) apart.",
  );
});
