import { createHash } from 'node:crypto';
import type { Source } from '../channel.js';
import type { OperationResource, PaymentResource } from '../payment-resource.js';
import type { VadsContext } from './context.js';
import { vadsResultFields, vadsResultSourceOfResource } from './result.js';

/**
 * The signed-form protocol's IPN (DESIGN §4, docs/en/signed-form.md#the-notification-ipn): the
 * result fields the buyer's return carries, plus `vads_url_check_src` (why it is sent) and
 * `vads_hash` (only ever in an IPN, which is how shop modules tell it from a return), form-encoded
 * and signed like the shop's request. Pure: notify/vads-ipn-format.ts feeds it an event.
 */

/** The `vads_url_check_src` values this gateway sends. */
export type VadsUrlCheckSrc = 'PAY' | 'BO' | 'MERCH_BO' | 'BATCH' | 'RETRY';

/** Event types told as the payment's own (debit) transaction. */
const DEBIT_EVENT_TYPES: ReadonlySet<string> = new Set([
  'payment.authorized',
  'payment.to_validate',
  'payment.validated',
  'payment.updated',
  'payment.partially_captured',
  'payment.captured',
  'payment.refused',
  'payment.cancelled',
  'payment.expired',
  'payment.abandoned',
  'payment.failed',
]);

/** Event types told as a refund (credit) transaction of its own. */
const CREDIT_EVENT_TYPES: ReadonlySet<string> = new Set(['payment.partially_refunded', 'payment.refunded']);

/**
 * The IPN an event gives in this protocol: DEBIT (the payment's state), CREDIT (a refund), or null
 * for none. The protocol notifies outcomes, not steps: a payment created and waiting for the buyer,
 * a card sent to the acquirer, a 3-D Secure challenge under way get no IPN (INITIAL or
 * UNDER_VERIFICATION would read as "pending payment" to shop modules, which then register an order
 * the buyer may never pay); nor does a declined capture, refund or cancel, which leaves the
 * transaction as it was.
 */
export function vadsIpnKind(type: string): 'DEBIT' | 'CREDIT' | null {
  if (DEBIT_EVENT_TYPES.has(type)) return 'DEBIT';
  if (CREDIT_EVENT_TYPES.has(type)) return 'CREDIT';
  return null;
}

/**
 * `vads_url_check_src` of one send. Automatic retries are RETRY and a replay the merchant asked for
 * is BO, as in the protocol; a first send says who made the change: the buyer on the payment page
 * (or the page expiring) PAY, the merchant through the API or the back office MERCH_BO, the
 * gateway's own jobs and the acquirer (deferred capture, expiry, reversal) BATCH.
 */
export function vadsUrlCheckSrc(input: {
  source: Source;
  type: string;
  /** 1 for the first send since the event was stored or replayed. */
  attempt: number;
  /** The merchant replayed the event (POST /v1/events/{id}/replay) after earlier sends. */
  replayed: boolean;
}): VadsUrlCheckSrc {
  if (input.attempt > 1) return 'RETRY';
  if (input.replayed) return 'BO';
  switch (input.source) {
    case 'hosted_page':
      return 'PAY';
    case 'api':
    case 'backoffice':
      return 'MERCH_BO';
    case 'scheduler':
      return input.type === 'payment.abandoned' ? 'PAY' : 'BATCH';
    case 'batch':
    case 'acquirer':
      return 'BATCH';
    default: {
      const never: never = input.source;
      throw new Error(`unknown event source ${String(never)}`);
    }
  }
}

/** `vads_hash`: 64 hex digits, one per event, the same on every send of it (a key to dedupe on). */
export function vadsHash(eventId: string): string {
  return createHash('sha256').update(`caisse-vads-ipn:${eventId}`, 'utf8').digest('hex');
}

/** "2026-03-15T14:30:00.000Z" → "20260315143000". */
function transDateOf(iso: string): string {
  return iso.replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * A refund is its own transaction in this protocol, as on the Lyra gateways: its own
 * `vads_trans_uuid`, and a `vads_trans_id` from 900000-999999, the range a shop's own ids never use
 * (they stop at 899999), both derived from the refund's operation id so every send agrees. Shop
 * modules key payments on `sequence_number-trans_id`: a refund under the payment's trans_id would
 * overwrite the payment's line instead of adding a negative one.
 */
export function refundTransaction(refund: Pick<OperationResource, 'id' | 'created_at'>): {
  transId: string;
  transUuid: string;
  transDate: string;
} {
  const digest = createHash('sha256').update(`caisse-vads-refund:${refund.id}`, 'utf8').digest('hex');
  return {
    transUuid: digest.slice(0, 32),
    transId: String(900_000 + (Number.parseInt(digest.slice(32, 40), 16) % 100_000)),
    transDate: transDateOf(refund.created_at),
  };
}

export interface VadsIpnInput {
  eventId: string;
  /** The event type, e.g. "payment.captured"; must have an IPN (vadsIpnKind). */
  type: string;
  /** The payment as the event recorded it, right after the change (journal included). */
  payment: PaymentResource;
  ctx: VadsContext;
  urlCheckSrc: VadsUrlCheckSrc;
}

/** The fields of one IPN, unsigned (sign with signedVadsResult, as the buyer's return is). */
export function vadsIpnFields(input: VadsIpnInput): Record<string, string> {
  const kind = vadsIpnKind(input.type);
  if (!kind) throw new Error(`the signed-form protocol has no IPN for ${input.type}`);
  const fields = vadsResultFields(vadsResultSourceOfResource(input.payment), input.ctx);
  if (kind === 'CREDIT') {
    // The refund this event is about: the journal is in order, the event written with its outcome.
    const refund = input.payment.operations.findLast(
      (op) => op.type === 'refund' && op.status === 'succeeded',
    );
    if (!refund || refund.amount === null)
      throw new Error(`event ${input.eventId} has no succeeded refund in its journal`);
    const transaction = refundTransaction(refund);
    Object.assign(fields, {
      vads_amount: String(refund.amount),
      vads_effective_amount: String(refund.amount),
      vads_operation_type: 'CREDIT',
      vads_result: '00',
      vads_trans_date: transaction.transDate,
      vads_trans_id: transaction.transId,
      vads_trans_status: 'CAPTURED',
      vads_trans_uuid: transaction.transUuid,
    });
  }
  fields['vads_url_check_src'] = input.urlCheckSrc;
  fields['vads_hash'] = vadsHash(input.eventId);
  return fields;
}
