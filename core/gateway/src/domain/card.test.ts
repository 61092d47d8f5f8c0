import { cardFingerprint, detectBrand, isExpired, luhnValid, maskPan, validateCard } from './card.js';

const now = new Date('2026-06-15T12:00:00Z');
const card = (number: string, extra: Partial<{ exp_month: number; exp_year: number; cvc: string }> = {}) => ({
  number,
  exp_month: 12,
  exp_year: 2030,
  ...extra,
});

describe('Luhn', () => {
  it('accepts the test cards and refuses a changed digit', () => {
    for (const pan of ['4242424242424242', '5555555555554444', '378282246310005', '4970100000000006']) {
      expect(luhnValid(pan)).toBe(true);
      const changed = pan.slice(0, -1) + String((Number(pan.at(-1)) + 1) % 10);
      expect(luhnValid(changed)).toBe(false);
    }
    expect(luhnValid('42a2')).toBe(false);
  });
});

describe('brand detection', () => {
  it.each([
    ['4242424242424242', 'visa', undefined],
    ['5555555555554444', 'mastercard', undefined],
    ['2221000000000009', 'mastercard', undefined],
    ['378282246310005', 'amex', undefined],
    ['36227206271667', 'diners', undefined],
    ['3566002020360505', 'jcb', undefined],
    ['6011111111111117', 'discover', undefined],
    ['4970100000000006', 'visa', 'cb'],
    ['5132000000000005', 'mastercard', 'cb'],
  ])('%s is %s (co-brand %s)', (pan, brand, coBrand) => {
    expect(detectBrand(pan)).toMatchObject({ brand, coBrand });
  });

  it('knows the lengths and CVC sizes: Amex 15 digits and 4-digit CVC, Diners 14', () => {
    expect(validateCard(card('378282246310005', { cvc: '1234' }), now).brand).toBe('amex');
    expect(() => validateCard(card('378282246310005', { cvc: '123' }), now)).toThrow(
      expect.objectContaining({ code: 'invalid_cvc', field: 'card.cvc' }),
    );
    expect(validateCard(card('36227206271667'), now).brand).toBe('diners');
    // A Visa number of 15 digits passes Luhn but not the Visa lengths.
    expect(() => validateCard(card('424242424242423'), now)).toThrow(
      expect.objectContaining({ code: 'invalid_card_number' }),
    );
  });
});

describe('validateCard', () => {
  it('keeps BIN and last 4 for display and normalises spaces and dashes', () => {
    const valid = validateCard(card('4242 4242-4242 4242', { cvc: '123' }), now);
    expect(valid).toMatchObject({ pan: '4242424242424242', bin: '424242', last4: '4242', brand: 'visa' });
  });

  it('refuses a Luhn-invalid number without echoing it', () => {
    try {
      validateCard(card('4242424242424241'), now);
      throw new Error('should have thrown');
    } catch (error) {
      expect(error).toMatchObject({ code: 'invalid_card_number', field: 'card.number' });
      expect(String((error as Error).message)).not.toContain('4242424242424241');
    }
  });

  it('treats a card as valid through the last day of its expiry month', () => {
    expect(isExpired(6, 2026, now)).toBe(false);
    expect(isExpired(6, 2026, new Date('2026-06-30T23:59:59Z'))).toBe(false);
    expect(isExpired(6, 2026, new Date('2026-07-01T00:00:00Z'))).toBe(true);
    expect(() => validateCard(card('4242424242424242', { exp_month: 5, exp_year: 2026 }), now)).toThrow(
      expect.objectContaining({ code: 'card_expired' }),
    );
    expect(() => validateCard(card('4242424242424242', { exp_month: 13 }), now)).toThrow(
      expect.objectContaining({ code: 'invalid_card_expiry' }),
    );
  });
});

describe('masking and fingerprints', () => {
  it('shows only BIN and last 4', () => {
    expect(maskPan('4242424242424242')).toBe('424242******4242');
    expect(maskPan('378282246310005')).toBe('378282*****0005');
  });

  it('fingerprints a PAN with a key: stable, key-dependent, not the PAN', () => {
    const key = Buffer.alloc(32, 1);
    const a = cardFingerprint('4242424242424242', key);
    expect(a).toBe(cardFingerprint('4242424242424242', key));
    expect(a).not.toBe(cardFingerprint('4242424242424242', Buffer.alloc(32, 2)));
    expect(a).not.toContain('4242424242424242');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });
});
