import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "../db/schema";
import { acquireDataDirLock } from "./utils/data-dir-lock.server";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either the database or a transaction on it: models accept both. */
export type Executor = Db | Tx;

export interface DbHandle {
  db: Db;
  driver: "pglite" | "postgres";
  /** Where the data lives, for messages: a host:port/database or a folder. */
  location: string;
  /**
   * Calls `onNotify` for each NOTIFY on `channel` (delivered once the notifying transaction
   * commits, to every process on the database), and `onListen` each time listening starts: at
   * first and after the driver reconnects, when notifications sent meanwhile may have been missed.
   * Resolves, once listening, to the function that stops it.
   */
  listen(channel: string, onNotify: (payload: string) => void, onListen: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent, PGlite is used. */
  url?: string;
  /** PGlite data folder, or "memory://" for an in-memory database (tests). */
  pgliteDir?: string;
  /** Folder holding the lock file that keeps a second process off a PGlite folder. */
  lockDir?: string;
  migrationsFolder?: string;
  /** Apply the migrations on opening (the default); off for tools that must leave the schema as it is. */
  migrate?: boolean;
  connectTimeoutSeconds?: number;
  onWaiting?: (message: string) => void;
}

export class DatabaseUnreachableError extends Error {
  constructor(
    public readonly location: string,
    public readonly reason: string,
    seconds: number,
  ) {
    super(
      `Could not reach PostgreSQL at ${location} after ${seconds} s (${reason}). ` +
        `Check DATABASE_URL and that the server is running and accepts connections.`,
    );
    this.name = "DatabaseUnreachableError";
  }
}

const globalForDb = globalThis as unknown as {
  __charterDb?: DbHandle;
  __charterDbOpening?: Promise<DbHandle>;
  __charterQueryListener?: (query: string) => void;
};

/** Every statement drizzle sends is reported here, for tests that count a page's queries. */
const logger = { logQuery: (query: string) => globalForDb.__charterQueryListener?.(query) };

/** Runs `fn` and returns the SQL statements it sent (tests: a page's query count must not grow with its rows). */
export async function recordQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  const queries: string[] = [];
  globalForDb.__charterQueryListener = (q) => queries.push(q);
  try {
    return { result: await fn(), queries };
  } finally {
    globalForDb.__charterQueryListener = undefined;
  }
}

const MIGRATION_LOCK = 0x63686d67; // "chmg"

export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "the server named by DATABASE_URL";
  }
}

/**
 * Seconds before reconnecting after a connection failed. postgres.js counts failures across the
 * pool and grows its own delay to 20 s, so after a short outage requests kept waiting up to 20 s
 * for a database that was back; capped at 2 s (with jitter), a refused attempt costs next to nothing.
 */
export function reconnectDelay(failures: number): number {
  return (0.5 + Math.random() / 2) * Math.min(0.1 * 2 ** failures, 2);
}

async function openPostgres(url: string, opts: OpenOptions): Promise<DbHandle> {
  const location = describePostgresUrl(url);
  const client = postgres(url, {
    max: 10,
    onnotice: () => {},
    connect_timeout: 5,
    idle_timeout: 60,
    backoff: reconnectDelay,
  });
  const deadline = Date.now() + (opts.connectTimeoutSeconds ?? 30) * 1000;
  let lastReason = "";
  for (let attempt = 0; ; attempt++) {
    try {
      await client`select 1`;
      break;
    } catch (error) {
      lastReason = reasonOf(error);
      if (isFatalConnectError(error) || Date.now() >= deadline) {
        await client.end({ timeout: 1 }).catch(() => {});
        throw new DatabaseUnreachableError(location, lastReason, opts.connectTimeoutSeconds ?? 30);
      }
      opts.onWaiting?.(`Waiting for PostgreSQL at ${location} (${lastReason})…`);
      await new Promise((r) => setTimeout(r, Math.min(500 * 2 ** attempt, 3000)));
    }
  }
  const db = drizzlePostgres(client, { schema, logger }) as unknown as Db;
  // postgres.js listens on a connection of its own, and listens again on it after a reconnect.
  const listen = async (channel: string, onNotify: (payload: string) => void, onListen: () => void) => {
    const { unlisten } = await client.listen(channel, onNotify, onListen);
    return unlisten;
  };
  if (opts.migrate === false) return { db, driver: "postgres", location, listen, close: () => client.end({ timeout: 5 }) };
  // Several app processes may start at once: one migrates, the others wait for it.
  // The lock is per connection, so migrations run on one dedicated connection.
  const migrator = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await migrator`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(drizzlePostgres(migrator), {
      migrationsFolder: opts.migrationsFolder ?? defaultMigrationsFolder(),
    });
  } finally {
    await migrator.end({ timeout: 5 });
  }
  return {
    db,
    driver: "postgres",
    location,
    listen,
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dir: string, opts: OpenOptions): Promise<DbHandle> {
  const inMemory = dir.startsWith("memory://");
  const release = inMemory ? () => {} : acquireDataDirLock(opts.lockDir ?? path.dirname(dir));
  try {
    if (!inMemory) fs.mkdirSync(dir, { recursive: true });
    // pg_trgm (trigram similarity) finds likely duplicate needs; the migrations create the extension.
    const client = await PGlite.create(inMemory ? undefined : dir, { extensions: { pg_trgm } });
    const db = drizzlePglite(client, { schema, logger }) as unknown as Db;
    if (opts.migrate !== false) {
      await migratePglite(drizzlePglite(client), {
        migrationsFolder: opts.migrationsFolder ?? defaultMigrationsFolder(),
      });
    }
    return {
      db,
      driver: "pglite",
      location: inMemory ? "memory" : path.resolve(dir),
      listen: async (channel, onNotify, onListen) => {
        const unlisten = await client.listen(channel, onNotify);
        onListen();
        return () => unlisten();
      },
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

export function defaultMigrationsFolder() {
  return path.resolve(process.cwd(), "migrations");
}

/**
 * Opens (once per process) the database, waits for it, and applies migrations.
 * The handle lives on globalThis so dev-server reloads and the separately
 * bundled server build share one client.
 */
export function openDatabase(opts: OpenOptions): Promise<DbHandle> {
  if (globalForDb.__charterDb) return Promise.resolve(globalForDb.__charterDb);
  globalForDb.__charterDbOpening ??= (
    opts.url ? openPostgres(opts.url, opts) : openPglite(opts.pgliteDir ?? "./data/pglite", opts)
  ).then(
    (handle) => {
      globalForDb.__charterDb = handle;
      return handle;
    },
    (error) => {
      globalForDb.__charterDbOpening = undefined;
      throw error;
    },
  );
  return globalForDb.__charterDbOpening;
}

export async function closeDatabase() {
  const handle = globalForDb.__charterDb;
  globalForDb.__charterDb = undefined;
  globalForDb.__charterDbOpening = undefined;
  await handle?.close();
}

/** The process's database. The server opens it before it takes requests. */
export function db(): Db {
  const handle = globalForDb.__charterDb;
  if (!handle) throw new Error("The database is not open yet: call openDatabase() at start-up.");
  return handle.db;
}

export function dbHandle(): DbHandle | undefined {
  return globalForDb.__charterDb;
}

export async function ping(): Promise<void> {
  await db().execute(sql`select 1`);
}

function reasonOf(error: unknown): string {
  if (error && typeof error === "object") {
    const e = error as { code?: string; message?: string };
    if (e.code && e.message) return `${e.code}: ${e.message}`;
    if (e.code) return e.code;
    if (e.message) return e.message;
  }
  return String(error);
}

function isFatalConnectError(error: unknown): boolean {
  // Wrong password, unknown database or role: waiting will not help.
  const code = (error as { code?: string } | null)?.code;
  return code === "28P01" || code === "28000" || code === "3D000";
}
