import type { EngineDeps, PaymentView } from './context.js';
import { bookOperation, recordTransition } from './record.js';
import { withPendingOperation } from './settle.js';

/**
 * A redirect means the buyer never decided, cancelled at the acquirer by a reversal once the page
 * expired: its authorisation row fails, the reversal and the abandonment are journaled, and the
 * payment is `abandoned`. Nothing was charged.
 */
export function settleAbandonedRedirect(
  deps: EngineDeps,
  operationId: string,
  reversal: { reference: string; responseCode: string; message: string },
): Promise<PaymentView> {
  return withPendingOperation(deps, operationId, async (trx, op, payment) => {
    const now = deps.clock.now();
    return recordTransition(trx, deps, {
      payment,
      update: { kind: 'abandoned' },
      journal: [
        {
          kind: 'settle',
          operationId: op.id,
          outcome: {
            status: 'failed',
            responseCode: 'abandoned',
            message: 'the buyer did not decide before the page expired; cancelled at the acquirer',
            settledAt: now,
          },
        },
        {
          kind: 'append',
          operation: {
            id: reversal.reference,
            paymentId: payment.id,
            type: 'reversal',
            status: 'succeeded',
            amount: null,
            currency: payment.currency,
            source: 'scheduler',
            responseCode: reversal.responseCode,
            message: reversal.message,
            authCode: null,
            acquirerTransactionId: null,
            details: { authorization: op.id },
            createdAt: now,
            settledAt: now,
          },
        },
        {
          kind: 'append',
          operation: bookOperation(deps, payment, 'abandonment', 'scheduler', {
            message: `payment page not completed before ${payment.pageExpiresAt?.toISOString() ?? 'its expiry'}`,
          }),
        },
      ],
      source: 'scheduler',
    });
  });
}
