import { InvalidRequestError } from './errors.js';

/** Requests faults can hit, by route. Control endpoints, /health and /test-cards never are. */
export type FaultTarget = 'authorizations' | 'captures' | 'refunds' | 'reversals' | 'operations';

/**
 * - `latency`: answer late;
 * - `timeout`: never answer and process nothing;
 * - `error`: 503 without processing;
 * - `error_after_process`: process, then answer 500;
 * - `drop`: process, then close the connection without answering (outcome unknown to the caller).
 */
export type FaultKind = 'timeout' | 'drop' | 'error' | 'error_after_process' | 'latency';

/** Faults drawn for every faultable request, from the seeded PRNG. Rates are in 0..1. */
export interface FaultRates {
  /** Delay added to every faultable request. */
  latency_ms?: number;
  error_rate?: number;
  timeout_rate?: number;
  drop_rate?: number;
  error_after_process_rate?: number;
  /** Restarts the fault PRNG from this seed. */
  seed?: number;
}

/** Faults queued for the next requests matching `match` (any faultable request when absent). */
export interface NextFaultSpec {
  kind: FaultKind;
  /** How many matching requests get it; 1 by default. */
  count?: number;
  /** Required for kind `latency`; adds a delay before any other kind. */
  latency_ms?: number;
  match?: FaultTarget;
}

const KINDS: readonly FaultKind[] = ['timeout', 'drop', 'error', 'error_after_process', 'latency'];
const TARGETS: readonly FaultTarget[] = ['authorizations', 'captures', 'refunds', 'reversals', 'operations'];
export const RATE_FIELDS = ['timeout_rate', 'drop_rate', 'error_rate', 'error_after_process_rate'] as const;
const MAX_LATENCY_MS = 600_000;

function object(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidRequestError(null, 'body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

function latency(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_LATENCY_MS) {
    throw new InvalidRequestError(
      field,
      `${field} must be an integer number of milliseconds, 0 to ${MAX_LATENCY_MS}`,
    );
  }
  return value;
}

export function parseFaultRates(value: unknown): FaultRates {
  const body = object(value);
  const rates: FaultRates = {};
  let total = 0;
  for (const field of RATE_FIELDS) {
    const rate = body[field];
    if (rate === undefined) continue;
    if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) {
      throw new InvalidRequestError(field, `${field} must be a number from 0 to 1`);
    }
    rates[field] = rate;
    total += rate;
  }
  // One draw per request picks at most one outcome, so the outcome rates share one unit interval.
  if (total > 1) {
    throw new InvalidRequestError(null, `the rates add up to ${total}; their sum must be at most 1`);
  }
  if (body['latency_ms'] !== undefined) rates.latency_ms = latency(body['latency_ms'], 'latency_ms');
  if (body['seed'] !== undefined) {
    if (typeof body['seed'] !== 'number' || !Number.isInteger(body['seed'])) {
      throw new InvalidRequestError('seed', 'seed must be an integer');
    }
    rates.seed = body['seed'];
  }
  return rates;
}

export function parseNextFault(value: unknown): NextFaultSpec {
  const body = object(value);
  const kind = body['kind'];
  if (!KINDS.includes(kind as FaultKind)) {
    throw new InvalidRequestError('kind', `kind must be one of ${KINDS.join(', ')}`);
  }
  const spec: NextFaultSpec = { kind: kind as FaultKind };
  if (body['count'] !== undefined) {
    const count = body['count'];
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
      throw new InvalidRequestError('count', 'count must be an integer ≥ 1');
    }
    spec.count = count;
  }
  if (body['latency_ms'] !== undefined) spec.latency_ms = latency(body['latency_ms'], 'latency_ms');
  if (spec.kind === 'latency' && spec.latency_ms === undefined) {
    throw new InvalidRequestError('latency_ms', 'latency_ms is required when kind is latency');
  }
  if (body['match'] !== undefined) {
    if (!TARGETS.includes(body['match'] as FaultTarget)) {
      throw new InvalidRequestError('match', `match must be one of ${TARGETS.join(', ')}`);
    }
    spec.match = body['match'] as FaultTarget;
  }
  return spec;
}

/** Reads the `x-mock-fault` header: timeout | drop | error | error_after_process | latency=<ms>. */
export function parseFaultHeader(value: string): NextFaultSpec {
  if (value.startsWith('latency=')) {
    const ms = Number(value.slice('latency='.length));
    return { kind: 'latency', latency_ms: latency(ms, 'x-mock-fault') };
  }
  if (value === 'latency' || !KINDS.includes(value as FaultKind)) {
    throw new InvalidRequestError(
      'x-mock-fault',
      'x-mock-fault must be timeout, drop, error, error_after_process or latency=<ms>',
    );
  }
  return { kind: value as FaultKind };
}
