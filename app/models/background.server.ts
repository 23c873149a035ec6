/**
 * Work the server does on its own schedule: the suspect-clause sweep, at start and every ten
 * minutes, and mail delivery, every few seconds. Each sweep is one idempotent transaction and
 * delivery claims each message before sending it, so several app processes may run both. The
 * timers do not keep the process alive.
 */
import { mailTransport } from "../utils/mailer.server";
import { deliverDue } from "./mail.server";
import { sweepSuspects } from "./suspect.server";

const EVERY_MS = 10 * 60_000;
const MAIL_EVERY_MS = 5_000;

export function startBackgroundWork({ everyMs = EVERY_MS, mailEveryMs = MAIL_EVERY_MS, log = console }: { everyMs?: number; mailEveryMs?: number; log?: Pick<Console, "warn"> } = {}) {
  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      await sweepSuspects();
    } catch (error) {
      log.warn("The suspect-clause sweep failed; it runs again in a few minutes:", error);
    } finally {
      running = false;
    }
  };
  void sweep();
  const timer = setInterval(() => void sweep(), everyMs);
  timer.unref();

  const transport = mailTransport();
  let delivering = false;
  const deliver = async () => {
    if (delivering) return;
    delivering = true;
    try {
      const report = await deliverDue({ transport });
      if (report.retrying || report.failed) log.warn(`Mail: ${report.sent} sent, ${report.retrying} to be tried again, ${report.failed} failed for good (see the admins' outbox).`);
    } catch (error) {
      log.warn("Delivering mail failed; it is tried again in a few seconds:", error);
    } finally {
      delivering = false;
    }
  };
  const mailTimer = setInterval(() => void deliver(), mailEveryMs);
  mailTimer.unref();
  return () => {
    clearInterval(timer);
    clearInterval(mailTimer);
  };
}
