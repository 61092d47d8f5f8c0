import { findPendingOperation } from '../store/operations-repo.js';
import { findPaymentById } from '../store/payments-repo.js';
import type { EngineDeps, PaymentView } from './context.js';
import { viewOf } from './load.js';
import { bookOperation, recordTransition } from './record.js';

/**
 * An authorisation not captured within its validity lapses at the issuer: the payment becomes
 * `expired` and the shop is told (`payment.expired`). Nothing is sent to the acquirer.
 * Re-checks under the lock, so a capture that won the race is left alone.
 */
export async function expireAuthorization(
  deps: EngineDeps,
  paymentId: string,
): Promise<PaymentView | undefined> {
  return deps.db.transaction().execute(async (trx) => {
    const payment = await findPaymentById(trx, paymentId, { forUpdate: true });
    if (!payment) return undefined;
    const now = deps.clock.now();
    const lapsed =
      (payment.status === 'authorized' || payment.status === 'to_validate') &&
      payment.authorizationExpiresAt !== null &&
      payment.authorizationExpiresAt <= now;
    // A capture or void still awaiting its outcome must settle first: expiring now would strand
    // money the acquirer may already have moved.
    if (!lapsed || (await findPendingOperation(trx, payment.id))) return viewOf(trx, payment);
    return recordTransition(trx, deps, {
      payment,
      update: { kind: 'expired' },
      journal: [
        {
          kind: 'append',
          operation: bookOperation(deps, payment, 'expiry', 'scheduler', {
            message: `authorisation not captured before ${payment.authorizationExpiresAt!.toISOString()}`,
          }),
        },
      ],
      source: 'scheduler',
    });
  });
}
