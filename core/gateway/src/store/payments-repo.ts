import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Channel, Mode } from '../domain/channel.js';
import type { Customer, Payment, PaymentCard, Refusal } from '../domain/payment.js';
import type { PaymentMethod, PendingAction } from '../domain/payment-method.js';
import type { PaymentStatus } from '../domain/payment-status.js';
import type { ThreeDSResult } from '../domain/three-ds.js';
import type { Typology, ValidationMode } from '../domain/typology.js';
import type { VadsContext } from '../domain/vads/context.js';
import { type Database, type PaymentsTable, toAmount } from './schema.js';
import type { ShopScope } from './scope.js';

type Db = Kysely<Database> | Transaction<Database>;
type PaymentRow = Selectable<PaymentsTable>;

function toPayment(row: PaymentRow): Payment {
  return {
    id: row.id,
    shopId: row.shop_id,
    mode: row.mode as Mode,
    status: row.status as PaymentStatus,
    amount: toAmount(row.amount),
    currency: row.currency,
    capturedAmount: toAmount(row.captured_amount),
    refundedAmount: toAmount(row.refunded_amount),
    reference: row.reference,
    typology: row.typology as Typology,
    validation: row.validation as ValidationMode,
    channel: row.channel as Channel,
    customer: (row.customer as Customer | null) ?? null,
    card: (row.card as PaymentCard | null) ?? null,
    returnUrl: row.return_url,
    notificationUrl: row.notification_url,
    metadata: row.metadata ?? {},
    captureDate: row.capture_date,
    authorizedAt: row.authorized_at,
    authorizationExpiresAt: row.authorization_expires_at,
    duplicatedFrom: row.duplicated_from,
    refusal: (row.refusal as Refusal | null) ?? null,
    paymentMethod: (row.payment_method as PaymentMethod | null) ?? null,
    threeDS: (row.three_ds as ThreeDSResult | null) ?? null,
    pageToken: row.page_token,
    pageExpiresAt: row.page_expires_at,
    linkExpiresAt: row.link_expires_at,
    language: row.language,
    pendingAction: (row.pending_action as PendingAction | null) ?? null,
    vads: (row.vads as VadsContext | null) ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const json = (value: unknown): string | null =>
  value === null || value === undefined ? null : JSON.stringify(value);

function mutableColumns(p: Payment) {
  return {
    status: p.status,
    amount: p.amount,
    captured_amount: p.capturedAmount,
    refunded_amount: p.refundedAmount,
    card: json(p.card),
    capture_date: p.captureDate,
    authorized_at: p.authorizedAt,
    authorization_expires_at: p.authorizationExpiresAt,
    refusal: json(p.refusal),
    channel: p.channel,
    payment_method: json(p.paymentMethod),
    three_ds: json(p.threeDS),
    pending_action: json(p.pendingAction),
    page_expires_at: p.pageExpiresAt,
    updated_at: p.updatedAt,
  };
}

export async function insertPayment(db: Db, p: Payment): Promise<void> {
  await db
    .insertInto('payments')
    .values({
      id: p.id,
      shop_id: p.shopId,
      mode: p.mode,
      reference: p.reference,
      currency: p.currency,
      typology: JSON.stringify(p.typology),
      validation: p.validation,
      customer: json(p.customer),
      return_url: p.returnUrl,
      notification_url: p.notificationUrl ?? null,
      metadata: JSON.stringify(p.metadata),
      duplicated_from: p.duplicatedFrom,
      page_token: p.pageToken,
      link_expires_at: p.linkExpiresAt ?? null,
      language: p.language,
      vads: json(p.vads),
      created_at: p.createdAt,
      ...mutableColumns(p),
    })
    .execute();
}

/**
 * Writes the fields a named update may change. Identity, buyer and typology never change; the
 * channel only from ecommerce to mcommerce, when the hosted page sees a phone (CH3); the page's
 * expiry only earlier, when a step started on a payment link must end within a page's lifetime.
 */
export async function updatePayment(db: Db, p: Payment): Promise<void> {
  await db.updateTable('payments').set(mutableColumns(p)).where('id', '=', p.id).execute();
}

/**
 * Loads one payment of the scope. With `forUpdate`, takes the row lock that serialises every
 * operation on the payment: concurrent captures queue here and the second sees the first's result.
 */
export async function findPayment(
  db: Db,
  scope: ShopScope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<Payment | undefined> {
  let query = db
    .selectFrom('payments')
    .selectAll()
    .where('id', '=', id)
    .where('shop_id', '=', scope.shopId)
    .where('mode', '=', scope.mode);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toPayment(row) : undefined;
}

/** Loads by id alone, for jobs that already hold the scope in the row. */
export async function findPaymentById(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<Payment | undefined> {
  let query = db.selectFrom('payments').selectAll().where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toPayment(row) : undefined;
}

/**
 * The signed-form context of a payment (fixed when it entered through POST /vads-payment/), or
 * null: what the relay reads to pick the IPN's format.
 */
export async function findPaymentVadsContext(db: Db, id: string): Promise<VadsContext | null> {
  const row = await db.selectFrom('payments').select('vads').where('id', '=', id).executeTakeFirst();
  return (row?.vads as VadsContext | null | undefined) ?? null;
}

/**
 * Locks the payment an operation belongs to (its row lock), found through the operation in the
 * same statement: settling an acquirer answer starts here.
 */
export async function lockPaymentOfOperation(db: Db, operationId: string): Promise<Payment | undefined> {
  const row = await db
    .selectFrom('payments')
    .selectAll()
    .where('id', '=', (eb) =>
      eb.selectFrom('operations').select('operations.payment_id').where('operations.id', '=', operationId),
    )
    .forUpdate()
    .executeTakeFirst();
  return row ? toPayment(row) : undefined;
}

export interface PaymentFilter {
  status?: PaymentStatus | undefined;
  reference?: string | undefined;
  createdGte?: Date | undefined;
  createdLt?: Date | undefined;
  limit: number;
  /** The id of the last payment of the previous page. */
  startingAfter?: string | undefined;
}

export interface PaymentPage {
  payments: Payment[];
  hasMore: boolean;
  /** Undefined when `startingAfter` named no payment of this scope. */
  cursorFound: boolean;
}

/** Newest first, cursor-paginated on the insertion sequence (stable under equal timestamps). */
export async function listPayments(db: Db, scope: ShopScope, f: PaymentFilter): Promise<PaymentPage> {
  let query = db
    .selectFrom('payments')
    .selectAll()
    .where('shop_id', '=', scope.shopId)
    .where('mode', '=', scope.mode);
  if (f.startingAfter !== undefined) {
    const cursor = await db
      .selectFrom('payments')
      .select('seq')
      .where('id', '=', f.startingAfter)
      .where('shop_id', '=', scope.shopId)
      .where('mode', '=', scope.mode)
      .executeTakeFirst();
    if (!cursor) return { payments: [], hasMore: false, cursorFound: false };
    query = query.where('seq', '<', cursor.seq);
  }
  if (f.status) query = query.where('status', '=', f.status);
  if (f.reference) query = query.where('reference', '=', f.reference);
  if (f.createdGte) query = query.where('created_at', '>=', f.createdGte);
  if (f.createdLt) query = query.where('created_at', '<', f.createdLt);
  const rows = await query
    .orderBy('seq', 'desc')
    .limit(f.limit + 1)
    .execute();
  return {
    payments: rows.slice(0, f.limit).map(toPayment),
    hasMore: rows.length > f.limit,
    cursorFound: true,
  };
}

/**
 * Ids of authorised deferred payments whose capture date has come. A payment whose capture the
 * acquirer declined in the last hour is left out, so a refusal is retried hourly (until the
 * authorisation expires) rather than on every tick.
 */
export async function findDueCaptures(db: Db, now: Date, limit: number): Promise<string[]> {
  const retryAfter = new Date(now.getTime() - 3600_000);
  const rows = await db
    .selectFrom('payments')
    .select('id')
    .where('status', '=', 'authorized')
    .where('capture_date', 'is not', null)
    .where('capture_date', '<=', now)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('operations')
            .select('operations.id')
            .whereRef('operations.payment_id', '=', 'payments.id')
            .where('operations.type', '=', 'capture')
            .where('operations.status', '=', 'failed')
            .where('operations.created_at', '>', retryAfter),
        ),
      ),
    )
    .orderBy('capture_date')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Ids of uncaptured payments whose authorisation has run out. */
export async function findExpiredAuthorizations(db: Db, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('payments')
    .select('id')
    .where('status', 'in', ['authorized', 'to_validate'])
    .where('authorization_expires_at', '<=', now)
    .orderBy('authorization_expires_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Loads the payment of a hosted page by its token (the token is the buyer's only credential). */
export async function findPaymentByPageToken(
  db: Db,
  token: string,
  options: { forUpdate?: boolean } = {},
): Promise<Payment | undefined> {
  let query = db.selectFrom('payments').selectAll().where('page_token', '=', token);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toPayment(row) : undefined;
}

/**
 * Ids of payments still waiting for the buyer after their page expired, with no acquirer operation
 * pending (a redirect means still open at the acquirer is settled by the recovery job instead).
 */
export async function findExpiredPages(db: Db, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('payments')
    .select('id')
    .where('status', 'in', ['requires_payment_method', 'requires_action'])
    .where('page_expires_at', '<=', now)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('pending_operations')
            .select('pending_operations.operation_id')
            .whereRef('pending_operations.payment_id', '=', 'payments.id'),
        ),
      ),
    )
    .orderBy('page_expires_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Payments by id (any scope), for pages of rows that point at payments (the journal). */
export async function findPaymentsByIds(db: Db, ids: readonly string[]): Promise<Map<string, Payment>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('payments').selectAll().where('id', 'in', unique).execute();
  return new Map(rows.map((row) => [row.id, toPayment(row)]));
}
