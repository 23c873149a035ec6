import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "./env.server";

/**
 * The secrets that sign session cookies, newest first (rotation: add a new one
 * in front, drop the oldest later). In production they come from SESSION_SECRET;
 * elsewhere one is generated once into the data folder and kept.
 */
export function sessionSecrets(): string[] {
  const fromEnv = (env().SESSION_SECRET ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (fromEnv.length > 0) return fromEnv;
  const file = path.join(env().DATA_DIR, "session-secret");
  try {
    return [fs.readFileSync(file, "utf8").trim()];
  } catch {
    fs.mkdirSync(env().DATA_DIR, { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      return [secret];
    } catch {
      // Another process wrote it first: use theirs.
      return [fs.readFileSync(file, "utf8").trim()];
    }
  }
}
