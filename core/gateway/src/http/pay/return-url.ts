import type { Payment } from '../../domain/payment.js';

/**
 * The shop's return URL with the payment's id and status added. They are for display only: the
 * shop reads the payment (GET /v1/payments/:id) or waits for its notification before shipping.
 */
export function shopReturnUrl(payment: Payment): string {
  const url = new URL(payment.returnUrl!);
  url.searchParams.set('payment_id', payment.id);
  url.searchParams.set('status', payment.status);
  return url.toString();
}
