import { createHash } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { providers, services, serviceVersions } from "../../db/schema";
import { canonicalJson } from "../domain/canonical-json";
import { diffLines, needsAnswered, readableLines, type Names, type ServiceFacts, type VersionContent } from "../domain/definition";
import { needRef } from "../domain/need";
import { db, type Executor, type Tx } from "../db.server";
import { appendAudit, type Actor } from "./audit.server";
import { AppError } from "./errors.server";
import { toUuidArray } from "./need-support.server";
import { rowsOf } from "./rows.server";
import { serviceGone } from "./service.server";

/** SHA-256 of a version's canonical JSON (keys sorted, no whitespace): the same content always gives the same hash. */
export const contentHash = (content: VersionContent) => createHash("sha256").update(canonicalJson(content)).digest("hex");

/** The service as it stands (facts by name, supporting services by name, the draft): what a version would freeze. */
export async function currentContent(executor: Executor, id: string): Promise<VersionContent> {
  const [row] = await executor
    .select({ service: services, provider: providers.name })
    .from(services)
    .leftJoin(providers, eq(providers.id, services.providerId))
    .where(eq(services.id, id));
  if (!row) throw serviceGone();
  const s = row.service;
  const supporting = rowsOf<{ name: string }>(
    await executor.execute(sql`select o.name from service_dependencies d join services o on o.id = d.depends_on_id where d.service_id = ${id} order by o.name`),
  ).map((r) => r.name);
  const facts: ServiceFacts = {
    name: s.name,
    kind: s.kind,
    provider: row.provider ?? null,
    deliveryModel: s.deliveryModel,
    owner: { name: s.ownerName, title: s.ownerTitle, contact: s.ownerContact },
    agreement: s.agreementKind
      ? { kind: s.agreementKind, reference: s.agreementReference, start: s.agreementStart, end: s.agreementEnd, renewalNotice: s.agreementRenewalNotice }
      : null,
    lifecycle: s.lifecycle,
    criticality: s.criticality,
    reviewEveryMonths: s.reviewEveryMonths,
    supporting,
  };
  // The names of the units and needs it mentions, frozen with it.
  const live = await liveNames(needsAnswered(s.draft), executor);
  const names = {
    units: Object.fromEntries(s.draft.consumers.map((c) => [c.unitId, live.units.get(c.unitId) ?? ""])),
    needs: Object.fromEntries(needsAnswered(s.draft).map((id) => [id, live.needs.get(id) ?? ""])),
  };
  return { service: facts, definition: s.draft, names };
}

/**
 * Freezes the service as it stands into the next numbered version, with its
 * content hash. Refused when nothing changed since the last version.
 */
export async function createVersion({ id, actor }: { id: string; actor: Actor }) {
  return db().transaction(async (tx: Tx) => {
    const [locked] = await tx.select({ id: services.id }).from(services).where(eq(services.id, id)).for("update");
    if (!locked) throw serviceGone();
    const content = JSON.parse(canonicalJson(await currentContent(tx, id))) as VersionContent;
    const hash = contentHash(content);
    const [last] = await tx.select({ number: serviceVersions.number, hash: serviceVersions.contentHash }).from(serviceVersions).where(eq(serviceVersions.serviceId, id)).orderBy(desc(serviceVersions.number)).limit(1);
    if (last?.hash === hash) throw new AppError("unchanged", `Nothing has changed since version ${last.number}`, undefined, 409);
    const number = (last?.number ?? 0) + 1;
    // Stamped by the same clock as the service's changes, so "changed since the last version" compares like with like.
    const [row] = await tx.insert(serviceVersions).values({ serviceId: id, number, content, contentHash: hash, createdBy: actor.id, createdAt: new Date() }).returning({ id: serviceVersions.id });
    await appendAudit(tx, { kind: "service.version_created", actor, subjectType: "service", subjectId: id, payload: { number, hash } });
    return { id: row!.id, number, hash };
  });
}

export async function listVersions(serviceId: string) {
  return db()
    .select({ number: serviceVersions.number, hash: serviceVersions.contentHash, createdAt: serviceVersions.createdAt })
    .from(serviceVersions)
    .where(eq(serviceVersions.serviceId, serviceId))
    .orderBy(desc(serviceVersions.number));
}

export async function getVersion(serviceId: string, number: number) {
  const [row] = await db()
    .select()
    .from(serviceVersions)
    .where(and(eq(serviceVersions.serviceId, serviceId), eq(serviceVersions.number, number)));
  return row ?? null;
}

/** Whether a stored version still matches its hash. */
export async function verifyVersion(serviceId: string, number: number) {
  const row = await getVersion(serviceId, number);
  return row ? contentHash(row.content) === row.contentHash : null;
}

/** Today's names of units and of the needs given. */
async function liveNames(needIds: string[], executor: Executor = db()) {
  const [units, needRows] = await Promise.all([
    rowsOf<{ id: string; name: string }>(await executor.execute(sql`select id, name from business_units`)),
    needIds.length ? rowsOf<{ id: string; number: number; statement: string }>(await executor.execute(sql`select id, number, statement from needs where id = any(${toUuidArray(needIds)})`)) : [],
  ]);
  return { units: new Map(units.map((u) => [u.id, u.name])), needs: new Map(needRows.map((n) => [n.id, `${needRef(n.number)} ${n.statement}`])) };
}

/**
 * How a version reads its ids: by the names it froze (a version reads as it was
 * agreed, whatever is renamed later), else today's.
 */
export async function namesFor(content: VersionContent): Promise<Names> {
  const live = await liveNames(needsAnswered(content.definition));
  return {
    unit: (id) => content.names?.units[id] ?? live.units.get(id) ?? "A unit no longer in the workspace",
    need: (id) => content.names?.needs[id] ?? live.needs.get(id) ?? "A need no longer in the workspace",
  };
}

/** Field by field, what changed between two versions of a service ("draft" for the draft as it stands). */
export async function diffVersions({ serviceId, from, to }: { serviceId: string; from: number; to: number | "draft" }) {
  const older = await getVersion(serviceId, from);
  if (!older) throw new AppError("version_not_found", `There is no version ${from}`, undefined, 404);
  const newer = to === "draft" ? await currentContent(db(), serviceId) : (await getVersion(serviceId, to))?.content;
  if (!newer) throw new AppError("version_not_found", `There is no version ${to}`, undefined, 404);
  const [olderNames, newerNames] = await Promise.all([namesFor(older.content), namesFor(newer)]);
  return diffLines(readableLines(older.content, olderNames), readableLines(newer, newerNames));
}
