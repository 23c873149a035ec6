import { randomUUID } from "node:crypto";
import autocannon from "autocannon";
import type { LoadResult } from "./load";

export const RUN_DATA = "routes%2Finterviews.%24interviewId.run";

/**
 * One answer's autosave as the runner page sends it: based on the revision the last save
 * returned, with a fresh idempotency key and the last change seen (`since`).
 */
export function answerSave({ interview, item, value, base, since }: { interview: string; item: string; value: string; base: number; since: number }) {
  return {
    path: `/interviews/${interview}/run?_data=${RUN_DATA}`,
    body: JSON.stringify({ intent: "save", since, saves: [{ kind: "answer", item, value, quote: "", base, key: randomUUID() }] }),
  };
}

/** What an autosave's answer says of its one save: saved or not, the revision to base the next on, and the cursor. */
export function answerSaveResult(text: string): { saved: boolean; revision: number | null; cursor: number | null } {
  const parsed = JSON.parse(text) as { results?: { status: string; revision?: number; current?: { revision: number } }[]; cursor?: number };
  const r = parsed.results?.[0];
  return { saved: r?.status === "saved", revision: r?.revision ?? r?.current?.revision ?? null, cursor: parsed.cursor ?? null };
}

async function formPost(url: string, cookie: string, form: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  return fetch(url, { method: "POST", redirect: "manual", headers: { cookie, origin: new URL(url).origin, "content-type": "application/x-www-form-urlencoded" }, body });
}

/**
 * Plans and starts one interview per simulated interviewer, through the app's
 * own forms, and returns their ids.
 */
export async function startInterviews(url: string, cookie: string, count: number): Promise<string[]> {
  const options = (await (await fetch(`${url}/interviews/new?_data=routes%2Finterviews.new`, { headers: { cookie } })).json()) as {
    me: string;
    guides: { value: string }[];
    units: { value: string }[];
    people: { id: string }[];
  };
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const planned = await formPost(`${url}/interviews/new`, cookie, {
      guideVersionId: options.guides[0]!.value,
      businessUnitId: options.units[i % options.units.length]!.value,
      stakeholderIds: [options.people[i % options.people.length]!.id],
      interviewerId: options.me,
      date: "2027-03-01",
      time: "10:00",
      durationMinutes: "60",
    });
    const id = planned.headers.get("location")?.split("/").pop();
    if (planned.status !== 302 || !id) throw new Error(`planning interview ${i} failed: ${planned.status}`);
    const started = await formPost(`${url}/interviews/${id}`, cookie, { intent: "start" });
    if (started.status !== 302) throw new Error(`starting interview ${i} failed: ${started.status}`);
    ids.push(id);
  }
  return ids;
}

interface Interviewer {
  interview: string;
  revision: number;
  cursor: number;
  n: number;
}

/**
 * 50 interviewers, each on their own interview, each saving the same answer
 * again and again as the page would: based on the revision the last save
 * returned, with a new idempotency key and the last change seen.
 */
export async function autosaveLoad(
  url: string,
  cookie: string,
  interviews: string[],
  { duration = 10, name = "autosave (one answer per save)" }: { duration?: number; name?: string } = {},
): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let conflicts = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: interviews.length,
        duration,
        method: "POST",
        headers: { cookie, origin: url, "content-type": "application/json" },
        requests: [
          {
            setupRequest: (request, context) => {
              const ctx = context as { me?: Interviewer };
              const me = (ctx.me ??= { interview: interviews[next++ % interviews.length]!, revision: 0, cursor: 0, n: 0 });
              me.n += 1;
              const save = answerSave({
                interview: me.interview,
                item: "q-unit-purpose",
                value: `We serve the bank's customers at the counter; note ${me.n}.`,
                base: me.revision,
                since: me.cursor,
              });
              return { ...request, ...save };
            },
            onResponse: (status, body, context) => {
              const me = (context as { me: Interviewer }).me;
              if (status !== 200) conflicts += 1;
              try {
                const r = answerSaveResult(body);
                me.revision = r.revision ?? me.revision;
                me.cursor = r.cursor ?? me.cursor;
              } catch {
                // counted as non-2xx by autocannon
              }
            },
          },
        ],
      },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  return summarise(name, result, latencies, duration, conflicts);
}

/** The yardstick: a bare Remix action doing one INSERT, same build, same connections. */
export async function bareInsertLoad(url: string, { connections = 50, duration = 10 } = {}): Promise<LoadResult> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${url}/bench/insert?_data=routes%2Fbench.insert`,
        connections,
        duration,
        method: "POST",
        headers: { origin: url, "content-type": "application/json" },
        body: JSON.stringify({ value: "We serve the bank's customers at the counter." }),
      },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  return summarise("bare action, one INSERT", result, latencies, duration, 0);
}

function summarise(name: string, result: autocannon.Result, latencies: number[], duration: number, refused: number): LoadResult {
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.max(0, Math.ceil((p / 100) * latencies.length) - 1))] ?? 0;
  return {
    name,
    requests: result.requests.total,
    rps: result.requests.total / duration,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    non2xx: Math.max(result.non2xx, refused),
    errors: result.errors + result.timeouts,
  };
}

/**
 * The same interviewers at a human pace, open loop: each saves `perSecond`
 * times a second on a steady clock (so a slow answer does not slow the next
 * save down), which is how latency looks to someone typing.
 */
export async function pacedAutosave(
  url: string,
  cookie: string,
  interviews: string[],
  { duration = 10, perSecond = 2 } = {},
): Promise<LoadResult> {
  const latencies: number[] = [];
  let refused = 0;
  let errors = 0;
  const end = Date.now() + duration * 1000;
  const gap = 1000 / perSecond;
  await Promise.all(
    interviews.map(async (interview, i) => {
      const me: Interviewer = { interview, revision: 0, cursor: 0, n: 0 };
      const pending: Promise<void>[] = [];
      for (let due = Date.now() + (i * gap) / interviews.length; due < end; due += gap) {
        await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
        me.n += 1;
        // Another answer than the flat-out run's, so the first save's base (0) is right.
        const save = answerSave({ interview, item: "q-top-outcomes", value: `Paced note ${me.n}.`, base: me.revision, since: me.cursor });
        const started = performance.now();
        pending.push(
          fetch(`${url}${save.path}`, { method: "POST", headers: { cookie, origin: url, "content-type": "application/json" }, body: save.body })
            .then(async (response) => {
              const r = answerSaveResult(await response.text());
              latencies.push(performance.now() - started);
              if (response.status !== 200) refused += 1;
              me.revision = Math.max(me.revision, r.revision ?? 0);
              me.cursor = Math.max(me.cursor, r.cursor ?? 0);
            })
            .catch(() => {
              errors += 1;
            }),
        );
      }
      await Promise.all(pending);
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.max(0, Math.ceil((p / 100) * latencies.length) - 1))] ?? 0;
  return {
    name: `autosave, ${interviews.length} interviewers × ${perSecond} saves/s`,
    requests: latencies.length,
    rps: latencies.length / duration,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    non2xx: refused,
    errors,
  };
}
