import { z } from "zod";
import { guideContentSchema, type GuideContent } from "./guide";

/** The JSON file a guide exports to and imports from. */
export const GUIDE_FILE_FORMAT = "charter.interview-guide";

export const guideFileSchema = z.object({
  format: z.literal(GUIDE_FILE_FORMAT, { error: `Not a Charter interview guide (expected "format": "${GUIDE_FILE_FORMAT}")` }),
  formatVersion: z.literal(1, { error: "This file was written by a newer Charter (formatVersion must be 1)" }),
  title: z.string({ error: "Enter a title" }).trim().min(1, "Enter a title").max(200, "At most 200 characters"),
  description: z.string().trim().max(2000, "At most 2000 characters").default(""),
  content: guideContentSchema,
});
export type GuideFile = z.output<typeof guideFileSchema>;

export function toGuideFile(guide: { title: string; description: string }, content: GuideContent): GuideFile {
  return { format: GUIDE_FILE_FORMAT, formatVersion: 1, title: guide.title, description: guide.description, content };
}

/** "content.sections[1].questions[0].settings.options[2].value" */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) out += typeof key === "number" ? `[${key}]` : `${out ? "." : ""}${String(key)}`;
  return out || "(the whole file)";
}

export type ParsedGuideFile = { ok: true; file: GuideFile } | { ok: false; errors: { path: string; message: string }[] };

/** Reads a guide file entirely before anything is written; every problem comes back with its JSON path. */
export function parseGuideFile(text: string): ParsedGuideFile {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    return { ok: false, errors: [{ path: "(the whole file)", message: `Not valid JSON: ${(error as Error).message}` }] };
  }
  const result = guideFileSchema.safeParse(json);
  if (result.success) return { ok: true, file: result.data };
  return {
    ok: false,
    errors: result.error.issues.slice(0, 50).map((i) => ({ path: jsonPath(i.path), message: i.message })),
  };
}
