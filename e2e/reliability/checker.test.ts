import type { LedgerView } from '@caisse/mock-acquirer';
import { check } from './harness/checker.js';
import type { SeenPayment } from './harness/client.js';
import type { OrderRecord } from './harness/orders.js';
import type { Journal } from './harness/records.js';

// The checker is what the reliability runs rest on: each rule must fire on the break it is for.
const shopId = 'shop_1';
const t0 = new Date('2026-05-01T10:00:00Z');
const t1 = new Date('2026-05-01T10:00:01Z');

function world() {
  const journal: Journal = {
    payments: [
      {
        id: 'pay_1',
        reference: 'o-1',
        status: 'captured',
        amount: 1000,
        captured_amount: 1000,
        refunded_amount: 0,
      },
    ],
    operations: [
      {
        id: 'op_a',
        payment_id: 'pay_1',
        type: 'authorization',
        status: 'succeeded',
        amount: 1000,
        response_code: '00',
        details: { capture: true },
        created_at: t0,
        settled_at: t1,
      },
      {
        id: 'op_c',
        payment_id: 'pay_1',
        type: 'capture',
        status: 'succeeded',
        amount: 1000,
        response_code: '00',
        details: { authorization: 'op_a' },
        created_at: t1,
        settled_at: t1,
      },
    ],
    events: [
      {
        seq: 0,
        id: 'evt_0',
        payment_id: 'pay_1',
        type: 'payment.processing',
        status: 'pending',
        payload: {
          id: 'evt_0',
          type: 'payment.processing',
          data: {
            payment: {
              id: 'pay_1',
              status: 'processing',
              captured_amount: 0,
              refunded_amount: 0,
              operations: [{ id: 'op_a', status: 'pending' }],
            },
          },
        },
      },
      {
        seq: 1,
        id: 'evt_1',
        payment_id: 'pay_1',
        type: 'payment.captured',
        status: 'pending',
        payload: {
          id: 'evt_1',
          type: 'payment.captured',
          data: {
            payment: {
              id: 'pay_1',
              status: 'captured',
              captured_amount: 1000,
              refunded_amount: 0,
              operations: [
                { id: 'op_a', status: 'succeeded' },
                { id: 'op_c', status: 'succeeded' },
              ],
            },
          },
        },
      },
    ],
    pendingRecoveries: 0,
  };
  const card = {
    brand: 'visa',
    bin: '424242',
    last4: '4242',
    fingerprint: 'f',
  } as LedgerView['authorizations'][number]['card'];
  const ledger: LedgerView = {
    entries: [
      {
        seq: 1,
        at: t0.toISOString(),
        reference: 'op_a',
        type: 'authorization',
        authorization_reference: 'op_a',
        merchant_id: shopId,
        amount: 1000,
        currency: 'EUR',
        status: 'approved',
        response_code: '00',
        card,
      },
      {
        seq: 2,
        at: t0.toISOString(),
        reference: 'op_a',
        type: 'capture',
        authorization_reference: 'op_a',
        merchant_id: shopId,
        amount: 1000,
        currency: 'EUR',
        status: 'succeeded',
        response_code: '00',
      },
    ],
    authorizations: [
      {
        reference: 'op_a',
        merchant_id: shopId,
        amount: 1000,
        currency: 'EUR',
        status: 'approved',
        response_code: '00',
        captured: 1000,
        refunded: 0,
        reversed: 0,
        card,
      },
    ],
    faults: { timeout: 0, drop: 0, error: 0, error_after_process: 0, latency: 0 },
  } as LedgerView;
  const seen: SeenPayment = {
    id: 'pay_1',
    status: 'captured',
    amount: 1000,
    captured_amount: 1000,
    refunded_amount: 0,
    reference: 'o-1',
    operations: [
      { id: 'op_a', type: 'authorization', status: 'succeeded', amount: 1000 },
      { id: 'op_c', type: 'capture', status: 'succeeded', amount: 1000 },
    ],
  };
  const records: OrderRecord[] = [
    {
      plan: {
        reference: 'o-1',
        amount: 1000,
        card: { number: '4242', cvc: '1', approved: true },
        typology: 'immediate',
        capture: null,
        refunds: [],
      },
      create: {
        key: 'k',
        method: 'POST',
        path: '/v1/payments',
        status: 201,
        body: seen,
        attempts: 1,
        payment: seen,
      },
      refunds: [],
    },
  ];
  return { journal, ledger, records, shopId };
}

describe('the reliability checker', () => {
  it('finds nothing wrong when the three records agree', () => {
    expect(check(world()).discrepancies).toEqual([]);
  });

  it('reports a payment the client was told about that the journal lost', () => {
    const w = world();
    w.journal.payments = [];
    expect(check(w).discrepancies.join('\n')).toMatch(/not in the journal/);
  });

  it('reports a charge at the acquirer the journal does not record', () => {
    const w = world();
    w.ledger.authorizations[0]!.captured = 2000;
    w.ledger.authorizations[0]!.amount = 2000;
    expect(check(w).discrepancies.join('\n')).toMatch(/acquirer captured 2000/);
  });

  it('reports an order charged twice (two payments, two authorisations)', () => {
    const w = world();
    w.journal.payments.push({ ...w.journal.payments[0]!, id: 'pay_2' });
    expect(check(w).discrepancies.join('\n')).toMatch(/order o-1 has 2 payments/);
  });

  it('reports an acquirer movement unknown to the journal', () => {
    const w = world();
    w.ledger.entries.push({
      ...w.ledger.entries[1]!,
      seq: 3,
      reference: 'op_ghost',
      type: 'refund',
      amount: 100,
    });
    expect(check(w).discrepancies.join('\n')).toMatch(/acquirer has refund op_ghost/);
  });

  it('reports an operation whose change has no outbox event', () => {
    const w = world();
    w.journal.events[1]!.payload.data.payment.operations = [{ id: 'op_a', status: 'succeeded' }];
    expect(check(w).discrepancies.join('\n')).toMatch(/op_c .* has no outbox event/);
  });

  it('reports an authorisation sent to the acquirer without its `processing` event', () => {
    const w = world();
    w.journal.events.shift();
    expect(check(w).discrepancies.join('\n')).toMatch(/op_a of payment pay_1 has no `processing` event/);
  });

  it('reports work left in flight and a settlement past its deadline', () => {
    const w = world();
    w.journal.pendingRecoveries = 1;
    w.journal.payments[0]!.status = 'processing';
    const found = check({ ...w, settlementDeadlineMs: 500 }).discrepancies.join('\n');
    expect(found).toMatch(/still wait for recovery/);
    expect(found).toMatch(/still processing/);
    expect(found).toMatch(/op_a was settled after its deadline/);
  });
});
