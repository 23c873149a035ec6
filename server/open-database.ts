import path from "node:path";
import { closeDatabase, DatabaseUnreachableError, openDatabase, type DbHandle, type OpenOptions } from "../app/db.server";
import { DataDirInUseError } from "../app/utils/data-dir-lock.server";
import { env, EnvError } from "../app/utils/env.server";

/** Where the app's database is, from the environment: DATABASE_URL, else PGlite in DATA_DIR. Throws EnvError. */
export function databaseOptionsFromEnv(): OpenOptions {
  const e = env();
  return {
    url: e.DATABASE_URL,
    pgliteDir: path.join(e.DATA_DIR, "pglite"),
    lockDir: e.DATA_DIR,
    connectTimeoutSeconds: e.DB_CONNECT_TIMEOUT_SECONDS,
    onWaiting: (m) => console.log(m),
  };
}

/** Opens (and migrates) the database the app would use, or exits with a readable message. */
export async function openFromEnv(): Promise<DbHandle> {
  try {
    return await openDatabase(databaseOptionsFromEnv());
  } catch (error) {
    if (error instanceof EnvError || error instanceof DatabaseUnreachableError || error instanceof DataDirInUseError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

export async function run(main: () => Promise<number | void>) {
  let code = 0;
  try {
    code = (await main()) ?? 0;
  } catch (error) {
    console.error(error);
    code = 1;
  } finally {
    await closeDatabase().catch(() => {});
  }
  process.exit(code);
}
