import { json, type ActionFunctionArgs } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { db } from "../db.server";

/**
 * The benchmark's yardstick (npm run bench): a bare Remix action doing one
 * INSERT, in the same build and pipeline as the autosave. It exists only when
 * the server runs with CHARTER_BENCH=1; otherwise it is not found.
 */
let ready: Promise<unknown> | undefined;

export async function action({ request }: ActionFunctionArgs) {
  if (process.env.CHARTER_BENCH !== "1") throw new Response("Not found", { status: 404 });
  ready ??= db().execute(sql`create table if not exists bench_writes (id bigserial primary key, body jsonb not null, at timestamptz not null default now())`);
  await ready;
  const body = await request.json().catch(() => null);
  await db().execute(sql`insert into bench_writes (body) values (${JSON.stringify(body)}::jsonb)`);
  return json({ ok: true });
}
