import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { businessUnits, needs, providers, serviceClauseNeeds, serviceDependencies, services } from "../../db/schema";
import { diffFields } from "../domain/audit";
import { clauseNeedLinks, definitionSchema, EMPTY_DEFINITION, type Definition } from "../domain/definition";
import type { ProviderInput, ServiceFactsInput } from "../domain/service";
import { cycleThrough, describeLoop } from "../domain/service-graph";
import { db, type Tx } from "../db.server";
import { appendAudit, type Actor } from "./audit.server";
import { AppError, isUniqueViolation } from "./errors.server";

export const serviceGone = () => new AppError("service_not_found", "That service does not exist", undefined, 404);

/** A provider: an internal unit or an external supplier; names are unique whatever their case. */
export async function createProvider({ input, actor }: { input: ProviderInput; actor: Actor }) {
  return db().transaction(async (tx) => {
    const [clash] = await tx.select({ id: providers.id }).from(providers).where(sql`lower(${providers.name}) = lower(${input.name})`);
    if (clash) throw new AppError("provider_exists", "A provider of that name exists already", "name", 409);
    if (input.kind === "internal" && input.businessUnitId) {
      const [unit] = await tx.select({ id: businessUnits.id }).from(businessUnits).where(and(eq(businessUnits.id, input.businessUnitId), isNull(businessUnits.archivedAt)));
      if (!unit) throw new AppError("unit_not_found", "That business unit does not exist or is archived", "businessUnitId");
    }
    const [row] = await tx
      .insert(providers)
      .values({ name: input.name, kind: input.kind, businessUnitId: input.kind === "internal" ? input.businessUnitId : null, description: input.description })
      .returning()
      .catch((error: unknown) => {
        // Two people adding the same name at once: the index decides, and the second hears why.
        if (isUniqueViolation(error, "providers_name_idx")) throw new AppError("provider_exists", "A provider of that name exists already", "name", 409);
        throw error;
      });
    await appendAudit(tx, { kind: "provider.created", actor, subjectType: "provider", subjectId: row!.id, payload: { name: input.name, kind: input.kind } });
    return row!;
  });
}

export async function listProviders() {
  return db().select({ id: providers.id, name: providers.name, kind: providers.kind }).from(providers).orderBy(providers.name);
}

async function checkFacts(tx: Tx, input: ServiceFactsInput, excludeId?: string) {
  const [clash] = await tx
    .select({ id: services.id })
    .from(services)
    .where(and(sql`lower(${services.name}) = lower(${input.name})`, excludeId ? sql`${services.id} <> ${excludeId}` : undefined));
  if (clash) throw new AppError("service_exists", "A service of that name exists already", "name", 409);
  if (input.providerId) {
    const [provider] = await tx.select({ id: providers.id }).from(providers).where(eq(providers.id, input.providerId));
    if (!provider) throw new AppError("provider_not_found", "That provider does not exist", "providerId");
  }
}

/**
 * Checks a definition against the workspace: the needs it names exist and are
 * live (a merged need is named by its survivor), its consumers are units in use.
 */
async function checkDefinition(tx: Tx, definition: Definition) {
  const needIds = [...new Set(clauseNeedLinks(definition).map((l) => l.needId))];
  if (needIds.length) {
    const found = await tx.select({ id: needs.id, mergedInto: needs.mergedInto }).from(needs).where(inArray(needs.id, needIds));
    if (found.length !== needIds.length) throw new AppError("need_not_found", "One of the needs named no longer exists: choose again");
    if (found.some((n) => n.mergedInto)) throw new AppError("need_merged", "One of the needs named was merged into another: name the need it was merged into");
  }
  const unitIds = [...new Set(definition.consumers.map((c) => c.unitId))];
  if (unitIds.length) {
    const found = await tx.select({ id: businessUnits.id }).from(businessUnits).where(inArray(businessUnits.id, unitIds));
    if (found.length !== unitIds.length) throw new AppError("unit_not_found", "One of the consumers is not a business unit", "consumers");
  }
}

/** Keeps the clause → need links of a service's draft in step with it. */
async function relinkClauses(tx: Tx, serviceId: string, definition: Definition) {
  await tx.delete(serviceClauseNeeds).where(eq(serviceClauseNeeds.serviceId, serviceId));
  const links = clauseNeedLinks(definition);
  const unique = [...new Map(links.map((l) => [`${l.clauseId}\u0000${l.needId}`, l])).values()];
  if (unique.length) await tx.insert(serviceClauseNeeds).values(unique.map((l) => ({ serviceId, clauseId: l.clauseId, kind: l.kind, needId: l.needId })));
}

/** A new service with its facts and a definition draft (empty, or prefilled from needs). */
export async function createService({ input, definition = EMPTY_DEFINITION, fromNeeds = [], actor }: { input: ServiceFactsInput; definition?: Definition; fromNeeds?: string[]; actor: Actor }) {
  const checked = definitionSchema.parse(definition);
  return db().transaction(async (tx) => {
    await checkFacts(tx, input);
    await checkDefinition(tx, checked);
    const [row] = await tx
      .insert(services)
      .values({ ...input, draft: checked, createdBy: actor.id })
      .returning({ id: services.id });
    await relinkClauses(tx, row!.id, checked);
    await appendAudit(tx, { kind: "service.created", actor, subjectType: "service", subjectId: row!.id, payload: { name: input.name, kind: input.kind, fromNeeds } });
    return row!;
  });
}

async function lockService(tx: Tx, id: string) {
  const [row] = await tx.select().from(services).where(eq(services.id, id)).for("update");
  if (!row) throw serviceGone();
  return row;
}

const stale = () => new AppError("stale", "Someone changed this service since you opened it: look at the current version and make your change again", undefined, 409);

/** Changes a service's facts, against the revision the form was opened at. */
export async function updateServiceFacts({ id, revision, input, actor }: { id: string; revision: number; input: ServiceFactsInput; actor: Actor }) {
  return db().transaction(async (tx) => {
    const current = await lockService(tx, id);
    if (current.revision !== revision) throw stale();
    await checkFacts(tx, input, id);
    const before: Record<string, unknown> = Object.fromEntries(Object.keys(input).map((k) => [k, current[k as keyof typeof current]]));
    await tx.update(services).set({ ...input, revision: current.revision + 1, updatedAt: new Date() }).where(eq(services.id, id));
    await appendAudit(tx, { kind: "service.updated", actor, subjectType: "service", subjectId: id, payload: { changes: diffFields(before, { ...input }) } });
  });
}

/** Saves the definition's draft, against the revision it was opened at; its clause → need links follow it. */
export async function saveDraft({ id, revision, definition, actor }: { id: string; revision: number; definition: Definition; actor: Actor }) {
  const checked = definitionSchema.parse(definition);
  return db().transaction(async (tx) => {
    const current = await lockService(tx, id);
    if (current.revision !== revision) throw stale();
    await checkDefinition(tx, checked);
    await tx.update(services).set({ draft: checked, revision: current.revision + 1, updatedAt: new Date() }).where(eq(services.id, id));
    await relinkClauses(tx, id, checked);
    await appendAudit(tx, {
      kind: "service.draft_saved",
      actor,
      subjectType: "service",
      subjectId: id,
      payload: { revision: current.revision + 1, needs: new Set(clauseNeedLinks(checked).map((l) => l.needId)).size },
    });
    return { revision: current.revision + 1 };
  });
}

/**
 * Records that one service depends on another. Dependencies change one at a time
 * (a transaction-level lock), so two that would together close a loop cannot
 * both go in; a loop is refused with its path in words.
 */
export async function addDependency({ serviceId, dependsOnId, actor }: { serviceId: string; dependsOnId: string; actor: Actor }) {
  return db().transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('charter.service_dependencies'))`);
    const named = await tx.select({ id: services.id, name: services.name }).from(services).where(inArray(services.id, [serviceId, dependsOnId]));
    const nameOf = (id: string) => named.find((s) => s.id === id)?.name ?? "a service";
    if (!named.some((s) => s.id === serviceId)) throw serviceGone();
    if (!named.some((s) => s.id === dependsOnId)) throw new AppError("service_not_found", "That supporting service does not exist", "dependsOnId");
    const edges = (await tx.select({ from: serviceDependencies.serviceId, to: serviceDependencies.dependsOnId }).from(serviceDependencies)).map((e) => ({ from: e.from, to: e.to }));
    if (edges.some((e) => e.from === serviceId && e.to === dependsOnId)) throw new AppError("dependency_exists", `${nameOf(serviceId)} already depends on ${nameOf(dependsOnId)}`, "dependsOnId", 409);
    const loop = cycleThrough(edges, serviceId, dependsOnId);
    if (loop) {
      const everyone = await tx.select({ id: services.id, name: services.name }).from(services).where(inArray(services.id, [...new Set(loop)]));
      const name = (id: string) => everyone.find((s) => s.id === id)?.name ?? "a service";
      throw new AppError(
        "dependency_loop",
        loop.length === 2 ? `A service cannot depend on itself` : `That would make a loop: ${describeLoop(loop, name)}`,
        "dependsOnId",
      );
    }
    await tx.insert(serviceDependencies).values({ serviceId, dependsOnId });
    // What it depends on is part of what a version records: the service has changed since its last one.
    await tx.update(services).set({ updatedAt: new Date() }).where(eq(services.id, serviceId));
    await appendAudit(tx, { kind: "service.dependency_added", actor, subjectType: "service", subjectId: serviceId, payload: { dependsOn: dependsOnId, dependsOnName: nameOf(dependsOnId) } });
  });
}

export async function removeDependency({ serviceId, dependsOnId, actor }: { serviceId: string; dependsOnId: string; actor: Actor }) {
  return db().transaction(async (tx) => {
    const removed = await tx
      .delete(serviceDependencies)
      .where(and(eq(serviceDependencies.serviceId, serviceId), eq(serviceDependencies.dependsOnId, dependsOnId)))
      .returning({ to: serviceDependencies.dependsOnId });
    if (!removed.length) throw new AppError("dependency_not_found", "That dependency is not recorded", undefined, 404);
    await tx.update(services).set({ updatedAt: new Date() }).where(eq(services.id, serviceId));
    const [other] = await tx.select({ name: services.name }).from(services).where(eq(services.id, dependsOnId));
    await appendAudit(tx, { kind: "service.dependency_removed", actor, subjectType: "service", subjectId: serviceId, payload: { dependsOn: dependsOnId, dependsOnName: other?.name ?? "" } });
  });
}
