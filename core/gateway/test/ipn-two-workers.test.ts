import { openStore, type Store } from '@caisse/gateway';
import {
  createTestGateway,
  drainRelay,
  startWebhookReceiver,
  type TestGateway,
  testDatabaseKind,
  type WebhookReceiver,
} from '@caisse/gateway/testing';
import { post, routeIpnsTo, VISA } from './support/notifications.js';

let gw: TestGateway;
let receiver: WebhookReceiver;
let second: Store | undefined;

beforeAll(async () => {
  gw = await createTestGateway();
  receiver = await startWebhookReceiver();
  await routeIpnsTo(gw, receiver.url);
});
afterAll(async () => {
  await receiver.close();
  await second?.close();
  await gw.close();
});

describe('several relay workers on one database', () => {
  it('deliver every event exactly once between them', async () => {
    const payments: string[] = [];
    for (let i = 0; i < 40; i++) {
      const body = {
        amount: 100 + i,
        currency: 'EUR',
        reference: `W-${i}`,
        ...(i % 4 === 0 ? { card: VISA } : {}),
      };
      payments.push((await post(gw, '/v1/payments', body)).id);
    }
    const stored = await gw.store.db.selectFrom('outbox').select('id').execute();
    expect(stored.length).toBe(50); // 30 created + 10 × (processing, captured)

    // On PostgreSQL the second worker has its own connection pool, as a second process would;
    // PGlite has one connection, so there the two workers interleave on it.
    const url = (gw.store as Store & { url?: string }).url;
    if (testDatabaseKind() === 'postgres' && url)
      second = await openStore({ kind: 'postgres', url, poolSize: 5 });
    const a = { ...gw.notify, config: { ...gw.notify.config, batchSize: 4, concurrency: 4 } };
    const b = { ...a, db: second?.db ?? gw.notify.db };
    receiver.delayMs = 15; // sends overlap: both workers are mid-batch at once
    const [ra, rb] = await Promise.all([drainRelay(a), drainRelay(b)]);

    const ids = receiver.received.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(stored.map((e) => e.id).sort());
    expect(ra.delivered + rb.delivered).toBe(50);
    expect(ra.delivered).toBeGreaterThan(0);
    expect(rb.delivered).toBeGreaterThan(0);
    const rows = await gw.store.db.selectFrom('outbox').select(['status', 'attempts']).execute();
    expect(rows.every((r) => r.status === 'delivered' && r.attempts === 1)).toBe(true);
    const attempts = await gw.store.db.selectFrom('delivery_attempts').select('event_id').execute();
    expect(attempts).toHaveLength(50);
  });

  it('never lets a second worker claim an event whose lease has not ended', async () => {
    receiver.mode = 'hang';
    const payment = await post(gw, '/v1/payments', { amount: 500, currency: 'EUR', reference: 'LEASE' });
    const a = { ...gw.notify, config: { ...gw.notify.config, webhookTimeoutMs: 400 } };
    const running = drainRelay(a);
    await receiver.waitFor(51);
    // Worker A holds the event (its send hangs); worker B finds nothing to do.
    const b = { ...gw.notify, db: second?.db ?? gw.notify.db };
    const report = await drainRelay(b);
    expect(report.claimed).toBe(0);
    await running;
    expect(
      receiver.received.filter((r) => JSON.parse(r.rawBody).data.payment.id === payment.id),
    ).toHaveLength(1);
    receiver.mode = 'ok';
  });
});
