import { z } from "zod";

/** Building blocks for form schemas: friendly messages for a missing field as for a bad one. */
export function text(label: string, { max = 200, required = true }: { max?: number; required?: boolean } = {}) {
  const base = z
    .string({ error: required ? `Enter ${label}` : `${noun(label)} must be text` })
    .trim()
    .max(max, `${noun(label)} must be at most ${max} characters`);
  return required ? base.min(1, `Enter ${label}`) : base;
}

export function email(label = "an email address") {
  return z
    .string({ error: `Enter ${label}` })
    .trim()
    .toLowerCase()
    .min(1, `Enter ${label}`)
    .max(254, "An email address is at most 254 characters")
    .email("Enter a valid email address, like name@example.com");
}

/** An email that may be left empty (empty becomes null). */
export function optionalEmail() {
  return z
    .string({ error: "Enter a valid email address" })
    .trim()
    .toLowerCase()
    .max(254, "An email address is at most 254 characters")
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(z.email("Enter a valid email address, like name@example.com").nullable());
}

/** A uuid chosen from a list, or "" for none (becomes null). */
export function optionalId(message: string) {
  return z
    .string({ error: message })
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(z.uuid(message).nullable());
}

/** "a job title" → "Job title", for messages about the field itself. */
export function noun(label: string) {
  return capitalise(label.replace(/^(a|an|the|your)\s+/i, ""));
}

export function capitalise(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The first message per field, keyed by field path ("" for the form as a whole). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".");
    out[key] ??= issue.message;
  }
  return out;
}

/** Whether a value from a form or a URL is a well-formed id (what the database will accept as a uuid). */
export const isUuid = (value: unknown): value is string => typeof value === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/**
 * Form fields named by path ("events.0.kind", "values.sl-available") as the nested object the
 * form's schema reads, so a plain form post and react-hook-form's values parse alike. Numeric
 * segments make arrays; an array's gaps are left out. Keys naming both a value and an object keep
 * the object.
 */
export function nestFields(flat: Record<string, string | string[]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split(".");
    if (parts.some((p) => p === "" || p === "__proto__" || p === "constructor" || p === "prototype")) continue;
    let node: Record<string, unknown> = out;
    for (let i = 0; i < parts.length - 1; i += 1) {
      const part = parts[i]!;
      const nextIsIndex = /^\d{1,3}$/.test(parts[i + 1]!);
      const existing = node[part];
      if (existing === null || typeof existing !== "object") node[part] = nextIsIndex ? [] : {};
      node = node[part] as Record<string, unknown>;
    }
    const last = parts[parts.length - 1]!;
    if (node[last] === undefined || typeof node[last] !== "object") node[last] = value;
  }
  const compact = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.filter((x) => x !== undefined).map(compact);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, compact(x)]));
    return v;
  };
  return compact(out) as Record<string, unknown>;
}
