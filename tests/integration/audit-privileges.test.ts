import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema";
import type { Db } from "../../app/db.server";
import { defaultMigrationsFolder } from "../../app/db.server";
import { appendAudit, verifyAuditChain } from "../../app/models/audit.server";

/**
 * The audit trail on PostgreSQL with the app running as an ordinary role that owns its database
 * (as in production), not a superuser: besides the triggers, the role holds no UPDATE, DELETE or
 * TRUNCATE on audit_events, so switching the triggers off does not open the rows either.
 * The embedded database has only a superuser, which privileges never bind: PostgreSQL only.
 */
const url = process.env.DATABASE_URL;
const suffix = `${process.pid}`;
const role = `charter_app_${suffix}`;
const database = `charter_priv_${suffix}`;

describe.runIf(url)("the audit trail's privileges on PostgreSQL", () => {
  let admin: ReturnType<typeof postgres>;
  let app: ReturnType<typeof postgres>;
  let appDb: Db;

  beforeAll(async () => {
    admin = postgres(url!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${database} with (force)`);
    await admin.unsafe(`drop role if exists ${role}`);
    await admin.unsafe(`create role ${role} login nosuperuser`);
    await admin.unsafe(`create database ${database} owner ${role}`);
    const u = new URL(url!);
    u.username = role;
    u.password = "";
    u.pathname = `/${database}`;
    app = postgres(u.toString(), { max: 1, onnotice: () => {} });
    // The app's role runs the migrations itself, as `npm start` does.
    await migrate(drizzle(app), { migrationsFolder: defaultMigrationsFolder() });
    appDb = drizzle(app, { schema }) as unknown as Db;
    await appDb.transaction((tx) =>
      appendAudit(tx, {
        kind: "business_unit.created",
        actor: { id: null, name: "Test", ip: "", userAgent: "" },
        subjectType: "business_unit",
        subjectId: "u1",
        payload: { name: "Retail", code: "RET" },
      }),
    );
  });

  afterAll(async () => {
    await app?.end({ timeout: 5 });
    await admin?.unsafe(`drop database if exists ${database} with (force)`);
    await admin?.unsafe(`drop role if exists ${role}`);
    await admin?.end({ timeout: 5 });
  });

  it("lets the app's role append and read", async () => {
    expect(await verifyAuditChain(appDb)).toMatchObject({ ok: true, checked: 1 });
  });

  it("refuses the app's role UPDATE, DELETE and TRUNCATE by privilege, even with the triggers switched off", async () => {
    // The owner may switch off its table's triggers: the rows must stay shut all the same.
    await app.unsafe(`alter table audit_events disable trigger user`);
    try {
      for (const statement of [`update audit_events set actor_name = 'Mallory'`, `delete from audit_events`, `truncate audit_events`]) {
        await expect(app.unsafe(statement), statement).rejects.toThrow(/permission denied for table audit_events/);
      }
    } finally {
      await app.unsafe(`alter table audit_events enable trigger user`);
    }
    expect(await verifyAuditChain(appDb)).toMatchObject({ ok: true, checked: 1 });
  });

  it("leaves the app's role SELECT and INSERT on audit_events but no UPDATE, DELETE or TRUNCATE, and PUBLIC nothing", async () => {
    // information_schema is per database: ask on the app's own connection.
    const own = await app.unsafe(
      `select grantee, privilege_type from information_schema.role_table_grants where table_name = 'audit_events' order by 1, 2`,
    );
    expect(own.filter((r) => r.grantee === "PUBLIC")).toEqual([]);
    expect(own.map((r) => r.privilege_type)).not.toContain("UPDATE");
    expect(own.map((r) => r.privilege_type)).not.toContain("DELETE");
    expect(own.map((r) => r.privilege_type)).not.toContain("TRUNCATE");
    expect(own.map((r) => r.privilege_type)).toEqual(expect.arrayContaining(["INSERT", "SELECT"]));
  });
});
