import type { Payment } from '../../domain/payment.js';
import type { NextAction } from '../../domain/payment-resource.js';
import type { EngineDeps } from '../../engine/context.js';

/** The URL of a payment's hosted page, whatever its status (it shows the outcome once paid). */
export function pageUrlFor(deps: EngineDeps, payment: Payment): string | null {
  if (!payment.pageToken || !deps.publicUrl) return null;
  return `${deps.publicUrl().replace(/\/+$/, '')}/pay/${payment.pageToken}`;
}

/** The hosted page of a payment waiting for its buyer (to pay, or to finish a 3-D Secure challenge). */
export function nextActionFor(deps: EngineDeps, payment: Payment): NextAction | null {
  const waiting = payment.status === 'requires_payment_method' || payment.status === 'requires_action';
  const url = waiting ? pageUrlFor(deps, payment) : null;
  return url ? { type: 'redirect', redirect_url: url } : null;
}
