import {
  type FaultRates,
  type FaultTarget,
  type NextFaultSpec,
  parseFaultHeader,
  parseFaultRates,
  parseNextFault,
  RATE_FIELDS,
} from './fault-input.js';
import { mulberry32 } from './prng.js';

/** How many faults of each kind were injected since the last reset. */
export interface FaultCounts {
  timeout: number;
  drop: number;
  error: number;
  error_after_process: number;
  latency: number;
}

/** What to do to one request: wait `latencyMs`, then apply `kind` (or answer normally if null). */
export interface FaultDecision {
  latencyMs: number;
  kind: 'timeout' | 'drop' | 'error' | 'error_after_process' | null;
}

interface QueuedFault {
  spec: NextFaultSpec;
  remaining: number;
}

/**
 * Decides the fault of each request: the `x-mock-fault` header first, then the queue of
 * next faults, then the global rates drawn from a seeded PRNG. While rates are set, every
 * faultable request draws exactly one number (even when a header or the queue decides), so
 * the same seed and the same request order give the same faults.
 */
export class FaultController {
  private random: () => number;
  private rates: FaultRates = {};
  private active = false;
  private queue: QueuedFault[] = [];
  private counters: FaultCounts = emptyCounts();

  constructor(private readonly seed: number) {
    this.random = mulberry32(seed);
  }

  /** Replaces the global rates (absent rates are 0); `seed` restarts the PRNG. */
  set(rates: FaultRates): FaultRates {
    const parsed = parseFaultRates(rates);
    if (parsed.seed !== undefined) this.random = mulberry32(parsed.seed);
    const { seed: _seed, ...rest } = parsed;
    this.rates = rest;
    this.active = RATE_FIELDS.some((field) => (rest[field] ?? 0) > 0) || (rest.latency_ms ?? 0) > 0;
    return { ...this.rates };
  }

  /** Queues a fault for the next `count` matching requests. */
  next(spec: NextFaultSpec): void {
    const parsed = parseNextFault(spec);
    this.queue.push({ spec: parsed, remaining: parsed.count ?? 1 });
  }

  /** Removes the rates and the queued faults; the counts stay until reset. */
  clear(): void {
    this.rates = {};
    this.active = false;
    this.queue = [];
  }

  /** Back to the state at start: no faults, zero counts, PRNG at the initial seed. */
  reset(): void {
    this.clear();
    this.counters = emptyCounts();
    this.random = mulberry32(this.seed);
  }

  counts(): FaultCounts {
    return { ...this.counters };
  }

  /** Null when the request is to be answered normally and at once (the hot path). */
  decide(target: FaultTarget, header: string | undefined): FaultDecision | null {
    if (header === undefined && !this.active && this.queue.length === 0) return null;
    const forced = header !== undefined ? parseFaultHeader(header) : undefined;
    const draw = this.active ? this.random() : undefined;
    const spec = forced ?? this.take(target);
    const decision = spec ? fromSpec(spec) : draw !== undefined ? this.fromRates(draw) : null;
    if (decision === null || (decision.kind === null && decision.latencyMs === 0)) return null;
    if (decision.latencyMs > 0) this.counters.latency += 1;
    if (decision.kind !== null) this.counters[decision.kind] += 1;
    return decision;
  }

  private take(target: FaultTarget): NextFaultSpec | undefined {
    const index = this.queue.findIndex(
      (queued) => queued.spec.match === undefined || queued.spec.match === target,
    );
    const queued = this.queue[index];
    if (queued === undefined) return undefined;
    queued.remaining -= 1;
    if (queued.remaining === 0) this.queue.splice(index, 1);
    return queued.spec;
  }

  private fromRates(draw: number): FaultDecision {
    const latencyMs = this.rates.latency_ms ?? 0;
    let threshold = 0;
    for (const field of RATE_FIELDS) {
      threshold += this.rates[field] ?? 0;
      if (draw < threshold) return { latencyMs, kind: KIND_OF_RATE[field] };
    }
    return { latencyMs, kind: null };
  }
}

const KIND_OF_RATE = {
  timeout_rate: 'timeout',
  drop_rate: 'drop',
  error_rate: 'error',
  error_after_process_rate: 'error_after_process',
} as const;

function fromSpec(spec: NextFaultSpec): FaultDecision {
  return { latencyMs: spec.latency_ms ?? 0, kind: spec.kind === 'latency' ? null : spec.kind };
}

function emptyCounts(): FaultCounts {
  return { timeout: 0, drop: 0, error: 0, error_after_process: 0, latency: 0 };
}
