import { findPendingOperation } from '../store/operations-repo.js';
import type { ShopScope } from '../store/scope.js';
import type { EngineDeps, PaymentView } from './context.js';
import { getPayment } from './load.js';
import { recoverOperation } from './recover-operation.js';

/**
 * Finishes what a request that died left behind on a payment: settles its pending acquirer
 * operation by inquiry, then returns the payment as it stands. Used when a client retries with the
 * same Idempotency-Key after the first attempt's process crashed.
 */
export async function resumePayment(
  deps: EngineDeps,
  scope: ShopScope,
  paymentId: string,
): Promise<PaymentView> {
  const pending = await findPendingOperation(deps.db, paymentId);
  if (pending) {
    const view = await recoverOperation(deps, pending.id);
    return view;
  }
  return getPayment(deps.db, scope, paymentId);
}
