import { assertTransition } from '../domain/payment-status.js';
import { runAcquirerOperation } from './acquirer-operation.js';
import type { EngineDeps, PaymentView, RequestContext } from './context.js';
import { assertNoPendingOperation } from './load.js';
import { bindKey, bookOperation, recordTransition } from './record.js';

/**
 * Cancels a payment before capture (BO7). An authorisation is voided at the acquirer; a payment
 * still waiting for the buyer is simply closed. Cancelling a cancelled payment returns it as is.
 */
export function cancelPayment(
  deps: EngineDeps,
  ctx: RequestContext,
  paymentId: string,
): Promise<PaymentView> {
  return runAcquirerOperation(deps, ctx, paymentId, async (payment, trx) => {
    if (payment.status === 'cancelled') return { run: false };
    assertTransition(payment.status, 'cancel');
    if (payment.status === 'authorized' || payment.status === 'to_validate') {
      return { run: true, type: 'void', amount: null };
    }
    // A redirect means still open at the acquirer may be approved any second: it must settle first.
    await assertNoPendingOperation(trx, payment.id);
    await bindKey(trx, ctx, payment.id);
    const view = await recordTransition(trx, deps, {
      payment,
      update: { kind: 'cancelled' },
      journal: [{ kind: 'append', operation: bookOperation(deps, payment, 'cancellation', ctx.source) }],
      source: ctx.source,
    });
    return { run: false, view };
  });
}
