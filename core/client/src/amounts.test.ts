import fc from 'fast-check';
import { CaisseAmountError, currencyExponent, fromMinorUnits, toMinorUnits } from './amounts.js';

describe('amount helpers', () => {
  it('convert decimal strings to minor units with each currency’s exponent', () => {
    expect(toMinorUnits('49.90', 'EUR')).toBe(4990);
    expect(toMinorUnits('49.9', 'EUR')).toBe(4990);
    expect(toMinorUnits('49', 'EUR')).toBe(4900);
    expect(toMinorUnits('0.01', 'EUR')).toBe(1);
    expect(toMinorUnits('5000', 'JPY')).toBe(5000);
    expect(toMinorUnits('5000.00', 'JPY')).toBe(5000);
    expect(toMinorUnits('1.5', 'KWD')).toBe(1500);
    expect(toMinorUnits(' 12.345 ', 'BHD')).toBe(12345);
  });

  it('convert minor units back to exact decimal strings', () => {
    expect(fromMinorUnits(4990, 'EUR')).toBe('49.90');
    expect(fromMinorUnits(5, 'EUR')).toBe('0.05');
    expect(fromMinorUnits(5000, 'JPY')).toBe('5000');
    expect(fromMinorUnits(5, 'KWD')).toBe('0.005');
    expect(fromMinorUnits(0, 'EUR')).toBe('0.00');
  });

  it('refuse to round or guess', () => {
    expect(() => toMinorUnits('10.005', 'EUR')).toThrow(CaisseAmountError);
    expect(() => toMinorUnits('10.5', 'JPY')).toThrow(/0 decimal place/);
    expect(() => toMinorUnits('1,50', 'EUR')).toThrow(/not a decimal amount/);
    expect(() => toMinorUnits('-5', 'EUR')).toThrow(CaisseAmountError);
    expect(() => toMinorUnits('1e3', 'EUR')).toThrow(CaisseAmountError);
    expect(() => toMinorUnits(49.9 as unknown as string, 'EUR')).toThrow(/decimal string/);
    expect(() => toMinorUnits('99999999999999999', 'EUR')).toThrow(/too large/);
    expect(() => fromMinorUnits(10.5, 'EUR')).toThrow(CaisseAmountError);
  });

  it('know the exponents and refuse unknown currencies', () => {
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
    expect(currencyExponent('UYW')).toBe(4);
    expect(() => currencyExponent('eur')).toThrow(/upper case/);
    expect(() => currencyExponent('XAU')).toThrow(CaisseAmountError);
  });

  it('round-trip every amount exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999_999_999 }),
        fc.constantFrom('EUR', 'JPY', 'KWD', 'UYW'),
        (n, c) => {
          expect(toMinorUnits(fromMinorUnits(n, c), c)).toBe(n);
        },
      ),
    );
  });
});
