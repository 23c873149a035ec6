import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, sessions, stakeholders, users } from "../../db/schema";
import { db } from "../../app/db.server";
import * as login from "../../app/routes/login";
import * as password from "../../app/routes/account.password";
import * as home from "../../app/routes/_index";
import * as newUser from "../../app/routes/admin.users.new";
import * as editUser from "../../app/routes/admin.users.$userId";
import * as newUnit from "../../app/routes/admin.units.new";
import * as importRoute from "../../app/routes/stakeholders.import";
import * as newStakeholder from "../../app/routes/stakeholders.new";
import { cookieFor, makeStakeholder, makeUnit, makeUser } from "../support/factories";
import { call, jsonOf } from "../support/routes";

async function admin() {
  const user = await makeUser("admin");
  return { user, cookie: await cookieFor(user.id) };
}

describe("users", () => {
  it("are created with a one-time password that must be changed at first sign-in", async () => {
    const { cookie } = await admin();
    const unit = await makeUnit({ name: "Finance", code: "FIN" });
    const created = await call(newUser, "action", {
      path: "/admin/users/new",
      cookie,
      form: { name: "Dana Fox", email: "Dana.Fox@Example.com ", title: "Controller", role: "business_lead", businessUnitId: unit.id },
    });
    expect(created.status).toBe(200);
    const { created: info } = await jsonOf<{ created: { oneTimePassword: string; id: string } }>(created);
    expect(info.oneTimePassword).toMatch(/^[a-z2-9-]{19}$/);
    const [row] = await db().select().from(users).where(eq(users.id, info.id));
    expect(row).toMatchObject({ email: "dana.fox@example.com", role: "business_lead", businessUnitId: unit.id, mustChangePassword: true });
    expect(row!.passwordHash).not.toContain(info.oneTimePassword);

    const signIn = await call(login, "action", { path: "/login", form: { email: "dana.fox@example.com", password: info.oneTimePassword } });
    expect(signIn.headers.get("location")).toBe("/account/password");
    const session = signIn.headers.get("set-cookie")!.split(";")[0]!;
    const elsewhere = await call(home, "loader", { path: "/", cookie: session });
    expect(elsewhere.headers.get("location")).toBe("/account/password");

    const weak = await call(password, "action", { path: "/account/password", cookie: session, form: { current: info.oneTimePassword, next: "short", confirm: "short" } });
    expect((await jsonOf(weak)).errors).toEqual({ next: "Use at least 12 characters" });
    const changed = await call(password, "action", {
      path: "/account/password",
      cookie: session,
      form: { current: info.oneTimePassword, next: "a long new passphrase", confirm: "a long new passphrase" },
    });
    expect(changed.headers.get("location")).toBe("/");
    const fresh = changed.headers.get("set-cookie")!.split(";")[0]!;
    expect((await call(home, "loader", { path: "/", cookie: fresh })).status).toBe(200);
    // The one-time session was replaced.
    expect((await call(home, "loader", { path: "/", cookie: session })).status).toBe(302);
  });

  it("refuse a duplicate email and a business lead without a unit, with field messages", async () => {
    const { cookie } = await admin();
    const other = await makeUser("executive");
    const dup = await call(newUser, "action", { path: "/admin/users/new", cookie, form: { name: "X", email: other.email, role: "executive" } });
    expect(dup.status).toBe(400);
    expect((await jsonOf(dup)).errors).toEqual({ email: "A user with this email already exists" });
    const lead = await call(newUser, "action", { path: "/admin/users/new", cookie, form: { name: "Y", email: "y@example.com", role: "business_lead" } });
    expect((await jsonOf(lead)).errors).toEqual({ businessUnitId: expect.stringContaining("business lead needs") });
  });

  it("change role and unit, with the changes in the audit trail", async () => {
    const { cookie } = await admin();
    const target = await makeUser("executive");
    const unit = await makeUnit();
    const response = await call(editUser, "action", {
      path: `/admin/users/${target.id}`,
      params: { userId: target.id },
      cookie,
      form: { intent: "update", name: target.name, title: "COO", role: "business_lead", businessUnitId: unit.id },
    });
    expect(response.status).toBe(302);
    const [event] = await db().select().from(auditEvents).where(eq(auditEvents.kind, "user.updated"));
    expect(event!.payload).toEqual({
      changes: {
        title: { from: "", to: "COO" },
        role: { from: "executive", to: "business_lead" },
        businessUnitId: { from: null, to: unit.id },
      },
    });
  });

  it("when deactivated are signed out at once; the last admin cannot be removed", async () => {
    const { user: me, cookie } = await admin();
    const target = await makeUser("relationship_manager");
    const theirs = await cookieFor(target.id);
    const off = await call(editUser, "action", { path: `/admin/users/${target.id}`, params: { userId: target.id }, cookie, form: { intent: "deactivate" } });
    expect(off.status).toBe(302);
    expect(await db().select().from(sessions).where(eq(sessions.userId, target.id))).toHaveLength(0);
    expect((await call(home, "loader", { path: "/", cookie: theirs })).status).toBe(302);

    const self = await call(editUser, "action", { path: `/admin/users/${me.id}`, params: { userId: me.id }, cookie, form: { intent: "deactivate" } });
    expect((await jsonOf(self)).formError).toBe("You cannot deactivate yourself");
    const demote = await call(editUser, "action", {
      path: `/admin/users/${me.id}`,
      params: { userId: me.id },
      cookie,
      form: { intent: "update", name: me.name, title: "", role: "executive", businessUnitId: "" },
    });
    expect((await jsonOf(demote)).formError).toMatch(/last active admin/);
  });
});

describe("stakeholder import", () => {
  const csv = (rows: string[]) => ["name,title,level,unit,email", ...rows].join("\n");

  it("previews, then writes every row in one go with one audit event", async () => {
    const { cookie } = await admin();
    await makeUnit({ name: "Retail Banking", code: "RB" });
    const content = csv(["Ada Park,Teller,Front line,RB,ada@example.com", "Bo Li,Branch manager,Manager,Retail Banking,"]);
    const preview = await call(importRoute, "action", { path: "/stakeholders/import", cookie, form: { intent: "preview", content } });
    expect(preview.status).toBe(200);
    expect(await db().select().from(stakeholders)).toHaveLength(0);
    const done = await call(importRoute, "action", { path: "/stakeholders/import", cookie, form: { intent: "import", content } });
    expect(done.status).toBe(302);
    expect((await db().select().from(stakeholders)).map((s) => s.name).sort()).toEqual(["Ada Park", "Bo Li"]);
    const events = await db().select().from(auditEvents).where(eq(auditEvents.kind, "stakeholders.imported"));
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ count: 2 });
  });

  it("writes nothing when any row is bad, even if posted straight to import", async () => {
    const { cookie } = await admin();
    await makeUnit({ name: "Retail Banking", code: "RB" });
    const content = csv(["Ada Park,Teller,Front line,RB,ada@example.com", "Bo Li,,Manager,Atlantis,"]);
    const response = await call(importRoute, "action", { path: "/stakeholders/import", cookie, form: { intent: "import", content } });
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).message).toBe("1 row has errors; nothing was imported");
    expect(await db().select().from(stakeholders)).toHaveLength(0);
  });

  it("explains files that are not CSV, empty, or have unknown columns", async () => {
    const { cookie } = await admin();
    const upload = async (bytes: Uint8Array<ArrayBuffer> | string, name = "people.csv") => {
      const form = new FormData();
      form.set("intent", "preview");
      form.set("file", new File([bytes], name, { type: "text/csv" }));
      const response = await call(importRoute, "action", { path: "/stakeholders/import", cookie, form });
      return { status: response.status, body: await jsonOf<{ step: string; preview?: { fileError?: string }; message?: string }>(response) };
    };
    const png = await upload(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), "photo.png");
    expect(png.status).toBe(400);
    expect(png.body.preview?.fileError).toBe("This file is not a CSV text file.");
    expect((await upload("")).body.message).toBe("Choose a CSV file, or paste its contents.");
    expect((await upload("name,unit,favourite colour\nA,RB,blue")).body.preview?.fileError).toContain('Unknown column: "favourite colour"');
    expect((await upload("x".repeat(1_000_001))).body.message).toContain("larger than 1 MB");
    expect(await db().select().from(stakeholders)).toHaveLength(0);
  });
});

describe("bad input", () => {
  it("gets 400 with field messages for missing fields, wrong types and 1 MB strings", async () => {
    const { cookie } = await admin();
    const unit = await makeUnit();
    const huge = "x".repeat(1_000_000);
    const missing = await call(newStakeholder, "action", { path: "/stakeholders/new", cookie, form: {} });
    expect(missing.status).toBe(400);
    expect((await jsonOf(missing)).errors).toMatchObject({ name: "Enter a name", level: "Choose a level", businessUnitId: expect.any(String) });
    const big = await call(newStakeholder, "action", {
      path: "/stakeholders/new",
      cookie,
      form: { name: huge, title: huge, level: "manager", businessUnitId: unit.id, email: huge },
    });
    expect(big.status).toBe(400);
    expect((await jsonOf(big)).errors).toMatchObject({ name: "Name must be at most 120 characters", title: expect.stringContaining("at most 120") });
    const arrays = await call(newUnit, "action", { path: "/admin/units/new", cookie, form: { name: ["a", "b"], code: "X" } });
    expect(arrays.status).toBe(400);
    expect((await jsonOf(arrays)).errors).toHaveProperty("name");
    const nul = await call(newUnit, "action", { path: "/admin/units/new", cookie, form: { name: "Nul\u0000 unit", code: "NUL" } });
    expect(nul.status).toBe(302);
  });

  it("gets 400 for an unknown business unit id and 404 for an unknown or malformed record id", async () => {
    const { cookie } = await admin();
    const ghost = "7f1d6f0e-4b8e-4b0e-9a55-3f0f3c1b2a11";
    const unknownUnit = await call(newStakeholder, "action", {
      path: "/stakeholders/new",
      cookie,
      form: { name: "A", level: "manager", businessUnitId: ghost },
    });
    expect(unknownUnit.status).toBe(400);
    expect((await jsonOf(unknownUnit)).errors).toEqual({ businessUnitId: "That business unit no longer exists" });
    for (const userId of [ghost, "not-an-id", "1; drop table users"]) {
      const response = await call(editUser, "loader", { path: `/admin/users/${userId}`, params: { userId }, cookie });
      expect(response.status).toBe(404);
    }
    const post = await call(editUser, "action", { path: `/admin/users/${ghost}`, params: { userId: ghost }, cookie, form: { intent: "deactivate" } });
    expect(post.status).toBe(404);
    const unknownIntent = await call(editUser, "action", { path: `/admin/users/${ghost}`, params: { userId: ghost }, cookie, form: { intent: "explode" } });
    expect(unknownIntent.status).toBe(400);
  });

  it("keeps a stakeholder email unique, whatever its case", async () => {
    const { cookie } = await admin();
    const unit = await makeUnit();
    await makeStakeholder(unit.id, { email: "same@example.com" });
    const response = await call(newStakeholder, "action", {
      path: "/stakeholders/new",
      cookie,
      form: { name: "Twin", level: "manager", businessUnitId: unit.id, email: "SAME@example.com" },
    });
    expect((await jsonOf(response)).errors).toEqual({ email: "Another stakeholder has this email" });
  });
});
