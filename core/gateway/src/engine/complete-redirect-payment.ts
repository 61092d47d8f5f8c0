import type { AuthorizationOutcome } from '../acquirer/connector.js';
import { findPaymentById } from '../store/payments-repo.js';
import type { EngineDeps, PaymentView } from './context.js';
import { viewOf } from './load.js';
import { settleAuthorization } from './settle.js';

/**
 * The outcome of a redirect means: pushed by the acquirer (signature checked by the caller), or
 * asked by inquiry when the buyer's browser comes back first. Recorded once, under the payment's
 * lock, by whoever comes first (settle.ts); a buyer still deciding changes nothing.
 */
export async function completeRedirectPayment(
  deps: EngineDeps,
  paymentId: string,
  pushed?: Exclude<AuthorizationOutcome, { kind: 'unknown' }>,
): Promise<PaymentView | undefined> {
  const payment = await findPaymentById(deps.db, paymentId);
  if (!payment) return undefined;
  const action = payment.pendingAction;
  if (payment.status !== 'requires_action' || action?.kind !== 'redirect') return viewOf(deps.db, payment);
  if (pushed) return settleAuthorization(deps, action.operation, pushed);
  const inquiry = await deps.acquirer(payment.mode)?.inquire(action.operation);
  if (inquiry?.kind === 'authorization') return settleAuthorization(deps, action.operation, inquiry.outcome);
  return viewOf(deps.db, payment);
}
