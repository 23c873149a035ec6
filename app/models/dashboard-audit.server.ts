/**
 * The audit trail's verification status for the admin's home page.
 *
 * Walking the whole chain costs about 20 ms per thousand events on PGlite, one query per thousand:
 * quick for a young workspace, a second at 50,000 events. So the page walks it in full at most once
 * every ten minutes per process, and in between checks only the events appended since the last full
 * walk, from the hash that walk ended on. The audit page (and `npm run audit:verify`) walks it in
 * full on demand.
 */
import { asc, desc, gte } from "drizzle-orm";
import { auditEvents } from "../../db/schema";
import { db } from "../db.server";
import { auditContentOf, hashAuditContent, verifyAuditChain } from "./audit.server";

export const FULL_CHECK_EVERY_MS = 10 * 60_000;
const BATCH = 1000;

export type AuditChainStatus =
  | { ok: true; events: number; fullCheckAt: string }
  | { ok: false; seq: number; reason: string; checked: number; fullCheckAt: string };

interface Checkpoint {
  seq: number;
  hash: string;
  checked: number;
  fullCheckAt: Date;
}

const state: { checkpoint: Checkpoint | null } = { checkpoint: null };

/** The next look walks the whole chain again. */
export function forgetAuditChainStatus() {
  state.checkpoint = null;
}

export async function auditChainStatus({ now = new Date() }: { now?: Date } = {}): Promise<AuditChainStatus> {
  const cp = state.checkpoint;
  if (cp && now.getTime() - cp.fullCheckAt.getTime() < FULL_CHECK_EVERY_MS) {
    const since = await verifySince(cp);
    if (since) return since;
  }
  return fullCheck(now);
}

async function fullCheck(now: Date): Promise<AuditChainStatus> {
  const report = await verifyAuditChain(db(), BATCH);
  if (!report.ok) {
    state.checkpoint = null;
    return { ok: false, seq: report.seq, reason: report.reason, checked: report.checked, fullCheckAt: now.toISOString() };
  }
  // The walk ends on the newest event it saw; one appended meanwhile leaves no checkpoint, so the next look walks again.
  const [head] = await db().select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  state.checkpoint = head?.hash === report.lastHash ? { seq: head.seq, hash: head.hash, checked: report.checked, fullCheckAt: now } : null;
  return { ok: true, events: report.checked, fullCheckAt: now.toISOString() };
}


/**
 * The events appended since the checkpoint, each linked to the one before and matching its hash.
 * Null when the checkpoint's own event is no longer what the last walk saw (a fresh database, a
 * change) or an event since does not hold: then a full walk tells, naming the first broken event.
 */
async function verifySince(cp: Checkpoint): Promise<AuditChainStatus | null> {
  let prevHash = cp.hash;
  let afterSeq = cp.seq;
  let checked = cp.checked;
  let first = true;
  for (;;) {
    const rows = await db()
      .select()
      .from(auditEvents)
      .where(gte(auditEvents.seq, first ? cp.seq : afterSeq + 1))
      .orderBy(asc(auditEvents.seq))
      .limit(BATCH);
    if (first) {
      const at = rows[0];
      if (at?.seq !== cp.seq || at.hash !== cp.hash || hashAuditContent(auditContentOf(at)) !== cp.hash) return null;
      rows.shift();
      first = false;
    }
    if (rows.length === 0) break;
    for (const row of rows) {
      // A break since the last walk: walk again from the start, which names the first broken event.
      if (row.prevHash !== prevHash || hashAuditContent(auditContentOf(row)) !== row.hash) return null;
      prevHash = row.hash;
      afterSeq = row.seq;
      checked++;
    }
    if (rows.length < BATCH - 1) break;
  }
  state.checkpoint = { ...cp, seq: afterSeq, hash: prevHash, checked };
  return { ok: true, events: checked, fullCheckAt: cp.fullCheckAt.toISOString() };
}
