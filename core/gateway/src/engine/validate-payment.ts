import { assertTransition } from '../domain/payment-status.js';
import { capturePayment } from './capture-payment.js';
import type { EngineDeps, PaymentView, RequestContext } from './context.js';
import { assertNoPendingOperation, lockPayment, viewOf } from './load.js';
import { bindKey, bookOperation, recordTransition } from './record.js';

/**
 * Validates a payment held for manual validation (BO8). It becomes `authorized`; an `immediate`
 * payment, or a deferred one whose capture date has passed, is then captured at once. Validating
 * an already validated payment returns it as is.
 */
export async function validatePayment(
  deps: EngineDeps,
  ctx: RequestContext,
  paymentId: string,
): Promise<PaymentView> {
  const view = await deps.db.transaction().execute(async (trx) => {
    const payment = await lockPayment(trx, ctx.scope, paymentId);
    if (payment.status !== 'to_validate') {
      const current = await viewOf(trx, payment);
      if (current.operations.some((op) => op.type === 'validation')) return current;
      assertTransition(payment.status, 'validate'); // throws the 409 that names the states
    }
    await assertNoPendingOperation(trx, payment.id);
    await bindKey(trx, ctx, payment.id);
    return recordTransition(trx, deps, {
      payment,
      update: { kind: 'validated' },
      journal: [{ kind: 'append', operation: bookOperation(deps, payment, 'validation', ctx.source) }],
      source: ctx.source,
    });
  });
  const { payment } = view;
  const due =
    payment.status === 'authorized' &&
    (payment.typology.type === 'immediate' ||
      (payment.captureDate !== null && payment.captureDate <= deps.clock.now()));
  return due ? capturePayment(deps, ctx, { paymentId: payment.id }) : view;
}
