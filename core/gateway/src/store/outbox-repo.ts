import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface OutboxEvent {
  id: string;
  shopId: string;
  mode: string;
  paymentId: string | null;
  type: string;
  source: string;
  payload: unknown;
  createdAt: Date;
}

/** Stores an event for the relay; always in the transaction of the change it describes. */
export async function insertOutboxEvent(db: Db, e: OutboxEvent): Promise<void> {
  await db
    .insertInto('outbox')
    .values({
      id: e.id,
      shop_id: e.shopId,
      mode: e.mode,
      payment_id: e.paymentId,
      type: e.type,
      source: e.source,
      payload: JSON.stringify(e.payload),
      created_at: e.createdAt,
      next_attempt_at: e.createdAt,
    })
    .execute();
}

export async function listOutboxEvents(db: Db, paymentId: string): Promise<OutboxEvent[]> {
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .where('payment_id', '=', paymentId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    shopId: r.shop_id,
    mode: r.mode,
    paymentId: r.payment_id,
    type: r.type,
    source: r.source,
    payload: r.payload,
    createdAt: r.created_at,
  }));
}
