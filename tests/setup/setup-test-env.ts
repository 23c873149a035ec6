import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, vi } from "vitest";

process.env.NODE_ENV = "test";
process.env.SESSION_SECRET ??= "test-secret-that-is-long-enough-for-charter";
process.env.DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "charter-test-"));

// A test that makes the app log an error fails: errors are bugs until shown otherwise.
let errors: unknown[][] = [];
const original = console.error;
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.mocked(console.error).mockRestore();
  console.error = original;
  if (errors.length > 0) {
    const first = errors[0]!.map((a) => (a instanceof Error ? a.stack : String(a))).join(" ");
    throw new Error(`console.error was called ${errors.length} time(s) during the test: ${first}`);
  }
});
