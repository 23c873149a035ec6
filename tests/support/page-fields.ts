import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { parseHtml } from "./xss-html";

/**
 * The production server build (build/index.js, made by `npm test`'s pretest `remix build`) as a
 * request handler in this process, so pages are drawn from the test's database: the HTML a
 * browser receives, before any JavaScript runs.
 */
export async function loadBuiltApp(): Promise<(request: Request) => Promise<Response>> {
  const file = path.resolve("build/index.js");
  if (!fs.existsSync(file)) throw new Error("run `npm run build` before this test (npm test does)");
  const build = (await import(pathToFileURL(file).href)) as ServerBuild;
  const handle = createRequestHandler(build, "production");
  return (request) => handle(request, { cspNonce: "test-nonce", clientIp: "127.0.0.1" });
}

export interface PageField {
  tag: "input" | "textarea" | "select";
  name: string;
  type: string;
  /** What the browser would submit for it (a select: its selected option, or its first). */
  value: string;
  /** Radios and checkboxes: ticked as the page arrives. */
  checked: boolean;
  disabled: boolean;
  /** Marked aria-invalid, and the ids of what describes it (its help and message). */
  invalid: boolean;
  describedBy?: string;
}

/** The named form fields of a page as the browser builds them from the HTML, before any script runs. */
export function pageFields(html: string): PageField[] {
  const { tags } = parseHtml(html);
  const fields: PageField[] = [];
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i]!;
    if (tag.name !== "input" && tag.name !== "textarea" && tag.name !== "select") continue;
    const attrs = new Map(tag.attrs);
    const name = attrs.get("name");
    if (!name) continue;
    const common = { disabled: attrs.has("disabled"), invalid: attrs.get("aria-invalid") === "true", describedBy: attrs.get("aria-describedby") };
    if (tag.name === "input") {
      const type = (attrs.get("type") ?? "text").toLowerCase();
      fields.push({ tag: "input", name, type, value: attrs.get("value") ?? (type === "checkbox" || type === "radio" ? "on" : ""), checked: attrs.has("checked"), ...common });
    } else if (tag.name === "textarea") {
      // The HTML parser drops one newline straight after <textarea>.
      fields.push({ tag: "textarea", name, type: "textarea", value: (tag.content ?? "").replace(/^\r?\n/, ""), checked: false, ...common });
    } else {
      const options: Map<string, string>[] = [];
      for (let j = i + 1; j < tags.length && (tags[j]!.name === "option" || tags[j]!.name === "optgroup"); j++) if (tags[j]!.name === "option") options.push(new Map(tags[j]!.attrs));
      const chosen = options.find((o) => o.has("selected")) ?? options[0];
      fields.push({ tag: "select", name, type: "select", value: chosen?.get("value") ?? "", checked: false, ...common });
    }
  }
  return fields;
}

/** What the page's forms would send as they stand: text-like fields by name, and the ticked radios and checkboxes (disabled ones send nothing). */
export function shownValues(fields: PageField[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of fields) {
    if (f.disabled || ((f.type === "checkbox" || f.type === "radio") && !f.checked)) continue;
    if (f.type === "submit" || f.type === "button") continue;
    out.set(f.name, [...(out.get(f.name) ?? []), f.value]);
  }
  return out;
}
