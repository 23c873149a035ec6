import { saveRequestSchema, type SaveRequest, type SaveResponse } from "../domain/answers";

/** An autosave's JSON body, checked; or why it cannot be read (a 400). Shared by the interview runner and the survey page. */
export async function readSaveRequest(request: Request): Promise<{ ok: true; data: SaveRequest } | { ok: false; message: string }> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return { ok: false, message: "The answers could not be read." };
  }
  const parsed = saveRequestSchema.safeParse(body);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "The answers could not be read." };
  return { ok: true, data: parsed.data };
}

/** The status an autosave answers with: gone, refused or in conflict, an answer that does not fit, or all saved. */
export function saveStatus(response: SaveResponse): number {
  if (response.error === "not_found") return 404;
  if (response.error === "not_running" || response.results.some((r) => r.status === "conflict")) return 409;
  if (response.results.some((r) => r.status === "invalid")) return 422;
  return 200;
}
