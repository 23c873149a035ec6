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
