import { describe, expect, it } from "vitest";
import { valueAt, withoutSecrets, withPosted } from "../../app/utils/form-values";
import { formDataToObject } from "../../app/utils/form.server";

describe("a form's starting values", () => {
  it("are its defaults until a post is refused", () => {
    const defaults = { name: "Retail", count: 3 };
    expect(withPosted(defaults, undefined)).toBe(defaults);
    expect(withPosted(defaults, {})).toBe(defaults);
  });

  it("take what was posted over the defaults, as the defaults' types", () => {
    const defaults = { name: "Retail", weight: 1, private: true, anonymous: false, stakeholderIds: ["a", "b"], levels: [] as string[] };
    const posted = { name: "Retail Banking", weight: "3", anonymous: "on", stakeholderIds: "b", levels: ["manager", "executive"] };
    // An unticked box and an emptied list are not posted at all: they start empty.
    expect(withPosted(defaults, posted)).toEqual({ name: "Retail Banking", weight: 3, private: false, anonymous: true, stakeholderIds: ["b"], levels: ["manager", "executive"] });
    expect(withPosted({ weight: 1 }, { weight: "" })).toEqual({ weight: "" });
    expect(defaults.stakeholderIds).toEqual(["a", "b"]);
  });

  it("follow dotted names into nested defaults, and keep flat ones flat", () => {
    const nested = { outcomes: [{ text: "one" }, { text: "two" }], period: "2026-10", values: { "l-1": "" } };
    expect(withPosted(nested, { "outcomes.0.text": "typed", period: "2026-09", "values.l-1": "99.1" })).toEqual({ outcomes: [{ text: "typed" }], period: "2026-09", values: { "l-1": "99.1" } });
    expect(withPosted({ "c0.name": "Value" }, { "c0.name": "Typed" })).toEqual({ "c0.name": "Typed" });
    expect(valueAt({ outcomes: [{ text: "a" }] }, "outcomes.0.text")).toBe("a");
    expect(valueAt({ "values.x": "flat" }, "values.x")).toBe("flat");
  });

  it("leave out another form's post and every password", () => {
    const defaults = { intent: "update", name: "Nina", active: true };
    expect(withPosted(defaults, { intent: "deactivate" })).toBe(defaults);
    expect(withPosted({ name: "Unit", code: "U" }, { intent: "archive" })).toEqual({ name: "Unit", code: "U" });
    expect(withPosted({}, { email: "a@b.example", password: "x", current: "y", next: "z", confirm: "z" })).toEqual({ email: "a@b.example" });
    expect(withoutSecrets({ email: "a@b.example", newPassword: "x", current: "y", ids: ["1", "2"] })).toEqual({ email: "a@b.example", ids: ["1", "2"] });
  });

  it("never reach an object's prototype, whatever a post names its fields", () => {
    const hostile = { email: "a@b.example", "__proto__.isAdmin": "yes", "constructor.prototype.polluted": "yes", __proto__: "x", "outcomes.__proto__.x": "y" };
    const posted = JSON.parse(JSON.stringify(hostile)) as Record<string, string>;
    const out = withPosted({ email: "", password: "", redirectTo: "" }, posted);
    expect(out).toEqual({ email: "a@b.example", password: "", redirectTo: "" });
    expect(withPosted(undefined, posted)).toEqual({ email: "a@b.example" });
    expect(withoutSecrets(posted)).toEqual({ email: "a@b.example" });
    expect(valueAt({ a: 1 }, "constructor")).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const form = new FormData();
    form.append("__proto__", "x");
    form.append("__proto__", "y");
    form.append("name", "Retail");
    const object = formDataToObject(form);
    expect(object).toEqual({ name: "Retail" });
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
  });
});
