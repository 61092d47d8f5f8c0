import { createHmac } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '@caisse/client';
import { ManualClock, runSchedulerTick } from '@caisse/gateway';
import {
  type CatchAllSmtp,
  createTestGateway,
  drainRelay,
  type ReceivedWebhook,
  startWebhookReceiver,
  type TestGateway,
  type WebhookReceiver,
} from '@caisse/gateway/testing';
import express from 'express';
import request from 'supertest';
import { computeVadsSignature } from '../src/domain/vads/signature.js';
import { devPagesRouter } from '../src/notify/dev/dev-pages.js';
import { CARDS, csrfOf, FormClient, FUTURE } from './page-helpers.js';
import { post, routeIpnsTo, VISA } from './support/notifications.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

let gw: TestGateway;
let receiver: WebhookReceiver;
let webhookSecret: string;
let vads: { site_id: string; test_key: string; production_key: string };
let clock: ManualClock;

beforeAll(async () => {
  clock = new ManualClock(new Date());
  gw = await createTestGateway({ listen: true, clock });
  gw.notify.random = () => 0.5; // the nominal retry schedule
  receiver = await startWebhookReceiver();
  webhookSecret = await routeIpnsTo(gw, receiver.url);
  vads = (
    await request(gw.app)
      .get('/v1/shop/settings')
      .set({ Authorization: `Bearer ${gw.shop.keys.live}` })
  ).body.vads;
});
afterAll(async () => {
  await receiver.close();
  await gw.close();
});

/**
 * The signature as docs/en/signed-form.md describes it, computed here without the gateway's code:
 * every `vads_` field, sorted by name, values joined with `+`, then `+` and the key;
 * Base64(HMAC-SHA-256(key, that string)).
 */
function documentedSignature(fields: Record<string, string>, key: string): string {
  const names = Object.keys(fields)
    .filter((name) => name.startsWith('vads_'))
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const text = `${names.map((name) => fields[name]).join('+')}+${key}`;
  return createHmac('sha256', key).update(text, 'utf8').digest('base64');
}

/** A received form-encoded IPN: its fields, signature apart. */
function formOf(received: ReceivedWebhook) {
  const { signature = '', ...fields } = Object.fromEntries(new URLSearchParams(received.rawBody));
  return { fields, signature, headers: received.headers };
}

/** The form-encoded IPNs a receiver got for one vads_trans_id (refunds: by order id), in order. */
function vadsIpns(of: WebhookReceiver, match: { transId?: string; orderId?: string }) {
  return of.received
    .filter((r) => String(r.headers['content-type']).startsWith('application/x-www-form-urlencoded'))
    .map(formOf)
    .filter(
      (ipn) =>
        (match.transId === undefined || ipn.fields['vads_trans_id'] === match.transId) &&
        (match.orderId === undefined || ipn.fields['vads_order_id'] === match.orderId),
    );
}

let transCounter = 300;
let orderCounter = 0;
const utc = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(0, 14);

function form(extra: Record<string, string> = {}): Record<string, string> {
  const fields: Record<string, string> = {
    vads_action_mode: 'INTERACTIVE',
    vads_amount: '2490',
    vads_ctx_mode: 'TEST',
    vads_currency: '978',
    vads_page_action: 'PAYMENT',
    vads_payment_config: 'SINGLE',
    vads_site_id: vads.site_id,
    vads_trans_date: utc(clock.now()),
    vads_trans_id: String(transCounter++).padStart(6, '0'),
    vads_version: 'V2',
    vads_order_id: `CMD-${++orderCounter}`,
    vads_url_success: 'https://shop.example/ok',
    vads_return_mode: 'POST',
    vads_cust_email: 'anna@example.com',
    ...extra,
  };
  return { ...fields, signature: computeVadsSignature(fields, vads.test_key) };
}

/** The shop's page posts the form; the buyer lands on the payment page. */
async function enter(fields: Record<string, string>) {
  const client = new FormClient();
  const entered = await client.post(`${gw.url}/vads-payment/`, fields);
  expect(entered.status).toBe(303);
  const pageUrl = `${gw.url}${entered.location}`;
  const row = await gw.deps.db
    .selectFrom('payments')
    .select('id')
    .where('page_token', '=', entered.location!.slice('/pay/'.length))
    .executeTakeFirstOrThrow();
  return { client, pageUrl, paymentId: row.id };
}

/** Enters the form and pays on the hosted page; returns the signed fields of the buyer's return. */
async function payThroughForm(fields: Record<string, string>, cardNumber: string = CARDS.frictionlessY) {
  const { client, pageUrl, paymentId } = await enter(fields);
  const page = await client.get(pageUrl);
  const paid = await client.post(pageUrl, {
    _csrf: csrfOf(page.text),
    number: cardNumber,
    ...FUTURE,
    cvc: '123',
  });
  const result = await client.get(`${gw.url}${paid.location}`);
  const back = Object.fromEntries(
    [...result.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
      m[1]!,
      m[2]!
        .replace(/&#x3D;/g, '=')
        .replace(/&#x2F;/g, '/')
        .replace(/&amp;/g, '&'),
    ]),
  );
  return { paymentId, back };
}

async function outbox(paymentId: string) {
  return gw.deps.db
    .selectFrom('outbox')
    .select(['id', 'type', 'status', 'last_error'])
    .where('payment_id', '=', paymentId)
    .orderBy('seq')
    .execute();
}

describe('the signed form’s own IPN', () => {
  it('tells the shop of a payment made on the page with one form-encoded IPN, signed as the docs say', async () => {
    const fields = form();
    const { paymentId, back } = await payThroughForm(fields);
    await drainRelay(gw.notify);

    const ipns = vadsIpns(receiver, { transId: fields.vads_trans_id });
    expect(ipns).toHaveLength(1);
    const [ipn] = ipns;
    expect(ipn!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(ipn!.headers).not.toHaveProperty('webhook-signature');
    expect(ipn!.signature).toBe(documentedSignature(ipn!.fields, vads.test_key));
    expect(ipn!.fields).toMatchObject({
      vads_trans_status: 'CAPTURED',
      vads_result: '00',
      vads_auth_result: '00',
      vads_operation_type: 'DEBIT',
      vads_url_check_src: 'PAY',
      vads_amount: '2490',
      vads_currency: '978',
      vads_site_id: vads.site_id,
      vads_ctx_mode: 'TEST',
      vads_trans_id: fields.vads_trans_id,
      vads_trans_date: fields.vads_trans_date,
      vads_order_id: fields.vads_order_id,
      vads_threeds_status: 'Y',
      vads_warranty_result: 'YES',
      vads_card_number: '400000XXXXXX1091',
      vads_cust_email: 'anna@example.com',
      vads_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // The same fields as the buyer's signed return (one builder), plus what only an IPN has.
    const { vads_url_check_src: _src, vads_hash: _hash, ...asReturned } = ipn!.fields;
    const { signature: _signature, ...returned } = back;
    expect(asReturned).toEqual(returned);

    // The steps before the outcome have no IPN in this protocol: discarded, never sent.
    expect(await outbox(paymentId)).toEqual([
      expect.objectContaining({ type: 'payment.created', status: 'discarded' }),
      expect.objectContaining({ type: 'payment.processing', status: 'discarded' }),
      expect.objectContaining({ type: 'payment.captured', status: 'delivered' }),
    ]);
    const listed = await request(gw.app).get('/v1/events').query({ payment: paymentId }).set(gw.auth);
    expect(listed.body.data.at(-1).delivery).toMatchObject({
      status: 'discarded',
      attempts: 0,
      last_error: expect.stringContaining('sends no notification for payment.created'),
    });
  });

  it('fails verification when the key is not the shop’s TEST key or a field was changed', async () => {
    const fields = form();
    await payThroughForm(fields);
    await drainRelay(gw.notify);
    const [ipn] = vadsIpns(receiver, { transId: fields.vads_trans_id });
    expect(ipn!.signature).toBe(documentedSignature(ipn!.fields, vads.test_key));
    // A receiver holding another key, or one character off, refuses it.
    expect(ipn!.signature).not.toBe(documentedSignature(ipn!.fields, vads.production_key));
    const tamperedKey = `${vads.test_key.slice(0, -1)}${vads.test_key.endsWith('a') ? 'b' : 'a'}`;
    expect(ipn!.signature).not.toBe(documentedSignature(ipn!.fields, tamperedKey));
    // So does one whose fields were changed on the way.
    expect(ipn!.signature).not.toBe(
      documentedSignature({ ...ipn!.fields, vads_trans_status: 'AUTHORISED' }, vads.test_key),
    );
    expect(ipn!.signature).not.toBe(documentedSignature({ ...ipn!.fields, vads_amount: '1' }, vads.test_key));
  });

  it('tells a refusal as REFUSED with the acquirer’s code', async () => {
    const fields = form();
    await payThroughForm(fields, CARDS.declined);
    await drainRelay(gw.notify);
    const ipns = vadsIpns(receiver, { transId: fields.vads_trans_id });
    expect(ipns.map((i) => i.fields)).toEqual([
      expect.objectContaining({
        vads_trans_status: 'REFUSED',
        vads_result: '05',
        vads_auth_result: '05',
        vads_operation_type: 'DEBIT',
        vads_url_check_src: 'PAY',
        vads_warranty_result: 'UNKNOWN',
      }),
    ]);
    expect(ipns[0]!.signature).toBe(documentedSignature(ipns[0]!.fields, vads.test_key));
  });

  it('tells an authorised deferred payment AUTHORISED, then CAPTURED from BATCH when the scheduler captures it', async () => {
    const fields = form({ vads_capture_delay: '2' });
    await payThroughForm(fields);
    await drainRelay(gw.notify);
    clock.advance(2 * DAY + MINUTE);
    await runSchedulerTick(gw.deps);
    await drainRelay(gw.notify);
    const ipns = vadsIpns(receiver, { transId: fields.vads_trans_id });
    expect(ipns.map((i) => i.fields)).toEqual([
      expect.objectContaining({
        vads_trans_status: 'AUTHORISED',
        vads_url_check_src: 'PAY',
        vads_capture_delay: '2',
      }),
      expect.objectContaining({
        vads_trans_status: 'CAPTURED',
        vads_url_check_src: 'BATCH',
        vads_result: '00',
      }),
    ]);
    for (const ipn of ipns) expect(ipn.signature).toBe(documentedSignature(ipn.fields, vads.test_key));
    expect(ipns[0]!.fields['vads_hash']).not.toBe(ipns[1]!.fields['vads_hash']);
  });

  it('tells a capture by the API (MERCH_BO), then each refund as a CREDIT transaction of its own', async () => {
    const fields = form({ vads_capture_delay: '3' });
    const { paymentId } = await payThroughForm(fields);
    await post(gw, `/v1/payments/${paymentId}/capture`, {});
    await post(gw, `/v1/payments/${paymentId}/refund`, { amount: 1000 });
    await post(gw, `/v1/payments/${paymentId}/refund`, {});
    await drainRelay(gw.notify);

    const ipns = vadsIpns(receiver, { orderId: fields.vads_order_id });
    expect(ipns.map((i) => i.fields)).toEqual([
      expect.objectContaining({ vads_trans_status: 'AUTHORISED', vads_url_check_src: 'PAY' }),
      expect.objectContaining({
        vads_trans_status: 'CAPTURED',
        vads_operation_type: 'DEBIT',
        vads_amount: '2490',
        vads_url_check_src: 'MERCH_BO',
      }),
      expect.objectContaining({
        vads_trans_status: 'CAPTURED',
        vads_operation_type: 'CREDIT',
        vads_amount: '1000',
        vads_result: '00',
        vads_url_check_src: 'MERCH_BO',
      }),
      expect.objectContaining({
        vads_operation_type: 'CREDIT',
        vads_amount: '1490',
        vads_url_check_src: 'MERCH_BO',
      }),
    ]);
    for (const ipn of ipns) expect(ipn.signature).toBe(documentedSignature(ipn.fields, vads.test_key));
    const [debit, , first, second] = ipns.map((i) => i.fields);
    for (const credit of [first!, second!]) {
      expect(credit['vads_trans_id']).toMatch(/^9\d{5}$/);
      expect(credit['vads_trans_uuid']).not.toBe(debit!['vads_trans_uuid']);
      expect(credit['vads_card_number']).toBe(debit!['vads_card_number']);
    }
    expect(first!['vads_trans_uuid']).not.toBe(second!['vads_trans_uuid']);
  });

  it('tells a merchant’s cancel CANCELLED (MERCH_BO) and a buyer’s cancel on the page ABANDONED (PAY)', async () => {
    const held = form({ vads_capture_delay: '3' });
    const { paymentId } = await payThroughForm(held);
    await post(gw, `/v1/payments/${paymentId}/cancel`, {});

    const left = form();
    const { client, pageUrl } = await enter(left);
    const page = await client.get(pageUrl);
    await client.post(`${pageUrl}/cancel`, { _csrf: csrfOf(page.text) });
    await drainRelay(gw.notify);

    const cancelled = vadsIpns(receiver, { transId: held.vads_trans_id }).map((i) => i.fields);
    expect(cancelled).toEqual([
      expect.objectContaining({ vads_trans_status: 'AUTHORISED' }),
      expect.objectContaining({
        vads_trans_status: 'CANCELLED',
        vads_result: '17',
        vads_url_check_src: 'MERCH_BO',
      }),
    ]);
    const abandoned = vadsIpns(receiver, { transId: left.vads_trans_id });
    expect(abandoned.map((i) => i.fields)).toEqual([
      expect.objectContaining({
        vads_trans_status: 'ABANDONED',
        vads_result: '17',
        vads_url_check_src: 'PAY',
      }),
    ]);
    // As in the protocol, no vads_operation_type for a cancelled or abandoned payment.
    expect(cancelled[1]).not.toHaveProperty('vads_operation_type');
    expect(abandoned[0]!.fields).not.toHaveProperty('vads_operation_type');
    expect(abandoned[0]!.signature).toBe(documentedSignature(abandoned[0]!.fields, vads.test_key));
  });

  it('tells a page left unused ABANDONED (PAY), and a held payment never validated AUTHORISED_TO_VALIDATE then EXPIRED (BATCH)', async () => {
    const unused = form();
    await enter(unused);
    const held = form({ vads_validation_mode: '1' });
    await payThroughForm(held);
    clock.advance(21 * MINUTE);
    await runSchedulerTick(gw.deps);
    clock.advance(8 * DAY);
    await runSchedulerTick(gw.deps);
    await drainRelay(gw.notify);

    expect(vadsIpns(receiver, { transId: unused.vads_trans_id }).map((i) => i.fields)).toEqual([
      expect.objectContaining({ vads_trans_status: 'ABANDONED', vads_url_check_src: 'PAY' }),
    ]);
    expect(vadsIpns(receiver, { transId: held.vads_trans_id }).map((i) => i.fields)).toEqual([
      expect.objectContaining({
        vads_trans_status: 'AUTHORISED_TO_VALIDATE',
        vads_validation_mode: '1',
        vads_url_check_src: 'PAY',
      }),
      expect.objectContaining({
        vads_trans_status: 'EXPIRED',
        vads_result: '96',
        vads_warranty_result: 'NO',
        vads_url_check_src: 'BATCH',
      }),
    ]);
  });

  it('tells a validation and the capture it leads to, both from MERCH_BO', async () => {
    const held = form({ vads_validation_mode: '1' });
    const { paymentId } = await payThroughForm(held);
    await post(gw, `/v1/payments/${paymentId}/validate`, {});
    await drainRelay(gw.notify);
    expect(vadsIpns(receiver, { transId: held.vads_trans_id }).map((i) => i.fields)).toEqual([
      expect.objectContaining({ vads_trans_status: 'AUTHORISED_TO_VALIDATE', vads_url_check_src: 'PAY' }),
      expect.objectContaining({ vads_trans_status: 'AUTHORISED', vads_url_check_src: 'MERCH_BO' }),
      expect.objectContaining({ vads_trans_status: 'CAPTURED', vads_url_check_src: 'MERCH_BO' }),
    ]);
  });

  it('sends to vads_url_check rather than the shop’s notification URL; a copy made through the API does not', async () => {
    const own = await startWebhookReceiver();
    try {
      const fields = form({ vads_url_check: own.url });
      const { paymentId } = await payThroughForm(fields);
      await drainRelay(gw.notify);
      const ipns = vadsIpns(own, { transId: fields.vads_trans_id });
      expect(ipns.map((i) => i.fields['vads_trans_status'])).toEqual(['CAPTURED']);
      expect(ipns[0]!.signature).toBe(documentedSignature(ipns[0]!.fields, vads.test_key));
      expect(vadsIpns(receiver, { transId: fields.vads_trans_id })).toEqual([]);

      // The copy is a REST payment: JSON IPN, to the shop's URL, not to the form's vads_url_check.
      const before = receiver.received.length;
      const copy = await post(gw, `/v1/payments/${paymentId}/duplicate`, {});
      await drainRelay(gw.notify);
      expect(own.received).toHaveLength(1);
      const sent = receiver.received
        .slice(before)
        .map((r) =>
          verifyWebhook(r.rawBody, r.headers as Record<string, string>, webhookSecret, { now: clock.now() }),
        );
      expect(sent.map((e) => [e.type, e.data.payment.id])).toEqual([['payment.created', copy.id]]);
    } finally {
      await own.close();
    }
  });

  it('retries on the relay’s schedule as RETRY, and a replay is sent as BO, each signed', async () => {
    const fields = form();
    const { paymentId } = await payThroughForm(fields);
    receiver.mode = 'error';
    try {
      await drainRelay(gw.notify);
    } finally {
      receiver.mode = 'ok';
    }
    const captured = (await outbox(paymentId)).find((e) => e.type === 'payment.captured')!;
    const pending = await request(gw.app).get(`/v1/events/${captured.id}`).set(gw.auth);
    expect(pending.body.delivery).toMatchObject({ status: 'pending', attempts: 1 });
    clock.set(pending.body.delivery.next_attempt_at);
    await drainRelay(gw.notify);
    const replay = await request(gw.app)
      .post(`/v1/events/${captured.id}/replay`)
      .set(gw.auth)
      .set('Idempotency-Key', `replay-${captured.id}`)
      .send({});
    expect(replay.status).toBe(200);
    await drainRelay(gw.notify);

    const ipns = vadsIpns(receiver, { transId: fields.vads_trans_id });
    expect(ipns.map((i) => i.fields['vads_url_check_src'])).toEqual(['PAY', 'RETRY', 'BO']);
    for (const ipn of ipns) expect(ipn.signature).toBe(documentedSignature(ipn.fields, vads.test_key));
    // The same change each time: only the source of the send differs.
    const strip = ({ vads_url_check_src: _s, ...rest }: Record<string, string>) => rest;
    expect(strip(ipns[1]!.fields)).toEqual(strip(ipns[0]!.fields));
    expect(strip(ipns[2]!.fields)).toEqual(strip(ipns[0]!.fields));
    const details = await request(gw.app).get(`/v1/events/${captured.id}`).set(gw.auth);
    expect(details.body.delivery_attempts.map((a: { http_status: number }) => a.http_status)).toEqual([
      500, 200, 200,
    ]);
  });

  it('shows them on the development receiver of npm start, verified with the TEST key', async () => {
    const app = express();
    const mailbox = { emails: [], host: '127.0.0.1', port: 0 } as unknown as CatchAllSmtp;
    app.use(
      '/dev',
      devPagesRouter({ mailbox, secrets: async () => [webhookSecret], vadsKey: async () => vads.test_key }),
    );
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dev/webhooks`;
      const fields = form({ vads_url_check: receiverUrl });
      const { paymentId } = await payThroughForm(fields);
      await drainRelay(gw.notify);
      expect((await outbox(paymentId)).at(-1)).toMatchObject({
        type: 'payment.captured',
        status: 'delivered',
      });
      const page = await (await fetch(receiverUrl)).text();
      expect(page).toContain('vads CAPTURED (PAY)');
      expect(page).toContain('signature valid');
      expect(page).toContain(`vads_trans_id=${fields.vads_trans_id}`);
      const forged = await fetch(receiverUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ vads_amount: '1', vads_trans_status: 'CAPTURED', signature: 'x' }),
      });
      expect(forged.status).toBe(400);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('keeps the Standard Webhooks JSON IPN for payments created through the REST API', async () => {
    const before = receiver.received.length;
    const payment = await post(gw, '/v1/payments', {
      amount: 1500,
      currency: 'EUR',
      reference: 'REST-1',
      card: VISA,
    });
    await drainRelay(gw.notify);
    const sent = receiver.received.slice(before);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    const events = sent.map((r) => {
      expect(r.headers['content-type']).toBe('application/json');
      return verifyWebhook(r.rawBody, r.headers as Record<string, string>, webhookSecret, {
        now: clock.now(),
      });
    });
    expect(events.filter((e) => e.data.payment.id === payment.id).map((e) => e.type)).toEqual([
      'payment.processing',
      'payment.captured',
    ]);
  });
});
