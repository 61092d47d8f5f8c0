import { findCurrency } from '../currency.js';
import { type Guarantee, guaranteeOf } from '../guarantee.js';
import type { Operation } from '../operation.js';
import type { Payment } from '../payment.js';
import type { PaymentResource } from '../payment-resource.js';
import type { PaymentStatus } from '../payment-status.js';
import type { VadsContext } from './context.js';
import { computeVadsSignature } from './signature.js';

/** `vads_trans_status` of each payment status. */
export const VADS_TRANS_STATUS: Record<PaymentStatus, string> = {
  requires_payment_method: 'INITIAL',
  requires_action: 'INITIAL',
  processing: 'UNDER_VERIFICATION',
  authorized: 'AUTHORISED',
  to_validate: 'AUTHORISED_TO_VALIDATE',
  partially_captured: 'CAPTURED',
  captured: 'CAPTURED',
  partially_refunded: 'CAPTURED',
  refunded: 'CAPTURED',
  refused: 'REFUSED',
  cancelled: 'CANCELLED',
  abandoned: 'ABANDONED',
  expired: 'EXPIRED',
  failed: 'ERROR',
};

/**
 * `vads_result`: 00 accepted, 05 refused, 17 abandoned by the buyer or cancelled, 96 error or
 * expired. A cancelled payment is never 00: older shop modules take 00 alone for "paid".
 */
export function vadsResultCode(transStatus: string): string {
  switch (transStatus) {
    case 'REFUSED':
      return '05';
    case 'CANCELLED':
    case 'ABANDONED':
      return '17';
    case 'ERROR':
    case 'EXPIRED':
      return '96';
    default:
      return '00';
  }
}

const CARD_BRAND: Record<string, string> = {
  cb: 'CB',
  visa: 'VISA',
  mastercard: 'MASTERCARD',
  amex: 'AMEX',
  diners: 'DINERS',
  jcb: 'JCB',
  discover: 'DISCOVER',
  maestro: 'MAESTRO',
  wallet: 'WALLET',
  paypal: 'PAYPAL',
  cofinoga: 'COFINOGA',
  cetelem_aurore: 'CETELEM_AURORE',
  sofinco: 'SOFINCO',
};

/** Received fields echoed back as they came (the shop's own data about the buyer and order). */
const ECHOED = /^vads_(cust_|ship_to_|order_info|ext_info_|contrib$)/;

/**
 * What the result fields are built from: a payment as the engine holds it (the buyer's return) or
 * as an event recorded it (the IPN, which re-tells the payment as it was right after the change).
 */
export interface VadsResultSource {
  status: PaymentStatus;
  amount: number;
  currency: string;
  language: string | null;
  validation: string;
  guarantee: Guarantee;
  card: { network: string; bin: string; last4: string; expMonth: number; expYear: number } | null;
  paymentMethodType: string | null;
  threeDS: { status: string; eci: string | null } | null;
  /** The settled authorisation, or null when none was settled (none sent, or still pending). */
  authorization: { succeeded: boolean; responseCode: string | null; authCode: string | null } | null;
  /** Cancelled by the buyer on the payment page, which the protocol calls ABANDONED. */
  cancelledByBuyer: boolean;
}

/** The result source of a payment and its journal. */
export function vadsResultSource(payment: Payment, operations: readonly Operation[]): VadsResultSource {
  const authorization = operations.find((op) => op.type === 'authorization' && op.status !== 'pending');
  const card = payment.card;
  return {
    status: payment.status,
    amount: payment.amount,
    currency: payment.currency,
    language: payment.language,
    validation: payment.validation,
    guarantee: guaranteeOf(payment),
    card: card
      ? {
          network: card.network,
          bin: card.bin,
          last4: card.last4,
          expMonth: card.expMonth,
          expYear: card.expYear,
        }
      : null,
    paymentMethodType: payment.paymentMethod?.type ?? null,
    threeDS: payment.threeDS ? { status: payment.threeDS.status, eci: payment.threeDS.eci } : null,
    authorization: authorization
      ? {
          succeeded: authorization.status === 'succeeded',
          responseCode: authorization.responseCode,
          authCode: authorization.authCode,
        }
      : null,
    cancelledByBuyer:
      payment.status === 'cancelled' &&
      operations.some((op) => op.type === 'cancellation' && op.source === 'hosted_page'),
  };
}

/** The result source of a payment as an event carries it (`data.payment`, journal included). */
export function vadsResultSourceOfResource(payment: PaymentResource): VadsResultSource {
  const authorization = payment.operations.find(
    (op) => op.type === 'authorization' && op.status !== 'pending',
  );
  const card = payment.card;
  return {
    status: payment.status as PaymentStatus,
    amount: payment.amount,
    currency: payment.currency,
    language: payment.language,
    validation: payment.validation,
    guarantee: payment.guarantee,
    card: card
      ? {
          network: card.network,
          bin: card.bin,
          last4: card.last4,
          expMonth: card.exp_month,
          expYear: card.exp_year,
        }
      : null,
    paymentMethodType: payment.payment_method?.type ?? null,
    threeDS: payment.three_ds ? { status: payment.three_ds.status, eci: payment.three_ds.eci } : null,
    authorization: authorization
      ? {
          succeeded: authorization.status === 'succeeded',
          responseCode: authorization.response_code,
          authCode: authorization.auth_code,
        }
      : null,
    cancelledByBuyer:
      payment.status === 'cancelled' &&
      payment.operations.some((op) => op.type === 'cancellation' && op.source === 'hosted_page'),
  };
}

/**
 * `vads_trans_status` of a payment: by status, except that a payment the buyer cancelled on the
 * page is ABANDONED (the protocol keeps CANCELLED for a cancellation by the merchant).
 */
export function vadsTransStatus(source: Pick<VadsResultSource, 'status' | 'cancelledByBuyer'>): string {
  return source.cancelledByBuyer ? 'ABANDONED' : VADS_TRANS_STATUS[source.status];
}

/**
 * The result fields of a signed-form payment, unsigned: what the buyer carries back to the shop
 * (`vads_return_mode` GET or POST) and, with `vads_url_check_src` and `vads_hash` added by
 * domain/vads/ipn.ts, what the protocol's IPN sends (DESIGN §4). As in the protocol,
 * `vads_operation_type` is left out of a cancelled or abandoned payment's fields.
 */
export function vadsResultFields(source: VadsResultSource, ctx: VadsContext): Record<string, string> {
  const authorization = source.authorization;
  const approved = authorization?.succeeded === true;
  const currency = findCurrency(source.currency);
  const card = source.card;
  const method = source.paymentMethodType;
  const transStatus = vadsTransStatus(source);
  const fields: Record<string, string> = {
    vads_action_mode: ctx.actionMode,
    vads_amount: String(source.amount),
    vads_auth_mode: 'FULL',
    vads_auth_number: approved ? (authorization?.authCode ?? '') : '',
    vads_auth_result:
      authorization?.responseCode && !authorization.responseCode.includes(':')
        ? authorization.responseCode
        : '',
    vads_capture_delay: String(ctx.captureDelay ?? 0),
    vads_card_brand:
      method === 'card' && card ? (CARD_BRAND[card.network] ?? '') : method ? (CARD_BRAND[method] ?? '') : '',
    // The PAN's length is not kept: BIN + XXXXXX + last 4, as the protocol shows a 16-digit card.
    vads_card_number: card ? `${card.bin}XXXXXX${card.last4}` : '',
    vads_ctx_mode: ctx.ctxMode,
    vads_currency: currency?.numeric ?? '',
    vads_effective_amount: String(source.amount),
    vads_effective_currency: currency?.numeric ?? '',
    vads_expiry_month: card ? String(card.expMonth) : '',
    vads_expiry_year: card ? String(card.expYear) : '',
    vads_language: source.language ?? '',
    vads_operation_type: 'DEBIT',
    vads_order_id: ctx.orderId ?? '',
    vads_page_action: ctx.pageAction,
    vads_payment_config: ctx.paymentConfig,
    vads_payment_src: 'EC',
    vads_result: vadsResultCode(transStatus),
    vads_sequence_number: '1',
    vads_site_id: ctx.siteId,
    vads_threeds_eci: source.threeDS?.eci ?? '',
    vads_threeds_status: source.threeDS?.status ?? '',
    vads_trans_date: ctx.transDate,
    vads_trans_id: ctx.transId,
    vads_trans_status: transStatus,
    vads_trans_uuid: ctx.transUuid,
    vads_validation_mode: source.validation === 'manual' ? '1' : '0',
    vads_version: ctx.version,
    vads_warranty_result: authorization ? source.guarantee.toUpperCase() : '',
  };
  if (transStatus === 'CANCELLED' || transStatus === 'ABANDONED') delete fields['vads_operation_type'];
  for (const [name, value] of Object.entries(ctx.fields)) {
    if (ECHOED.test(name) && !(name in fields)) fields[name] = value;
  }
  return fields;
}

/** The result fields with their `signature`, signed with the shop's key the way the shop signed. */
export function signedVadsResult(
  fields: Record<string, string>,
  key: string,
  ctx: VadsContext,
): Record<string, string> {
  return { ...fields, signature: computeVadsSignature(fields, key, ctx.signatureAlgorithm) };
}

/** Where the buyer goes back to after the payment, by outcome (falls back to vads_url_return). */
export function vadsReturnUrl(status: PaymentStatus, ctx: VadsContext): string | null {
  switch (VADS_TRANS_STATUS[status]) {
    case 'AUTHORISED':
    case 'AUTHORISED_TO_VALIDATE':
    case 'CAPTURED':
      return ctx.urls.success ?? ctx.urls.return;
    case 'REFUSED':
      return ctx.urls.refused ?? ctx.urls.return;
    case 'CANCELLED':
    case 'ABANDONED':
      return ctx.urls.cancel ?? ctx.urls.return;
    default:
      return ctx.urls.error ?? ctx.urls.return;
  }
}
