/**
 * What a form shows before JavaScript runs: its defaults, or what was posted when the server
 * refused it. Shared by the server (which echoes a refused post) and the form hook (which draws it).
 */

/** Fields never sent back to the page: passwords, whatever their form calls them. */
export const SECRET_FIELD = /password|^current$|^next$|^confirm$/i;

export type PostedValues = Record<string, string | string[]>;

/** Names that would reach an object's prototype if used as a path: never taken from a post. */
const UNSAFE_PART = new Set(["__proto__", "constructor", "prototype"]);
const safeName = (name: string) => !name.split(".").some((part) => UNSAFE_PART.has(part));

/** A posted form without its secrets, to send back with a refusal. */
export function withoutSecrets(values: Record<string, unknown>): PostedValues {
  const out: PostedValues = {};
  for (const [key, value] of Object.entries(values)) {
    if (SECRET_FIELD.test(key) || !safeName(key)) continue;
    if (typeof value === "string") out[key] = value;
    else if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === "string");
  }
  return out;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === "object" && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clone) as T;
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)])) as T;
  return value;
}

/** A field's value: the flat key first (`values.x` as one name), then the nested path, as react-hook-form reads it. */
export function valueAt(values: Record<string, unknown> | undefined, name: string): unknown {
  if (!values) return undefined;
  if (Object.hasOwn(values, name)) return values[name];
  let at: unknown = values;
  for (const part of name.split(".")) {
    if (at === null || typeof at !== "object" || !Object.hasOwn(at, part)) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

function setPath(target: Record<string, unknown>, parts: string[], value: unknown) {
  let at: Record<string, unknown> = target;
  parts.forEach((part, i) => {
    if (i === parts.length - 1) {
      at[part] = value;
      return;
    }
    const next = Object.hasOwn(at, part) ? at[part] : undefined;
    if (next === null || typeof next !== "object") at[part] = /^\d+$/.test(parts[i + 1]!) ? [] : {};
    at = at[part] as Record<string, unknown>;
  });
}

function coerce(posted: string | string[], like: unknown): unknown {
  if (Array.isArray(like)) return Array.isArray(posted) ? posted : [posted];
  const one = Array.isArray(posted) ? (posted[posted.length - 1] ?? "") : posted;
  if (typeof like === "boolean") return one !== "" && one !== "false";
  if (typeof like === "number" && one.trim() !== "" && Number.isFinite(Number(one))) return Number(one);
  return posted;
}

/**
 * The form's starting values: its defaults, with what was posted over them when the server sent
 * the post back refused. A post from another form on the page (another intent, or no field in
 * common) is left out. Boxes left unticked and rows removed are not posted at all, so a posted
 * form starts its ticks and lists empty.
 */
export function withPosted(defaults: Record<string, unknown> | undefined, posted: Record<string, unknown> | null | undefined): Record<string, unknown> {
  const base = defaults ?? {};
  if (!posted || Object.keys(posted).length === 0) return base;
  const top = (key: string) => key.split(".")[0]!;
  if (typeof base.intent === "string" && typeof posted.intent === "string" && base.intent !== posted.intent) return base;
  const keys = Object.keys(base);
  if (keys.length > 0 && !Object.keys(posted).some((k) => Object.hasOwn(base, k) || keys.includes(top(k)))) return base;
  const out = clone(base);
  for (const [key, value] of Object.entries(out)) {
    if (typeof value === "boolean") out[key] = false;
    else if (Array.isArray(value)) out[key] = [];
  }
  for (const [key, value] of Object.entries(posted)) {
    if (SECRET_FIELD.test(key) || !safeName(key) || (typeof value !== "string" && !Array.isArray(value))) continue;
    const like = valueAt(base, key);
    const coerced = coerce(value as string | string[], like);
    if (Object.hasOwn(out, key) || !key.includes(".")) out[key] = coerced;
    else setPath(out, key.split("."), coerced);
  }
  return out;
}
