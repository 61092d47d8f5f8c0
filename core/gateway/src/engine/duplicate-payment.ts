import type { EngineDeps, PaymentView, RequestContext } from './context.js';
import { createPayment } from './create-payment.js';
import { getPayment } from './load.js';

export interface DuplicateInput {
  paymentId: string;
  amount?: number | undefined;
  reference?: string | undefined;
  metadata?: Record<string, string> | undefined;
}

/**
 * A new payment for the same buyer, from an existing one (BO5): same currency, typology, channel,
 * customer and return URL. Without a stored card (tokens) it waits for the buyer's card, so it is
 * offered to e-commerce channels; the original is untouched.
 */
export async function duplicatePayment(
  deps: EngineDeps,
  ctx: RequestContext,
  input: DuplicateInput,
): Promise<PaymentView> {
  const { payment: original } = await getPayment(deps.db, ctx.scope, input.paymentId);
  return createPayment(deps, ctx, {
    amount: input.amount ?? original.amount,
    currency: original.currency,
    reference: input.reference ?? original.reference,
    typology: original.typology,
    validation: original.validation,
    channel: original.channel === 'mcommerce' ? 'mcommerce' : 'ecommerce',
    customer: original.customer ?? undefined,
    language: original.language ?? undefined,
    returnUrl: original.returnUrl ?? undefined,
    // A copy is made through the API and notified in JSON: a signed-form original's URL
    // (vads_url_check) expects the form's own IPN, so the copy goes to the shop's URL instead.
    notificationUrl: original.vads ? undefined : (original.notificationUrl ?? undefined),
    metadata: input.metadata ?? original.metadata,
    duplicatedFrom: original.id,
  });
}
