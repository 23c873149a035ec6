import { eq, sql } from "drizzle-orm";
import { providers, services } from "../../db/schema";
import { needsAnswered } from "../domain/definition";
import { db } from "../db.server";
import { toUuidArray } from "./need-support.server";
import { rowsOf } from "./rows.server";
import { dependencyEdges } from "./service-portfolio.server";
import { listVersions } from "./service-version.server";

export interface NeedInfo {
  id: string;
  number: number;
  statement: string;
  status: string;
  /** Its rank in the last closed round it was in. */
  rank: { rank: number; ranked: number; round: string } | null;
}

/** One service with everything its page shows: facts, draft, the needs it names with their ranks, dependencies both ways, versions, the map. */
export async function getService(id: string) {
  const [row] = await db()
    .select({ service: services, provider: providers.name, providerKind: providers.kind })
    .from(services)
    .leftJoin(providers, eq(providers.id, services.providerId))
    .where(eq(services.id, id));
  if (!row) return null;
  const needIds = needsAnswered(row.service.draft);
  const [needRows, units, all, edges, versions] = await Promise.all([
    needIds.length
      ? rowsOf<{ id: string; number: number; statement: string; status: string; rank: NeedInfo["rank"] }>(
          await db().execute(sql`
            select n.id, n.number, n.statement, n.status,
              (select json_build_object('rank', rr.rank, 'ranked', rr.ranked, 'round', r.title) from round_ranks rr join rounds r on r.id = rr.round_id
                where rr.need_id = n.id order by rr.closed_at desc limit 1) as rank
            from needs n where n.id = any(${toUuidArray(needIds)}) order by n.number`),
        )
      : [],
    rowsOf<{ id: string; name: string }>(await db().execute(sql`select id, name from business_units order by name`)),
    rowsOf<{ id: string; name: string; kind: "business" | "supporting"; provider: string | null }>(
      await db().execute(sql`select s.id, s.name, s.kind, p.name as provider from services s left join providers p on p.id = s.provider_id order by s.name`),
    ),
    dependencyEdges(),
    listVersions(id),
  ]);
  return {
    service: row.service,
    provider: row.provider,
    needs: Object.fromEntries(needRows.map((n) => [n.id, n])) as Record<string, NeedInfo>,
    units: Object.fromEntries(units.map((u) => [u.id, u.name])),
    dependsOn: edges.filter((e) => e.from === id).map((e) => all.find((s) => s.id === e.to)!).sort((a, b) => a.name.localeCompare(b.name)),
    dependents: edges.filter((e) => e.to === id).map((e) => all.find((s) => s.id === e.from)!).sort((a, b) => a.name.localeCompare(b.name)),
    allServices: all,
    edges,
    versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
  };
}
