import { db } from "../../app/db.server";
import { SYSTEM_ACTOR } from "../../app/models/audit.server";
import { isUniqueViolation } from "../../app/models/errors.server";
import { createWorkspace, getWorkspace } from "../../app/models/workspace.server";
import { loadDemoWorkspace } from "./demo";

export type BootstrapResult = { state: "existing" | "demo-loaded" | "empty"; demo: boolean };

/**
 * Run at start, after migrations: an empty database gets the demo workspace
 * (unless told not to), or an empty workspace waiting for its first admin.
 * Two processes starting together on one PostgreSQL: the second one's insert
 * of the workspace row waits for the first and then finds it taken.
 */
export async function bootstrapWorkspace({ loadDemo }: { loadDemo: boolean }): Promise<BootstrapResult> {
  const existing = await getWorkspace();
  if (existing) return { state: "existing", demo: existing.demo };
  try {
    if (loadDemo) {
      await loadDemoWorkspace();
      return { state: "demo-loaded", demo: true };
    }
    await db().transaction((tx) => createWorkspace(tx, { name: "Charter", demo: false, actor: SYSTEM_ACTOR }));
    return { state: "empty", demo: false };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await getWorkspace();
    return { state: "existing", demo: winner?.demo ?? false };
  }
}
