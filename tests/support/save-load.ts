import { randomUUID } from "node:crypto";

const RUN_DATA = "routes%2Finterviews.%24interviewId.run";

/** A save the server answered 200 "saved" for: it must be in the database whatever happens next. */
export interface Acknowledged {
  interview: string;
  key: string;
  revision: number;
  value: string;
}

/** A request that did not get a "saved": how it failed (an HTTP status, or the network's error code). */
export interface Failure {
  status: number | string;
  retryAfter: string | null;
  /** How long it took to fail. */
  ms: number;
}

/**
 * Interviewers autosaving as the runner does, one per interview, each writing its own answer again
 * and again with a fresh idempotency key and the revision its last save returned. A save that fails
 * (no answer, or a 5xx) is sent again unchanged, same key and base, until it is saved, as the page
 * does: a retry of a save that was applied but whose answer was lost must be recognised, not refused.
 */
export function startSaveLoad(urls: () => string, cookie: string, interviews: string[], { item = "q-unit-purpose", gapMs = 40, timeoutMs = 10_000 } = {}) {
  const acknowledged: Acknowledged[] = [];
  const failures: Failure[] = [];
  const unexpected: string[] = [];
  let stopping = false;
  const lastSavedAt = new Map<string, number>();

  const writer = async (interview: string, w: number) => {
    let revision = 0;
    for (let n = 1; !stopping; n++) {
      const value = `Writer ${w}, save ${n}: the counter queue moves when the branch system is up.`;
      const key = randomUUID();
      const body = JSON.stringify({ intent: "save", since: 0, saves: [{ kind: "answer", item, value, quote: "", base: revision, key }] });
      for (;;) {
        const url = urls();
        let status: number | string;
        let retryAfter: string | null = null;
        const started = Date.now();
        try {
          const response = await fetch(`${url}/interviews/${interview}/run?_data=${RUN_DATA}`, {
            method: "POST",
            headers: { cookie, origin: url, "content-type": "application/json" },
            body,
            signal: AbortSignal.timeout(timeoutMs),
          });
          status = response.status;
          retryAfter = response.headers.get("retry-after");
          const text = await response.text();
          if (status === 200) {
            const parsed = JSON.parse(text) as { results: { key: string; status: string; revision?: number }[] };
            const result = parsed.results.find((r) => r.key === key);
            if (result?.status === "saved" && result.revision) {
              revision = result.revision;
              acknowledged.push({ interview, key, revision, value });
              lastSavedAt.set(interview, Date.now());
              break;
            }
            unexpected.push(`200 without a saved result: ${text.slice(0, 300)}`);
            return;
          }
          if (status < 500) {
            // 4xx means the server refused the save itself: never expected here.
            unexpected.push(`${status}: ${text.slice(0, 300)}`);
            return;
          }
        } catch (error) {
          const cause = (error as { cause?: { code?: string } }).cause;
          status = cause?.code ?? (error as Error).name;
        }
        failures.push({ status, retryAfter, ms: Date.now() - started });
        if (stopping) return;
        await new Promise((r) => setTimeout(r, 150));
      }
      await new Promise((r) => setTimeout(r, gapMs));
    }
  };

  const running = Promise.all(interviews.map((id, i) => writer(id, i)));
  return {
    acknowledged,
    failures,
    unexpected,
    /** Resolves once every interviewer has had a save acknowledged after `since`. */
    async allSavedAfter(since: number, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (interviews.every((id) => (lastSavedAt.get(id) ?? 0) > since)) return true;
        if (unexpected.length) return false;
        await new Promise((r) => setTimeout(r, 100));
      }
      return false;
    },
    async stop() {
      stopping = true;
      await running;
    },
  };
}

/**
 * What the database holds of the acknowledged saves: each one's key recorded with the revision the
 * server answered, and each answer at or past its last acknowledged revision (a save applied whose
 * answer was lost may have gone one further).
 */
export function missingSaves(
  acknowledged: Acknowledged[],
  saves: { key: string; revision: number | null }[],
  answers: { interview_id: string; revision: number; value: unknown }[],
): string[] {
  const byKey = new Map(saves.map((s) => [s.key, s.revision]));
  const problems: string[] = [];
  for (const a of acknowledged) {
    if (!byKey.has(a.key)) problems.push(`save ${a.key} (revision ${a.revision}) is not recorded`);
    else if (byKey.get(a.key) !== a.revision) problems.push(`save ${a.key} was acknowledged as revision ${a.revision} but recorded as ${byKey.get(a.key)}`);
  }
  const last = new Map<string, Acknowledged>();
  for (const a of acknowledged) if ((last.get(a.interview)?.revision ?? 0) < a.revision) last.set(a.interview, a);
  for (const [interview, a] of last) {
    const row = answers.find((r) => r.interview_id === interview);
    if (!row) problems.push(`interview ${interview} has no answer`);
    else if (row.revision < a.revision) problems.push(`interview ${interview}'s answer is at revision ${row.revision}, below the acknowledged ${a.revision}`);
    else if (row.revision === a.revision && row.value !== a.value) problems.push(`interview ${interview}'s answer at revision ${a.revision} reads ${JSON.stringify(row.value)}`);
  }
  return problems;
}
