import { CHANNELS, type Channel } from './channel.js';
import { guaranteeOf } from './guarantee.js';
import type { Payment } from './payment.js';
import type { PaymentStatus } from './payment-status.js';
import type { ThreeDSStatus } from './three-ds.js';

function payment(overrides: Partial<Payment> = {}): Payment {
  const now = new Date('2026-01-15T10:00:00Z');
  return {
    id: 'pay_1',
    shopId: 'shop_1',
    mode: 'test',
    status: 'captured',
    amount: 5000,
    currency: 'EUR',
    capturedAmount: 5000,
    refundedAmount: 0,
    reference: 'ORDER-1',
    typology: { type: 'immediate' },
    validation: 'automatic',
    channel: 'ecommerce',
    customer: null,
    card: null,
    returnUrl: null,
    metadata: {},
    captureDate: null,
    authorizedAt: now,
    authorizationExpiresAt: new Date('2026-01-22T10:00:00Z'),
    duplicatedFrom: null,
    refusal: null,
    paymentMethod: { type: 'card' },
    threeDS: null,
    pageToken: null,
    pageExpiresAt: null,
    language: null,
    pendingAction: null,
    vads: null,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

const OUTCOMES: (ThreeDSStatus | 'none')[] = ['none', 'Y', 'A', 'U', 'N', 'R', 'C'];
const OUT_OF_SCA: Channel[] = ['moto', 'call_center', 'ivr', 'erp'];

/** The expected guarantee of an approved first card payment, per 3-D Secure outcome and channel. */
function expected(outcome: ThreeDSStatus | 'none', channel: Channel): 'yes' | 'no' | 'unknown' {
  if (OUT_OF_SCA.includes(channel)) return 'no';
  return outcome === 'Y' || outcome === 'A' ? 'yes' : 'unknown';
}

describe('payment guarantee', () => {
  const table = OUTCOMES.flatMap((outcome) => CHANNELS.map((channel) => [outcome, channel] as const));

  it.each(table)(
    'a captured payment authenticated %s on channel %s gets the guarantee the table says',
    (outcome, channel) => {
      const p = payment({
        channel,
        threeDS: outcome === 'none' ? null : { status: outcome, eci: null, version: '2.2.0' },
      });
      expect(guaranteeOf(p)).toBe(expected(outcome, channel));
    },
  );

  it.each([
    'authorized',
    'to_validate',
    'partially_captured',
    'captured',
    'partially_refunded',
    'refunded',
  ] as const)('keeps yes for a Y payment that is %s', (status) => {
    expect(guaranteeOf(payment({ status, threeDS: { status: 'Y', eci: '05', version: '2.2.0' } }))).toBe(
      'yes',
    );
  });

  it.each([
    'requires_payment_method',
    'requires_action',
    'processing',
    'refused',
    'cancelled',
    'abandoned',
    'failed',
  ] as PaymentStatus[])(
    'says unknown for an e-commerce payment that is %s: nothing approved to guarantee',
    (status) => {
      expect(guaranteeOf(payment({ status, threeDS: { status: 'Y', eci: '05', version: '2.2.0' } }))).toBe(
        'unknown',
      );
    },
  );

  it('says no for an authorisation that lapsed uncaptured, even authenticated', () => {
    expect(
      guaranteeOf(payment({ status: 'expired', threeDS: { status: 'Y', eci: '05', version: '2.2.0' } })),
    ).toBe('no');
  });

  it('says no for a duplicate, even authenticated: the merchant made the copy', () => {
    const p = payment({ duplicatedFrom: 'pay_0', threeDS: { status: 'Y', eci: '05', version: '2.2.0' } });
    expect(guaranteeOf(p)).toBe('no');
  });

  it('says unknown for a redirect means, which has no 3-D Secure', () => {
    expect(guaranteeOf(payment({ paymentMethod: { type: 'paypal' } }))).toBe('unknown');
  });
});
