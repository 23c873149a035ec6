import { bootstrapWorkspace } from "./bootstrap";
import { openFromEnv, run } from "../../server/open-database";

/** npm run db:seed — loads the demo workspace into an empty database. */
run(async () => {
  await openFromEnv();
  const result = await bootstrapWorkspace({ loadDemo: true });
  if (result.state === "existing") {
    console.log("The database already holds a workspace; nothing loaded. Seed an empty database (or a fresh DATA_DIR).");
    return 0;
  }
  console.log("Loaded the demo workspace (Meridian Bank).");
});
