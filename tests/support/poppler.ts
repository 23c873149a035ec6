import { spawnSync } from "node:child_process";

/**
 * Whether Debian's poppler-utils (pdftotext, pdfinfo, pdfsig) is here: the tests that read PDFs
 * back with it are skipped on a machine without it (`npm test` on a fresh clone), and CI, which
 * installs it, sets CHARTER_REQUIRE_POPPLER=1 so they can never be skipped there.
 */
export const hasPoppler = ["pdftotext", "pdfinfo", "pdfsig"].every((tool) => spawnSync(tool, ["-v"]).status === 0);

if (!hasPoppler && process.env.CHARTER_REQUIRE_POPPLER === "1") {
  throw new Error("poppler-utils is required here (pdftotext, pdfinfo, pdfsig): apt-get install poppler-utils");
}
