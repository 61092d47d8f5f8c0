import type { Store } from '@caisse/gateway';
import type { LedgerView } from '@caisse/mock-acquirer';
import { sql } from 'kysely';

export interface DbPayment {
  id: string;
  reference: string;
  status: string;
  amount: number;
  captured_amount: number;
  refunded_amount: number;
}

export interface DbOperation {
  id: string;
  payment_id: string;
  type: string;
  status: string;
  amount: number | null;
  response_code: string | null;
  details: Record<string, unknown> | null;
  created_at: Date;
  settled_at: Date | null;
}

export interface DbEvent {
  seq: number;
  id: string;
  payment_id: string | null;
  type: string;
  status: string;
  payload: {
    id: string;
    type: string;
    data: {
      payment: {
        id: string;
        status: string;
        captured_amount: number;
        refunded_amount: number;
        operations: { id: string; status: string }[];
      };
    };
  };
}

/** The gateway's side: its journal (payments + operations), its outbox and its recovery queue, for one shop. */
export interface Journal {
  payments: DbPayment[];
  operations: DbOperation[];
  events: DbEvent[];
  pendingRecoveries: number;
}

export async function readJournal(db: Store['db'], shopId: string): Promise<Journal> {
  const payments = await sql<DbPayment>`
    select id, reference, status, amount::int as amount, captured_amount::int as captured_amount,
           refunded_amount::int as refunded_amount
    from payments where shop_id = ${shopId} order by seq`.execute(db);
  const operations = await sql<DbOperation>`
    select id, payment_id, type, status, amount::int as amount, response_code, details, created_at, settled_at
    from operations where shop_id = ${shopId} order by seq`.execute(db);
  const events = await sql<DbEvent>`
    select seq::int as seq, id, payment_id, type, status, payload from outbox where shop_id = ${shopId} order by seq`.execute(
    db,
  );
  const pending = await sql<{ n: number }>`
    select count(*)::int as n from pending_operations p join payments on payments.id = p.payment_id
    where payments.shop_id = ${shopId}`.execute(db);
  return {
    payments: payments.rows,
    operations: operations.rows,
    events: events.rows,
    pendingRecoveries: pending.rows[0]!.n,
  };
}

/** The acquirer's side: its ledger, as `GET /_ledger` shows it. */
export async function readLedger(acquirerUrl: string): Promise<LedgerView> {
  const response = await fetch(`${acquirerUrl}/_ledger`);
  if (!response.ok) throw new Error(`GET /_ledger answered ${response.status}`);
  return (await response.json()) as LedgerView;
}
