import type { Payment } from '../../domain/payment.js';
import type { NextAction } from '../../domain/payment-resource.js';
import type { EngineDeps } from '../../engine/context.js';

/** The hosted page of a payment waiting for its buyer (to pay, or to finish a 3-D Secure challenge). */
export function nextActionFor(deps: EngineDeps, payment: Payment): NextAction | null {
  const waiting = payment.status === 'requires_payment_method' || payment.status === 'requires_action';
  if (!waiting || !payment.pageToken || !deps.publicUrl) return null;
  return {
    type: 'redirect',
    redirect_url: `${deps.publicUrl().replace(/\/+$/, '')}/pay/${payment.pageToken}`,
  };
}
