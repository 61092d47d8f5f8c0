import { findCurrency } from '../currency.js';
import { guaranteeOf } from '../guarantee.js';
import type { Operation } from '../operation.js';
import type { Payment } from '../payment.js';
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

/** `vads_result`: 00 accepted, 05 refused, 17 cancelled or abandoned by the buyer, 96 error. */
export function vadsResultCode(status: PaymentStatus): string {
  switch (VADS_TRANS_STATUS[status]) {
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
 * The result fields of a signed-form payment, unsigned: what the buyer carries back to the shop
 * (`vads_return_mode` GET or POST) and, with `vads_url_check_src` and `vads_hash` added by the
 * caller, what the protocol's IPN sends (DESIGN §4).
 */
export function vadsResultFields(
  payment: Payment,
  operations: readonly Operation[],
  ctx: VadsContext,
  options: { operationType?: 'DEBIT' | 'CREDIT' } = {},
): Record<string, string> {
  const authorization = operations.find((op) => op.type === 'authorization' && op.status !== 'pending');
  const approved = authorization?.status === 'succeeded';
  const currency = findCurrency(payment.currency);
  const guarantee = guaranteeOf(payment);
  const card = payment.card;
  const method = payment.paymentMethod?.type;
  const fields: Record<string, string> = {
    vads_action_mode: ctx.actionMode,
    vads_amount: String(payment.amount),
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
    vads_effective_amount: String(payment.amount),
    vads_effective_currency: currency?.numeric ?? '',
    vads_expiry_month: card ? String(card.expMonth) : '',
    vads_expiry_year: card ? String(card.expYear) : '',
    vads_language: payment.language ?? '',
    vads_operation_type: options.operationType ?? 'DEBIT',
    vads_order_id: ctx.orderId ?? '',
    vads_page_action: ctx.pageAction,
    vads_payment_config: ctx.paymentConfig,
    vads_payment_src: 'EC',
    vads_result: vadsResultCode(payment.status),
    vads_sequence_number: '1',
    vads_site_id: ctx.siteId,
    vads_threeds_eci: payment.threeDS?.eci ?? '',
    vads_threeds_status: payment.threeDS?.status ?? '',
    vads_trans_date: ctx.transDate,
    vads_trans_id: ctx.transId,
    vads_trans_status: VADS_TRANS_STATUS[payment.status],
    vads_trans_uuid: ctx.transUuid,
    vads_validation_mode: payment.validation === 'manual' ? '1' : '0',
    vads_version: ctx.version,
    vads_warranty_result: authorization ? guarantee.toUpperCase() : '',
  };
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
