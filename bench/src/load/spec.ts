/** One load run, as the parent passes it to the load-generator process. */
export interface LoadSpec {
  /** Base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  method: 'GET' | 'POST';
  path: string;
  /** `{{n}}` in a header value or the body is replaced by a token unique to each request. */
  headers: Record<string, string>;
  body?: string | undefined;
  durationS: number;
  /** closed: `connections` clients each send their next request when the last is answered. */
  /** rate: requests start at a fixed arrival rate, whatever the answers (open loop). */
  load: { mode: 'closed'; connections: number } | { mode: 'rate'; rate: number };
}

export interface LoadResult {
  mode: 'closed' | 'rate';
  connections: number | null;
  target_rate: number | null;
  duration_s: number;
  requests: number;
  /** 2xx answers. */
  ok: number;
  /** Non-2xx answers, connection errors and timeouts. */
  errors: number;
  statuses: Record<string, number>;
  /** 2xx answers per second. */
  throughput: number;
  latency_ms: { p50: number; p95: number; p99: number; max: number; mean: number };
  /** Completed during the warm-up before the measured run, where there is one. */
  warmup_ok?: number;
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export function summarise(latencies: number[]): LoadResult['latency_ms'] {
  const sorted = Float64Array.from(latencies).sort();
  const round = (v: number) => Math.round(v * 100) / 100;
  const mean = latencies.length ? latencies.reduce((a, b) => a + b, 0) / latencies.length : 0;
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? 0),
    mean: round(mean),
  };
}
