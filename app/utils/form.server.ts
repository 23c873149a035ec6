import { json } from "@remix-run/node";
import type { z } from "zod";
import { fieldErrors } from "../domain/fields";
import { AppError } from "../models/errors.server";
import { withoutSecrets, type PostedValues } from "./form-values";

export type FormErrors = Record<string, string>;
export interface ActionErrors {
  errors: FormErrors;
  formError?: string;
  /** What was posted (never a password), so the page drawn again, even without JavaScript, keeps it. */
  values?: PostedValues;
}

export class BadRequest extends Error {}

/** Form fields as plain values; repeated keys become arrays. NUL characters (refused by PostgreSQL) are dropped. */
export function formDataToObject(formData: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of formData) {
    // A field named like an object's own machinery is nobody's field.
    if (typeof value !== "string" || key === "__proto__" || key === "constructor" || key === "prototype") continue;
    const clean = value.replace(/\u0000/g, "");
    const prev = Object.hasOwn(out, key) ? out[key] : undefined;
    out[key] = prev === undefined ? clean : Array.isArray(prev) ? [...prev, clean] : [prev, clean];
  }
  return out;
}

/**
 * Whether any text in a value holds what PostgreSQL refuses to store: a NUL, or
 * half of a surrogate pair (both come through JSON, e.g. an imported file).
 */
export function holdsUnsavableText(value: unknown): boolean {
  if (typeof value === "string") return /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
  if (Array.isArray(value)) return value.some(holdsUnsavableText);
  if (value && typeof value === "object") return Object.entries(value).some(([k, v]) => holdsUnsavableText(k) || holdsUnsavableText(v));
  return false;
}

export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw json<ActionErrors>({ errors: {}, formError: "The form could not be read. Please try again." }, { status: 400 });
  }
}

/**
 * Parses a request's form with the form's own zod schema (the one the browser
 * used too). On failure it returns the field messages for a 400 response, and what was posted
 * (passwords left out) for the page to show again.
 */
export async function parseForm<S extends z.ZodType>(
  request: Request,
  schema: S,
  formData?: FormData,
): Promise<{ ok: true; data: z.output<S>; values: PostedValues } | { ok: false; errors: FormErrors; values: PostedValues }> {
  const data = formDataToObject(formData ?? (await readFormData(request)));
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, data: result.data, values: withoutSecrets(data) };
  return { ok: false, errors: fieldErrors(result.error), values: withoutSecrets(data) };
}

/** A refused post: field messages, a message for the whole form, and what was posted (passwords left out). */
export function badRequest(errors: FormErrors, formError?: string, values?: Record<string, unknown>) {
  return json<ActionErrors>({ errors, formError, values: values ? withoutSecrets(values) : undefined }, { status: 400 });
}

/** Turns a model's AppError into the page's 4xx answer (field message when it names a field, and what was posted). */
export function appErrorResponse(error: unknown, values?: Record<string, unknown>) {
  if (!(error instanceof AppError)) throw error;
  if (error.status === 404) throw new Response(error.message, { status: 404 });
  return json<ActionErrors>(
    { errors: error.field ? { [error.field]: error.message } : {}, formError: error.field ? undefined : error.message, values: values ? withoutSecrets(values) : undefined },
    { status: error.status },
  );
}
