import { type CARDS, cardInput, type TestCard } from './cards.js';
import type { Answer, ApiClient } from './client.js';
import { pick } from './prng.js';

/** One shop order and what its client will ask: create, maybe capture later, maybe refund. */
export interface OrderPlan {
  reference: string;
  amount: number;
  card: TestCard;
  typology: 'immediate' | 'on_shipment';
  /** For on_shipment: capture this much (≤ amount) once authorised. */
  capture: number | null;
  /** Refunds to ask once captured (each ≤ what remains). */
  refunds: number[];
}

export interface OrderRecord {
  plan: OrderPlan;
  create?: Answer;
  capture?: Answer;
  refunds: Answer[];
}

/** A seeded mix of orders: immediate sales and captures at shipment, partial and full refunds, some declines. */
export function planOrders(
  random: () => number,
  count: number,
  prefix: string,
  cards: (typeof CARDS)[keyof typeof CARDS][],
): OrderPlan[] {
  return Array.from({ length: count }, (_, i) => {
    const amount = 500 + Math.floor(random() * 20_000);
    const typology = random() < 0.6 ? 'immediate' : 'on_shipment';
    const capture = typology === 'on_shipment' ? (random() < 0.7 ? amount : Math.ceil(amount / 2)) : null;
    const captured = capture ?? amount;
    const refunds: number[] = [];
    const r = random();
    if (r < 0.25) refunds.push(captured);
    else if (r < 0.45) refunds.push(Math.ceil(captured / 3), Math.ceil(captured / 4));
    return {
      reference: `${prefix}-${String(i).padStart(4, '0')}`,
      amount,
      card: pick(random, cards),
      typology,
      capture,
      refunds,
    };
  });
}

const succeeded = (a: Answer | undefined) =>
  a !== undefined && a.status >= 200 && a.status < 300 && a.status !== 202;

/** Runs an order's steps in order, each one request retried with its own Idempotency-Key. */
export async function runOrder(client: ApiClient, plan: OrderPlan, bias = 0): Promise<OrderRecord> {
  const record: OrderRecord = { plan, refunds: [] };
  record.create = await client.call(
    'POST',
    '/v1/payments',
    `${plan.reference}-create`,
    {
      amount: plan.amount,
      currency: 'EUR',
      reference: plan.reference,
      typology: { type: plan.typology },
      card: cardInput(plan.card),
    },
    bias,
  );
  const payment = record.create.payment;
  if (!succeeded(record.create) || !payment) return record;
  let status = payment.status;
  if (plan.capture !== null && status === 'authorized') {
    record.capture = await client.call(
      'POST',
      `/v1/payments/${payment.id}/capture`,
      `${plan.reference}-capture`,
      { amount: plan.capture },
      bias + 1,
    );
    if (!succeeded(record.capture)) return record;
    status = record.capture.payment?.status ?? status;
  }
  if (status !== 'captured' && status !== 'partially_captured') return record;
  for (const [i, amount] of plan.refunds.entries()) {
    const answer = await client.call(
      'POST',
      `/v1/payments/${payment.id}/refund`,
      `${plan.reference}-refund-${i}`,
      { amount },
      bias + i,
    );
    record.refunds.push(answer);
    if (!succeeded(answer)) break;
  }
  return record;
}

/** Runs orders with `workers` clients in parallel. */
export async function runOrders(
  client: ApiClient,
  plans: OrderPlan[],
  workers: number,
): Promise<OrderRecord[]> {
  const records: OrderRecord[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      while (next < plans.length) {
        const plan = plans[next++]!;
        records.push(await runOrder(client, plan, w));
      }
    }),
  );
  return records;
}
