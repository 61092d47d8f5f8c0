import {
  detectBrand,
  fingerprintCard,
  isLuhnValid,
  normalizeCardNumber,
  summarizeCard,
} from './card-number.js';

describe('card numbers', () => {
  it('accepts numbers whose Luhn checksum is right and refuses the others', () => {
    expect(isLuhnValid('4242424242424242')).toBe(true);
    expect(isLuhnValid('378282246310005')).toBe(true);
    expect(isLuhnValid('4242424242424241')).toBe(false);
    expect(isLuhnValid('42424242424242a2')).toBe(false);
    expect(isLuhnValid('')).toBe(false);
  });

  it('ignores the spaces and dashes people type', () => {
    expect(normalizeCardNumber('4242 4242-4242 4242')).toBe('4242424242424242');
  });

  it.each([
    ['4111111111111111', 'visa'],
    ['5105105105105100', 'mastercard'],
    ['2223003122003222', 'mastercard'],
    ['2720990000000000', 'mastercard'],
    ['371449635398431', 'amex'],
    ['341111111111111', 'amex'],
    ['36227206271667', 'diners'],
    ['30569309025904', 'diners'],
    ['38520000023237', 'diners'],
    ['3530111333300000', 'jcb'],
    ['3589000000000000', 'jcb'],
    ['6011111111111117', 'unknown'],
    ['2721000000000000', 'unknown'],
  ])('detects the brand of %s as %s from its BIN', (pan, brand) => {
    expect(detectBrand(pan)).toBe(brand);
  });

  it('summarises a card by brand, BIN and last four digits only', () => {
    expect(summarizeCard('4970100000000006', 'cb')).toEqual({
      brand: 'visa',
      bin: '497010',
      last4: '0006',
      co_brand: 'cb',
    });
  });

  it('fingerprints the same card the same way within a process, without revealing it', () => {
    const fingerprint = fingerprintCard('4242424242424242');
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintCard('4242424242424242')).toBe(fingerprint);
    expect(fingerprintCard('5555555555554444')).not.toBe(fingerprint);
  });
});
