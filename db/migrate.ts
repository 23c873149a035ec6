import { openFromEnv, run } from "../server/open-database";

/** npm run db:migrate — applies the SQL migrations in migrations/ (the app also does this at start). */
run(async () => {
  const handle = await openFromEnv();
  console.log(`Migrations applied (${handle.driver}: ${handle.location}).`);
});
