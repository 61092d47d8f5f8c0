import { isCaisseError } from '../errors/index.js';
import { LINK_DEFAULT_TTL_MS, LINK_MAX_TTL_MS, LINK_MIN_TTL_MS, linkExpiry } from './payment-link.js';

const now = new Date('2026-03-01T12:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms);

function refusal(requested: Date) {
  try {
    linkExpiry(now, requested);
  } catch (error) {
    if (isCaisseError(error)) return { code: error.code, field: error.field, message: error.message };
    throw error;
  }
  return undefined;
}

describe('a payment link’s expiry', () => {
  it('is seven days ahead when none is asked for', () => {
    expect(linkExpiry(now)).toEqual(at(LINK_DEFAULT_TTL_MS));
    expect(LINK_DEFAULT_TTL_MS).toBe(7 * 24 * 3600_000);
  });

  it('is the date asked for from 15 minutes to 30 days ahead, bounds included', () => {
    expect(linkExpiry(now, at(LINK_MIN_TTL_MS))).toEqual(at(15 * 60_000));
    expect(linkExpiry(now, at(LINK_MAX_TTL_MS))).toEqual(at(30 * 24 * 3600_000));
    expect(linkExpiry(now, at(3 * 3600_000))).toEqual(at(3 * 3600_000));
  });

  it('refuses a date in the past, too near or too far, naming expires_at and why', () => {
    expect(refusal(at(-1))).toMatchObject({ code: 'invalid_link_expiry', field: 'expires_at' });
    expect(refusal(at(-1))?.message).toContain('is in the past');
    expect(refusal(at(LINK_MIN_TTL_MS - 1))?.message).toContain('less than 15 minutes away');
    expect(refusal(at(LINK_MAX_TTL_MS + 1))?.message).toContain('more than 30 days away');
    expect(refusal(new Date(Number.NaN))?.message).toContain('not a date');
  });
});
