import fc from 'fast-check';
import { findCurrency } from './currency.js';
import { assertAmount, formatAmount, fromDecimalString, MAX_AMOUNT, toDecimalString } from './money.js';

const EUR = findCurrency('EUR')!;
const JPY = findCurrency('JPY')!;
const KWD = findCurrency('KWD')!;

describe('currencies', () => {
  it('know their ISO 4217 exponents and numeric codes', () => {
    expect([EUR.exponent, JPY.exponent, KWD.exponent]).toEqual([2, 0, 3]);
    expect(EUR.numeric).toBe('978');
    expect(findCurrency('eur')).toBeUndefined();
    expect(findCurrency('XXX')).toBeUndefined();
  });
});

describe('assertAmount', () => {
  it('accepts every positive integer up to the maximum', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: MAX_AMOUNT }), (n) => assertAmount(n) === n));
  });

  it('refuses floats, zero, negatives, NaN and values above the maximum with invalid_amount', () => {
    const bad = fc.oneof(
      fc.double({ noInteger: true, noNaN: true }),
      fc.integer({ min: Number.MIN_SAFE_INTEGER, max: 0 }),
      fc.integer({ min: MAX_AMOUNT + 1, max: Number.MAX_SAFE_INTEGER }),
      fc.constant(Number.NaN),
      fc.constant(Number.POSITIVE_INFINITY),
    );
    fc.assert(
      fc.property(bad, (n) => {
        expect(() => assertAmount(n)).toThrow(
          expect.objectContaining({ code: 'invalid_amount', field: 'amount' }),
        );
      }),
    );
  });

  it('refuses strings that look like numbers', () => {
    expect(() => assertAmount('5000')).toThrow(expect.objectContaining({ code: 'invalid_amount' }));
  });
});

describe('decimal strings', () => {
  it('round-trip exactly for every currency exponent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_AMOUNT }), fc.constantFrom(EUR, JPY, KWD), (n, currency) => {
        expect(fromDecimalString(toDecimalString(n, currency), currency)).toBe(n);
      }),
    );
  });

  it('place the decimal point by the exponent', () => {
    expect(toDecimalString(5000, EUR)).toBe('50.00');
    expect(toDecimalString(5, EUR)).toBe('0.05');
    expect(toDecimalString(5000, JPY)).toBe('5000');
    expect(toDecimalString(5, KWD)).toBe('0.005');
  });

  it('refuse more fraction digits than the currency has, rather than round', () => {
    expect(fromDecimalString('10.5', EUR)).toBe(1050);
    expect(() => fromDecimalString('10.005', EUR)).toThrow(
      expect.objectContaining({ code: 'invalid_amount' }),
    );
    expect(() => fromDecimalString('10.5', JPY)).toThrow(expect.objectContaining({ code: 'invalid_amount' }));
    expect(() => fromDecimalString('1e3', EUR)).toThrow(expect.objectContaining({ code: 'invalid_amount' }));
  });
});

describe('formatAmount', () => {
  it('formats with the right minor units and symbols per locale', () => {
    expect(formatAmount(5000, EUR, 'fr')).toBe('50,00\u00a0€');
    expect(formatAmount(5000, EUR, 'en')).toBe('€50.00');
    expect(formatAmount(5000, JPY, 'en')).toBe('¥5,000');
    expect(formatAmount(5000, KWD, 'en')).toBe('KWD\u00a05.000');
    expect(formatAmount(123456789, findCurrency('USD')!, 'en')).toBe('$1,234,567.89');
  });

  it('never loses a cent on large amounts', () => {
    expect(formatAmount(MAX_AMOUNT, EUR, 'en')).toBe('€999,999,999.99');
  });
});
