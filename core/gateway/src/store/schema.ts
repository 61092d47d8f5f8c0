import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/**
 * Row types: how the tables look to Kysely. They never leave store/ — repositories map them to
 * domain types. pg returns int8 as a string: money columns are typed `string` on select and parsed
 * explicitly (see `toAmount`).
 */
type Int8 = ColumnType<string, number | string, number | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
type Json<T extends object | null> = JSONColumnType<T, string, string>;

export interface ShopsTable {
  id: string;
  name: string;
  default_language: ColumnType<string, string | undefined, string>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  vads_site_id: ColumnType<string | null, string | null | undefined, string | null>;
  vads_test_key: ColumnType<string | null, string | null | undefined, string | null>;
  vads_production_key: ColumnType<string | null, string | null | undefined, string | null>;
  vads_sha1_allowed: ColumnType<boolean, boolean | undefined, boolean>;
  payment_methods: ColumnType<string[], string | undefined, string>;
  support: ColumnType<object | null, string | null | undefined, string | null>;
  logo_asset: ColumnType<string | null, string | null | undefined, string | null>;
  stylesheet_asset: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ShopAssetsTable {
  shop_id: string;
  name: string;
  content_type: string;
  body: Buffer;
  created_at: Timestamp;
}

export interface HeldCardsTable {
  payment_id: string;
  purpose: string;
  sealed: string;
  expires_at: Timestamp;
  created_at: Timestamp;
}

export interface ApiKeysTable {
  id: string;
  shop_id: string;
  mode: string;
  secret_hash: Buffer;
  prefix: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  revoked_at: NullableTimestamp;
}

export interface PaymentsTable {
  seq: Generated<Int8>;
  id: string;
  shop_id: string;
  mode: string;
  status: string;
  amount: Int8;
  currency: string;
  captured_amount: Int8;
  refunded_amount: Int8;
  reference: string;
  typology: Json<object>;
  validation: string;
  channel: string;
  customer: Json<object> | null;
  card: Json<object> | null;
  return_url: string | null;
  notification_url: ColumnType<string | null, string | null | undefined, string | null>;
  metadata: Json<Record<string, string>>;
  capture_date: NullableTimestamp;
  authorized_at: NullableTimestamp;
  authorization_expires_at: NullableTimestamp;
  duplicated_from: string | null;
  refusal: Json<object> | null;
  page_token: ColumnType<string | null, string | null | undefined, string | null>;
  page_expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  language: ColumnType<string | null, string | null | undefined, string | null>;
  link_expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  payment_method: ColumnType<object | null, string | null | undefined, string | null>;
  three_ds: ColumnType<object | null, string | null | undefined, string | null>;
  pending_action: ColumnType<object | null, string | null | undefined, string | null>;
  vads: ColumnType<object | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OperationsTable {
  seq: Generated<Int8>;
  id: string;
  payment_id: string;
  shop_id: string;
  mode: string;
  type: string;
  status: string;
  amount: ColumnType<string | null, number | null, never>;
  currency: string;
  source: string;
  response_code: string | null;
  message: string | null;
  auth_code: string | null;
  acquirer_transaction_id: string | null;
  details: Json<Record<string, unknown>> | null;
  created_at: Timestamp;
  settled_at: NullableTimestamp;
}

export interface PendingOperationsTable {
  operation_id: string;
  payment_id: string;
  next_attempt_at: Timestamp;
  attempts: ColumnType<number, number | undefined, number>;
  deadline_at: Timestamp;
}

export interface OutboxTable {
  seq: Generated<Int8>;
  id: string;
  shop_id: string;
  mode: string;
  payment_id: string | null;
  type: string;
  source: string;
  payload: Json<object>;
  created_at: Timestamp;
  status: ColumnType<string, string | undefined, string>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  delivered_at: NullableTimestamp;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  failed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  emails_queued_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface OrderEventsTable {
  seq: Generated<Int8>;
  id: string;
  payment_id: string;
  type: string;
  source: string;
  effect: string;
  created_at: Timestamp;
}

export interface IdempotencyKeysTable {
  shop_id: string;
  mode: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  status: string;
  payment_id: string | null;
  response_status: number | null;
  response_body: string | null;
  locked_until: NullableTimestamp;
  /** Fencing token of the request holding the key: new at each claim and take-over (migration 0005). */
  holder: string;
  created_at: Timestamp;
  finished_at: NullableTimestamp;
}

// ---- notifications (issue 4) ----

export interface ShopNotificationSettingsTable {
  shop_id: string;
  mode: string;
  notification_url: string | null;
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_secret_expires_at: NullableTimestamp;
  secret_rotated_at: Timestamp;
  updated_at: Timestamp;
}

export interface ShopEmailSettingsTable {
  shop_id: string;
  buyer_enabled: ColumnType<boolean, boolean | undefined, boolean>;
  merchant_enabled: ColumnType<boolean, boolean | undefined, boolean>;
  merchant_address: string | null;
  updated_at: Timestamp;
}

export interface EmailTemplatesTable {
  shop_id: string;
  template: string;
  language: string;
  subject: string | null;
  html: string | null;
  text: string | null;
  updated_at: Timestamp;
}

export interface EmailOutboxTable {
  seq: Generated<Int8>;
  id: string;
  shop_id: string;
  mode: string;
  event_id: string;
  payment_id: string | null;
  template: string;
  recipient: string;
  language: string;
  status: ColumnType<string, string | undefined, string>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  sent_at: NullableTimestamp;
  last_error: string | null;
  created_at: Timestamp;
}

export interface DeliveryAttemptsTable {
  seq: Generated<Int8>;
  event_id: string | null;
  email_id: string | null;
  attempt: number;
  target: string;
  started_at: Timestamp;
  duration_ms: number;
  succeeded: boolean;
  http_status: number | null;
  error: string | null;
  response_excerpt: string | null;
}

export interface Database {
  shops: ShopsTable;
  api_keys: ApiKeysTable;
  payments: PaymentsTable;
  operations: OperationsTable;
  pending_operations: PendingOperationsTable;
  outbox: OutboxTable;
  order_events: OrderEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  held_cards: HeldCardsTable;
  shop_assets: ShopAssetsTable;
  shop_notification_settings: ShopNotificationSettingsTable;
  shop_email_settings: ShopEmailSettingsTable;
  email_templates: EmailTemplatesTable;
  email_outbox: EmailOutboxTable;
  delivery_attempts: DeliveryAttemptsTable;
}

/** Parses an int8 column (string from pg) to a JS number, refusing anything not exactly representable. */
export function toAmount(value: string | number | bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value ${String(value)} is not a safe integer`);
  return n;
}
