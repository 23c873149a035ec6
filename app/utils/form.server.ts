import { json } from "@remix-run/node";
import type { z } from "zod";
import { fieldErrors } from "../domain/fields";
import { AppError } from "../models/errors.server";

export type FormErrors = Record<string, string>;
export interface ActionErrors {
  errors: FormErrors;
  formError?: string;
}

export class BadRequest extends Error {}

/** Form fields as plain values; repeated keys become arrays. NUL characters (refused by PostgreSQL) are dropped. */
export function formDataToObject(formData: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of formData) {
    if (typeof value !== "string") continue;
    const clean = value.replace(/\u0000/g, "");
    const prev = out[key];
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
 * used too). On failure it returns the field messages for a 400 response.
 */
export async function parseForm<S extends z.ZodType>(
  request: Request,
  schema: S,
  formData?: FormData,
): Promise<{ ok: true; data: z.output<S> } | { ok: false; errors: FormErrors }> {
  const data = formDataToObject(formData ?? (await readFormData(request)));
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: fieldErrors(result.error) };
}

export function badRequest(errors: FormErrors, formError?: string) {
  return json<ActionErrors>({ errors, formError }, { status: 400 });
}

/** Turns a model's AppError into the page's 4xx answer (field message when it names a field). */
export function appErrorResponse(error: unknown) {
  if (!(error instanceof AppError)) throw error;
  if (error.status === 404) throw new Response(error.message, { status: 404 });
  return json<ActionErrors>(
    { errors: error.field ? { [error.field]: error.message } : {}, formError: error.field ? undefined : error.message },
    { status: error.status },
  );
}
