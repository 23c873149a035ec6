import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../app/domain/canonical-json";

describe("canonicalJson", () => {
  it("gives the same text whatever the key order", () => {
    const a = { b: 1, a: { d: [1, { z: 1, y: 2 }], c: "x" } };
    const b = { a: { c: "x", d: [1, { y: 2, z: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it("writes dates as ISO strings and drops undefined members", () => {
    expect(canonicalJson({ at: new Date("2026-11-23T08:00:00Z"), gone: undefined })).toBe('{"at":"2026-11-23T08:00:00.000Z"}');
  });

  it("refuses values JSON cannot carry faithfully", () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });

  it("gives the same text, and so the same hash, however the JSON was laid out or its keys ordered", () => {
    const shuffle = (v: unknown, seed: number): unknown =>
      Array.isArray(v) ? v.map((x) => shuffle(x, seed)) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).sort(() => (seed % 2 ? 1 : -1)).map(([k, x]) => [k, shuffle(x, seed + 1)])) : v;
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 3 }), fc.nat(100), (value, indent, seed) => {
        const laidOut = JSON.parse(JSON.stringify(shuffle(value, seed), null, indent)) as unknown;
        expect(canonicalJson(laidOut)).toBe(canonicalJson(value));
      }),
    );
  });
});

