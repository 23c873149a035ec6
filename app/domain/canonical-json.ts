/**
 * Canonical JSON: object keys sorted by code point, no whitespace, Dates as ISO
 * strings, undefined object members dropped. The same content always gives the
 * same text, so the same hash.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(value: unknown): unknown {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : normalise(v)));
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`Cannot canonicalise the number ${value}`);
      return value;
    case "bigint":
      return value.toString();
    case "object": {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value as object).sort()) {
        const member = (value as Record<string, unknown>)[key];
        if (member !== undefined) out[key] = normalise(member);
      }
      return out;
    }
    default:
      throw new TypeError(`Cannot canonicalise a ${typeof value}`);
  }
}
