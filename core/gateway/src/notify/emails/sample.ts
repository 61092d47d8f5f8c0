import type { PaymentResource } from '../../domain/payment-resource.js';

/** A made-up payment to check and preview a shop's templates with. */
export function samplePayment(mode: 'test' | 'live' = 'test'): PaymentResource {
  const at = '2026-01-15T10:00:00.000Z';
  return {
    id: 'pay_SAMPLE000000000000000000',
    object: 'payment',
    mode,
    status: 'authorized',
    amount: 4990,
    currency: 'EUR',
    captured_amount: 0,
    refunded_amount: 0,
    reference: 'ORDER-1042',
    typology: { type: 'on_shipment' },
    validation: 'automatic',
    channel: 'ecommerce',
    guarantee: 'unknown',
    three_ds: null,
    payment_method: { type: 'card' },
    language: 'fr',
    customer: { email: 'buyer@example.com', name: 'Camille Martin', language: 'fr' },
    card: {
      brand: 'visa',
      co_brand: null,
      network: 'visa',
      bin: '424242',
      last4: '4242',
      exp_month: 12,
      exp_year: 2030,
      holder: null,
    },
    refusal: null,
    return_url: null,
    notification_url: null,
    metadata: {},
    capture_date: null,
    authorized_at: at,
    authorization_expires_at: '2026-01-22T10:00:00.000Z',
    duplicated_from: null,
    next_action: null,
    payment_link: null,
    operations: [],
    created_at: at,
    updated_at: at,
  };
}

/** A made-up payment link waiting for its buyer, for the `payment_link` template. */
export function samplePaymentLink(mode: 'test' | 'live' = 'test'): PaymentResource {
  const url = 'https://caisse.example/pay/SAMPLE0000000000000000000000000000000000';
  return {
    ...samplePayment(mode),
    status: 'requires_payment_method',
    typology: { type: 'immediate' },
    guarantee: 'unknown',
    payment_method: null,
    card: null,
    authorized_at: null,
    authorization_expires_at: null,
    next_action: { type: 'redirect', redirect_url: url },
    payment_link: { url, expires_at: '2026-01-22T10:00:00.000Z' },
  };
}
