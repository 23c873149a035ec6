/**
 * Measured service levels: values per level and month, typed on the measures page or imported
 * from a spreadsheet (all or nothing), and attainment against the targets they were recorded under.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { serviceMeasurements, services } from "../../db/schema";
import type { Definition, MeasureKind } from "../domain/definition";
import { previewMeasureImport, type ImportService } from "../domain/measures-import";
import { meets, measuredLevels, monthLabel, monthStart, parseMeasuredValue, type MeasuredLevel, type Measurement, type RecordMeasuresInput } from "../domain/review";
import { db, type Executor } from "../db.server";
import { appendAudit, type Actor } from "./audit.server";
import { AppError } from "./errors.server";
import { toUuidArray } from "./need-support.server";
import { rowsOf } from "./rows.server";
import { serviceGone } from "./service.server";

/**
 * The definition a service is measured against: its newest agreed version's, or, before any
 * version is agreed, its draft's.
 */
export async function definitionInForce(executor: Executor, serviceIds: string[]): Promise<Map<string, { definition: Definition; agreedVersion: number | null; name: string }>> {
  if (!serviceIds.length) return new Map();
  const rows = rowsOf<{ id: string; name: string; draft: Definition; agreed: Definition | null; number: number | null }>(
    await executor.execute(sql`
      select s.id, s.name, s.draft, a.content->'definition' as agreed, a.number
      from services s
      left join lateral (
        select sv.content, sv.number from service_versions sv join agreed_documents d on d.version_id = sv.id
        where sv.service_id = s.id order by sv.number desc limit 1
      ) a on true
      where s.id = any(${toUuidArray(serviceIds)})`),
  );
  return new Map(rows.map((r) => [r.id, { definition: r.agreed ?? r.draft, agreedVersion: r.number ?? null, name: r.name }]));
}

export async function levelsInForce(serviceId: string): Promise<{ levels: MeasuredLevel[]; agreedVersion: number | null; name: string } | null> {
  const found = (await definitionInForce(db(), [serviceId])).get(serviceId);
  return found ? { levels: measuredLevels(found.definition), agreedVersion: found.agreedVersion, name: found.name } : null;
}

export async function measurementsOf(serviceId: string, from?: string): Promise<Measurement[]> {
  const rows = await db()
    .select({ levelId: serviceMeasurements.levelId, period: serviceMeasurements.period, kind: serviceMeasurements.kind, target: serviceMeasurements.target, value: serviceMeasurements.value, met: serviceMeasurements.met })
    .from(serviceMeasurements)
    .where(and(eq(serviceMeasurements.serviceId, serviceId), from ? sql`${serviceMeasurements.period} >= ${from}` : undefined))
    .orderBy(serviceMeasurements.period, serviceMeasurements.levelId);
  return rows.map((r) => ({ ...r, kind: r.kind as MeasureKind }));
}

/** The month after the newest one measured, or the current month: where the measures page opens. */
export async function latestMeasuredMonth(serviceId: string): Promise<string | null> {
  const [row] = await db()
    .select({ period: sql<string | null>`max(${serviceMeasurements.period})::text` })
    .from(serviceMeasurements)
    .where(eq(serviceMeasurements.serviceId, serviceId));
  return row?.period ?? null;
}

/**
 * One month's values for a service, typed on its measures page: each level given a value is
 * written (a value already there is replaced), each level left blank that had one is cleared.
 * Every value is checked against its level's kind; any problem saves nothing and comes back as
 * `errors` by field (`values.<levelId>`).
 */
export async function recordMeasures({ serviceId, input, actor }: { serviceId: string; input: RecordMeasuresInput; actor: Actor }) {
  const period = monthStart(input.period);
  if (!period) throw new AppError("bad_period", "A month like 2026-03", "period");
  if (period > `${new Date().toISOString().slice(0, 7)}-01`) throw new AppError("future_period", `${monthLabel(period)} has not begun yet`, "period");
  return db().transaction(async (tx) => {
    const [service] = await tx.select({ id: services.id }).from(services).where(eq(services.id, serviceId)).for("update");
    if (!service) throw serviceGone();
    const found = (await definitionInForce(tx, [serviceId])).get(serviceId)!;
    const levels = measuredLevels(found.definition);
    const known = new Set(levels.map((l) => l.id));
    const unknown = Object.keys(input.values).filter((id) => !known.has(id) && input.values[id]!.trim() !== "");
    if (unknown.length) throw new AppError("unknown_level", "The definition changed while you typed: some of these service levels no longer exist. Reload the page.", undefined, 409);
    const errors: Record<string, string> = {};
    const values: { levelId: string; criticalPeriodId: string | null; kind: MeasureKind; target: string; value: number | null; met: boolean }[] = [];
    const cleared: string[] = [];
    for (const level of levels) {
      const raw = input.values[level.id]?.trim() ?? "";
      if (raw === "") {
        cleared.push(level.id);
        continue;
      }
      const parsed = parseMeasuredValue(level.kind, raw);
      if ("problem" in parsed) {
        errors[`values.${level.id}`] = parsed.problem;
        continue;
      }
      const met = parsed.met ?? meets(level.kind, level.target, parsed.value!);
      if (met === null) {
        errors[`values.${level.id}`] = `The target (${level.target}) is not a number: correct the definition first`;
        continue;
      }
      values.push({ levelId: level.id, criticalPeriodId: level.periodId, kind: level.kind, target: level.target, value: parsed.value, met });
    }
    if (Object.keys(errors).length) return { ok: false as const, errors };
    const removed = cleared.length
      ? await tx
          .delete(serviceMeasurements)
          .where(and(eq(serviceMeasurements.serviceId, serviceId), eq(serviceMeasurements.period, period), inArray(serviceMeasurements.levelId, cleared)))
          .returning({ levelId: serviceMeasurements.levelId })
      : [];
    if (values.length) {
      await tx
        .insert(serviceMeasurements)
        .values(values.map((v) => ({ serviceId, period, ...v, recordedBy: actor.id })))
        .onConflictDoUpdate({
          target: [serviceMeasurements.serviceId, serviceMeasurements.levelId, serviceMeasurements.period],
          set: { criticalPeriodId: sql`excluded.critical_period_id`, kind: sql`excluded.kind`, target: sql`excluded.target`, value: sql`excluded.value`, met: sql`excluded.met`, recordedBy: sql`excluded.recorded_by`, recordedAt: sql`now()` },
        });
    }
    if (!values.length && !removed.length) return { ok: true as const, saved: 0, cleared: 0, period };
    await appendAudit(tx, {
      kind: "measures.recorded",
      actor,
      subjectType: "service",
      subjectId: serviceId,
      payload: { period, values: values.map((v) => ({ levelId: v.levelId, value: v.value, met: v.met })), cleared: removed.map((r) => r.levelId) },
    });
    return { ok: true as const, saved: values.length, cleared: removed.length, period };
  });
}

/** Every service with the levels it is measured against, for checking an import. */
async function importLookups(executor: Executor): Promise<ImportService[]> {
  const all = await executor.select({ id: services.id }).from(services);
  const inForce = await definitionInForce(
    executor,
    all.map((s) => s.id),
  );
  return [...inForce].map(([id, f]) => ({ id, name: f.name, levels: measuredLevels(f.definition) }));
}

export async function previewMeasuresImport(content: string) {
  return previewMeasureImport(content, await importLookups(db()));
}

/** Imports a checked file in one transaction: any bad row (checked again here) imports nothing. */
export async function importMeasures({ content, actor }: { content: string; actor: Actor }) {
  return db().transaction(async (tx) => {
    const preview = previewMeasureImport(content, await importLookups(tx));
    if (!preview.ok) throw new AppError("bad_file", preview.fileError, "file");
    if (preview.errorCount) throw new AppError("bad_rows", `${preview.errorCount} row${preview.errorCount === 1 ? " has" : "s have"} errors; nothing was imported`, "file");
    const rows = preview.rows.map((r) => r.resolved!);
    const replacedBy = new Map<string, number>();
    // In slices, so a large file stays under the driver's parameter limit.
    for (let i = 0; i < rows.length; i += 500) {
      const slice = rows.slice(i, i + 500);
      const written = await tx
        .insert(serviceMeasurements)
        .values(slice.map((r) => ({ ...r, recordedBy: actor.id })))
        .onConflictDoUpdate({
          target: [serviceMeasurements.serviceId, serviceMeasurements.levelId, serviceMeasurements.period],
          set: { criticalPeriodId: sql`excluded.critical_period_id`, kind: sql`excluded.kind`, target: sql`excluded.target`, value: sql`excluded.value`, met: sql`excluded.met`, recordedBy: sql`excluded.recorded_by`, recordedAt: sql`now()` },
        })
        .returning({ serviceId: serviceMeasurements.serviceId, inserted: sql<boolean>`(xmax = 0)` });
      for (const w of written) if (!w.inserted) replacedBy.set(w.serviceId, (replacedBy.get(w.serviceId) ?? 0) + 1);
    }
    const serviceIds = [...new Set(rows.map((r) => r.serviceId))];
    for (const serviceId of serviceIds) {
      // One event per service, so each service's trail shows what was imported into it.
      await appendAudit(tx, {
        kind: "measures.imported",
        actor,
        subjectType: "service",
        subjectId: serviceId,
        payload: { rows: rows.filter((r) => r.serviceId === serviceId).length, services: serviceIds, replaced: replacedBy.get(serviceId) ?? 0 },
      });
    }
    const replaced = [...replacedBy.values()].reduce((a, b) => a + b, 0);
    return { rows: rows.length, services: serviceIds.length, replaced };
  });
}
