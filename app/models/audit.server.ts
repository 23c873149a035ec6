import { createHash } from "node:crypto";
import { and, asc, desc, eq, gt, gte, lt, lte, sql, type SQL } from "drizzle-orm";
import { auditEvents } from "../../db/schema";
import {
  AUDIT_PAYLOADS,
  GENESIS_HASH,
  type AuditContent,
  type AuditKind,
  type AuditPayload,
} from "../domain/audit";
import { canonicalJson } from "../domain/canonical-json";
import type { Executor, Tx } from "../db.server";

/** Who did it, and from where. A system actor has no id. */
export interface Actor {
  id: string | null;
  name: string;
  ip: string;
  userAgent: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: "Charter", ip: "", userAgent: "" };

/** Advisory lock key that serialises appends, so two writers never fork the chain. */
const AUDIT_CHAIN_LOCK = 0x61756474; // "audt"

export function hashAuditContent(content: AuditContent): string {
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
}

/**
 * Appends one event, inside the caller's transaction. The payload is checked
 * against its kind's schema; the chain is extended under a transaction-level
 * advisory lock, released when the caller's transaction ends.
 */
export async function appendAudit<K extends AuditKind>(
  tx: Tx,
  event: {
    kind: K;
    actor: Actor;
    subjectType: string;
    subjectId: string;
    payload: AuditPayload<K>;
  },
): Promise<{ seq: number; hash: string }> {
  const payload = AUDIT_PAYLOADS[event.kind].parse(event.payload);
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx
    .select({ hash: auditEvents.hash, at: auditEvents.at })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  // Keep time monotonic along the chain even if the clock steps back.
  const now = new Date();
  const at = last && last.at > now ? new Date(last.at.getTime()) : now;
  const content: AuditContent = {
    at: at.toISOString(),
    kind: event.kind,
    actorId: event.actor.id,
    actorName: event.actor.name,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    payload,
    ip: event.actor.ip,
    userAgent: event.actor.userAgent.slice(0, 500),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = hashAuditContent(content);
  const [row] = await tx
    .insert(auditEvents)
    .values({ ...content, at, hash })
    .returning({ seq: auditEvents.seq });
  return { seq: row!.seq, hash };
}

export type ChainReport =
  | { ok: true; checked: number; lastHash: string }
  | { ok: false; checked: number; seq: number; reason: string };

/** What a stored event's hash covers. */
export function auditContentOf(row: typeof auditEvents.$inferSelect): AuditContent {
  return {
    at: row.at.toISOString(),
    kind: row.kind,
    actorId: row.actorId,
    actorName: row.actorName,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    payload: row.payload,
    ip: row.ip,
    userAgent: row.userAgent,
    prevHash: row.prevHash,
  };
}

/** Walks the whole chain in order and reports the first event that does not hold. */
export async function verifyAuditChain(db: Executor, batchSize = 1000): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let afterSeq = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, afterSeq))
      .orderBy(asc(auditEvents.seq))
      .limit(batchSize);
    if (rows.length === 0) return { ok: true, checked, lastHash: prevHash };
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        return {
          ok: false,
          checked,
          seq: row.seq,
          reason: "its link to the previous event does not match (an event before it was removed or changed)",
        };
      }
      const expected = hashAuditContent(auditContentOf(row));
      if (expected !== row.hash) {
        return { ok: false, checked, seq: row.seq, reason: "its content does not match its hash (it was altered)" };
      }
      prevHash = row.hash;
      afterSeq = row.seq;
      checked++;
    }
  }
}

export interface AuditFilter {
  kind?: AuditKind;
  actorId?: string;
  subjectId?: string;
  from?: Date;
  to?: Date;
  beforeSeq?: number;
}

/** A page of events, newest first, and whether there are older ones. */
export async function listAuditEvents(db: Executor, filter: AuditFilter, limit = 50) {
  const where: SQL[] = [];
  if (filter.kind) where.push(eq(auditEvents.kind, filter.kind));
  if (filter.actorId) where.push(eq(auditEvents.actorId, filter.actorId));
  if (filter.subjectId) where.push(eq(auditEvents.subjectId, filter.subjectId));
  if (filter.from) where.push(gte(auditEvents.at, filter.from));
  if (filter.to) where.push(lte(auditEvents.at, filter.to));
  if (filter.beforeSeq) where.push(lt(auditEvents.seq, filter.beforeSeq));
  const rows = await db
    .select()
    .from(auditEvents)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.seq))
    .limit(limit + 1);
  return { events: rows.slice(0, limit), hasMore: rows.length > limit };
}
