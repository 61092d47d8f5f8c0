import { verifyWebhook, type WebhookEvent } from '@caisse/client';
import { ManualClock, runSchedulerTick } from '@caisse/gateway';
import {
  createTestGateway,
  drainRelay,
  startWebhookReceiver,
  type TestGateway,
  type WebhookReceiver,
} from '@caisse/gateway/testing';
import request from 'supertest';
import { DECLINED, post, routeIpnsTo, VISA } from './support/notifications.js';

const DAY = 86_400_000;

let gw: TestGateway;
let receiver: WebhookReceiver;
let secret: string;
const clock = new ManualClock('2026-01-15T10:00:00Z');

beforeAll(async () => {
  gw = await createTestGateway({ clock });
  receiver = await startWebhookReceiver();
  secret = await routeIpnsTo(gw, receiver.url);
});
afterAll(async () => {
  await receiver.close();
  await gw.close();
});

const verified: WebhookEvent[] = [];

/**
 * Delivers everything due, then verifies the IPNs received since the last call with
 * @caisse/client, at the (manual) time they were sent; returns all verified so far.
 */
async function deliveredEvents(): Promise<WebhookEvent[]> {
  await drainRelay(gw.notify);
  for (const r of receiver.received.slice(verified.length)) {
    verified.push(
      verifyWebhook(r.rawBody, r.headers as Record<string, string>, secret, { now: clock.now() }),
    );
  }
  return verified;
}

function typesOf(events: WebhookEvent[], paymentId: string): string[] {
  return events.filter((e) => e.data.payment.id === paymentId).map((e) => e.type);
}

describe('IPNs for every payment transition', () => {
  it('sends exactly one signed event per transition, in order, with the source of the change', async () => {
    const sale = await post(gw, '/v1/payments', {
      amount: 1999,
      currency: 'EUR',
      reference: 'SALE',
      card: VISA,
    });

    const shipped = await post(gw, '/v1/payments', {
      amount: 5000,
      currency: 'EUR',
      reference: 'SHIPPED',
      typology: { type: 'on_shipment' },
      card: VISA,
    });
    await post(gw, `/v1/payments/${shipped.id}/capture`, { amount: 3000 });
    await post(gw, `/v1/payments/${shipped.id}/events`, { type: 'shipped' });
    await post(gw, `/v1/payments/${shipped.id}/refund`, { amount: 1000 });
    await post(gw, `/v1/payments/${shipped.id}/refund`, {});

    const held = await post(gw, '/v1/payments', {
      amount: 4000,
      currency: 'EUR',
      reference: 'HELD',
      validation: 'manual',
      card: VISA,
    });
    const patched = await request(gw.app)
      .patch(`/v1/payments/${held.id}`)
      .set(gw.auth)
      .set('Idempotency-Key', 'held-modify')
      .send({ amount: 3500 });
    expect(patched.status).toBe(200);
    await post(gw, `/v1/payments/${held.id}/validate`, {});

    const voided = await post(gw, '/v1/payments', {
      amount: 800,
      currency: 'EUR',
      reference: 'VOID',
      typology: { type: 'on_delivery' },
      card: VISA,
    });
    await post(gw, `/v1/payments/${voided.id}/cancel`, {});

    const waiting = await post(gw, '/v1/payments', { amount: 1200, currency: 'EUR', reference: 'PAGE' });
    await post(gw, `/v1/payments/${waiting.id}/cancel`, {});
    const copy = await post(gw, `/v1/payments/${sale.id}/duplicate`, { amount: 999 });

    const refused = await post(gw, '/v1/payments', {
      amount: 700,
      currency: 'EUR',
      reference: 'NO',
      card: DECLINED,
    });

    const deferred = await post(gw, '/v1/payments', {
      amount: 2500,
      currency: 'JPY',
      reference: 'LATER',
      typology: { type: 'deferred', days: 2 },
      card: VISA,
    });
    const lapsing = await post(gw, '/v1/payments', {
      amount: 600,
      currency: 'EUR',
      reference: 'LAPSE',
      typology: { type: 'on_shipment' },
      card: VISA,
    });

    await deliveredEvents();
    clock.advance(2 * DAY + 60_000);
    await runSchedulerTick(gw.deps);
    await deliveredEvents();
    clock.advance(6 * DAY);
    await runSchedulerTick(gw.deps);
    const events = await deliveredEvents();

    expect(typesOf(events, sale.id)).toEqual(['payment.processing', 'payment.captured']);
    expect(typesOf(events, shipped.id)).toEqual([
      'payment.processing',
      'payment.authorized',
      'payment.partially_captured',
      'payment.captured',
      'payment.partially_refunded',
      'payment.refunded',
    ]);
    expect(typesOf(events, held.id)).toEqual([
      'payment.processing',
      'payment.to_validate',
      'payment.updated',
      'payment.validated',
      'payment.captured',
    ]);
    expect(typesOf(events, voided.id)).toEqual([
      'payment.processing',
      'payment.authorized',
      'payment.cancelled',
    ]);
    expect(typesOf(events, waiting.id)).toEqual(['payment.created', 'payment.cancelled']);
    // The duplicate waits for the buyer's card; its page expired while the clock moved on.
    expect(typesOf(events, copy.id)).toEqual(['payment.created', 'payment.abandoned']);
    expect(typesOf(events, refused.id)).toEqual(['payment.processing', 'payment.refused']);
    expect(typesOf(events, deferred.id)).toEqual([
      'payment.processing',
      'payment.authorized',
      'payment.captured',
    ]);
    expect(typesOf(events, lapsing.id)).toEqual([
      'payment.processing',
      'payment.authorized',
      'payment.expired',
    ]);

    // Exactly once: as many IPNs as events stored, no id twice.
    const ids = events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const stored = await gw.store.db.selectFrom('outbox').select(['id', 'status']).execute();
    expect(stored).toHaveLength(ids.length);
    expect(stored.every((e) => e.status === 'delivered')).toBe(true);

    // The source says who made the change.
    const sourceOf = (paymentId: string, type: string) =>
      events.find((e) => e.data.payment.id === paymentId && e.type === type)?.source;
    expect(sourceOf(shipped.id, 'payment.captured')).toBe('api');
    expect(sourceOf(deferred.id, 'payment.captured')).toBe('scheduler');
    expect(sourceOf(lapsing.id, 'payment.expired')).toBe('scheduler');

    // The event carries the payment as it was right after the change.
    const partial = events.find(
      (e) => e.data.payment.id === shipped.id && e.type === 'payment.partially_captured',
    );
    expect(partial?.data.payment).toMatchObject({ status: 'partially_captured', captured_amount: 3000 });
  });

  it('signs with the Standard Webhooks headers, webhook-id being the event id', async () => {
    const [first] = receiver.received;
    expect(first).toBeDefined();
    const body = JSON.parse(first!.rawBody);
    expect(first!.headers['webhook-id']).toBe(body.id);
    expect(first!.headers['webhook-id']).toMatch(/^evt_/);
    expect(first!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(first!.headers['content-type']).toBe('application/json');
    expect(Object.keys(body)).toEqual(['id', 'type', 'created_at', 'source', 'data']);
  });

  it('sends to the payment’s own notification_url when it has one', async () => {
    const own = await startWebhookReceiver();
    try {
      const payment = await post(gw, '/v1/payments', {
        amount: 1500,
        currency: 'EUR',
        reference: 'OWN-URL',
        card: VISA,
        notification_url: own.url,
      });
      expect(payment.notification_url).toBe(own.url);
      const before = receiver.received.length;
      await drainRelay(gw.notify);
      expect(own.received.map((r) => JSON.parse(r.rawBody).type)).toEqual([
        'payment.processing',
        'payment.captured',
      ]);
      expect(receiver.received.length).toBe(before);
      for (const r of own.received)
        verifyWebhook(r.rawBody, r.headers as Record<string, string>, secret, { now: clock.now() });
    } finally {
      await own.close();
    }
  });
});
