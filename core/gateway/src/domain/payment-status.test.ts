import fc from 'fast-check';
import { applyUpdate, type Payment, type PaymentUpdate } from './payment.js';
import {
  assertTransition,
  PAYMENT_EVENTS,
  PAYMENT_STATUSES,
  type PaymentStatus,
  TERMINAL_STATUSES,
  TRANSITIONS,
} from './payment-status.js';

function reachableFrom(start: PaymentStatus): Set<PaymentStatus> {
  const seen = new Set<PaymentStatus>([start]);
  const queue = [start];
  while (queue.length) {
    const from = queue.shift()!;
    for (const to of Object.values(TRANSITIONS[from])) {
      if (to && !seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

describe('the transition table', () => {
  it('reaches every status from requires_payment_method', () => {
    expect([...reachableFrom('requires_payment_method')].sort()).toEqual([...PAYMENT_STATUSES].sort());
  });

  it('has exactly the documented terminal statuses', () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual([
      'abandoned',
      'cancelled',
      'expired',
      'failed',
      'refunded',
      'refused',
    ]);
  });

  it('never leads back to a status that allows capturing once money was refunded', () => {
    for (const from of ['partially_refunded', 'refunded'] as const) {
      for (const to of reachableFrom(from)) expect(['partially_refunded', 'refunded']).toContain(to);
    }
  });

  it('refuses every event from a terminal status with a 409 naming the current and expected statuses', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TERMINAL_STATUSES),
        fc.constantFrom(...PAYMENT_EVENTS),
        (status, event) => {
          try {
            assertTransition(status, event);
            return false;
          } catch (error) {
            expect(error).toMatchObject({ code: 'illegal_transition', status: 409 });
            expect((error as Error).message).toContain(status);
            return true;
          }
        },
      ),
    );
  });
});

const base: Payment = {
  id: 'pay_x',
  shopId: 'shop_x',
  mode: 'test',
  status: 'requires_payment_method',
  amount: 10_000,
  currency: 'EUR',
  capturedAmount: 0,
  refundedAmount: 0,
  reference: 'R',
  typology: { type: 'on_shipment' },
  validation: 'automatic',
  channel: 'ecommerce',
  customer: null,
  card: null,
  returnUrl: null,
  metadata: {},
  captureDate: null,
  authorizedAt: null,
  authorizationExpiresAt: null,
  duplicatedFrom: null,
  refusal: null,
  paymentMethod: null,
  threeDS: null,
  pageToken: null,
  pageExpiresAt: null,
  language: null,
  pendingAction: null,
  vads: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
};

const card = {
  brand: 'visa' as const,
  coBrand: null,
  network: 'visa' as const,
  bin: '424242',
  last4: '4242',
  expMonth: 12,
  expYear: 2030,
  holder: null,
  fingerprint: 'f',
};

const updateArb: fc.Arbitrary<PaymentUpdate> = fc.oneof(
  fc.constant<PaymentUpdate>({ kind: 'authorization_submitted', card }),
  fc.record({
    kind: fc.constant('authorization_approved' as const),
    at: fc.constant(new Date(1)),
    expiresAt: fc.constant(new Date(2)),
    captured: fc.boolean(),
    toValidate: fc.boolean(),
    captureDate: fc.constant(null),
  }),
  fc.constant<PaymentUpdate>({ kind: 'authorization_declined', refusal: { code: '05', message: 'no' } }),
  fc.constant<PaymentUpdate>({ kind: 'authorization_failed', refusal: { code: 'x', message: 'x' } }),
  fc.constant<PaymentUpdate>({ kind: 'validated' }),
  fc.record({ kind: fc.constant('modified' as const), amount: fc.integer({ min: 1, max: 10_000 }) }),
  fc.record({ kind: fc.constant('capture_succeeded' as const), amount: fc.integer({ min: 1, max: 12_000 }) }),
  fc.record({ kind: fc.constant('refund_succeeded' as const), amount: fc.integer({ min: 1, max: 12_000 }) }),
  fc.constant<PaymentUpdate>({ kind: 'cancelled' }),
  fc.constant<PaymentUpdate>({ kind: 'expired' }),
  fc.constant<PaymentUpdate>({ kind: 'abandoned' }),
);

/** Status and amounts must always tell the same story. */
function assertConsistent(p: Payment): void {
  expect(p.capturedAmount).toBeGreaterThanOrEqual(0);
  expect(p.capturedAmount).toBeLessThanOrEqual(p.amount);
  expect(p.refundedAmount).toBeGreaterThanOrEqual(0);
  expect(p.refundedAmount).toBeLessThanOrEqual(p.capturedAmount);
  switch (p.status) {
    case 'captured':
      expect(p.capturedAmount).toBe(p.amount);
      expect(p.refundedAmount).toBe(0);
      break;
    case 'partially_captured':
      expect(p.capturedAmount).toBeGreaterThan(0);
      expect(p.capturedAmount).toBeLessThan(p.amount);
      expect(p.refundedAmount).toBe(0);
      break;
    case 'partially_refunded':
      expect(p.refundedAmount).toBeGreaterThan(0);
      expect(p.refundedAmount).toBeLessThan(p.capturedAmount);
      break;
    case 'refunded':
      expect(p.refundedAmount).toBe(p.capturedAmount);
      expect(p.capturedAmount).toBeGreaterThan(0);
      break;
    default:
      expect(p.capturedAmount).toBe(0);
      expect(p.refundedAmount).toBe(0);
  }
}

describe('applyUpdate', () => {
  it('keeps amounts and status consistent over any sequence of updates, legal or not', () => {
    fc.assert(
      fc.property(fc.array(updateArb, { maxLength: 30 }), (updates) => {
        let payment = base;
        for (const update of updates) {
          try {
            payment = applyUpdate(payment, update, new Date(3)).payment;
          } catch (error) {
            // Refused updates are typed errors and change nothing.
            expect(['illegal_transition', 'amount_too_large']).toContain((error as { code?: string }).code);
          }
          assertConsistent(payment);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never captures more than authorised nor refunds more than captured', () => {
    const authorized = applyUpdate(
      applyUpdate(base, { kind: 'authorization_submitted', card }, new Date()).payment,
      {
        kind: 'authorization_approved',
        at: new Date(),
        expiresAt: new Date(),
        captured: false,
        toValidate: false,
        captureDate: null,
      },
      new Date(),
    ).payment;
    expect(() => applyUpdate(authorized, { kind: 'capture_succeeded', amount: 10_001 }, new Date())).toThrow(
      expect.objectContaining({ code: 'amount_too_large', message: expect.stringContaining('≤ 10000') }),
    );
    const captured = applyUpdate(authorized, { kind: 'capture_succeeded', amount: 3000 }, new Date()).payment;
    expect(captured.status).toBe('partially_captured');
    expect(() => applyUpdate(captured, { kind: 'refund_succeeded', amount: 3001 }, new Date())).toThrow(
      expect.objectContaining({ code: 'amount_too_large' }),
    );
  });
});
