import { db } from "../../app/db.server";
import { SYSTEM_ACTOR } from "../../app/models/audit.server";
import { createWorkspace, getWorkspace } from "../../app/models/workspace.server";
import { loadDemoWorkspace } from "./demo";

export type BootstrapResult = { state: "existing" | "demo-loaded" | "empty"; demo: boolean };

/**
 * Run at start, after migrations: an empty database gets the demo workspace
 * (unless told not to), or an empty workspace waiting for its first admin.
 */
export async function bootstrapWorkspace({ loadDemo }: { loadDemo: boolean }): Promise<BootstrapResult> {
  const existing = await getWorkspace();
  if (existing) return { state: "existing", demo: existing.demo };
  if (loadDemo) {
    await loadDemoWorkspace();
    return { state: "demo-loaded", demo: true };
  }
  await db().transaction((tx) => createWorkspace(tx, { name: "Charter", demo: false, actor: SYSTEM_ACTOR }));
  return { state: "empty", demo: false };
}


