import { sql } from "drizzle-orm";
import type { ProviderKind } from "../domain/definition";
import { db } from "../db.server";
import { rowsOf } from "./rows.server";

export interface ProviderRow {
  id: string;
  name: string;
  kind: ProviderKind;
  description: string;
  /** The business unit an internal provider is. */
  unitName: string | null;
  /** The services it provides, by name. */
  services: { id: string; name: string }[];
}

/** Every provider with its unit and the services it provides, in one query however many there are. */
export async function listProvidersWithCounts(): Promise<ProviderRow[]> {
  return rowsOf<ProviderRow>(
    await db().execute(sql`
      select p.id, p.name, p.kind, p.description, u.name as "unitName",
        coalesce(
          (select json_agg(json_build_object('id', s.id, 'name', s.name) order by lower(s.name)) from services s where s.provider_id = p.id),
          '[]'::json
        ) as services
      from providers p
      left join business_units u on u.id = p.business_unit_id
      order by lower(p.name)`),
  );
}
