import {
  isLastAttempt,
  MAX_ATTEMPTS,
  nominalRetryDelayMs,
  nominalSchedule,
  RETRY_CAP_MS,
  retryDelayMs,
} from './retry-schedule.js';

const HOUR = 3600_000;

describe('the retry schedule of IPNs and emails', () => {
  it('doubles from 30 seconds up to a 6-hour cap', () => {
    expect(nominalSchedule().slice(0, 11)).toEqual([
      30_000,
      60_000,
      120_000,
      240_000,
      480_000,
      960_000,
      1_920_000,
      3_840_000,
      7_680_000,
      15_360_000,
      RETRY_CAP_MS,
    ]);
    expect(nominalRetryDelayMs(40)).toBe(RETRY_CAP_MS);
  });

  it('spans about three days from the first attempt to the last', () => {
    const total = nominalSchedule().reduce((a, b) => a + b, 0);
    expect(total).toBe(268_290_000); // 3 d 2 h 31 min 30 s
    expect(total).toBeGreaterThan(72 * HOUR);
    expect(total).toBeLessThan(78 * HOUR);
  });

  it('keeps the jittered total within 10% of the nominal one', () => {
    const low = nominalSchedule().reduce((sum, _, i) => sum + retryDelayMs(i + 1, () => 0), 0);
    const high = nominalSchedule().reduce((sum, _, i) => sum + retryDelayMs(i + 1, () => 0.999999), 0);
    expect(low).toBe(Math.round(268_290_000 * 0.9));
    expect(high).toBeLessThanOrEqual(Math.round(268_290_000 * 1.1));
    expect(low).toBeGreaterThan(66 * HOUR);
  });

  it('jitters each delay between 90% and 110% of the nominal delay', () => {
    expect(retryDelayMs(1, () => 0)).toBe(27_000);
    expect(retryDelayMs(1, () => 0.5)).toBe(30_000);
    expect(retryDelayMs(1, () => 0.999999)).toBeLessThanOrEqual(33_000);
  });

  it('makes the 22nd attempt the last', () => {
    expect(MAX_ATTEMPTS).toBe(22);
    expect(isLastAttempt(21)).toBe(false);
    expect(isLastAttempt(22)).toBe(true);
  });
});
