/**
 * The outbox: a message is written in the transaction of what it tells of, so it exists exactly
 * when that change does; the server then delivers what is due. Delivery claims a message for a few
 * minutes before sending (a process that dies mid-send leaves it to be tried again), records where
 * it went, and on failure records why and tries again later, backing off; after the last try it is
 * marked failed for an admin to see and send again. Nothing is dropped silently.
 */
import { and, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { mailMessages } from "../../db/schema";
import { hideSurveyLinks, nextAttemptDelayMs, type Composed, type OutboxFilter } from "../domain/mail";
import { db, type Executor } from "../db.server";
import { mailTransport, type MailTransport } from "../utils/mailer.server";
import { appendAudit, type Actor } from "./audit.server";
import { AppError } from "./errors.server";

/** How long a claimed message stays claimed while it is being sent. */
const CLAIM_MS = 5 * 60_000;

/** Queues messages in the caller's transaction; `notBefore` holds one back until then (a survey's opening day). */
export async function enqueueMail(executor: Executor, messages: (Composed & { subjectType: string; subjectId: string; notBefore?: Date })[]) {
  const real = messages.filter((m) => m.to.address.trim() !== "");
  if (!real.length) return [];
  return executor
    .insert(mailMessages)
    .values(
      real.map((m) => ({
        kind: m.kind,
        toAddress: m.to.address,
        toName: m.to.name,
        subject: m.subject,
        text: m.text,
        html: m.html,
        reason: m.reason,
        subjectType: m.subjectType,
        subjectId: m.subjectId,
        ...(m.notBefore ? { nextAttemptAt: m.notBefore } : {}),
      })),
    )
    .returning({ id: mailMessages.id });
}

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

/** Sends what is due, oldest first, at most `limit`. */
export async function deliverDue({ transport = mailTransport(), now = new Date(), limit = 20 }: { transport?: MailTransport; now?: Date; limit?: number } = {}): Promise<DeliveryReport> {
  const claimed = await db().transaction(async (tx) => {
    const due = await tx
      .select({ id: mailMessages.id })
      .from(mailMessages)
      .where(and(eq(mailMessages.status, "queued"), lte(mailMessages.nextAttemptAt, now)))
      .orderBy(mailMessages.nextAttemptAt, mailMessages.createdAt)
      .limit(limit)
      .for("update", { skipLocked: true });
    if (!due.length) return [];
    return tx
      .update(mailMessages)
      .set({ attempts: sql`${mailMessages.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + CLAIM_MS) })
      .where(inArray(mailMessages.id, due.map((d) => d.id)))
      .returning();
  });
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  for (const m of claimed) {
    try {
      const deliveredAs = await transport.send({ id: m.id, to: { address: m.toAddress, name: m.toName }, subject: m.subject, text: m.text, html: m.html });
      // Delivered: a survey link in the kept copy would open someone's answers, so it is not kept.
      const kept = m.kind.startsWith("survey.") ? { text: hideSurveyLinks(m.text), html: hideSurveyLinks(m.html) } : {};
      await db().update(mailMessages).set({ status: "sent", sentAt: new Date(), deliveredAs, lastError: null, ...kept }).where(eq(mailMessages.id, m.id));
      report.sent += 1;
    } catch (error) {
      const why = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      const delay = nextAttemptDelayMs(m.attempts);
      await db()
        .update(mailMessages)
        .set(delay === null ? { status: "failed", lastError: why } : { lastError: why, nextAttemptAt: new Date(now.getTime() + delay) })
        .where(eq(mailMessages.id, m.id));
      if (delay === null) report.failed += 1;
      else report.retrying += 1;
    }
  }
  return report;
}

/** An admin sends a failed (or waiting) message again now. */
export async function retryMail({ id, actor }: { id: string; actor: Actor }) {
  return db().transaction(async (tx) => {
    const [row] = await tx.select().from(mailMessages).where(eq(mailMessages.id, id)).for("update");
    if (!row) throw new AppError("mail_not_found", "That message is not in the outbox", undefined, 404);
    if (row.status === "sent") throw new AppError("already_sent", "That message was sent already", undefined, 409);
    await tx.update(mailMessages).set({ status: "queued", nextAttemptAt: new Date() }).where(eq(mailMessages.id, id));
    await appendAudit(tx, { kind: "mail.retried", actor, subjectType: "mail", subjectId: id, payload: { to: row.toAddress, subject: row.subject, attempts: row.attempts } });
  });
}

/** The newest messages, with counts per status. Two queries. */
export async function outbox({ status = "all", limit = 100 }: { status?: OutboxFilter; limit?: number } = {}) {
  const [rows, counts] = await Promise.all([
    db()
      .select()
      .from(mailMessages)
      .where(status === "all" ? undefined : eq(mailMessages.status, status))
      .orderBy(desc(mailMessages.createdAt))
      .limit(limit),
    db()
      .select({ status: mailMessages.status, count: sql<number>`count(*)::int` })
      .from(mailMessages)
      .groupBy(mailMessages.status),
  ]);
  const by = Object.fromEntries(counts.map((c) => [c.status, c.count])) as Partial<Record<"queued" | "sent" | "failed", number>>;
  return { rows, counts: { queued: by.queued ?? 0, sent: by.sent ?? 0, failed: by.failed ?? 0 } };
}
