import { findPendingOperation } from '../store/operations-repo.js';
import { findPaymentById } from '../store/payments-repo.js';
import type { EngineDeps, PaymentView } from './context.js';
import { viewOf } from './load.js';
import { bookOperation, recordTransition } from './record.js';

/**
 * A payment page left unused past its expiry (a payment link past its `expires_at`, or a step
 * started on it walked away from): the payment is `abandoned` (journal row
 * `abandonment`, event `payment.abandoned`), and any card held for a step is dropped with it.
 * Re-checks under the lock: a buyer who paid at the last second wins. A payment with an acquirer
 * operation pending (a redirect means still open) is left to the recovery job, which asks the
 * acquirer first: abandoning it blind could hide money the acquirer took.
 */
export async function abandonExpiredPage(
  deps: EngineDeps,
  paymentId: string,
): Promise<PaymentView | undefined> {
  return deps.db.transaction().execute(async (trx) => {
    const payment = await findPaymentById(trx, paymentId, { forUpdate: true });
    if (!payment) return undefined;
    const now = deps.clock.now();
    const waiting = payment.status === 'requires_payment_method' || payment.status === 'requires_action';
    const expired = payment.pageExpiresAt !== null && payment.pageExpiresAt <= now;
    if (!waiting || !expired || (await findPendingOperation(trx, payment.id))) return viewOf(trx, payment);
    return recordTransition(trx, deps, {
      payment,
      update: { kind: 'abandoned' },
      journal: [
        {
          kind: 'append',
          operation: bookOperation(deps, payment, 'abandonment', 'scheduler', {
            message: `${payment.linkExpiresAt ? 'payment link' : 'payment page'} not completed before ${payment.pageExpiresAt!.toISOString()}`,
          }),
        },
      ],
      source: 'scheduler',
    });
  });
}
