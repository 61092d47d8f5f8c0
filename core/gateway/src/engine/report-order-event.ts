import { newId } from '../domain/ids.js';
import { type OrderEventType, orderEventEffect } from '../domain/typology.js';
import { CaisseError } from '../errors/index.js';
import { insertOrderEvent } from '../store/order-events-repo.js';
import { cancelPayment } from './cancel-payment.js';
import { capturePayment } from './capture-payment.js';
import type { EngineDeps, PaymentView, RequestContext } from './context.js';
import { getPayment, viewOf } from './load.js';

const CAPTURED = new Set(['captured', 'partially_refunded', 'refunded']);

/**
 * The shop reports what happened to the order; the payment's typology decides what that means
 * (TY5 capture at shipment, TY6 at delivery, cancel before capture). Reporting the same event
 * twice changes nothing the second time.
 */
export async function reportOrderEvent(
  deps: EngineDeps,
  ctx: RequestContext,
  input: { paymentId: string; type: OrderEventType },
): Promise<PaymentView> {
  const { payment } = await getPayment(deps.db, ctx.scope, input.paymentId);
  const effect = orderEventEffect(payment.typology, input.type);
  let view: PaymentView;
  if (effect === 'capture' && !CAPTURED.has(payment.status)) {
    view = await capturePayment(deps, ctx, { paymentId: payment.id });
  } else if (effect === 'cancel') {
    if (CAPTURED.has(payment.status) || payment.status === 'partially_captured') {
      throw new CaisseError('payment_already_captured', {
        detail: `The order was cancelled after the payment was captured: refund it instead (POST /v1/payments/${payment.id}/refund).`,
      });
    }
    view = await cancelPayment(deps, ctx, payment.id);
  } else {
    view = await viewOf(deps.db, payment);
  }
  await insertOrderEvent(deps.db, {
    id: newId('oev'),
    paymentId: payment.id,
    type: input.type,
    source: ctx.source,
    effect: effect === 'capture' && CAPTURED.has(payment.status) ? 'none' : effect,
    createdAt: deps.clock.now(),
  });
  return view;
}
