import { authorize } from './authorize.js';
import { capture } from './capture.js';
import { inquire } from './inquire.js';
import { Ledger } from './ledger.js';
import type { OperationContext } from './movement.js';
import { reverse } from './reverse.js';
import type { AuthorizationRequest } from './wire.js';

const now = () => new Date('2026-06-15T12:00:00Z');

const context = (): OperationContext => ({ ledger: new Ledger(now), seed: 1, now });

function authorization(number = '4242424242424242'): AuthorizationRequest {
  return {
    reference: 'auth_1',
    merchant_id: 'm_1',
    amount: 1000,
    currency: 'EUR',
    card: { number, exp_month: 12, exp_year: 2030 },
    capture: false,
  };
}

const reversal = (reference = 'rev_1') => ({ reference, authorization_reference: 'auth_1' });

describe('reverse', () => {
  it('voids the whole of an uncaptured authorisation', () => {
    const ctx = context();
    authorize(ctx, authorization());
    expect(reverse(ctx, reversal())).toMatchObject({
      type: 'reversal',
      status: 'succeeded',
      response_code: '00',
      amount: 1000,
    });
    expect(ctx.ledger.listAuthorizations()[0]).toMatchObject({
      status: 'reversed',
      captured: 0,
      reversed: 1000,
    });
  });

  it('voids only the uncaptured remainder after a partial capture', () => {
    const ctx = context();
    authorize(ctx, authorization());
    capture(ctx, { reference: 'cap_1', authorization_reference: 'auth_1', amount: 300 });
    expect(reverse(ctx, reversal()).amount).toBe(700);
    expect(ctx.ledger.listAuthorizations()[0]).toMatchObject({ captured: 300, reversed: 700 });
  });

  it('fails on a fully captured authorisation', () => {
    const ctx = context();
    authorize(ctx, { ...authorization(), capture: true });
    expect(reverse(ctx, reversal())).toMatchObject({ status: 'failed', response_code: '12', amount: 0 });
    expect(ctx.ledger.listAuthorizations()[0]).toMatchObject({ status: 'approved', reversed: 0 });
  });

  it('fails on a declined or an already reversed authorisation', () => {
    const declined = context();
    authorize(declined, authorization('4000000000000002'));
    expect(reverse(declined, reversal()).status).toBe('failed');

    const reversed = context();
    authorize(reversed, authorization());
    reverse(reversed, reversal('rev_1'));
    expect(reverse(reversed, reversal('rev_2'))).toMatchObject({ status: 'failed', response_code: '12' });
  });

  it('leaves a tombstone for an authorisation not received, which is then declined R1 and charges nothing', () => {
    const ctx = context();
    expect(reverse(ctx, reversal())).toMatchObject({ status: 'succeeded', amount: 0 });
    expect(inquire(ctx.ledger, 'auth_1')).toEqual({
      reference: 'auth_1',
      type: 'reversal_tombstone',
      status: 'reversed',
    });

    const late = authorize(ctx, { ...authorization(), capture: true });
    expect(late).toMatchObject({
      status: 'declined',
      response_code: 'R1',
      message: 'reversed before authorisation',
      captured_amount: 0,
    });
    expect(late.auth_code).toBeUndefined();
    expect(ctx.ledger.listAuthorizations()[0]).toMatchObject({ status: 'declined', captured: 0 });
    expect(ctx.ledger.listEntries().map((entry) => [entry.type, entry.status, entry.merchant_id])).toEqual([
      ['reversal', 'succeeded', null],
      ['authorization', 'declined', 'm_1'],
    ]);
    expect(inquire(ctx.ledger, 'auth_1')).toEqual(late);
  });

  it('replays the stored answer for the same reference', () => {
    const ctx = context();
    authorize(ctx, authorization());
    const first = reverse(ctx, reversal());
    expect(reverse(ctx, reversal())).toEqual(first);
    expect(ctx.ledger.listEntries()).toHaveLength(2);
  });
});
