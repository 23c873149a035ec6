import { sql } from "drizzle-orm";
import type { MeasureKind, ServiceKind } from "../domain/definition";
import { db } from "../db.server";
import { rowsOf } from "./rows.server";

/** Where in a definition a need is answered (the kinds service_clause_needs records). */
export type ClauseKind = "outcome" | "scope" | "period" | "level" | "service";

export interface AnsweringService {
  id: string;
  name: string;
  kind: ServiceKind;
  clauses: { clauseId: string; kind: ClauseKind; text: string | null }[];
}

interface LinkRow {
  serviceId: string;
  serviceName: string;
  serviceKind: ServiceKind;
  clauseId: string;
  kind: ClauseKind;
  clause: Record<string, unknown> | null;
  periodName: string | null;
}

const str = (v: unknown) => (typeof v === "string" ? v : "");
const unitOf = (kind: MeasureKind, target: string) => (kind === "percent" && !target.endsWith("%") ? "%" : kind === "minutes" ? " minutes" : kind === "hours" ? " hours" : "");

/** A clause in words, as a version reads it (app/domain/definition.ts, readableLines). */
function clauseText(row: LinkRow): string | null {
  const c = row.clause;
  if (row.kind === "service") return null;
  if (!c) return null;
  switch (row.kind) {
    case "outcome":
    case "scope":
      return str(c.text);
    case "period":
      return `${str(c.name)}: ${str(c.when)}`;
    case "level": {
      const target = str(c.target);
      const when = c.period ? `During ${row.periodName ?? "a critical period"}` : "Normal time";
      return `${when}: ${str(c.measure)}, target ${target}${unitOf(str(c.kind) as MeasureKind, target)}; measured by ${str(c.howMeasured)}`;
    }
  }
}

/**
 * The services whose draft names this need, with each clause that names it and
 * the clause's words: the way back from a need to the definitions answering it.
 * One query, however many services and clauses.
 */
export async function servicesAnswering(needId: string): Promise<AnsweringService[]> {
  const rows = rowsOf<LinkRow>(
    await db().execute(sql`
      select s.id as "serviceId", s.name as "serviceName", s.kind as "serviceKind", l.clause_id as "clauseId", l.kind, c.clause,
        (select p->>'name' from jsonb_array_elements(coalesce(s.draft->'criticalPeriods', '[]'::jsonb)) p where p->>'id' = c.clause->>'period' limit 1) as "periodName"
      from service_clause_needs l
      join services s on s.id = l.service_id
      left join lateral (
        select e.value as clause, e.position
        from jsonb_array_elements(
          coalesce(
            case l.kind
              when 'outcome' then s.draft->'outcomes'
              when 'scope' then s.draft->'scopeIn'
              when 'period' then s.draft->'criticalPeriods'
              when 'level' then s.draft->'serviceLevels'
            end,
            '[]'::jsonb
          )
        ) with ordinality as e(value, position)
        where e.value->>'id' = l.clause_id
        limit 1
      ) c on true
      -- A clause that names a need since merged into this one answers this one.
      where l.need_id in (select m.id from needs m where m.survivor_id = ${needId})
      order by lower(s.name), s.id, array_position(array['service', 'outcome', 'scope', 'period', 'level'], l.kind), c.position`),
  );
  const out: AnsweringService[] = [];
  for (const row of rows) {
    let service = out.at(-1);
    if (service?.id !== row.serviceId) {
      service = { id: row.serviceId, name: row.serviceName, kind: row.serviceKind, clauses: [] };
      out.push(service);
    }
    service.clauses.push({ clauseId: row.clauseId, kind: row.kind, text: clauseText(row) });
  }
  return out;
}
