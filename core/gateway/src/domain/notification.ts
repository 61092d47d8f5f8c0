import type { Mode, Source } from './channel.js';
import type { PaymentResource } from './payment-resource.js';

/**
 * Notifications (REP2, REP3, CF1, CF2): what an event is once stored, how far its IPN got, and the
 * emails it gave rise to. Pure types and constants; the relay in notify/ moves them along.
 */

/**
 * IPN delivery status of an event.
 * - `pending`: due now or later (retries included);
 * - `delivered`: a 2xx came back;
 * - `failed`: every attempt of the retry schedule failed (dead letter; replayable);
 * - `no_endpoint`: neither the payment nor the shop had a notification URL when it was due;
 * - `discarded`: reserved (never set by the relay).
 */
export const EVENT_DELIVERY_STATUSES = [
  'pending',
  'delivered',
  'failed',
  'no_endpoint',
  'discarded',
] as const;
export type EventDeliveryStatus = (typeof EVENT_DELIVERY_STATUSES)[number];

/** The JSON body of a Caisse IPN (DESIGN §4), exactly as stored by engine/record.ts storeEvent. */
export interface EventPayload {
  id: string;
  type: string;
  created_at: string;
  source: Source;
  data: { payment: PaymentResource };
}

/** An event with its IPN delivery state (a row of the outbox). */
export interface StoredEvent {
  id: string;
  shopId: string;
  mode: Mode;
  paymentId: string | null;
  type: string;
  source: Source;
  payload: EventPayload;
  createdAt: Date;
  status: EventDeliveryStatus;
  /** Sends made since the event was stored or last replayed. */
  attempts: number;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
  failedAt: Date | null;
  lastError: string | null;
  emailsQueuedAt: Date | null;
}

/** One try at delivering an IPN or an email. */
export interface DeliveryAttempt {
  attempt: number;
  /** The URL (without credentials) or the email address. */
  target: string;
  startedAt: Date;
  durationMs: number;
  succeeded: boolean;
  httpStatus: number | null;
  error: string | null;
  /** The first bytes of the receiver's answer (IPN) or the SMTP server's reply (email). */
  responseExcerpt: string | null;
}

/** The longest response excerpt kept per attempt. */
export const RESPONSE_EXCERPT_MAX = 1024;

export const EMAIL_TEMPLATES = [
  'buyer_confirmation',
  'merchant_confirmation',
  'webhook_failed',
  'payment_link',
] as const;
export type EmailTemplate = (typeof EMAIL_TEMPLATES)[number];

export const EMAIL_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/** The languages of pages and emails (FORM*, CF2). */
export const LANGUAGES = ['fr', 'en', 'de', 'es', 'it', 'nl', 'pt', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * The supported language for a tag such as "en-GB", "pt_BR" or "ZH-Hans", else undefined.
 * Only the primary subtag matters: the emails exist once per language, not per region.
 */
export function supportedLanguage(tag: string | null | undefined): Language | undefined {
  if (!tag) return undefined;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(primary ?? '') ? (primary as Language) : undefined;
}

/** The buyer's language if supported, else the shop's, else English. */
export function emailLanguage(preferred: string | null | undefined, shopDefault: string): Language {
  return supportedLanguage(preferred) ?? supportedLanguage(shopDefault) ?? 'en';
}

/** An email waiting in (or gone through) the queue. */
export interface QueuedEmail {
  id: string;
  shopId: string;
  mode: Mode;
  eventId: string;
  paymentId: string | null;
  template: EmailTemplate;
  recipient: string;
  language: Language;
  status: EmailStatus;
  attempts: number;
  nextAttemptAt: Date;
  sentAt: Date | null;
  lastError: string | null;
  createdAt: Date;
}

/**
 * Event types that confirm a payment to the buyer and the merchant (CF1, CF2): the payment has
 * just been accepted. Whichever of them comes first sends the confirmations; the queue keeps one
 * of each per payment.
 */
export const CONFIRMING_EVENT_TYPES: ReadonlySet<string> = new Set([
  'payment.authorized',
  'payment.to_validate',
  'payment.captured',
]);
