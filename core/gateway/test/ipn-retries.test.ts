import { verifyWebhook } from '@caisse/client';
import { ManualClock } from '@caisse/gateway';
import {
  type CatchAllSmtp,
  createTestGateway,
  drainRelay,
  startCatchAllSmtp,
  startWebhookReceiver,
  type TestGateway,
  type WebhookReceiver,
} from '@caisse/gateway/testing';
import request from 'supertest';
import { post, routeIpnsTo, VISA } from './support/notifications.js';

let gw: TestGateway;
let receiver: WebhookReceiver;
let smtp: CatchAllSmtp;
let secret: string;
const clock = new ManualClock('2026-03-02T08:00:00Z');

beforeAll(async () => {
  smtp = await startCatchAllSmtp();
  gw = await createTestGateway({
    clock,
    env: {
      CAISSE_SMTP_HOST: smtp.host,
      CAISSE_SMTP_PORT: String(smtp.port),
      CAISSE_MAIL_FROM: 'Caisse <ipn@caisse.test>',
    },
  });
  gw.notify.random = () => 0.5; // no jitter: the nominal schedule
  receiver = await startWebhookReceiver();
  secret = await routeIpnsTo(gw, receiver.url);
  await request(gw.app)
    .patch('/v1/shop/emails')
    .set(gw.auth)
    .send({ merchant_address: 'ops@shop.test', merchant_enabled: false, buyer_enabled: false })
    .expect(200);
});
afterAll(async () => {
  await receiver.close();
  await gw.close();
  await smtp.close();
});

async function event(id: string) {
  const res = await request(gw.app).get(`/v1/events/${id}`).set(gw.auth);
  expect(res.status).toBe(200);
  return res.body;
}

async function eventsOf(paymentId: string) {
  const res = await request(gw.app).get('/v1/events').query({ payment: paymentId }).set(gw.auth);
  return (res.body.data as { id: string; type: string }[]).reverse();
}

/** Moves the clock to the next attempt of `id` and runs the relay. */
async function nextAttempt(id: string): Promise<void> {
  const e = await event(id);
  if (e.delivery.next_attempt_at) clock.set(e.delivery.next_attempt_at);
  await drainRelay(gw.notify);
}

describe('IPN retries', () => {
  it('delivers every event to a receiver that was down for hours, on the backoff schedule', async () => {
    receiver.mode = 'down';
    const payment = await post(gw, '/v1/payments', {
      amount: 4200,
      currency: 'EUR',
      reference: 'DOWN',
      card: VISA,
    });
    const start = clock.now().getTime();
    await drainRelay(gw.notify);
    const [processing, captured] = await eventsOf(payment.id);
    expect([processing?.type, captured?.type]).toEqual(['payment.processing', 'payment.captured']);

    const first = await event(captured!.id);
    expect(first.delivery).toMatchObject({ status: 'pending', attempts: 1 });
    expect(first.delivery.last_error).toMatch(/ECONNRESET|socket|other side closed|fetch failed/i);
    expect(Date.parse(first.delivery.next_attempt_at) - start).toBe(30_000);

    // Not due yet: nothing is sent.
    clock.advance(29_000);
    const early = receiver.received.length;
    await drainRelay(gw.notify);
    expect(receiver.received.length).toBe(early);

    // Six more failures: 30 s, 1, 2, 4, 8, 16 min.
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const before = await event(captured!.id);
      await nextAttempt(captured!.id);
      const after = await event(captured!.id);
      waits.push(Date.parse(after.delivery.next_attempt_at) - Date.parse(before.delivery.next_attempt_at));
    }
    expect(waits).toEqual([60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000]);

    receiver.mode = 'ok';
    await nextAttempt(captured!.id);
    await nextAttempt(processing!.id);
    const done = await event(captured!.id);
    expect(done.delivery).toMatchObject({ status: 'delivered', attempts: 8 });
    expect(done.delivery_attempts.map((a: { succeeded: boolean }) => a.succeeded)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
    expect(done.delivery_attempts[7]).toMatchObject({
      http_status: 200,
      response_excerpt: 'ok',
      target: receiver.url,
    });
    const acknowledged = receiver.acknowledged.map((r) => r.id);
    expect(acknowledged.filter((id) => id === captured!.id)).toHaveLength(1);
    expect(acknowledged.filter((id) => id === processing!.id)).toHaveLength(1);
    for (const r of receiver.acknowledged) {
      verifyWebhook(r.rawBody, r.headers as Record<string, string>, secret, { now: clock.now() });
    }
  });

  it('fails an event after 22 attempts over about three days, alerts the merchant, and replays it on demand', async () => {
    receiver.mode = 'error';
    const payment = await post(gw, '/v1/payments', {
      amount: 990,
      currency: 'EUR',
      reference: 'DEAD',
      typology: { type: 'on_shipment' },
      card: VISA,
    });
    await drainRelay(gw.notify);
    const [, authorized] = await eventsOf(payment.id);
    const firstAttemptAt = clock.now().getTime();
    for (let i = 0; i < 30; i++) {
      const e = await event(authorized!.id);
      if (e.delivery.status !== 'pending') break;
      await nextAttempt(authorized!.id);
    }
    const dead = await event(authorized!.id);
    expect(dead.delivery).toMatchObject({ status: 'failed', attempts: 22, next_attempt_at: null });
    expect(dead.delivery.last_error).toBe('HTTP 500: the receiver must answer 2xx');
    expect(dead.delivery_attempts).toHaveLength(22);
    expect(dead.delivery_attempts.every((a: { http_status: number }) => a.http_status === 500)).toBe(true);
    expect(Date.parse(dead.delivery.failed_at) - firstAttemptAt).toBe(268_290_000); // 3 d 2 h 31 min 30 s

    // The merchant hears about it, once.
    const alert = (await smtp.waitFor(1)).find((m) => m.text.includes(authorized!.id));
    expect(alert).toBeDefined();
    expect(alert!.to).toEqual(['ops@shop.test']);
    expect(alert!.subject).toBe(`[TEST] Notification (IPN) non délivrée : événement ${authorized!.id}`);
    expect(alert!.text).toContain(`POST /v1/events/${authorized!.id}/replay`);
    expect(dead.emails).toHaveLength(1);
    expect(dead.emails[0]).toMatchObject({ template: 'webhook_failed', status: 'sent' });

    // Fixed receiver, replayed event: delivered with the same webhook-id.
    receiver.mode = 'ok';
    const replayed = await request(gw.app)
      .post(`/v1/events/${authorized!.id}/replay`)
      .set(gw.auth)
      .set('Idempotency-Key', 'replay-dead')
      .send({});
    expect(replayed.status).toBe(200);
    expect(replayed.body.delivery).toMatchObject({ status: 'pending', attempts: 0 });
    await drainRelay(gw.notify);
    const revived = await event(authorized!.id);
    expect(revived.delivery.status).toBe('delivered');
    expect(revived.delivery_attempts).toHaveLength(23);
    expect(receiver.acknowledged.at(-1)?.id).toBe(authorized!.id);
  });

  it('counts a redirect as a failure and does not follow it', async () => {
    receiver.mode = 'redirect';
    const payment = await post(gw, '/v1/payments', {
      amount: 100,
      currency: 'EUR',
      reference: 'MOVED',
      card: VISA,
    });
    await drainRelay(gw.notify);
    const [processing] = await eventsOf(payment.id);
    const e = await event(processing!.id);
    expect(e.delivery.status).toBe('pending');
    expect(e.delivery_attempts[0]).toMatchObject({ succeeded: false, http_status: 302 });
    expect(e.delivery_attempts[0].error).toMatch(/redirects are not followed/);
    receiver.mode = 'ok';
  });

  it('counts a receiver that does not answer in time as a failure', async () => {
    receiver.mode = 'hang';
    const timeout = gw.notify.config.webhookTimeoutMs;
    gw.notify.config.webhookTimeoutMs = 300;
    try {
      const payment = await post(gw, '/v1/payments', {
        amount: 100,
        currency: 'EUR',
        reference: 'SLOW',
        validation: 'manual',
        card: VISA,
      });
      await drainRelay(gw.notify);
      const [processing] = await eventsOf(payment.id);
      const e = await event(processing!.id);
      expect(e.delivery_attempts[0]).toMatchObject({ succeeded: false, http_status: null });
      expect(e.delivery_attempts[0].error).toBe('no answer within 300 ms (timeout)');
    } finally {
      gw.notify.config.webhookTimeoutMs = timeout;
      receiver.mode = 'ok';
    }
  });

  it('parks the events of a shop without a notification URL, and sends them once one is set and they are replayed', async () => {
    await routeIpnsTo(gw, null);
    const before = receiver.received.length;
    const payment = await post(gw, '/v1/payments', {
      amount: 300,
      currency: 'EUR',
      reference: 'NOURL',
      card: VISA,
    });
    await drainRelay(gw.notify);
    const events = await eventsOf(payment.id);
    for (const { id } of events) {
      const e = await event(id);
      expect(e.delivery).toMatchObject({ status: 'no_endpoint', attempts: 0 });
      expect(e.delivery.last_error).toMatch(/PUT \/v1\/shop\/notifications/);
      expect(e.delivery_attempts).toEqual([]);
    }
    clock.advance(86_400_000);
    await drainRelay(gw.notify);
    expect(receiver.received.length).toBe(before);

    const parked = await request(gw.app)
      .get('/v1/events')
      .query({ status: 'no_endpoint', payment: payment.id })
      .set(gw.auth);
    expect(parked.body.data.map((e: { id: string }) => e.id).sort()).toEqual(events.map((e) => e.id).sort());

    await routeIpnsTo(gw, receiver.url);
    for (const { id } of events) await post(gw, `/v1/events/${id}/replay`, {});
    await drainRelay(gw.notify);
    expect(receiver.received.slice(before).map((r) => r.id)).toEqual(events.map((e) => e.id));
  });
});
