import type { Transaction } from 'kysely';
import { newId } from '../../domain/ids.js';
import { CONFIRMING_EVENT_TYPES, emailLanguage, type StoredEvent } from '../../domain/notification.js';
import { queueEmail } from '../../store/email-outbox-repo.js';
import { findEmailSettings } from '../../store/email-settings-repo.js';
import type { Database } from '../../store/schema.js';
import { findShop } from '../../store/shops-repo.js';

type Trx = Transaction<Database>;

/**
 * Queues the emails an event calls for (CF1, CF2), in the transaction where the relay first claims
 * the event: the buyer's and the merchant's confirmations when a payment is accepted. The queue
 * keeps one confirmation of each kind per payment, so the later events of the payment (a capture
 * after an authorisation) and replays send nothing twice. Toggles and addresses are the shop's
 * settings at that moment.
 */
export async function queueEmailsFor(trx: Trx, event: StoredEvent, now: Date): Promise<number> {
  if (event.type === 'payment.created') return (await queuePaymentLinkEmail(trx, event, now)) ? 1 : 0;
  if (!CONFIRMING_EVENT_TYPES.has(event.type) || !event.paymentId) return 0;
  const payment = event.payload.data.payment;
  const [settings, shop] = await Promise.all([
    findEmailSettings(trx, event.shopId),
    findShop(trx, event.shopId),
  ]);
  if (!shop) return 0;
  let queued = 0;
  const base = { shopId: event.shopId, mode: event.mode, eventId: event.id, paymentId: event.paymentId };
  const buyer = payment.customer?.email;
  if (settings.buyerEnabled && buyer) {
    const ok = await queueEmail(trx, {
      ...base,
      id: newId('eml'),
      template: 'buyer_confirmation',
      recipient: buyer,
      language: emailLanguage(payment.customer?.language, shop.defaultLanguage),
      createdAt: now,
    });
    if (ok) queued++;
  }
  if (settings.merchantEnabled && settings.merchantAddress) {
    const ok = await queueEmail(trx, {
      ...base,
      id: newId('eml'),
      template: 'merchant_confirmation',
      recipient: settings.merchantAddress,
      language: emailLanguage(null, shop.defaultLanguage),
      createdAt: now,
    });
    if (ok) queued++;
  }
  return queued;
}

/**
 * Payment by email (TE7): the link goes to the buyer with the payment's creation, in their language
 * (else the shop's). It is the request itself, not a confirmation: the buyer-confirmation toggle
 * does not hold it back. Once per payment, like the confirmations.
 */
async function queuePaymentLinkEmail(trx: Trx, event: StoredEvent, now: Date): Promise<boolean> {
  const payment = event.payload.data.payment;
  const recipient = payment.customer?.email;
  if (!payment.payment_link || !recipient || !event.paymentId) return false;
  const shop = await findShop(trx, event.shopId);
  if (!shop) return false;
  return queueEmail(trx, {
    id: newId('eml'),
    shopId: event.shopId,
    mode: event.mode,
    eventId: event.id,
    paymentId: event.paymentId,
    template: 'payment_link',
    recipient,
    language: emailLanguage(payment.customer?.language, shop.defaultLanguage),
    createdAt: now,
  });
}

/**
 * Tells the merchant that an event's IPN went to the dead letter, in the transaction that fails
 * it. Sent to the shop's merchant address whatever the confirmation toggle (an alert is not a
 * confirmation); without an address, the failure is only in the log and the events API.
 */
export async function queueWebhookFailedAlert(trx: Trx, event: StoredEvent, now: Date): Promise<boolean> {
  const [settings, shop] = await Promise.all([
    findEmailSettings(trx, event.shopId),
    findShop(trx, event.shopId),
  ]);
  if (!shop || !settings.merchantAddress) return false;
  return queueEmail(trx, {
    id: newId('eml'),
    shopId: event.shopId,
    mode: event.mode,
    eventId: event.id,
    paymentId: event.paymentId,
    template: 'webhook_failed',
    recipient: settings.merchantAddress,
    language: emailLanguage(null, shop.defaultLanguage),
    createdAt: now,
  });
}
