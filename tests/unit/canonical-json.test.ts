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
});
