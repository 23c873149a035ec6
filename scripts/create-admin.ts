import { parseArgs } from "node:util";
import { createUserSchema } from "../app/domain/user";
import { SYSTEM_ACTOR } from "../app/models/audit.server";
import { AppError } from "../app/models/errors.server";
import { createUser } from "../app/models/user.server";
import { bootstrapWorkspace } from "../db/seed/bootstrap";
import { openFromEnv, run } from "../server/open-database";

/** npm run user:create-admin -- --email you@example.com --name "Your Name" — prints a one-time password. */
run(async () => {
  const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
  const parsed = createUserSchema.safeParse({ email: values.email ?? "", name: values.name ?? "", role: "admin", title: "" });
  if (!parsed.success) {
    console.error("Usage: npm run user:create-admin -- --email you@example.com --name \"Your Name\"");
    for (const issue of parsed.error.issues) console.error(`  ${issue.path.join(".")}: ${issue.message}`);
    return 2;
  }
  await openFromEnv();
  await bootstrapWorkspace({ loadDemo: false });
  try {
    const { oneTimePassword } = await createUser({ input: parsed.data, actor: SYSTEM_ACTOR });
    console.log(`Admin ${parsed.data.email} created. One-time password (shown once): ${oneTimePassword}`);
  } catch (error) {
    if (error instanceof AppError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
});
