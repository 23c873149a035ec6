import autocannon from "autocannon";

export interface LoadResult {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
}

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs autocannon against one URL and measures every response's latency (autocannon reports no p95). */
export async function load(
  name: string,
  url: string,
  { connections = 50, duration = 10, headers = {} as Record<string, string>, paths }: { connections?: number; duration?: number; headers?: Record<string, string>; paths?: string[] } = {},
): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  // With `paths`, the requests take them in turn (on the host of `url`).
  const requests = paths?.length ? [{ setupRequest: (request: autocannon.Request) => ({ ...request, path: paths[next++ % paths.length]! }) }] : undefined;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration, headers, requests }, (error, r) => (error ? reject(error) : resolve(r)));
    instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  latencies.sort((a, b) => a - b);
  return {
    name,
    requests: result.requests.total,
    rps: result.requests.total / duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export function table(results: LoadResult[]) {
  const rows = results.map((r) => ({
    route: r.name,
    "req/s": r.rps.toFixed(0),
    "p50 ms": r.p50.toFixed(1),
    "p95 ms": r.p95.toFixed(1),
    "p99 ms": r.p99.toFixed(1),
    "non-2xx": r.non2xx,
    errors: r.errors,
  }));
  console.table(rows);
}
