/**
 * When a failed IPN or email is tried again (REP2: "retried until acknowledged, about 3 days").
 *
 * After the n-th failed attempt the next one waits min(6 h, 30 s × 2^(n−1)), times a random factor
 * between 0.9 and 1.1 so that many events failing together (a receiver that went down) do not all
 * come back in the same second. Nominally: 30 s, 1 min, 2 min, 4 min, 8 min, 16 min, 32 min,
 * 64 min, 128 min, 256 min, then every 6 h. The 22nd attempt is the last, about 3 days and 2.5 hours
 * after the first (between 2 d 19 h and 3 d 10 h with the jitter); when it fails the delivery is
 * `failed` (dead letter) and can be replayed.
 */
export const RETRY_BASE_MS = 30_000;
export const RETRY_CAP_MS = 6 * 3600_000;
export const MAX_ATTEMPTS = 22;
export const RETRY_JITTER = 0.1;

/** The nominal wait after the `failedAttempts`-th failure (no jitter). */
export function nominalRetryDelayMs(failedAttempts: number): number {
  const n = Math.max(1, Math.floor(failedAttempts));
  // 2^(n−1) overflows nothing before the cap: the cap is reached at n = 11.
  return Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.min(n - 1, 30));
}

/** The wait after the `failedAttempts`-th failure, jittered by ±10% with `random()` in [0, 1). */
export function retryDelayMs(failedAttempts: number, random: () => number = Math.random): number {
  const factor = 1 - RETRY_JITTER + 2 * RETRY_JITTER * random();
  return Math.round(nominalRetryDelayMs(failedAttempts) * factor);
}

/** Whether the `attempt`-th attempt (1-based) was the last one of the schedule. */
export function isLastAttempt(attempt: number): boolean {
  return attempt >= MAX_ATTEMPTS;
}

/** The nominal waits between the attempts, in order (MAX_ATTEMPTS − 1 of them). */
export function nominalSchedule(): number[] {
  return Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => nominalRetryDelayMs(i + 1));
}
