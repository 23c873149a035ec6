import { desc, eq, sql } from "drizzle-orm";
import { auditEvents, businessUnits, stakeholders, users } from "../../db/schema";
import { db } from "../db.server";

/** What an admin's home shows: the workspace in numbers and the latest activity. */
export async function adminOverview() {
  const [counts] = await db()
    .select({
      activeUsers: sql<number>`(select count(*)::int from ${users} where ${users.active})`,
      pendingPasswords: sql<number>`(select count(*)::int from ${users} where ${users.active} and ${users.mustChangePassword})`,
      units: sql<number>`(select count(*)::int from ${businessUnits} where ${businessUnits.archivedAt} is null)`,
      stakeholders: sql<number>`(select count(*)::int from ${stakeholders})`,
      events: sql<number>`(select count(*)::int from ${auditEvents})`,
    })
    .from(sql`(select 1) as one`);
  const recent = await db()
    .select({ seq: auditEvents.seq, at: auditEvents.at, kind: auditEvents.kind, actorName: auditEvents.actorName })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(5);
  return { counts: counts!, recent };
}

export async function unitName(unitId: string | null) {
  if (!unitId) return null;
  const [row] = await db().select({ name: businessUnits.name }).from(businessUnits).where(eq(businessUnits.id, unitId));
  return row?.name ?? null;
}
