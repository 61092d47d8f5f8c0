import { CaisseApiError, CaisseConnectionError, type CaisseError } from './errors.js';

/**
 * How the client retries a request that failed in a way retrying can fix.
 *
 * @example
 * const policy: RetryPolicy = { maxRetries: 5, baseDelayMs: 250, maxDelayMs: 4000 };
 */
export interface RetryPolicy {
  /** Retries after the first attempt (0: none). Default 2. */
  maxRetries: number;
  /** First wait; doubled at each retry. Default 500 ms. */
  baseDelayMs: number;
  /** Longest wait, also the cap of a Retry-After. Default 8 s. */
  maxDelayMs: number;
}

/**
 * The default policy: up to 2 retries, 0.5 s then 1 s (each jittered down by up to half).
 *
 * @example
 * new Caisse(key, { retry: { ...DEFAULT_RETRY_POLICY, maxRetries: 5 } });
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8000 };

/**
 * Whether a failed attempt is worth another: no answer at all (network), a 409
 * `idempotency_key_in_use` (the same request is still running), 429, or a 5xx. Every retry carries
 * the same Idempotency-Key, so a POST that did go through is answered, not repeated.
 * Anything else (a 4xx) would fail the same way again.
 *
 * @example
 * shouldRetry(new CaisseConnectionError('ECONNRESET'), 0, DEFAULT_RETRY_POLICY); // true
 */
export function shouldRetry(error: CaisseError, retriesSoFar: number, policy: RetryPolicy): boolean {
  if (retriesSoFar >= policy.maxRetries) return false;
  if (error instanceof CaisseConnectionError) return true;
  if (!(error instanceof CaisseApiError)) return false;
  if (error.status === 409) return error.code === 'idempotency_key_in_use';
  return error.status === 429 || (error.status >= 500 && error.status !== 501);
}

/**
 * The wait before retry number `retry` (1-based): the server's Retry-After when it sent one
 * (capped), else `baseDelayMs × 2^(retry−1)` capped, minus a random part of up to half, so
 * clients failing together do not come back together.
 *
 * @example
 * retryDelayMs(1, DEFAULT_RETRY_POLICY, null, () => 0); // 500
 */
export function retryDelayMs(
  retry: number,
  policy: RetryPolicy,
  retryAfter: string | null = null,
  random: () => number = Math.random,
): number {
  if (retryAfter !== null && /^\d+$/.test(retryAfter.trim())) {
    return Math.min(policy.maxDelayMs, Number(retryAfter) * 1000);
  }
  const nominal = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(nominal * (1 - random() / 2));
}
