import {
  createTestGateway,
  startWebhookReceiver,
  type TestGateway,
  type WebhookReceiver,
} from '@caisse/gateway/testing';
import { startRelay } from '../src/notify/worker.js';
import { post, routeIpnsTo, VISA } from './support/notifications.js';

let gw: TestGateway;
let receiver: WebhookReceiver;

beforeAll(async () => {
  gw = await createTestGateway();
  receiver = await startWebhookReceiver();
  await routeIpnsTo(gw, receiver.url);
});
afterAll(async () => {
  await receiver.close();
  await gw.close();
});

describe('the relay loop of serve and worker', () => {
  it('delivers new events by itself, and stops cleanly', async () => {
    const relay = startRelay(gw.notify, 20);
    try {
      const payment = await post(gw, '/v1/payments', {
        amount: 2500,
        currency: 'EUR',
        reference: 'LOOP',
        card: VISA,
      });
      const received = await receiver.waitFor(2);
      expect(received.map((r) => JSON.parse(r.rawBody).data.payment.id)).toEqual([payment.id, payment.id]);
    } finally {
      await relay.stop();
    }
    const rows = await gw.store.db.selectFrom('outbox').select('status').execute();
    expect(rows.map((r) => r.status)).toEqual(['delivered', 'delivered']);
  });
});
