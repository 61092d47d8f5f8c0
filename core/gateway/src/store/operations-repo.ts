import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Source } from '../domain/channel.js';
import type { Operation, OperationStatus, OperationType } from '../domain/operation.js';
import { type Database, type OperationsTable, toAmount } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

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

export interface OperationScope {
  shopId: string;
  mode: string;
}

/**
 * Appends a journal row. A pending row also gets its recovery entry (inquiry schedule), in the
 * same statement: one round trip on the hot path of every payment.
 */
export async function insertOperation(
  db: Db,
  scope: OperationScope,
  op: Operation,
  recovery?: { nextAttemptAt: Date; deadlineAt: Date },
): Promise<void> {
  const values = {
    id: op.id,
    payment_id: op.paymentId,
    shop_id: scope.shopId,
    mode: scope.mode,
    type: op.type,
    status: op.status,
    amount: op.amount,
    currency: op.currency,
    source: op.source,
    response_code: op.responseCode,
    message: op.message,
    auth_code: op.authCode,
    acquirer_transaction_id: op.acquirerTransactionId,
    details: op.details ? JSON.stringify(op.details) : null,
    created_at: op.createdAt,
    settled_at: op.settledAt,
  };
  if (op.status !== 'pending') {
    await db.insertInto('operations').values(values).execute();
    return;
  }
  if (!recovery) throw new Error(`pending operation ${op.id} needs a recovery schedule`);
  await db
    .with('operation', (qb) => qb.insertInto('operations').values(values))
    .insertInto('pending_operations')
    .values({
      operation_id: op.id,
      payment_id: op.paymentId,
      next_attempt_at: recovery.nextAttemptAt,
      deadline_at: recovery.deadlineAt,
    })
    .execute();
}

export interface OperationOutcome {
  status: 'succeeded' | 'failed';
  responseCode: string | null;
  message: string | null;
  authCode?: string | null | undefined;
  acquirerTransactionId?: string | null | undefined;
  settledAt: Date;
}

/** Records the outcome of a pending operation (the one change the journal allows) and drops its recovery entry. */
export async function settleOperation(db: Db, id: string, outcome: OperationOutcome): Promise<Operation> {
  const row = await db
    .with('recovery', (qb) => qb.deleteFrom('pending_operations').where('operation_id', '=', id))
    .updateTable('operations')
    .set({
      status: outcome.status,
      response_code: outcome.responseCode,
      message: outcome.message,
      auth_code: outcome.authCode ?? null,
      acquirer_transaction_id: outcome.acquirerTransactionId ?? null,
      settled_at: outcome.settledAt,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirstOrThrow(() => new Error(`operation ${id} is not pending`));
  return toOperation(row);
}

export async function findOperation(db: Db, id: string): Promise<Operation | undefined> {
  const row = await db.selectFrom('operations').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toOperation(row) : undefined;
}

export async function listPaymentOperations(db: Db, paymentId: string): Promise<Operation[]> {
  const rows = await db
    .selectFrom('operations')
    .selectAll()
    .where('payment_id', '=', paymentId)
    .orderBy('seq')
    .execute();
  return rows.map(toOperation);
}

/** Operations of many payments at once, grouped by payment id (for list pages). */
export async function listOperationsOf(db: Db, paymentIds: string[]): Promise<Map<string, Operation[]>> {
  const byPayment = new Map<string, Operation[]>(paymentIds.map((id) => [id, []]));
  if (paymentIds.length === 0) return byPayment;
  const rows = await db
    .selectFrom('operations')
    .selectAll()
    .where('payment_id', 'in', paymentIds)
    .orderBy('seq')
    .execute();
  for (const row of rows) byPayment.get(row.payment_id)?.push(toOperation(row));
  return byPayment;
}

export async function findPendingOperation(db: Db, paymentId: string): Promise<Operation | undefined> {
  const row = await db
    .selectFrom('operations')
    .selectAll()
    .where('payment_id', '=', paymentId)
    .where('status', '=', 'pending')
    .orderBy('seq')
    .executeTakeFirst();
  return row ? toOperation(row) : undefined;
}

export interface DuePendingOperation {
  operationId: string;
  paymentId: string;
  attempts: number;
  deadlineAt: Date;
}

/**
 * Claims pending operations due for an inquiry: pushes their next attempt forward inside a short
 * transaction with SKIP LOCKED, so several workers never inquire the same operation at once and no
 * transaction is held during the acquirer call.
 */
export async function claimDuePendingOperations(
  db: Kysely<Database>,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<DuePendingOperation[]> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('pending_operations')
      .selectAll()
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length === 0) return [];
    await trx
      .updateTable('pending_operations')
      .set((eb) => ({ next_attempt_at: leaseUntil, attempts: eb('attempts', '+', 1) }))
      .where(
        'operation_id',
        'in',
        rows.map((r) => r.operation_id),
      )
      .execute();
    return rows.map((r) => ({
      operationId: r.operation_id,
      paymentId: r.payment_id,
      attempts: r.attempts + 1,
      deadlineAt: r.deadline_at,
    }));
  });
}

/** The settlement deadline of a pending operation, or undefined once it is settled. */
export async function findPendingDeadline(db: Db, operationId: string): Promise<Date | undefined> {
  const row = await db
    .selectFrom('pending_operations')
    .select('deadline_at')
    .where('operation_id', '=', operationId)
    .executeTakeFirst();
  return row?.deadline_at;
}

/** Schedules the next inquiry of a still-unknown operation. */
export async function rescheduleInquiry(db: Db, operationId: string, nextAttemptAt: Date): Promise<void> {
  await db
    .updateTable('pending_operations')
    .set({ next_attempt_at: nextAttemptAt })
    .where('operation_id', '=', operationId)
    .execute();
}
