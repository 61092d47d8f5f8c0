import { verifyWebhook } from '@caisse/client';
import { createShop } from '@caisse/gateway';
import {
  createTestGateway,
  drainRelay,
  startWebhookReceiver,
  type TestGateway,
  type WebhookReceiver,
} from '@caisse/gateway/testing';
import request from 'supertest';
import { post, VISA } from './support/notifications.js';

let gw: TestGateway;
let receiver: WebhookReceiver;
let other: { Authorization: string };

beforeAll(async () => {
  gw = await createTestGateway();
  receiver = await startWebhookReceiver();
  const shop = await createShop(gw.store.db, { name: 'Other shop' });
  other = { Authorization: `Bearer ${shop.keys.test}` };
});
afterAll(async () => {
  await receiver.close();
  await gw.close();
});

const api = () => request(gw.app);
const live = () => ({ Authorization: `Bearer ${gw.shop.keys.live}` });

describe('IPN settings', () => {
  it('gives each shop and mode its own URL and whsec_ secret, the secret only on its own endpoint', async () => {
    const settings = await api().get('/v1/shop/notifications').set(gw.auth);
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({ object: 'notification_settings', mode: 'test', url: null });
    expect(JSON.stringify(settings.body)).not.toContain('whsec_');

    const put = await api().put('/v1/shop/notifications').set(gw.auth).send({ url: receiver.url });
    expect(put.body.url).toBe(receiver.url);
    expect((await api().get('/v1/shop/notifications').set(live())).body).toMatchObject({
      mode: 'live',
      url: null,
    });

    const secret = await api().get('/v1/shop/notifications/secret').set(gw.auth);
    expect(secret.headers['cache-control']).toBe('no-store');
    expect(secret.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const liveSecret = await api().get('/v1/shop/notifications/secret').set(live());
    const otherSecret = await api().get('/v1/shop/notifications/secret').set(other);
    expect(new Set([secret.body.secret, liveSecret.body.secret, otherSecret.body.secret]).size).toBe(3);

    // Stored sealed, never in clear.
    const rows = await gw.store.db.selectFrom('shop_notification_settings').select('secret_sealed').execute();
    for (const row of rows) {
      expect(row.secret_sealed).toMatch(/^v1\./);
      expect(row.secret_sealed).not.toContain(secret.body.secret.slice(6, 20));
    }
  });

  it('keeps signing with the previous secret during the grace period after a rotation', async () => {
    const before = (await api().get('/v1/shop/notifications/secret').set(gw.auth)).body.secret as string;
    const rotated = await api()
      .post('/v1/shop/notifications/secret/rotate')
      .set(gw.auth)
      .set('Idempotency-Key', 'rotate-1')
      .send({ previous_secret_valid_hours: 2 });
    expect(rotated.status).toBe(200);
    expect(rotated.body.previous_secret_expires_at).not.toBeNull();
    expect(JSON.stringify(rotated.body)).not.toContain('whsec_');
    const again = await api()
      .post('/v1/shop/notifications/secret/rotate')
      .set(gw.auth)
      .set('Idempotency-Key', 'rotate-1')
      .send({ previous_secret_valid_hours: 2 });
    expect(again.headers['idempotent-replayed']).toBe('true');

    const now = (await api().get('/v1/shop/notifications/secret').set(gw.auth)).body;
    expect(now.secret).not.toBe(before);
    expect(now.previous_secret).toBe(before);

    await post(gw, '/v1/payments', { amount: 100, currency: 'EUR', reference: 'ROT', card: VISA });
    await drainRelay(gw.notify);
    const last = receiver.received.at(-1)!;
    expect((last.headers['webhook-signature'] as string).split(' ')).toHaveLength(2);
    const headers = last.headers as Record<string, string>;
    expect(verifyWebhook(last.rawBody, headers, now.secret).type).toMatch(/^payment\./);
    expect(verifyWebhook(last.rawBody, headers, before).type).toMatch(/^payment\./);

    await api()
      .post('/v1/shop/notifications/secret/rotate')
      .set(gw.auth)
      .send({ previous_secret_valid_hours: 0 });
    const dropped = (await api().get('/v1/shop/notifications/secret').set(gw.auth)).body;
    expect(dropped.previous_secret).toBeNull();
  });

  it.each([
    { body: { url: 'ftp://shop.example/ipn' }, code: 'invalid_field', field: 'url' },
    { body: { url: 'not a url' }, code: 'invalid_field', field: 'url' },
    { body: {}, code: 'missing_field', field: 'url' },
    { body: { url: null, secret: 'x' }, code: 'unknown_field', field: 'secret' },
    { body: { url: `https://shop.example/${'a'.repeat(2100)}` }, code: 'invalid_field', field: 'url' },
  ])('refuses a PUT with 400 $code on $field and changes nothing', async ({ body, code, field }) => {
    const before = (await api().get('/v1/shop/notifications').set(gw.auth)).body;
    const res = await api().put('/v1/shop/notifications').set(gw.auth).send(body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code, field });
    expect((await api().get('/v1/shop/notifications').set(gw.auth)).body).toEqual(before);
  });

  it.each([
    [{ previous_secret_valid_hours: -1 }, 'invalid_field', 'previous_secret_valid_hours'],
    [{ previous_secret_valid_hours: 169 }, 'invalid_field', 'previous_secret_valid_hours'],
    [{ previous_secret_valid_hours: '24' }, 'invalid_field', 'previous_secret_valid_hours'],
    [{ now: true }, 'unknown_field', 'now'],
  ])('refuses a rotation with %j (400 %s on %s) and keeps the secret', async (body, code, field) => {
    const before = (await api().get('/v1/shop/notifications/secret').set(gw.auth)).body.secret;
    const res = await api().post('/v1/shop/notifications/secret/rotate').set(gw.auth).send(body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code, field });
    expect((await api().get('/v1/shop/notifications/secret').set(gw.auth)).body.secret).toBe(before);
  });

  it('refuses a bad notification_url on a payment and creates nothing', async () => {
    const count = async () => (await gw.store.db.selectFrom('payments').select('id').execute()).length;
    const before = await count();
    const res = await api().post('/v1/payments').set(gw.auth).send({
      amount: 100,
      currency: 'EUR',
      reference: 'BAD-URL',
      notification_url: 'javascript:alert(1)',
      card: VISA,
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid_field', field: 'notification_url' });
    expect(await count()).toBe(before);
  });
});

describe('email settings', () => {
  it('changes only the fields given', async () => {
    const first = await api()
      .patch('/v1/shop/emails')
      .set(gw.auth)
      .send({ merchant_address: 'boss@shop.test' });
    expect(first.body).toMatchObject({
      buyer_enabled: true,
      merchant_enabled: true,
      merchant_address: 'boss@shop.test',
    });
    const second = await api().patch('/v1/shop/emails').set(gw.auth).send({ buyer_enabled: false });
    expect(second.body).toMatchObject({
      buyer_enabled: false,
      merchant_enabled: true,
      merchant_address: 'boss@shop.test',
    });
    const cleared = await api()
      .patch('/v1/shop/emails')
      .set(gw.auth)
      .send({ merchant_address: null, buyer_enabled: true });
    expect(cleared.body).toMatchObject({ buyer_enabled: true, merchant_address: null });
    expect((await api().get('/v1/shop/emails').set(other)).body.merchant_address).toBeNull();
  });

  it.each([
    [{}, 'empty_update', undefined],
    [{ merchant_address: 'not-an-email' }, 'invalid_field', 'merchant_address'],
    [{ buyer_enabled: 'yes' }, 'invalid_field', 'buyer_enabled'],
    [{ cc: 'x@y.z' }, 'unknown_field', 'cc'],
  ])('refuses PATCH %j with 400 %s and changes nothing', async (body, code, field) => {
    const before = (await api().get('/v1/shop/emails').set(gw.auth)).body;
    const res = await api().patch('/v1/shop/emails').set(gw.auth).send(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(code);
    expect(res.body.field).toBe(field);
    expect((await api().get('/v1/shop/emails').set(gw.auth)).body).toEqual(before);
  });

  it.each([
    {
      path: '/v1/shop/emails/templates/receipt/en',
      body: { subject: 'x' },
      code: 'invalid_field',
      field: 'template',
    },
    {
      path: '/v1/shop/emails/templates/buyer_confirmation/sv',
      body: { subject: 'x' },
      code: 'invalid_field',
      field: 'language',
    },
    {
      path: '/v1/shop/emails/templates/buyer_confirmation/en',
      body: {},
      code: 'empty_update',
      field: undefined,
    },
    {
      path: '/v1/shop/emails/templates/buyer_confirmation/en',
      body: { subject: null, html: null },
      code: 'empty_update',
      field: undefined,
    },
    {
      path: '/v1/shop/emails/templates/buyer_confirmation/en',
      body: { subject: 'x'.repeat(301) },
      code: 'invalid_field',
      field: 'subject',
    },
    {
      path: '/v1/shop/emails/templates/buyer_confirmation/en',
      body: { subject: '{{#each}}' },
      code: 'invalid_email_template',
      field: 'subject',
    },
    {
      path: '/v1/shop/emails/templates/buyer_confirmation/en',
      body: { text: '{{unknownHelper reference}}' },
      code: 'invalid_email_template',
      field: 'text',
    },
    {
      path: '/v1/shop/emails/templates/buyer_confirmation/en',
      body: { footer: 'x' },
      code: 'unknown_field',
      field: 'footer',
    },
  ])('refuses PUT $path with 400 $code ($field) and stores nothing', async ({ path, body, code, field }) => {
    const res = await api().put(path).set(gw.auth).send(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(code);
    expect(res.body.field).toBe(field);
    expect((await api().get('/v1/shop/emails').set(gw.auth)).body.templates).toEqual([]);
  });
  it('refuses unknown templates and languages on DELETE and preview', async () => {
    const del = await api().delete('/v1/shop/emails/templates/invoice/fr').set(gw.auth);
    expect(del.status).toBe(400);
    expect(del.body).toMatchObject({ code: 'invalid_field', field: 'template' });
    const preview = await api()
      .get('/v1/shop/emails/templates/buyer_confirmation/klingon/preview')
      .set(gw.auth);
    expect(preview.status).toBe(400);
    expect(preview.body).toMatchObject({ code: 'invalid_field', field: 'language' });
  });
});

describe('the events API', () => {
  it('lists, filters and pages events of the shop and mode only', async () => {
    const payment = await post(gw, '/v1/payments', {
      amount: 4321,
      currency: 'EUR',
      reference: 'EVT',
      card: VISA,
    });
    const mine = await api().get('/v1/events').query({ payment: payment.id }).set(gw.auth);
    expect(mine.body.data.map((e: { type: string }) => e.type)).toEqual([
      'payment.captured',
      'payment.processing',
    ]);
    const [captured] = mine.body.data;
    expect(captured).toMatchObject({
      object: 'event',
      source: 'api',
      mode: 'test',
      payment_id: payment.id,
      data: { payment: { id: payment.id, status: 'captured' } },
      delivery: { status: 'pending', attempts: 0 },
    });
    expect(captured.delivery_attempts).toBeUndefined();

    const typed = await api().get('/v1/events').query({ type: 'payment.processing', limit: 1 }).set(gw.auth);
    expect(typed.body.data).toHaveLength(1);
    expect(typed.body.has_more).toBe(true);
    const next = await api()
      .get('/v1/events')
      .query({ type: 'payment.processing', limit: 1, starting_after: typed.body.next_cursor })
      .set(gw.auth);
    expect(next.body.data[0].id).not.toBe(typed.body.data[0].id);

    expect((await api().get('/v1/events').set(other)).body.data).toEqual([]);
    expect((await api().get(`/v1/events/${captured.id}`).set(other)).status).toBe(404);
    expect((await api().get(`/v1/events/${captured.id}`).set(live())).status).toBe(404);
    const replayElsewhere = await api().post(`/v1/events/${captured.id}/replay`).set(other).send({});
    expect(replayElsewhere.status).toBe(404);
  });

  it.each([
    [{ status: 'sent' }, 'invalid_field', 'status'],
    [{ type: 'captured' }, 'invalid_field', 'type'],
    [{ limit: 'many' }, 'invalid_field', 'limit'],
    [{ created_lt: '2026-13-01' }, 'invalid_field', 'created_lt'],
    [{ starting_after: 'evt_unknown' }, 'invalid_event_cursor', 'starting_after'],
    [{ order: 'asc' }, 'unknown_field', 'order'],
  ])('refuses GET /v1/events?%j with 400 %s on %s', async (query, code, field) => {
    const res = await api().get('/v1/events').query(query).set(gw.auth);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code, field });
  });

  it('refuses a replay with a body, and of an unknown event, changing nothing', async () => {
    const [event] = (await api().get('/v1/events').set(gw.auth)).body.data;
    await drainRelay(gw.notify);
    const before = (await api().get(`/v1/events/${event.id}`).set(gw.auth)).body;
    const res = await api().post(`/v1/events/${event.id}/replay`).set(gw.auth).send({ force: true });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'unknown_field', field: 'force' });
    expect((await api().get(`/v1/events/${event.id}`).set(gw.auth)).body).toEqual(before);
    const tooLong = await api()
      .get(`/v1/events/evt_${'x'.repeat(80)}`)
      .set(gw.auth);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toMatchObject({ code: 'invalid_field', field: 'id' });
    const unknown = await api().post('/v1/events/evt_nope/replay').set(gw.auth).send({});
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'not_found' });
  });

  it('documents the new endpoints and fields in the OpenAPI document', async () => {
    const doc = (await api().get('/v1/openapi.json')).body;
    for (const path of [
      '/v1/events',
      '/v1/events/{id}',
      '/v1/events/{id}/replay',
      '/v1/shop/notifications',
      '/v1/shop/notifications/secret',
      '/v1/shop/notifications/secret/rotate',
      '/v1/shop/emails',
      '/v1/shop/emails/templates/{template}/{language}',
      '/v1/operations',
      '/v1/operations.csv',
    ]) {
      expect(doc.paths[path]).toBeDefined();
    }
    expect(doc.components.schemas.CreatePayment.properties.notification_url).toBeDefined();
    expect(doc.components.schemas.Payment.properties.notification_url).toBeDefined();
  });
});
