import { asc, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "../../db/schema";
import { db } from "../../app/db.server";
import { GENESIS_HASH } from "../../app/domain/audit";
import { appendAudit, SYSTEM_ACTOR, verifyAuditChain } from "../../app/models/audit.server";
import { createBusinessUnit } from "../../app/models/business-unit.server";

const actor = { ...SYSTEM_ACTOR, id: null, name: "Test", ip: "10.0.0.1", userAgent: "vitest" };

async function addUnits(n: number) {
  for (let i = 0; i < n; i++) await createBusinessUnit({ input: { name: `Unit ${i}`, code: `U${i}`, description: "" }, actor });
}

/** Alters rows behind the app's back, as an attacker with database access would. */
async function tamper(statement: string) {
  await db().transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql.raw(statement));
  });
}

describe("the audit trail", () => {
  it("chains every event to the one before, from a known genesis", async () => {
    await addUnits(3);
    const rows = await db().select().from(auditEvents).orderBy(asc(auditEvents.seq));
    expect(rows.map((r) => r.kind)).toEqual(["business_unit.created", "business_unit.created", "business_unit.created"]);
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[2]!.prevHash).toBe(rows[1]!.hash);
    expect(rows[0]).toMatchObject({ actorName: "Test", ip: "10.0.0.1", userAgent: "vitest", subjectType: "business_unit" });
    expect(await verifyAuditChain(db())).toEqual({ ok: true, checked: 3, lastHash: rows[2]!.hash });
  });

  it("is written in the same transaction as the change: a rolled-back change leaves no event", async () => {
    await expect(
      db().transaction(async (tx) => {
        await appendAudit(tx, { kind: "business_unit.archived", actor, subjectType: "business_unit", subjectId: "x", payload: {} });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db().select().from(auditEvents)).toHaveLength(0);
  });

  it("refuses payloads that do not match their kind", async () => {
    await expect(
      db().transaction((tx) =>
        appendAudit(tx, {
          kind: "business_unit.created",
          actor,
          subjectType: "business_unit",
          subjectId: "x",
          payload: { name: 42 } as never,
        }),
      ),
    ).rejects.toThrow();
  });

  it("refuses UPDATE, DELETE and TRUNCATE", async () => {
    await addUnits(1);
    await expect(db().execute(sql`update audit_events set actor_name = 'Mallory'`)).rejects.toThrow();
    await expect(db().execute(sql`delete from audit_events`)).rejects.toThrow();
    await expect(db().execute(sql`truncate audit_events`)).rejects.toThrow();
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, checked: 1 });
  });

  it("names the first altered event", async () => {
    await addUnits(4);
    await tamper("update audit_events set payload = '{\"name\":\"Forged\",\"code\":\"U2\"}' where seq = 3");
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, seq: 3, checked: 2, reason: expect.stringContaining("altered") });
  });

  it("names the event after a removed one", async () => {
    await addUnits(4);
    await tamper("delete from audit_events where seq = 2");
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, seq: 3, checked: 1, reason: expect.stringContaining("removed") });
  });

  it("does not fork when many writers append at once", async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createBusinessUnit({ input: { name: `Parallel ${i}`, code: `P${i}`, description: "" }, actor }),
      ),
    );
    const rows = await db().select().from(auditEvents);
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((r) => r.prevHash)).size).toBe(20);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, checked: 20 });
  });
});
