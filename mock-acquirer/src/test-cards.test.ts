import { detectBrand, isLuhnValid } from './card-number.js';
import { RESPONSE_MESSAGES } from './response-codes.js';
import { findTestCard, TEST_CARDS } from './test-cards.js';

describe('test cards', () => {
  it.each(TEST_CARDS.map((card) => [card.number, card]))(
    '%s is a Luhn-valid number of the brand it claims, with a known response code',
    (_number, card) => {
      expect(isLuhnValid(card.number)).toBe(true);
      expect(detectBrand(card.number)).toBe(card.brand);
      expect(Object.keys(RESPONSE_MESSAGES)).toContain(card.response_code);
      expect(card.outcome === 'approved').toBe(card.response_code === '00');
    },
  );

  it('has one entry per number', () => {
    expect(new Set(TEST_CARDS.map((card) => card.number)).size).toBe(TEST_CARDS.length);
  });

  it('finds a test card by its digits and nothing for other numbers', () => {
    expect(findTestCard('4000000000009995')?.response_code).toBe('51');
    expect(findTestCard('4111111111111111')).toBeUndefined();
  });
});
