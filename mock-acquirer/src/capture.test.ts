import { authorize } from './authorize.js';
import { capture } from './capture.js';
import { ReferenceConflictError } from './errors.js';
import { Ledger } from './ledger.js';
import type { OperationContext } from './movement.js';
import { reverse } from './reverse.js';

const now = () => new Date('2026-06-15T12:00:00Z');

function authorized(number = '4242424242424242'): OperationContext {
  const ctx = { ledger: new Ledger(now), seed: 1, now };
  authorize(ctx, {
    reference: 'auth_1',
    merchant_id: 'm_1',
    amount: 1000,
    currency: 'EUR',
    card: { number, exp_month: 12, exp_year: 2030 },
    capture: false,
  });
  return ctx;
}

const captureOf = (reference: string, amount: number, authorization_reference = 'auth_1') => ({
  reference,
  authorization_reference,
  amount,
});

describe('capture', () => {
  it('captures in several parts up to the authorised amount, then refuses more', () => {
    const ctx = authorized();
    expect(capture(ctx, captureOf('cap_1', 300)).status).toBe('succeeded');
    expect(capture(ctx, captureOf('cap_2', 700)).status).toBe('succeeded');
    expect(capture(ctx, captureOf('cap_3', 1))).toMatchObject({
      type: 'capture',
      status: 'failed',
      response_code: '13',
      message: 'amount 1 exceeds 0, the authorised amount not yet captured',
      amount: 1,
    });
    expect(ctx.ledger.listAuthorizations()[0]?.captured).toBe(1000);
  });

  it('refuses a capture above what remains and captures nothing', () => {
    const ctx = authorized();
    capture(ctx, captureOf('cap_1', 600));
    expect(capture(ctx, captureOf('cap_2', 401))).toMatchObject({
      status: 'failed',
      message: 'amount 401 exceeds 400, the authorised amount not yet captured',
    });
    expect(ctx.ledger.listAuthorizations()[0]?.captured).toBe(600);
    expect(ctx.ledger.listEntries().at(-1)).toMatchObject({ type: 'capture', status: 'failed', amount: 401 });
  });

  it('fails on an unknown authorisation with code 25', () => {
    expect(capture(authorized(), captureOf('cap_1', 100, 'nope'))).toMatchObject({
      status: 'failed',
      response_code: '25',
    });
  });

  it('fails on a declined authorisation', () => {
    expect(capture(authorized('4000000000000002'), captureOf('cap_1', 100))).toMatchObject({
      status: 'failed',
      response_code: '12',
    });
  });

  it('fails on a reversed authorisation', () => {
    const ctx = authorized();
    reverse(ctx, { reference: 'rev_1', authorization_reference: 'auth_1' });
    expect(capture(ctx, captureOf('cap_1', 100))).toMatchObject({ status: 'failed', response_code: '12' });
  });

  it('replays the stored answer for the same reference without capturing twice', () => {
    const ctx = authorized();
    const first = capture(ctx, captureOf('cap_1', 400));
    expect(capture(ctx, captureOf('cap_1', 400))).toEqual(first);
    expect(ctx.ledger.listAuthorizations()[0]?.captured).toBe(400);
    expect(ctx.ledger.listEntries()).toHaveLength(2);
  });

  it('refuses the same reference with another amount or authorisation as a conflict', () => {
    const ctx = authorized();
    capture(ctx, captureOf('cap_1', 400));
    expect(() => capture(ctx, captureOf('cap_1', 500))).toThrow(ReferenceConflictError);
    expect(() => capture(ctx, captureOf('cap_1', 400, 'auth_2'))).toThrow(ReferenceConflictError);
  });

  it('refuses a reference already used by another kind of operation as a conflict', () => {
    expect(() => capture(authorized(), captureOf('auth_1', 400))).toThrow(ReferenceConflictError);
  });
});
