import { assertAmount } from '../domain/money.js';
import { applyUpdate, refundable } from '../domain/payment.js';
import { runAcquirerOperation } from './acquirer-operation.js';
import type { EngineDeps, PaymentView, RequestContext } from './context.js';

export interface RefundInput {
  paymentId: string;
  /** Minor units; defaults to everything captured and not yet refunded. Several refunds are allowed. */
  amount?: number | undefined;
}

/** Refunds all or part of the captured amount, never more than captured − refunded (BO6). */
export function refundPayment(
  deps: EngineDeps,
  ctx: RequestContext,
  input: RefundInput,
): Promise<PaymentView> {
  if (input.amount !== undefined) assertAmount(input.amount);
  return runAcquirerOperation(deps, ctx, input.paymentId, (payment) => {
    const amount = input.amount ?? refundable(payment);
    applyUpdate(payment, { kind: 'refund_succeeded', amount }, deps.clock.now());
    return { run: true, type: 'refund', amount };
  });
}
