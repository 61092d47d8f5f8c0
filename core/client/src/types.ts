/**
 * The resources of the Caisse REST API v1, as the client receives and sends them. Amounts are
 * integers in minor units of the currency (5000 = 50.00 EUR, 5000 = ¥5,000); dates are ISO 8601
 * strings. The gateway's OpenAPI document (/v1/openapi.json) is the reference; these types follow it.
 */

/** Test mode talks to the mock acquirer; live mode to the real one. Each has its own API key. */
export type Mode = 'test' | 'live';

/** Payment status (DESIGN §3). */
export type PaymentStatus =
  /** Waiting for the buyer's card (hosted page). */
  | 'requires_payment_method'
  /** Waiting for the buyer (3-D Secure challenge, redirect). */
  | 'requires_action'
  /** Sent to the acquirer, outcome not recorded yet (settled by inquiry if it lasts). */
  | 'processing'
  /** Authorised, not captured yet. */
  | 'authorized'
  /** Authorised and held until the merchant validates it (manual validation). */
  | 'to_validate'
  /** Part of the amount captured. */
  | 'partially_captured'
  /** The whole amount captured. */
  | 'captured'
  /** Part of the captured amount refunded. */
  | 'partially_refunded'
  /** The whole captured amount refunded. */
  | 'refunded'
  /** Declined by the acquirer, the issuer, 3-D Secure or a risk rule. */
  | 'refused'
  /** Cancelled before capture (the authorisation was voided). */
  | 'cancelled'
  /** The authorisation lapsed before capture. */
  | 'expired'
  /** The buyer never finished. */
  | 'abandoned'
  /** The acquirer outcome could not be confirmed; the authorisation was reversed, nothing charged. */
  | 'failed';

/** When the payment is captured. */
export type Typology =
  /** At authorisation. */
  | { type: 'immediate' }
  /** `days` days after authorisation, by the scheduler. */
  | { type: 'deferred'; days: number }
  /** When the shop reports `shipped` (POST /v1/payments/{id}/events). */
  | { type: 'on_shipment' }
  /** When the shop reports `delivered`. */
  | { type: 'on_delivery' };

/** Sales channel. */
export type Channel =
  /** Web shop (Strong Customer Authentication applies). */
  | 'ecommerce'
  /** Mobile app (SCA applies). */
  | 'mcommerce'
  /** Mail or telephone order (outside SCA, no guarantee). */
  | 'moto'
  /** Call centre (outside SCA, no guarantee). */
  | 'call_center'
  /** Server-to-server from a back-office system. */
  | 'erp'
  /** Interactive voice response. */
  | 'ivr';

/** Who caused an operation or an event. */
export type Source =
  /** A call to this API. */
  | 'api'
  /** The buyer on the hosted payment page. */
  | 'hosted_page'
  /** The merchant in the back office. */
  | 'backoffice'
  /** The gateway's scheduler (deferred captures, expiries). */
  | 'scheduler'
  /** A batch file. */
  | 'batch'
  /** The acquirer (e.g. a reversal of an unconfirmed authorisation). */
  | 'acquirer';

/** Payment guarantee (3-D Secure liability shift). */
export type Guarantee = 'yes' | 'no' | 'unknown';

export type CardNetwork = 'visa' | 'mastercard' | 'amex' | 'diners' | 'jcb' | 'discover' | 'maestro' | 'cb';

export type OperationType =
  | 'authorization'
  | 'capture'
  | 'refund'
  /** Cancel of an authorisation at the acquirer. */
  | 'void'
  /** Automatic reversal of an authorisation whose outcome could not be confirmed. */
  | 'reversal'
  | 'validation'
  | 'modification'
  /** Cancel before any authorisation. */
  | 'cancellation'
  | 'expiry'
  | 'abandonment';

/** `pending`: sent to the acquirer, outcome not known yet. */
export type OperationStatus = 'pending' | 'succeeded' | 'failed';

export interface Customer {
  /** The shop's own customer id. */
  id?: string;
  email?: string;
  name?: string;
  phone?: string;
  /** Language of the buyer's pages and emails (fr, en, de, es, it, nl, pt, zh). */
  language?: string;
}

/** One step of a payment's journal (append-only). */
export interface Operation {
  id: string;
  object: 'operation';
  payment_id: string;
  type: OperationType;
  status: OperationStatus;
  /** Minor units; null for bookkeeping steps without an amount (validation, expiry...). */
  amount: number | null;
  currency: string;
  source: Source;
  /** The acquirer's answer code ("00" approved, "05" do not honour...). */
  response_code: string | null;
  message: string | null;
  auth_code: string | null;
  created_at: string;
  /** When the outcome was recorded; null while pending. */
  settled_at: string | null;
}

export interface PaymentCard {
  brand: string;
  /** "cb" for a card co-badged Carte Bancaire. */
  co_brand: string | null;
  /** The network the authorisation went through. */
  network: CardNetwork;
  /** First six digits. */
  bin: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  holder: string | null;
}

export interface Payment {
  id: string;
  object: 'payment';
  mode: Mode;
  status: PaymentStatus;
  /** Minor units. */
  amount: number;
  /** ISO 4217, upper case. */
  currency: string;
  captured_amount: number;
  refunded_amount: number;
  /** The shop's order reference. */
  reference: string;
  typology: Typology;
  /** `manual`: held as `to_validate` until validated. */
  validation: 'automatic' | 'manual';
  channel: Channel;
  guarantee: Guarantee;
  customer: Customer | null;
  /** What the gateway keeps of the card: never the number. */
  card: PaymentCard | null;
  refusal: { code: string; message: string } | null;
  return_url: string | null;
  /** Where this payment's IPNs go instead of the shop's notification URL. */
  notification_url: string | null;
  metadata: Record<string, string>;
  capture_date: string | null;
  authorized_at: string | null;
  authorization_expires_at: string | null;
  duplicated_from: string | null;
  /** Where to send the buyer (hosted page) while the payment waits for them. */
  next_action: { type: 'redirect'; redirect_url: string } | null;
  /** Payment by email (payments.createLink): the link sent to the buyer; null otherwise. */
  payment_link: PaymentLink | null;
  operations: Operation[];
  created_at: string;
  updated_at: string;
}

/** The link of a payment by email. */
export interface PaymentLink {
  /** The hosted page emailed to the buyer; it shows the outcome once used. */
  url: string | null;
  /** Until when the link can be paid (ISO 8601). */
  expires_at: string;
}

/** Card data sent server-side (needs PCI DSS scope). Never stored by the gateway. */
export interface CardInput {
  /** Card number; spaces allowed. */
  number: string;
  exp_month: number;
  exp_year: number;
  cvc?: string;
  holder?: string;
  /** For a card co-badged CB: the network the buyer chose (default cb). */
  network?: CardNetwork;
}

export interface CreatePaymentParams {
  /** Minor units: 5000 = 50.00 EUR. See toMinorUnits(). */
  amount: number;
  currency: string;
  reference: string;
  /** Default: immediate. */
  typology?: Typology;
  /** Default: automatic. */
  validation?: 'automatic' | 'manual';
  /** Default: ecommerce. */
  channel?: Channel;
  customer?: Customer;
  /** With card data the payment is authorised at once; without, it waits for the buyer. */
  card?: CardInput;
  return_url?: string;
  /** Overrides the shop's notification URL for this payment's IPNs. */
  notification_url?: string;
  /** Up to 50 string pairs. */
  metadata?: Record<string, string>;
}

export interface CreatePaymentLinkParams {
  /** Minor units: 5000 = 50.00 EUR. */
  amount: number;
  currency: string;
  reference: string;
  /** `email` receives the link; `language` (one of the eight page languages) sets the email's and the page's. */
  customer: Customer & { email: string };
  /** Until when the link can be paid (ISO 8601): 15 minutes to 30 days ahead, default 7 days. */
  expires_at?: string;
  /** Default: immediate. */
  typology?: Typology;
  validation?: 'automatic' | 'manual';
  return_url?: string;
  notification_url?: string;
  metadata?: Record<string, string>;
}

export interface ListPaymentsParams {
  status?: PaymentStatus;
  reference?: string;
  created_gte?: string;
  created_lt?: string;
  /** 1 to 100, default 20. */
  limit?: number;
  /** The id of the last item of the previous page. */
  starting_after?: string;
}

export interface CaptureParams {
  /** Default: everything not yet captured. */
  amount?: number;
}

export interface RefundParams {
  /** Default: everything captured and not yet refunded. */
  amount?: number;
}

export interface DuplicateParams {
  amount?: number;
  reference?: string;
  metadata?: Record<string, string>;
}

export interface OrderEventParams {
  /** What happened to the order; the payment's typology decides the effect. */
  type: 'shipped' | 'delivered' | 'cancelled';
}

export interface ModifyPaymentParams {
  /** A lower amount. */
  amount?: number;
  /** New capture date of a deferred payment (ISO 8601). */
  capture_date?: string;
}

/** A page of a list. */
export interface List<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  /** Pass as `starting_after` to get the next page. */
  next_cursor: string | null;
}

// ---- events (IPN) ----

/** Event types: `payment.<new status>`, plus updates, validations and failed operations. */
export type EventType =
  | 'payment.created'
  | 'payment.processing'
  | 'payment.requires_action'
  | 'payment.authorized'
  | 'payment.to_validate'
  | 'payment.validated'
  | 'payment.updated'
  | 'payment.partially_captured'
  | 'payment.captured'
  | 'payment.partially_refunded'
  | 'payment.refunded'
  | 'payment.refused'
  | 'payment.cancelled'
  | 'payment.expired'
  | 'payment.abandoned'
  | 'payment.failed'
  /** A capture the acquirer declined; the payment did not change. */
  | 'payment.capture_failed'
  /** A refund the acquirer declined; the payment did not change. */
  | 'payment.refund_failed'
  /** A void the acquirer declined; the payment did not change. */
  | 'payment.void_failed';

/** The body of an IPN: what verifyWebhook() returns. */
export interface WebhookEvent {
  /** `evt_…`; also the `webhook-id` header. The same on every retry and replay: dedupe on it. */
  id: string;
  type: EventType;
  created_at: string;
  source: Source;
  /** The payment as it was right after the change. */
  data: { payment: Payment };
}

/** IPN delivery status: `no_endpoint` when no notification URL was set when it was due. */
export type EventDeliveryStatus = 'pending' | 'delivered' | 'failed' | 'no_endpoint' | 'discarded';

export interface DeliveryAttempt {
  attempt: number;
  /** The URL (without credentials) or the email address. */
  target: string;
  started_at: string;
  duration_ms: number;
  succeeded: boolean;
  http_status: number | null;
  error: string | null;
  /** The first 1024 characters of the answer. */
  response_excerpt: string | null;
}

export type EmailTemplate = 'buyer_confirmation' | 'merchant_confirmation' | 'webhook_failed';
export type Language = 'fr' | 'en' | 'de' | 'es' | 'it' | 'nl' | 'pt' | 'zh';

export interface Email {
  id: string;
  object: 'email';
  template: EmailTemplate;
  recipient: string;
  language: Language;
  status: 'pending' | 'sent' | 'failed' | 'skipped';
  attempts: number;
  sent_at: string | null;
  last_error: string | null;
  delivery_attempts: DeliveryAttempt[];
}

/** An event as the events API shows it: the IPN payload and its delivery state. */
export interface Event {
  id: string;
  object: 'event';
  type: EventType;
  created_at: string;
  source: Source;
  mode: Mode;
  payment_id: string | null;
  data: { payment: Payment };
  delivery: {
    status: EventDeliveryStatus;
    attempts: number;
    next_attempt_at: string | null;
    delivered_at: string | null;
    failed_at: string | null;
    last_error: string | null;
  };
  /** Retrieve only: every IPN attempt. */
  delivery_attempts?: DeliveryAttempt[];
  /** Retrieve only: the emails the event gave rise to. */
  emails?: Email[];
}

export interface ListEventsParams {
  type?: EventType;
  /** A payment id. */
  payment?: string;
  status?: EventDeliveryStatus;
  created_gte?: string;
  created_lt?: string;
  limit?: number;
  starting_after?: string;
}

// ---- journal ----

export interface JournalEntry extends Operation {
  acquirer_transaction_id: string | null;
  payment: {
    id: string;
    reference: string;
    status: PaymentStatus;
    amount: number;
    currency: string;
    channel: Channel;
    guarantee: Guarantee;
    card: { brand: string; network: CardNetwork; bin: string; last4: string } | null;
  };
}

export interface JournalFilter {
  created_gte?: string;
  created_lt?: string;
  type?: OperationType;
  status?: OperationStatus;
  /** A payment id. */
  payment?: string;
  source?: Source;
}

export interface ListOperationsParams extends JournalFilter {
  limit?: number;
  starting_after?: string;
}

// ---- shop settings ----

export interface NotificationSettings {
  object: 'notification_settings';
  mode: Mode;
  url: string | null;
  secret_rotated_at: string;
  previous_secret_expires_at: string | null;
}

export interface WebhookSecret {
  object: 'webhook_secret';
  mode: Mode;
  /** `whsec_…`: pass it to verifyWebhook(). */
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
}

export interface EmailTemplateOverride {
  template: EmailTemplate;
  language: Language;
  subject: string | null;
  html: string | null;
  text: string | null;
  updated_at: string;
}

export interface EmailSettings {
  object: 'email_settings';
  buyer_enabled: boolean;
  merchant_enabled: boolean;
  merchant_address: string | null;
  templates: EmailTemplateOverride[];
}

export interface EmailPreview {
  object: 'email_preview';
  subject: string;
  html: string;
  text: string;
}
