import { sql } from "drizzle-orm";
import postgres from "postgres";
import { db } from "../app/db.server";
import { DEFAULT_CRITERIA } from "../app/domain/round";
import type { Role } from "../app/domain/roles";
import type { Actor } from "../app/models/audit.server";
import { createRound, openRound } from "../app/models/round.server";
import { rowsOf } from "../app/models/rows.server";
import { createUser } from "../app/models/user.server";
import { DEMO_PASSWORD } from "../db/seed/demo-users";

/**
 * What the mixed load (bench/load-mixed.ts) acts on, in a database holding the demo workspace:
 * bench users made through the model functions (relationship managers and business leads of their
 * own, so each simulated person saves as themselves), an open weighted round those leads score, and
 * the ids of the demo's documents, needs and interviews that pages are opened on.
 */
export interface LoadWorld {
  rms: string[];
  leads: string[];
  roundId: string;
  roundNeedIds: string[];
  criteria: string[];
  /** Service pages: /services/:id, each version's page and PDF. */
  services: { id: string; versions: { number: number; agreed: boolean }[] }[];
  /** Sign-off requests that name a demo executive, by executive email. */
  signoffs: Record<string, string[]>;
  needIds: string[];
  interviewIds: string[];
}

/** The server named by `url`, reachable (within 5 s), or a readable reason why not. */
export async function postgresReachable(url: string): Promise<string | null> {
  const client = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await client`select 1`;
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end({ timeout: 1 }).catch(() => {});
  }
}

const emailOf = (role: "rm" | "lead", i: number) => `load.${role}${String(i + 1).padStart(3, "0")}@meridian.example`;

/** Runs `task` over `items`, `width` at a time (scrypt hashes, here and in sign-ins, run on libuv's four threads). */
export async function inBatches<T, U>(items: T[], width: number, task: (item: T, index: number) => Promise<U>): Promise<U[]> {
  const out: U[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await task(items[i]!, i);
    }),
  );
  return out;
}

export async function buildWorld({ rmCount, leadCount }: { rmCount: number; leadCount: number }): Promise<LoadWorld> {
  const people = rowsOf<{ id: string; email: string; name: string }>(await db().execute(sql`select id, email, name from users`));
  const demoRm = people.find((p) => p.email === "rm@meridian.example");
  if (!demoRm) throw new Error("The demo workspace has no rm@meridian.example: it is needed to open the bench round.");
  const actor: Actor = { id: demoRm.id, name: demoRm.name, ip: "127.0.0.1", userAgent: "bench/load-mixed" };
  const units = rowsOf<{ id: string; code: string }>(await db().execute(sql`select id, code from business_units order by code`));
  const make = (role: Role, email: string, i: number) =>
    createUser({
      input: {
        name: `${role === "business_lead" ? "Lead" : "Manager"} ${i + 1}`,
        email,
        title: role === "business_lead" ? "Head of a branch region" : "Business Relationship Manager",
        role,
        businessUnitId: role === "business_lead" ? units[i % units.length]!.id : (units.find((u) => u.code === "IT") ?? units[0]!).id,
      },
      actor,
      password: DEMO_PASSWORD,
    });
  const rmEmails = Array.from({ length: rmCount }, (_, i) => emailOf("rm", i));
  const leadEmails = Array.from({ length: leadCount }, (_, i) => emailOf("lead", i));
  await inBatches(rmEmails, 4, (email, i) => make("relationship_manager", email, i));
  const leadIds = (await inBatches(leadEmails, 4, (email, i) => make("business_lead", email, i))).map((r) => r.id);

  const roundNeedIds = rowsOf<{ id: string }>(await db().execute(sql`select id from needs where merged_into is null order by number limit 24`)).map((r) => r.id);
  if (roundNeedIds.length < 2) throw new Error("The demo workspace has fewer than two live needs: no round to score.");
  const round = await createRound({
    input: {
      title: "Load bench: branch priorities",
      method: "weighted",
      criteria: DEFAULT_CRITERIA,
      mustCap: null,
      deadline: new Date(Date.now() + 7 * 86_400_000),
      needIds: roundNeedIds,
      scorerIds: leadIds,
      observerIds: [],
    },
    actor,
  });
  await openRound({ id: round.id, actor });

  const versions = rowsOf<{ service_id: string; number: number; agreed: boolean }>(
    await db().execute(sql`
      select v.service_id, v.number, exists (select 1 from agreed_documents d where d.version_id = v.id) as agreed
      from service_versions v order by v.service_id, v.number`),
  );
  const services = new Map<string, { number: number; agreed: boolean }[]>();
  for (const v of versions) services.set(v.service_id, [...(services.get(v.service_id) ?? []), { number: Number(v.number), agreed: Boolean(v.agreed) }]);
  const steps = rowsOf<{ email: string; request_id: string }>(
    await db().execute(sql`
      select distinct u.email, s.request_id from signoff_steps s join users u on u.id = s.user_id
      where u.role = 'executive' order by u.email, s.request_id`),
  );
  const signoffs: Record<string, string[]> = {};
  for (const s of steps) (signoffs[s.email] ??= []).push(s.request_id);
  const needIds = rowsOf<{ id: string }>(await db().execute(sql`select id from needs where merged_into is null order by number limit 30`)).map((r) => r.id);
  const interviewIds = rowsOf<{ id: string }>(
    await db().execute(sql`select id from interviews where survey_id is null and status = 'completed' order by scheduled_at limit 20`),
  ).map((r) => r.id);
  return {
    rms: rmEmails,
    leads: leadEmails,
    roundId: round.id,
    roundNeedIds,
    criteria: DEFAULT_CRITERIA.map((c) => c.key),
    services: [...services].map(([id, v]) => ({ id, versions: v })),
    signoffs,
    needIds,
    interviewIds,
  };
}

/** What the database holds for the saves the bench made: each acknowledged save is one revision. */
export async function storedSaves({ interviewIds, roundId }: { interviewIds: string[]; roundId: string }) {
  const ids = sql.join(
    interviewIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const [answers] = rowsOf<{ revisions: number; keys: number }>(
    await db().execute(sql`
      select (select coalesce(sum(revision), 0)::int from answers where interview_id in (${ids})) as revisions,
        (select count(*)::int from answer_saves where interview_id in (${ids}) and revision is not null) as keys`),
  );
  const [scores] = rowsOf<{ revisions: number }>(
    await db().execute(sql`
      select ((select coalesce(sum(revision), 0) from round_scores where round_id = ${roundId})
        + (select coalesce(sum(revision), 0) from round_rationales where round_id = ${roundId}))::int as revisions`),
  );
  return { answerRevisions: Number(answers!.revisions), answerKeys: Number(answers!.keys), scoreRevisions: Number(scores!.revisions) };
}
