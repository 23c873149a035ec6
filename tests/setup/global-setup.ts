import { randomBytes } from "node:crypto";
import postgres from "postgres";

/**
 * With DATABASE_URL set, integration tests run on real PostgreSQL: each worker
 * makes its own database named after this run, and this teardown drops them all.
 */
export default async function setup() {
  const run = randomBytes(4).toString("hex");
  process.env.CHARTER_TEST_RUN = run;
  return async () => {
    const url = process.env.DATABASE_URL;
    if (!url) return;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const rows = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`charter_t_${run}_%`}`;
      for (const { datname } of rows) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    } finally {
      await admin.end();
    }
  };
}
