import { authorize } from './authorize.js';
import { ReferenceConflictError } from './errors.js';
import { Ledger } from './ledger.js';
import type { OperationContext } from './movement.js';
import { TEST_CARDS } from './test-cards.js';
import type { AuthorizationRequest } from './wire.js';

const now = () => new Date('2026-06-15T12:00:00Z');

function context(): OperationContext {
  return { ledger: new Ledger(now), seed: 42, now };
}

function request(overrides: Partial<AuthorizationRequest> = {}): AuthorizationRequest {
  return {
    reference: 'pay_1',
    merchant_id: 'm_1',
    amount: 2500,
    currency: 'EUR',
    card: { number: '4242424242424242', exp_month: 12, exp_year: 2030 },
    capture: false,
    ...overrides,
  };
}

function withCard(number: string, overrides: Partial<AuthorizationRequest['card']> = {}) {
  return request({ card: { number, exp_month: 12, exp_year: 2030, ...overrides } });
}

describe('authorize', () => {
  it.each(TEST_CARDS.map((card) => [card.description, card]))(
    'answers test card %s',
    (_description, card) => {
      const answer = authorize(context(), withCard(card.number));
      expect(answer).toMatchObject({ status: card.outcome, response_code: card.response_code });
      expect(answer.card.brand).toBe(card.brand);
      expect(answer.auth_code === undefined).toBe(card.outcome === 'declined');
    },
  );

  it('approves any other Luhn-valid card with a six-character authorisation code', () => {
    const answer = authorize(context(), withCard('5105105105105100'));
    expect(answer).toMatchObject({
      reference: 'pay_1',
      type: 'authorization',
      status: 'approved',
      response_code: '00',
      message: 'approved',
      amount: 2500,
      currency: 'EUR',
      captured_amount: 0,
      card: { brand: 'mastercard', bin: '510510', last4: '5100' },
    });
    expect(answer.auth_code).toMatch(/^[0-9A-Z]{6}$/);
    expect(answer.acquirer_transaction_id).toMatch(/^mat_/);
  });

  it('reports the co-badged CB card as Visa with CB as co-brand', () => {
    expect(authorize(context(), withCard('4970100000000006')).card).toEqual({
      brand: 'visa',
      bin: '497010',
      last4: '0006',
      co_brand: 'cb',
    });
  });

  it('declines 14 a card number whose checksum is wrong', () => {
    expect(authorize(context(), withCard('4242424242424241'))).toMatchObject({
      status: 'declined',
      response_code: '14',
      message: 'invalid card number',
    });
  });

  it('declines 54 a card that expired last month but approves one expiring this month', () => {
    expect(
      authorize(context(), withCard('4242424242424242', { exp_month: 5, exp_year: 2026 })),
    ).toMatchObject({
      status: 'declined',
      response_code: '54',
    });
    expect(authorize(context(), withCard('4242424242424242', { exp_month: 6, exp_year: 2026 })).status).toBe(
      'approved',
    );
  });

  it('records the authorisation and its balances in the ledger', () => {
    const ctx = context();
    authorize(ctx, request());
    expect(ctx.ledger.listEntries()).toEqual([
      expect.objectContaining({
        seq: 1,
        at: '2026-06-15T12:00:00.000Z',
        reference: 'pay_1',
        type: 'authorization',
        authorization_reference: 'pay_1',
        merchant_id: 'm_1',
        amount: 2500,
        currency: 'EUR',
        status: 'approved',
        response_code: '00',
      }),
    ]);
    expect(ctx.ledger.listAuthorizations()).toEqual([
      expect.objectContaining({
        reference: 'pay_1',
        status: 'approved',
        captured: 0,
        refunded: 0,
        reversed: 0,
      }),
    ]);
  });

  it('captures the full amount at once for a sale, and records the capture', () => {
    const ctx = context();
    expect(authorize(ctx, request({ capture: true })).captured_amount).toBe(2500);
    expect(ctx.ledger.listAuthorizations()[0]?.captured).toBe(2500);
    expect(ctx.ledger.listEntries().map((entry) => [entry.type, entry.status, entry.amount])).toEqual([
      ['authorization', 'approved', 2500],
      ['capture', 'succeeded', 2500],
    ]);
  });

  it('captures nothing for a declined sale', () => {
    const ctx = context();
    const answer = authorize(ctx, { ...withCard('4000000000009995'), capture: true });
    expect(answer).toMatchObject({ status: 'declined', captured_amount: 0 });
    expect(ctx.ledger.listEntries()).toHaveLength(1);
  });

  it('returns the stored answer for the same reference and leaves the ledger unchanged', () => {
    const ctx = context();
    const first = authorize(ctx, request());
    const entries = ctx.ledger.listEntries();
    expect(authorize(ctx, request())).toEqual(first);
    expect(ctx.ledger.listEntries()).toEqual(entries);
  });

  it.each([
    ['another amount', request({ amount: 2600 })],
    ['another currency', request({ currency: 'USD' })],
    ['another merchant', request({ merchant_id: 'm_2' })],
    ['another card', withCard('5555555555554444')],
    ['a sale instead of an authorisation', request({ capture: true })],
  ])('refuses the same reference with %s as a conflict', (_what, other) => {
    const ctx = context();
    authorize(ctx, request());
    expect(() => authorize(ctx, other)).toThrow(ReferenceConflictError);
    expect(ctx.ledger.listEntries()).toHaveLength(1);
  });

  it('gives the same ids to the same reference under the same seed', () => {
    const first = authorize(context(), request());
    const second = authorize(context(), request());
    expect(second.acquirer_transaction_id).toBe(first.acquirer_transaction_id);
    expect(second.auth_code).toBe(first.auth_code);
  });
});
