/** Checking a PDF someone holds against Charter's agreed documents. Pure: the page checks before uploading, the server again. */

export const MAX_VERIFY_BYTES = 20 * 1024 * 1024;

export const TOO_LARGE = "That file is over 20 MB, more than this page accepts: Charter's documents are far smaller. Check that you chose the right file.";

/** Why a file cannot be checked, or null when it can: empty, too large, or not a PDF. */
export function uploadProblem(file: { size: number; name?: string } | null, head?: Uint8Array): string | null {
  if (!file || (file.size === 0 && !file.name)) return "Choose the PDF to check.";
  if (file.size === 0) return "That file is empty: choose the PDF you were sent.";
  if (file.size > MAX_VERIFY_BYTES) return TOO_LARGE;
  if (head && !isPdfHead(head)) return "That file is not a PDF: choose the PDF of the service definition.";
  return null;
}

/** PDF files start with "%PDF-" (some writers put a few bytes before it; the format allows 1,024). */
export function isPdfHead(head: Uint8Array): boolean {
  const text = new TextDecoder("latin1").decode(head.subarray(0, 1024));
  return text.includes("%PDF-");
}
