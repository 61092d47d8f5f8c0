import type { TestGateway } from '@caisse/gateway/testing';
import { sql } from 'kysely';
import request from 'supertest';

export const VISA = { number: '4242 4242 4242 4242', exp_month: 12, exp_year: 2030, cvc: '123' };
export const DECLINED = { number: '4000 0000 0000 0002', exp_month: 12, exp_year: 2030, cvc: '123' };

export const TABLES = [
  'payments',
  'operations',
  'outbox',
  'idempotency_keys',
  'pending_operations',
  'order_events',
] as const;

/** Row counts of every table a request could write to: "nothing written" means these did not move. */
export async function rowCounts(gw: TestGateway): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const { rows } = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)}`.execute(
      gw.store.db,
    );
    counts[table] = Number(rows[0]!.n);
  }
  return counts;
}

export function api(gw: TestGateway) {
  return request(gw.app);
}

export interface PaymentBody {
  id: string;
  status: string;
  amount: number;
  captured_amount: number;
  refunded_amount: number;
  operations: { id: string; type: string; status: string; amount: number | null; source: string }[];
  [key: string]: unknown;
}

/** Creates a payment through the API and returns its body. */
export async function createPayment(gw: TestGateway, body: Record<string, unknown>): Promise<PaymentBody> {
  const res = await api(gw)
    .post('/v1/payments')
    .set(gw.auth)
    .send({ amount: 5000, currency: 'EUR', reference: 'ORDER-1', card: VISA, ...body });
  if (res.status >= 300) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as PaymentBody;
}

export async function outboxTypes(gw: TestGateway, paymentId: string): Promise<string[]> {
  const rows = await gw.store.db
    .selectFrom('outbox')
    .select('type')
    .where('payment_id', '=', paymentId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.type);
}
