import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { businessUnits, needs, needUnits, roundNeeds, roundParticipants, rounds, users } from "../db/schema";
import { closeDatabase, db, openDatabase } from "../app/db.server";
import { DEFAULT_CRITERIA } from "../app/domain/round";
import { roundResults } from "../app/models/round.server";
import { rowsOf } from "../app/models/rows.server";
import { freshPostgresDatabase } from "../scripts/fresh-database";

/**
 * A round of 1,000 needs × 20 business leads × 4 criteria (80,000 scores) and the
 * time its results take in SQL (app/models/round.server.ts), called in process:
 * server time, no HTTP. Target: under 200 ms. On PostgreSQL when DATABASE_URL is
 * set (a fresh database, charter_bench_rounds), else on an in-memory PGlite.
 */
const TARGET_MS = 200;

export async function roundsBench({ needCount = 1000, leadCount = 20, runs = 20 } = {}) {
  const url = process.env.DATABASE_URL ? await freshPostgresDatabase(process.env.DATABASE_URL, "charter_bench_rounds") : undefined;
  await openDatabase(url ? { url } : { pgliteDir: "memory://" });
  try {
    const database = db();
    const [unit] = await database.insert(businessUnits).values({ name: "Retail Banking", code: "RB" }).returning();
    const leadRows = await database
      .insert(users)
      .values(Array.from({ length: leadCount }, (_, i) => ({ email: `lead${i}@bench.example`, name: `Lead ${i}`, role: "business_lead" as const, businessUnitId: unit!.id, passwordHash: "x" })))
      .returning({ id: users.id });
    const needIds = Array.from({ length: needCount }, () => randomUUID());
    await database.insert(needs).values(needIds.map((id, i) => ({ id, survivorId: id, statement: `Need ${i} of the round`, category: "capability" as const })));
    await database.insert(needUnits).values(needIds.map((needId) => ({ needId, unitId: unit!.id })));
    const [round] = await database
      .insert(rounds)
      .values({ title: "Bench round", method: "weighted", status: "open", criteria: DEFAULT_CRITERIA.map((c, i) => ({ ...c, weight: i + 1 })) })
      .returning({ id: rounds.id });
    await database.insert(roundNeeds).values(needIds.map((needId) => ({ roundId: round!.id, needId })));
    await database.insert(roundParticipants).values(leadRows.map((l) => ({ roundId: round!.id, userId: l.id })));
    // Every lead scores every need on every criterion, each lead with their own habits (some generous).
    await database.execute(sql`
      insert into round_scores (round_id, need_id, user_id, criterion, value)
      select rn.round_id, rn.need_id, p.user_id, c.key,
        least(5, greatest(1, 1 + (abs(hashtext(rn.need_id::text || p.user_id::text || c.key)) % 5) + (abs(hashtext(p.user_id::text)) % 2)))
      from round_needs rn
      join round_participants p on p.round_id = rn.round_id
      cross join (values ('value'), ('time'), ('risk'), ('reach')) as c(key)
      where rn.round_id = ${round!.id}`);
    await database.execute(sql`analyze round_scores`);
    const [{ count } = { count: 0 }] = rowsOf<{ count: number }>(await database.execute(sql`select count(*)::int as count from round_scores`));
    const times: number[] = [];
    let ranked = 0;
    for (let i = 0; i < runs + 2; i++) {
      const start = performance.now();
      ranked = (await roundResults({ roundId: round!.id })).length;
      if (i >= 2) times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const p = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
    console.log(
      `\nRound results: ${needCount} needs × ${leadCount} leads × 4 criteria (${count || needCount * leadCount * 4} scores, ${url ? "PostgreSQL" : "PGlite"}), ${ranked} needs ranked; ` +
        `${runs} runs: median ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms (target < ${TARGET_MS} ms: ${p(0.95) < TARGET_MS ? "met" : "NOT met"})`,
    );
  } finally {
    await closeDatabase();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  roundsBench().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
