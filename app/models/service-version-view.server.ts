import { and, eq } from "drizzle-orm";
import { services, serviceVersions, users } from "../../db/schema";
import { needsAnswered, readableLines } from "../domain/definition";
import { db } from "../db.server";
import { contentHash, currentContent, listVersions, namesFor } from "./service-version.server";

/** A version's number as an address or a form gives it: digits only, from 1; null for anything else. */
export function versionNumber(raw: string | null | undefined): number | null {
  if (!raw || !/^\d{1,9}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 ? n : null;
}

/** A service's name and its versions, newest first; null when there is no such service. */
export async function serviceWithVersions(serviceId: string) {
  const [[service], versions] = await Promise.all([db().select({ id: services.id, name: services.name }).from(services).where(eq(services.id, serviceId)), listVersions(serviceId)]);
  return service ? { ...service, versions } : null;
}

/**
 * One frozen version laid out for reading: its lines section by section, the
 * needs it answers, whether it still matches its hash, and whether the draft has
 * moved on since. Null when there is no such service; `version` null when the
 * service has no version of that number.
 */
export async function readVersion({ serviceId, number }: { serviceId: string; number: number }) {
  const [found, [row]] = await Promise.all([
    serviceWithVersions(serviceId),
    db()
      .select({ version: serviceVersions, createdBy: users.name })
      .from(serviceVersions)
      .leftJoin(users, eq(users.id, serviceVersions.createdBy))
      .where(and(eq(serviceVersions.serviceId, serviceId), eq(serviceVersions.number, number))),
  ]);
  if (!found) return null;
  if (!row) return { service: found, version: null };
  const { content } = row.version;
  const [names, current] = await Promise.all([namesFor(content), currentContent(db(), serviceId)]);
  const sections: { section: string; lines: { key: string; text: string }[] }[] = [];
  for (const line of readableLines(content, names)) {
    const last = sections.at(-1);
    if (last?.section === line.section) last.lines.push({ key: line.key, text: line.text });
    else sections.push({ section: line.section, lines: [{ key: line.key, text: line.text }] });
  }
  return {
    service: found,
    version: {
      number: row.version.number,
      createdAt: row.version.createdAt,
      createdBy: row.createdBy,
      hash: row.version.contentHash,
      verified: contentHash(content) === row.version.contentHash,
      draftDiffers: contentHash(current) !== row.version.contentHash,
      sections,
      needs: needsAnswered(content.definition).map((id) => ({ id, label: names.need(id) })),
    },
  };
}
