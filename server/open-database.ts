import path from "node:path";
import { closeDatabase, DatabaseUnreachableError, openDatabase, type DbHandle } from "../app/db.server";
import { DataDirInUseError } from "../app/utils/data-dir-lock.server";
import { env, EnvError } from "../app/utils/env.server";

/** Opens (and migrates) the database the app would use, or exits with a readable message. */
export async function openFromEnv(): Promise<DbHandle> {
  try {
    const e = env();
    return await openDatabase({
      url: e.DATABASE_URL,
      pgliteDir: path.join(e.DATA_DIR, "pglite"),
      lockDir: e.DATA_DIR,
      connectTimeoutSeconds: e.DB_CONNECT_TIMEOUT_SECONDS,
      onWaiting: (m) => console.log(m),
    });
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
