import { InvalidRequestError } from './errors.js';
import { parseAuthorizationRequest, parseCaptureRequest, parseReversalRequest } from './validate.js';

const valid = {
  reference: 'pay_1',
  merchant_id: 'm_1',
  amount: 1050,
  currency: 'EUR',
  card: { number: '4242 4242 4242 4242', exp_month: 12, exp_year: 30, cvc: '123' },
};

function fieldOf(
  body: unknown,
  parse: (value: unknown) => unknown = parseAuthorizationRequest,
): string | null | undefined {
  try {
    parse(body);
  } catch (error) {
    if (error instanceof InvalidRequestError) return error.field;
    throw error;
  }
  return undefined;
}

describe('request validation', () => {
  it('reads an authorisation, normalising the card number and a two-digit year', () => {
    expect(parseAuthorizationRequest(valid)).toEqual({
      ...valid,
      card: { number: '4242424242424242', exp_month: 12, exp_year: 2030, cvc: '123' },
      capture: false,
    });
  });

  it.each([
    ['reference', { ...valid, reference: undefined }],
    ['reference', { ...valid, reference: 'has space' }],
    ['reference', { ...valid, reference: 'x'.repeat(65) }],
    ['merchant_id', { ...valid, merchant_id: '' }],
    ['amount', { ...valid, amount: 10.5 }],
    ['amount', { ...valid, amount: '1050' }],
    ['amount', { ...valid, amount: -1 }],
    ['currency', { ...valid, currency: 'eur' }],
    ['currency', { ...valid, currency: 'EURO' }],
    ['card', { ...valid, card: undefined }],
    ['card.number', { ...valid, card: { ...valid.card, number: '4242' } }],
    ['card.exp_month', { ...valid, card: { ...valid.card, exp_month: 13 } }],
    ['card.exp_year', { ...valid, card: { ...valid.card, exp_year: 1999 } }],
    ['card.cvc', { ...valid, card: { ...valid.card, cvc: 123 } }],
    ['capture', { ...valid, capture: 'yes' }],
    ['initiator', { ...valid, initiator: 'robot' }],
    ['three_ds.trans_status', { ...valid, three_ds: {} }],
  ])('names the field %s when it is wrong', (field, body) => {
    expect(fieldOf(body)).toBe(field);
  });

  it('refuses a body that is not an object', () => {
    expect(fieldOf([])).toBeNull();
    expect(fieldOf(undefined)).toBeNull();
  });

  it('never repeats the card number in its messages', () => {
    try {
      parseAuthorizationRequest({ ...valid, card: { ...valid.card, number: '4242424242424242424242' } });
      throw new Error('expected a validation error');
    } catch (error) {
      expect((error as Error).message).not.toContain('4242424242');
    }
  });

  it('requires a positive integer amount to capture and an authorisation reference', () => {
    expect(fieldOf({ reference: 'c', authorization_reference: 'a', amount: 0 }, parseCaptureRequest)).toBe(
      'amount',
    );
    expect(fieldOf({ reference: 'c', amount: 1 }, parseCaptureRequest)).toBe('authorization_reference');
    expect(fieldOf({ reference: 'r' }, parseReversalRequest)).toBe('authorization_reference');
  });
});
