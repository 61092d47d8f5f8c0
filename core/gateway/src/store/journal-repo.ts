import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Source } from '../domain/channel.js';
import type { Operation, OperationStatus, OperationType } from '../domain/operation.js';
import type { Payment } from '../domain/payment.js';
import { findPaymentsByIds } from './payments-repo.js';
import { type Database, type OperationsTable, toAmount } from './schema.js';
import type { ShopScope } from './scope.js';

type Db = Kysely<Database> | Transaction<Database>;

/** One line of the journal (REP1): an operation and the payment it belongs to. */
export interface JournalLine {
  seq: string;
  operation: Operation;
  payment: Payment;
}

export interface JournalFilter {
  createdGte?: Date | undefined;
  createdLt?: Date | undefined;
  type?: OperationType | undefined;
  status?: OperationStatus | undefined;
  paymentId?: string | undefined;
  source?: Source | undefined;
}

function toOperation(row: Selectable<OperationsTable>): Operation {
  return {
    id: row.id,
    paymentId: row.payment_id,
    type: row.type as OperationType,
    status: row.status as OperationStatus,
    amount: row.amount === null ? null : toAmount(row.amount),
    currency: row.currency,
    source: row.source as Source,
    responseCode: row.response_code,
    message: row.message,
    authCode: row.auth_code,
    acquirerTransactionId: row.acquirer_transaction_id,
    details: row.details ?? null,
    createdAt: row.created_at,
    settledAt: row.settled_at,
  };
}

function filtered(db: Db, scope: ShopScope, f: JournalFilter) {
  let query = db
    .selectFrom('operations')
    .selectAll()
    .where('shop_id', '=', scope.shopId)
    .where('mode', '=', scope.mode);
  if (f.createdGte) query = query.where('created_at', '>=', f.createdGte);
  if (f.createdLt) query = query.where('created_at', '<', f.createdLt);
  if (f.type) query = query.where('type', '=', f.type);
  if (f.status) query = query.where('status', '=', f.status);
  if (f.paymentId) query = query.where('payment_id', '=', f.paymentId);
  if (f.source) query = query.where('source', '=', f.source);
  return query;
}

async function withPayments(db: Db, rows: Selectable<OperationsTable>[]): Promise<JournalLine[]> {
  const payments = await findPaymentsByIds(
    db,
    rows.map((r) => r.payment_id),
  );
  return rows.map((row) => {
    const payment = payments.get(row.payment_id);
    if (!payment) throw new Error(`operation ${row.id} points at a missing payment ${row.payment_id}`);
    return { seq: String(row.seq), operation: toOperation(row), payment };
  });
}

export interface JournalPage {
  lines: JournalLine[];
  hasMore: boolean;
  cursorFound: boolean;
}

/** Newest first, cursor-paginated on the journal's insertion sequence. */
export async function listJournal(
  db: Db,
  scope: ShopScope,
  f: JournalFilter & { limit: number; startingAfter?: string | undefined },
): Promise<JournalPage> {
  let query = filtered(db, scope, f);
  if (f.startingAfter !== undefined) {
    const cursor = await db
      .selectFrom('operations')
      .select('seq')
      .where('id', '=', f.startingAfter)
      .where('shop_id', '=', scope.shopId)
      .where('mode', '=', scope.mode)
      .executeTakeFirst();
    if (!cursor) return { lines: [], hasMore: false, cursorFound: false };
    query = query.where('seq', '<', cursor.seq);
  }
  const rows = await query
    .orderBy('seq', 'desc')
    .limit(f.limit + 1)
    .execute();
  return {
    lines: await withPayments(db, rows.slice(0, f.limit)),
    hasMore: rows.length > f.limit,
    cursorFound: true,
  };
}

/** The journal's last sequence number in the scope now: an export stops there ("0" when empty). */
export async function lastJournalSeq(db: Db, scope: ShopScope): Promise<string> {
  const row = await db
    .selectFrom('operations')
    .select((eb) => eb.fn.max('seq').as('max'))
    .where('shop_id', '=', scope.shopId)
    .where('mode', '=', scope.mode)
    .executeTakeFirst();
  return row?.max == null ? '0' : String(row.max);
}

/**
 * The next `limit` lines after `afterSeq`, oldest first, up to `upToSeq`: one keyset batch of an
 * export. Each batch is its own short query, so an export of any size holds no transaction and no
 * connection between batches (PGlite has only one).
 */
export async function journalBatch(
  db: Db,
  scope: ShopScope,
  f: JournalFilter,
  page: { afterSeq: string; upToSeq: string; limit: number },
): Promise<JournalLine[]> {
  const rows = await filtered(db, scope, f)
    // seq is int8, which pg hands over as a string; compare as int8 on the server side.
    .where(sql.ref('seq'), '>', sql`${page.afterSeq}::int8`)
    .where(sql.ref('seq'), '<=', sql`${page.upToSeq}::int8`)
    .orderBy('seq', 'asc')
    .limit(page.limit)
    .execute();
  return withPayments(db, rows);
}
