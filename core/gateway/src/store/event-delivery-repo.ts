import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Mode, Source } from '../domain/channel.js';
import type { EventDeliveryStatus, EventPayload, StoredEvent } from '../domain/notification.js';
import type { Database, OutboxTable } from './schema.js';
import type { ShopScope } from './scope.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The outbox seen by the relay and the events API: each row is an event and the state of its IPN
 * delivery. `next_attempt_at` doubles as the lease of the worker that claimed it.
 */
function toStoredEvent(row: Selectable<OutboxTable>): StoredEvent {
  return {
    id: row.id,
    shopId: row.shop_id,
    mode: row.mode as Mode,
    paymentId: row.payment_id,
    type: row.type,
    source: row.source as Source,
    // Our own JSON, written by engine/record.ts storeEvent in this shape.
    payload: row.payload as unknown as EventPayload,
    createdAt: row.created_at,
    status: row.status as EventDeliveryStatus,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    deliveredAt: row.delivered_at,
    failedAt: row.failed_at,
    lastError: row.last_error,
    emailsQueuedAt: row.emails_queued_at,
  };
}

/** An event claimed for one send: `attempt` is the number of this attempt and the lease token. */
export interface ClaimedEvent extends StoredEvent {
  attempt: number;
}

/**
 * Locks the due pending events (SKIP LOCKED: rows another worker holds are passed over) and pushes
 * their next attempt to `leaseUntil`, so no other worker picks them up while this one sends.
 * Runs in the caller's short transaction; nothing is sent inside it.
 */
export async function leaseDueEvents(
  trx: Transaction<Database>,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<ClaimedEvent[]> {
  const rows = await trx
    .selectFrom('outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .orderBy('seq')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  if (rows.length === 0) return [];
  await trx
    .updateTable('outbox')
    .set((eb) => ({ next_attempt_at: leaseUntil, attempts: eb('attempts', '+', 1) }))
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((row) => ({ ...toStoredEvent(row), attempt: row.attempts + 1 }));
}

export async function markEmailsQueued(trx: Transaction<Database>, ids: string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await trx.updateTable('outbox').set({ emails_queued_at: now }).where('id', 'in', ids).execute();
}

export async function markEventDelivered(db: Db, id: string, now: Date): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'delivered', delivered_at: now, last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/**
 * Records a failed attempt: schedules the next one, or fails the event for good. Guarded by the
 * lease token (`attempt`): when this worker's lease ran out and another worker claimed the event
 * since, that worker owns the schedule now. Returns whether this call changed the event.
 */
export async function markEventAttemptFailed(
  db: Db,
  id: string,
  attempt: number,
  outcome: { error: string; nextAttemptAt: Date } | { error: string; failedAt: Date },
): Promise<boolean> {
  const set =
    'failedAt' in outcome
      ? { status: 'failed', failed_at: outcome.failedAt, last_error: outcome.error }
      : { next_attempt_at: outcome.nextAttemptAt, last_error: outcome.error };
  const result = await db
    .updateTable('outbox')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('attempts', '=', attempt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Nobody to send to: the event is parked (not retried) until replayed. The claim did not count as an attempt. */
export async function markEventNoEndpoint(
  db: Db,
  id: string,
  attempt: number,
  reason: string,
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'no_endpoint', attempts: attempt - 1, last_error: reason })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('attempts', '=', attempt)
    .execute();
}

/**
 * The IPN's format has nothing to send for this event (a step the signed-form protocol does not
 * notify): `discarded`, not retried, the reason kept in last_error. The claim did not count as an
 * attempt.
 */
export async function markEventDiscarded(db: Db, id: string, attempt: number, reason: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'discarded', attempts: attempt - 1, last_error: reason })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('attempts', '=', attempt)
    .execute();
}

/** Makes an event due now with a fresh retry schedule, whatever its state (replay). */
export async function replayStoredEvent(
  db: Db,
  scope: ShopScope,
  id: string,
  now: Date,
): Promise<StoredEvent | undefined> {
  const row = await db
    .updateTable('outbox')
    .set({
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      delivered_at: null,
      failed_at: null,
      last_error: null,
    })
    .where('id', '=', id)
    .where('shop_id', '=', scope.shopId)
    .where('mode', '=', scope.mode)
    .returningAll()
    .executeTakeFirst();
  return row ? toStoredEvent(row) : undefined;
}

export async function findStoredEvent(
  db: Db,
  scope: ShopScope,
  id: string,
): Promise<StoredEvent | undefined> {
  const row = await db
    .selectFrom('outbox')
    .selectAll()
    .where('id', '=', id)
    .where('shop_id', '=', scope.shopId)
    .where('mode', '=', scope.mode)
    .executeTakeFirst();
  return row ? toStoredEvent(row) : undefined;
}

export async function findStoredEventById(db: Db, id: string): Promise<StoredEvent | undefined> {
  const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toStoredEvent(row) : undefined;
}

export interface EventFilter {
  type?: string | undefined;
  paymentId?: string | undefined;
  status?: EventDeliveryStatus | undefined;
  createdGte?: Date | undefined;
  createdLt?: Date | undefined;
  limit: number;
  startingAfter?: string | undefined;
}

export interface EventPage {
  events: StoredEvent[];
  hasMore: boolean;
  cursorFound: boolean;
}

/** Newest first, cursor-paginated on the insertion sequence. */
export async function listStoredEvents(db: Db, scope: ShopScope, f: EventFilter): Promise<EventPage> {
  let query = db
    .selectFrom('outbox')
    .selectAll()
    .where('shop_id', '=', scope.shopId)
    .where('mode', '=', scope.mode);
  if (f.startingAfter !== undefined) {
    const cursor = await db
      .selectFrom('outbox')
      .select('seq')
      .where('id', '=', f.startingAfter)
      .where('shop_id', '=', scope.shopId)
      .where('mode', '=', scope.mode)
      .executeTakeFirst();
    if (!cursor) return { events: [], hasMore: false, cursorFound: false };
    query = query.where('seq', '<', cursor.seq);
  }
  if (f.type) query = query.where('type', '=', f.type);
  if (f.paymentId) query = query.where('payment_id', '=', f.paymentId);
  if (f.status) query = query.where('status', '=', f.status);
  if (f.createdGte) query = query.where('created_at', '>=', f.createdGte);
  if (f.createdLt) query = query.where('created_at', '<', f.createdLt);
  const rows = await query
    .orderBy('seq', 'desc')
    .limit(f.limit + 1)
    .execute();
  return {
    events: rows.slice(0, f.limit).map(toStoredEvent),
    hasMore: rows.length > f.limit,
    cursorFound: true,
  };
}

/** The notification URL of a payment, if the shop gave one on creation. */
export async function findPaymentNotificationUrl(db: Db, paymentId: string): Promise<string | null> {
  const row = await db
    .selectFrom('payments')
    .select('notification_url')
    .where('id', '=', paymentId)
    .executeTakeFirst();
  return row?.notification_url ?? null;
}
