import type { Customer } from '../domain/payment.js';
import { linkExpiry } from '../domain/payment-link.js';
import type { Typology, ValidationMode } from '../domain/typology.js';
import { fieldError } from '../errors/index.js';
import type { EngineDeps, PaymentView, RequestContext } from './context.js';
import { createPayment } from './create-payment.js';

export interface CreatePaymentLinkInput {
  amount: number;
  currency: string;
  reference: string;
  /** The buyer: `email` is where the link goes, `language` the email's and the page's. */
  customer: Customer & { email: string };
  expiresAt?: Date | undefined;
  typology?: Typology | undefined;
  validation?: ValidationMode | undefined;
  returnUrl?: string | undefined;
  notificationUrl?: string | undefined;
  metadata?: Record<string, string> | undefined;
}

/**
 * Payment by email (TE7): an e-commerce payment waiting for its buyer, whose hosted page stays
 * open until the link expires (7 days by default, 15 minutes to 30 days) instead of the page's
 * usual 20 minutes. The email itself is not sent here: the relay queues it from the payment's
 * `payment.created` event (notify/emails/queue-emails.ts), so neither a slow nor a broken SMTP
 * server can fail or delay the creation.
 */
export async function createPaymentLink(
  deps: EngineDeps,
  ctx: RequestContext,
  input: CreatePaymentLinkInput,
): Promise<PaymentView> {
  if (!input.customer.email) throw fieldError('missing_field', 'customer.email');
  const expiresAt = linkExpiry(deps.clock.now(), input.expiresAt);
  return createPayment(deps, ctx, {
    amount: input.amount,
    currency: input.currency,
    reference: input.reference,
    typology: input.typology,
    validation: input.validation,
    channel: 'ecommerce',
    customer: input.customer,
    returnUrl: input.returnUrl,
    notificationUrl: input.notificationUrl,
    metadata: input.metadata,
    pageExpiresAt: expiresAt,
    linkExpiresAt: expiresAt,
  });
}
