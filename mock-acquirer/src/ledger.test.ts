import { authorize } from './authorize.js';
import { ReferenceConflictError } from './errors.js';
import { Ledger } from './ledger.js';
import { reverse } from './reverse.js';
import type { AuthorizationRequest } from './wire.js';

const now = () => new Date('2026-06-15T12:00:00Z');

const request = (number = '4242424242424242'): AuthorizationRequest => ({
  reference: 'auth_1',
  merchant_id: 'm_1',
  amount: 1000,
  currency: 'EUR',
  card: { number, exp_month: 12, exp_year: 2030 },
  capture: false,
});

describe('ledger', () => {
  it('restores entries, balances, answers and tombstones from its snapshot', () => {
    const ledger = new Ledger(now);
    const ctx = { ledger, seed: 1, now };
    const answer = authorize(ctx, request());
    reverse(ctx, { reference: 'rev_1', authorization_reference: 'ghost' });

    const restored = new Ledger(now);
    restored.restore(JSON.parse(JSON.stringify(ledger.toSnapshot())));
    expect(restored.listEntries()).toEqual(ledger.listEntries());
    expect(restored.listAuthorizations()).toEqual(ledger.listAuthorizations());
    expect(restored.tombstones.get('ghost')).toBe('rev_1');
    expect(authorize({ ledger: restored, seed: 1, now }, request())).toEqual(answer);
  });

  it('still spots another card on a restored authorisation, by BIN and last four digits', () => {
    const ledger = new Ledger(now);
    authorize({ ledger, seed: 1, now }, request());
    const restored = new Ledger(now);
    restored.restore(JSON.parse(JSON.stringify(ledger.toSnapshot())));
    expect(() => authorize({ ledger: restored, seed: 1, now }, request('5555555555554444'))).toThrow(
      ReferenceConflictError,
    );
  });

  it('hands out copies that callers cannot use to change the books', () => {
    const ledger = new Ledger(now);
    authorize({ ledger, seed: 1, now }, request());
    const [balance] = ledger.listAuthorizations();
    if (balance) balance.captured = 999;
    expect(ledger.listAuthorizations()[0]?.captured).toBe(0);
    expect(() => {
      (ledger.listEntries()[0] as { amount: number }).amount = 1;
    }).toThrow(TypeError);
  });

  it('refuses a snapshot of an unknown version', () => {
    expect(() => new Ledger().restore({ version: 2 } as never)).toThrow(/version 2/);
  });
});
