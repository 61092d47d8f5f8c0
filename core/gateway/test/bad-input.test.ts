import { createShop } from '@caisse/gateway';
import { createTestGateway, type TestGateway } from '@caisse/gateway/testing';
import { api, createPayment, rowCounts, VISA } from './helpers.js';

let gw: TestGateway;
let authorizedId: string;
let otherShopPaymentId: string;

beforeAll(async () => {
  gw = await createTestGateway();
  authorizedId = (await createPayment(gw, { typology: { type: 'on_shipment' } })).id;
  const other = await createShop(gw.store.db, { name: 'Other shop' });
  const res = await api(gw)
    .post('/v1/payments')
    .set({ Authorization: `Bearer ${other.keys.test}` })
    .send({ amount: 100, currency: 'EUR', reference: 'X', card: VISA });
  otherShopPaymentId = res.body.id;
  // The key reused below was first used for this request.
  await api(gw)
    .post(`/v1/payments/${authorizedId}/events`)
    .set(gw.auth)
    .set('Idempotency-Key', 'used-once')
    .send({ type: 'delivered' });
});
afterAll(async () => {
  await gw.close();
});

const pay = { amount: 5000, currency: 'EUR', reference: 'ORDER-9' };

interface Case {
  name: string;
  method?: 'post' | 'get' | 'patch';
  path?: string | (() => string);
  body?: unknown;
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
  noAuth?: boolean;
  status: number;
  code: string;
  field?: string;
}

const cases: Case[] = [
  { name: 'malformed JSON', raw: '{"amount": 50', status: 400, code: 'invalid_json' },
  { name: 'a JSON array instead of an object', body: [1, 2], status: 400, code: 'invalid_field' },
  {
    name: 'an unknown top-level field',
    body: { ...pay, color: 'red' },
    status: 400,
    code: 'unknown_field',
    field: 'color',
  },
  {
    name: 'an unknown card field',
    body: { ...pay, card: { ...VISA, pin: '1234' } },
    status: 400,
    code: 'unknown_field',
    field: 'card.pin',
  },
  {
    name: 'a number as reference',
    body: { ...pay, reference: 42 },
    status: 400,
    code: 'invalid_field',
    field: 'reference',
  },
  {
    name: 'a float amount',
    body: { ...pay, amount: 50.5 },
    status: 400,
    code: 'invalid_amount',
    field: 'amount',
  },
  {
    name: 'a negative amount',
    body: { ...pay, amount: -5 },
    status: 400,
    code: 'invalid_amount',
    field: 'amount',
  },
  {
    name: 'a zero amount',
    body: { ...pay, amount: 0 },
    status: 400,
    code: 'invalid_amount',
    field: 'amount',
  },
  {
    name: 'an amount as a string',
    body: { ...pay, amount: '5000' },
    status: 400,
    code: 'invalid_amount',
    field: 'amount',
  },
  {
    name: 'a missing amount',
    body: { currency: 'EUR', reference: 'R' },
    status: 400,
    code: 'missing_field',
    field: 'amount',
  },
  {
    name: 'an unknown currency',
    body: { ...pay, currency: 'XYZ' },
    status: 400,
    code: 'unknown_currency',
    field: 'currency',
  },
  {
    name: 'a lower-case currency',
    body: { ...pay, currency: 'eur' },
    status: 400,
    code: 'unknown_currency',
    field: 'currency',
  },
  {
    name: 'a Luhn-invalid card',
    body: { ...pay, card: { ...VISA, number: '4242424242424241' } },
    status: 400,
    code: 'invalid_card_number',
    field: 'card.number',
  },
  {
    name: 'an expired card',
    body: { ...pay, card: { ...VISA, exp_month: 1, exp_year: 2020 } },
    status: 400,
    code: 'card_expired',
  },
  {
    name: 'a 3-digit CVC on Amex',
    body: { ...pay, card: { number: '378282246310005', exp_month: 1, exp_year: 2031, cvc: '123' } },
    status: 400,
    code: 'invalid_cvc',
    field: 'card.cvc',
  },
  {
    name: 'a network the card does not carry',
    body: { ...pay, card: { ...VISA, network: 'cb' } },
    status: 400,
    code: 'invalid_field',
    field: 'card.network',
  },
  {
    name: 'an unknown typology',
    body: { ...pay, typology: { type: 'someday' } },
    status: 400,
    code: 'invalid_field',
    field: 'typology.type',
  },
  {
    name: 'a deferral past the authorisation validity',
    body: { ...pay, card: VISA, typology: { type: 'deferred', days: 7 } },
    status: 400,
    code: 'invalid_typology',
    field: 'typology.days',
  },
  {
    name: 'a MOTO payment without card',
    body: { ...pay, channel: 'moto' },
    status: 400,
    code: 'missing_field',
    field: 'card',
  },
  {
    name: 'an unknown channel',
    body: { ...pay, channel: 'fax' },
    status: 400,
    code: 'invalid_field',
    field: 'channel',
  },
  {
    name: 'a return URL that is not http(s)',
    body: { ...pay, return_url: 'javascript:alert(1)' },
    status: 400,
    code: 'invalid_field',
    field: 'return_url',
  },
  {
    name: 'a body over 1 MB',
    body: { ...pay, metadata: { big: 'x'.repeat(1_100_000) } },
    status: 413,
    code: 'payload_too_large',
  },
  {
    name: 'a form-encoded body',
    raw: 'amount=5000&currency=EUR',
    contentType: 'application/x-www-form-urlencoded',
    status: 415,
    code: 'unsupported_media_type',
  },
  { name: 'no API key', body: pay, noAuth: true, status: 401, code: 'missing_api_key' },
  {
    name: 'a wrong API key',
    body: pay,
    headers: { Authorization: `Bearer sk_test_${'x'.repeat(32)}` },
    status: 401,
    code: 'invalid_api_key',
  },
  {
    name: 'a malformed Idempotency-Key',
    body: pay,
    headers: { 'Idempotency-Key': 'x'.repeat(300) },
    status: 400,
    code: 'invalid_idempotency_key',
  },
  {
    name: 'an Idempotency-Key reused with another body',
    path: () => `/v1/payments/${authorizedId}/events`,
    body: { type: 'shipped' },
    headers: { 'Idempotency-Key': 'used-once' },
    status: 409,
    code: 'idempotency_key_reused',
  },
  {
    name: 'an unknown payment id',
    method: 'get',
    path: '/v1/payments/pay_doesnotexist',
    status: 404,
    code: 'not_found',
  },
  {
    name: "another shop's payment",
    method: 'get',
    path: () => `/v1/payments/${otherShopPaymentId}`,
    status: 404,
    code: 'not_found',
  },
  {
    name: "a capture of another shop's payment",
    path: () => `/v1/payments/${otherShopPaymentId}/capture`,
    body: {},
    status: 404,
    code: 'not_found',
  },
  {
    name: 'a refund of an uncaptured payment',
    path: () => `/v1/payments/${authorizedId}/refund`,
    body: {},
    status: 409,
    code: 'illegal_transition',
  },
  {
    name: 'a capture above the authorised amount',
    path: () => `/v1/payments/${authorizedId}/capture`,
    body: { amount: 5001 },
    status: 409,
    code: 'amount_too_large',
    field: 'amount',
  },
  {
    name: 'a capture with a float amount',
    path: () => `/v1/payments/${authorizedId}/capture`,
    body: { amount: 10.5 },
    status: 400,
    code: 'invalid_amount',
    field: 'amount',
  },
  {
    name: 'a capture with an unknown field',
    path: () => `/v1/payments/${authorizedId}/capture`,
    body: { amount: 100, force: true },
    status: 400,
    code: 'unknown_field',
    field: 'force',
  },
  {
    name: 'an order event of an unknown type',
    path: () => `/v1/payments/${authorizedId}/events`,
    body: { type: 'lost' },
    status: 400,
    code: 'invalid_field',
    field: 'type',
  },
  {
    name: 'a modification raising the amount',
    method: 'patch',
    path: () => `/v1/payments/${authorizedId}`,
    body: { amount: 6000 },
    status: 400,
    code: 'invalid_amount',
    field: 'amount',
  },
  {
    name: 'a capture date on a non-deferred payment',
    method: 'patch',
    path: () => `/v1/payments/${authorizedId}`,
    body: { capture_date: '2030-01-01T00:00:00Z' },
    status: 400,
    code: 'invalid_capture_date',
    field: 'capture_date',
  },
  {
    name: 'an empty modification',
    method: 'patch',
    path: () => `/v1/payments/${authorizedId}`,
    body: {},
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'a list limit above 100',
    method: 'get',
    path: '/v1/payments?limit=1000',
    status: 400,
    code: 'invalid_field',
    field: 'limit',
  },
  {
    name: 'an unknown list filter',
    method: 'get',
    path: '/v1/payments?colour=red',
    status: 400,
    code: 'unknown_field',
    field: 'colour',
  },
  {
    name: 'a list cursor of no payment',
    method: 'get',
    path: '/v1/payments?starting_after=pay_nope',
    status: 400,
    code: 'invalid_cursor',
    field: 'starting_after',
  },
  { name: 'an unknown route', method: 'get', path: '/v1/refunds', status: 404, code: 'route_not_found' },
];

describe('bad input gets a clear 4xx with its code and field, and writes nothing', () => {
  it.each(cases)('$name → $status $code', async (c) => {
    const before = await rowCounts(gw);
    const path = typeof c.path === 'function' ? c.path() : (c.path ?? '/v1/payments');
    let req = api(gw)[c.method ?? 'post'](path);
    if (!c.noAuth) req = req.set(gw.auth);
    if (c.headers) req = req.set(c.headers);
    if (c.raw !== undefined) req = req.set('Content-Type', c.contentType ?? 'application/json').send(c.raw);
    else if (c.body !== undefined) req = req.send(c.body as object);
    const res = await req;

    expect(res.status).toBe(c.status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: c.status, code: c.code, type: `urn:caisse:error:${c.code}` });
    expect(typeof res.body.detail).toBe('string');
    if (c.field) expect(res.body.field).toBe(c.field);
    expect(JSON.stringify(res.body)).not.toContain('4242424242424241');
    expect(await rowCounts(gw)).toEqual(before);
  });
});
