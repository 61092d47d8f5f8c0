import { authorize } from './authorize.js';
import { capture } from './capture.js';
import { Ledger } from './ledger.js';
import type { OperationContext } from './movement.js';
import { refund } from './refund.js';
import { reverse } from './reverse.js';

const now = () => new Date('2026-06-15T12:00:00Z');

function captured(amount: number): OperationContext {
  const ctx = { ledger: new Ledger(now), seed: 1, now };
  authorize(ctx, {
    reference: 'auth_1',
    merchant_id: 'm_1',
    amount: 1000,
    currency: 'EUR',
    card: { number: '4242424242424242', exp_month: 12, exp_year: 2030 },
    capture: false,
  });
  if (amount > 0) capture(ctx, { reference: 'cap_1', authorization_reference: 'auth_1', amount });
  return ctx;
}

const refundOf = (reference: string, amount: number) => ({
  reference,
  authorization_reference: 'auth_1',
  amount,
});

describe('refund', () => {
  it('refunds in several parts up to the captured amount, then refuses more', () => {
    const ctx = captured(600);
    expect(refund(ctx, refundOf('ref_1', 200)).status).toBe('succeeded');
    expect(refund(ctx, refundOf('ref_2', 400)).status).toBe('succeeded');
    expect(refund(ctx, refundOf('ref_3', 1))).toMatchObject({
      type: 'refund',
      status: 'failed',
      response_code: '13',
      message: 'amount 1 exceeds 0, the captured amount not yet refunded',
    });
    expect(ctx.ledger.listAuthorizations()[0]).toMatchObject({ captured: 600, refunded: 600 });
  });

  it('refuses to refund what was authorised but never captured', () => {
    const ctx = captured(0);
    expect(refund(ctx, refundOf('ref_1', 100))).toMatchObject({ status: 'failed', response_code: '13' });
    expect(ctx.ledger.listAuthorizations()[0]?.refunded).toBe(0);
  });

  it('still refunds the captured part of an authorisation whose remainder was reversed', () => {
    const ctx = captured(300);
    reverse(ctx, { reference: 'rev_1', authorization_reference: 'auth_1' });
    expect(refund(ctx, refundOf('ref_1', 300)).status).toBe('succeeded');
  });

  it('fails on an unknown authorisation', () => {
    expect(
      refund(captured(0), { reference: 'r', authorization_reference: 'nope', amount: 1 }).response_code,
    ).toBe('25');
  });

  it('replays the stored answer for the same reference without refunding twice', () => {
    const ctx = captured(600);
    const first = refund(ctx, refundOf('ref_1', 200));
    expect(refund(ctx, refundOf('ref_1', 200))).toEqual(first);
    expect(ctx.ledger.listAuthorizations()[0]?.refunded).toBe(200);
  });
});
