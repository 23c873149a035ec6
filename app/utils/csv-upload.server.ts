import { json, type TypedResponse } from "@remix-run/node";
import { appErrorResponse, readFormData } from "./form.server";

/** A CSV sent as a file or pasted into a textarea, whichever the form carries, within a size limit. */
export async function csvFrom(formData: FormData, maxBytes: number): Promise<{ content: string; fileName: string } | { error: string }> {
  const file = formData.get("file");
  const pasted = formData.get("content");
  const limit = `${(maxBytes / 1_000_000).toLocaleString("en-GB", { maximumFractionDigits: 1 })} MB`;
  if (file && typeof file !== "string" && file.size > 0) {
    if (file.size > maxBytes) return { error: `The file is larger than ${limit}.` };
    return { content: await file.text(), fileName: file.name || "upload.csv" };
  }
  if (typeof pasted === "string" && pasted.trim() !== "") {
    if (pasted.length > maxBytes) return { error: `The text is larger than ${limit}.` };
    return { content: pasted, fileName: String(formData.get("fileName") ?? "") || "pasted text" };
  }
  return { error: "Choose a CSV file, or paste its contents." };
}

export type CsvImportData<P> = { step: "error"; message: string } | { step: "preview"; content: string; fileName: string; preview: P };

/**
 * An import page's action: read the CSV (file or pasted); on "import", run it (a refusal comes back
 * as the page's message, nothing imported); otherwise check it and show every row.
 */
export async function csvImportAction<P extends { ok: boolean; errorCount?: number }>(
  request: Request,
  { maxBytes, preview, run }: { maxBytes: number; preview: (content: string) => Promise<P>; run: (content: string) => Promise<TypedResponse<never>> },
) {
  const formData = await readFormData(request);
  const source = await csvFrom(formData, maxBytes);
  if ("error" in source) return json<CsvImportData<P>>({ step: "error", message: source.error }, { status: 400 });
  if (formData.get("intent") === "import") {
    try {
      return await run(source.content);
    } catch (error) {
      const response = appErrorResponse(error);
      const body = (await response.json()) as { errors: Record<string, string>; formError?: string };
      return json<CsvImportData<P>>({ step: "error", message: body.errors.file ?? body.formError ?? "Nothing was imported." }, { status: 400 });
    }
  }
  const checked = await preview(source.content);
  return json<CsvImportData<P>>({ step: "preview", content: source.content, fileName: source.fileName, preview: checked }, { status: checked.ok && !checked.errorCount ? 200 : 400 });
}
