/**
 * Work the server does on its own schedule: the suspect-clause sweep, at start and every ten
 * minutes. Each run is one idempotent transaction, so two app processes sweeping at once mark
 * nothing twice. The timer does not keep the process alive.
 */
import { sweepSuspects } from "./suspect.server";

const EVERY_MS = 10 * 60_000;

export function startBackgroundWork({ everyMs = EVERY_MS, log = console }: { everyMs?: number; log?: Pick<Console, "warn"> } = {}) {
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
  return () => clearInterval(timer);
}
