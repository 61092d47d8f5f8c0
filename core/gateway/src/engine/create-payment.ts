import { type CardInput, type CardNetwork, validateCard } from '../domain/card.js';
import { type Channel, requiresStrongAuthentication } from '../domain/channel.js';
import { newId, randomBase62 } from '../domain/ids.js';
import { toLanguage } from '../domain/language.js';
import { assertAmount, requireCurrency } from '../domain/money.js';
import type { Customer, Payment } from '../domain/payment.js';
import type { Typology, ValidationMode } from '../domain/typology.js';
import type { VadsContext } from '../domain/vads/context.js';
import { CaisseError, fieldError } from '../errors/index.js';
import { insertPayment } from '../store/payments-repo.js';
import { authorizePayment } from './authorize-payment.js';
import type { EngineDeps, PaymentView, RequestContext } from './context.js';
import { bindKey, storeEvent } from './record.js';

export interface CreatePaymentInput {
  amount: number;
  currency: string;
  reference: string;
  typology?: Typology | undefined;
  validation?: ValidationMode | undefined;
  channel?: Channel | undefined;
  customer?: Customer | undefined;
  card?: (CardInput & { network?: CardNetwork | undefined }) | undefined;
  returnUrl?: string | undefined;
  notificationUrl?: string | undefined;
  metadata?: Record<string, string> | undefined;
  duplicatedFrom?: string | undefined;
  /** Hosted page language (FORM2); default: the customer's language if we have it. */
  language?: string | undefined;
  /** When the hosted page closes; default: now + the configured page TTL. Payment links set days. */
  pageExpiresAt?: Date | undefined;
  /** Payment by email (TE7): until when its link is payable (create-payment-link.ts). */
  linkExpiresAt?: Date | undefined;
  /** Signed-form context (POST /vads-payment/). */
  vads?: VadsContext | undefined;
}

/**
 * Creates a payment. With card data (TE2/TE5, MOTO, call centre, ERP, IVR) it is authorised at
 * once; without, it waits for the buyer on the hosted page (`requires_payment_method`).
 */
export async function createPayment(
  deps: EngineDeps,
  ctx: RequestContext,
  input: CreatePaymentInput,
): Promise<PaymentView> {
  // validate
  const now = deps.clock.now();
  const amount = assertAmount(input.amount);
  const currency = requireCurrency(input.currency);
  const typology = input.typology ?? { type: 'immediate' };
  const channel = input.channel ?? 'ecommerce';
  validateTypology(typology, deps.config.authorizationValidityDays);
  const card = input.card ? validateCard(input.card, now) : undefined;
  if (!card && !requiresStrongAuthentication(channel)) {
    throw fieldError('missing_field', 'card', { detail: `a ${channel} payment needs card data` });
  }
  if (!deps.acquirer(ctx.scope.mode)) {
    throw new CaisseError('live_mode_refused', {
      detail: `No acquirer contract is configured for ${ctx.scope.mode} mode: payments cannot be taken in it.`,
    });
  }

  const payment: Payment = {
    id: newId('pay'),
    shopId: ctx.scope.shopId,
    mode: ctx.scope.mode,
    status: 'requires_payment_method',
    amount,
    currency: currency.code,
    capturedAmount: 0,
    refundedAmount: 0,
    reference: input.reference,
    typology,
    validation: input.validation ?? 'automatic',
    channel,
    customer: input.customer ?? null,
    card: null,
    returnUrl: input.returnUrl ?? null,
    notificationUrl: input.notificationUrl ?? null,
    metadata: input.metadata ?? {},
    captureDate: null,
    authorizedAt: null,
    authorizationExpiresAt: null,
    duplicatedFrom: input.duplicatedFrom ?? null,
    refusal: null,
    paymentMethod: null,
    threeDS: null,
    // Buyers of e-commerce payments may need the hosted page (to pay, or for a 3-D Secure challenge).
    pageToken: requiresStrongAuthentication(channel) ? newPageToken() : null,
    pageExpiresAt: requiresStrongAuthentication(channel)
      ? (input.pageExpiresAt ?? new Date(now.getTime() + deps.config.pageTtlMinutes * 60_000))
      : null,
    linkExpiresAt: input.linkExpiresAt ?? null,
    language: toLanguage(input.language) ?? toLanguage(input.customer?.language) ?? null,
    pendingAction: null,
    vads: input.vads ?? null,
    createdAt: now,
    updatedAt: now,
  };

  if (card) return authorizePayment(deps, ctx, { payment, isNew: true, card, network: input.card?.network });

  return deps.db.transaction().execute(async (trx) => {
    await insertPayment(trx, payment);
    await bindKey(trx, ctx, payment.id);
    await storeEvent(trx, deps, payment, [], 'payment.created', ctx.source);
    return { payment, operations: [], pending: false };
  });
}

/** The hosted page URL's secret: 40 base62 characters (~238 bits) from the OS CSPRNG. */
export function newPageToken(): string {
  return randomBase62(40);
}

/**
 * A deferred capture must fall inside the authorisation's validity: past it the authorisation has
 * lapsed, and re-authorising needs a stored card (tokens), which this gateway does not hold yet.
 */
export function validateTypology(typology: Typology, validityDays: number): void {
  if (typology.type !== 'deferred') return;
  if (!Number.isInteger(typology.days) || typology.days < 1 || typology.days >= validityDays) {
    throw fieldError('invalid_typology', 'typology.days', {
      detail: `typology.days must be an integer from 1 to ${validityDays - 1}: the capture must happen before the authorisation expires (${validityDays} days)`,
    });
  }
}
