import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface OrderEventRecord {
  id: string;
  paymentId: string;
  type: string;
  source: string;
  effect: string;
  createdAt: Date;
}

export async function insertOrderEvent(db: Db, e: OrderEventRecord): Promise<void> {
  await db
    .insertInto('order_events')
    .values({
      id: e.id,
      payment_id: e.paymentId,
      type: e.type,
      source: e.source,
      effect: e.effect,
      created_at: e.createdAt,
    })
    .execute();
}

export async function listOrderEvents(db: Db, paymentId: string): Promise<OrderEventRecord[]> {
  const rows = await db
    .selectFrom('order_events')
    .selectAll()
    .where('payment_id', '=', paymentId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    paymentId: r.payment_id,
    type: r.type,
    source: r.source,
    effect: r.effect,
    createdAt: r.created_at,
  }));
}
