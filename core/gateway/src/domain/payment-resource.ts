import { type Guarantee, guaranteeOf } from './guarantee.js';
import type { Operation } from './operation.js';
import type { Payment } from './payment.js';
import type { PaymentMethodType } from './payment-method.js';
import type { ThreeDSStatus } from './three-ds.js';

export { type Guarantee, guaranteeOf };

/**
 * The public representation of a payment: the API answer and the `data.payment` of every event.
 * snake_case, amounts in minor units, dates in ISO 8601. The zod response schema in
 * http/api/payments/schemas.ts documents the same shape for OpenAPI; a test keeps them equal.
 */
export interface PaymentResource {
  id: string;
  object: 'payment';
  mode: string;
  status: string;
  amount: number;
  currency: string;
  captured_amount: number;
  refunded_amount: number;
  reference: string;
  typology: Payment['typology'];
  validation: string;
  channel: string;
  guarantee: Guarantee;
  three_ds: ThreeDSResource | null;
  payment_method: { type: PaymentMethodType } | null;
  language: string | null;
  customer: Payment['customer'];
  card: CardResource | null;
  refusal: Payment['refusal'];
  return_url: string | null;
  notification_url: string | null;
  metadata: Record<string, string>;
  capture_date: string | null;
  authorized_at: string | null;
  authorization_expires_at: string | null;
  duplicated_from: string | null;
  next_action: NextAction | null;
  /** Payment by email (TE7): the link sent to the buyer; null for other payments. */
  payment_link: PaymentLinkResource | null;
  operations: OperationResource[];
  created_at: string;
  updated_at: string;
}

export interface CardResource {
  brand: string;
  co_brand: string | null;
  network: string;
  bin: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  holder: string | null;
}

export interface ThreeDSResource {
  status: ThreeDSStatus;
  eci: string | null;
  version: string;
}

export interface PaymentLinkResource {
  /** The hosted page the email points to (null if the gateway does not know its public URL). */
  url: string | null;
  /** Until when the link can be paid. */
  expires_at: string;
}

export interface NextAction {
  type: 'redirect';
  redirect_url: string;
}

export interface OperationResource {
  id: string;
  object: 'operation';
  payment_id: string;
  type: string;
  status: string;
  amount: number | null;
  currency: string;
  source: string;
  response_code: string | null;
  message: string | null;
  auth_code: string | null;
  created_at: string;
  settled_at: string | null;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toOperationResource(op: Operation): OperationResource {
  return {
    id: op.id,
    object: 'operation',
    payment_id: op.paymentId,
    type: op.type,
    status: op.status,
    amount: op.amount,
    currency: op.currency,
    source: op.source,
    response_code: op.responseCode,
    message: op.message,
    auth_code: op.authCode,
    created_at: op.createdAt.toISOString(),
    settled_at: iso(op.settledAt),
  };
}

export function toPaymentResource(
  p: Payment,
  operations: readonly Operation[],
  nextAction: NextAction | null = null,
  pageUrl: string | null = null,
): PaymentResource {
  return {
    id: p.id,
    object: 'payment',
    mode: p.mode,
    status: p.status,
    amount: p.amount,
    currency: p.currency,
    captured_amount: p.capturedAmount,
    refunded_amount: p.refundedAmount,
    reference: p.reference,
    typology: p.typology,
    validation: p.validation,
    channel: p.channel,
    guarantee: guaranteeOf(p),
    three_ds: p.threeDS ? { status: p.threeDS.status, eci: p.threeDS.eci, version: p.threeDS.version } : null,
    payment_method: p.paymentMethod ? { type: p.paymentMethod.type } : null,
    language: p.language,
    customer: p.customer,
    card: p.card
      ? {
          brand: p.card.brand,
          co_brand: p.card.coBrand,
          network: p.card.network,
          bin: p.card.bin,
          last4: p.card.last4,
          exp_month: p.card.expMonth,
          exp_year: p.card.expYear,
          holder: p.card.holder,
        }
      : null,
    refusal: p.refusal,
    return_url: p.returnUrl,
    notification_url: p.notificationUrl ?? null,
    metadata: p.metadata,
    capture_date: iso(p.captureDate),
    authorized_at: iso(p.authorizedAt),
    authorization_expires_at: iso(p.authorizationExpiresAt),
    duplicated_from: p.duplicatedFrom,
    next_action: nextAction,
    payment_link: p.linkExpiresAt ? { url: pageUrl, expires_at: p.linkExpiresAt.toISOString() } : null,
    operations: operations.map(toOperationResource),
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}
