import { eq, sql } from "drizzle-orm";
import { users, workspace } from "../../db/schema";
import { db, type Tx } from "../db.server";
import { appendAudit, type Actor } from "./audit.server";

export async function getWorkspace() {
  const [row] = await db().select().from(workspace).where(eq(workspace.id, "workspace"));
  return row ?? null;
}

export async function createWorkspace(tx: Tx, { name, demo, actor }: { name: string; demo: boolean; actor: Actor }) {
  await tx.insert(workspace).values({ name, demo });
  await appendAudit(tx, {
    kind: "workspace.created",
    actor,
    subjectType: "workspace",
    subjectId: "workspace",
    payload: { name, demo },
  });
}

export async function countUsers() {
  const [row] = await db().select({ count: sql<number>`count(*)::int` }).from(users);
  return row?.count ?? 0;
}
