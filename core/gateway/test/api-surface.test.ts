import { Writable } from 'node:stream';
import { createTestGateway, type TestGateway } from '@caisse/gateway/testing';
import { sql } from 'kysely';
import { PaymentResource } from '../src/http/api/payments/schemas.js';
import { createLogger } from '../src/log/logger.js';
import { api, createPayment } from './helpers.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await createTestGateway();
});
afterAll(async () => {
  await gw.close();
});

describe('the API surface', () => {
  it('serves an OpenAPI 3.1 document describing every payment endpoint (among the others), and a reference page', async () => {
    const doc = (await api(gw).get('/v1/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/payments',
        '/v1/payments/{id}',
        '/v1/payments/{id}/cancel',
        '/v1/payments/{id}/capture',
        '/v1/payments/{id}/duplicate',
        '/v1/payments/{id}/events',
        '/v1/payments/{id}/refund',
        '/v1/payments/{id}/validate',
      ]),
    );
    expect(doc.components.schemas.Payment.properties.amount.type).toBe('integer');
    expect(doc.components.securitySchemes.secretKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    const page = await api(gw).get('/v1/docs/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger-ui');
  });

  it('answers payments exactly as the documented Payment schema says', async () => {
    const p = await createPayment(gw, {
      typology: { type: 'on_shipment' },
      customer: { email: 'a@b.fr' },
      metadata: { k: 'v' },
    });
    expect(PaymentResource.safeParse(p).success).toBe(true);
    const list = await api(gw).get('/v1/payments').set(gw.auth);
    for (const item of list.body.data) expect(PaymentResource.safeParse(item).error).toBeUndefined();
  });

  it('reports health and readiness', async () => {
    expect((await api(gw).get('/health')).body).toEqual({ status: 'ok' });
    expect((await api(gw).get('/ready')).body).toMatchObject({ status: 'ready' });
  });
});

describe('card data', () => {
  it('never reaches the database, the journal or the stored events in clear', async () => {
    const pan = '5555555555554444';
    await createPayment(gw, { card: { number: pan, exp_month: 3, exp_year: 2031, cvc: '737' } });
    for (const table of ['payments', 'operations', 'outbox', 'idempotency_keys', 'pending_operations']) {
      const { rows } = await sql<{
        t: string;
      }>`select coalesce(string_agg(t::text, ''), '') as t from ${sql.table(table)} t`.execute(gw.store.db);
      expect(rows[0]!.t).not.toContain(pan);
      expect(rows[0]!.t).not.toContain('"737"');
    }
  });

  it('is redacted by the logger wherever it sits', () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _enc, done) {
        out += chunk;
        done();
      },
    });
    const logger = createLogger({ destination: sink as never });
    logger.info(
      {
        card: { number: '4242424242424242', cvc: '123' },
        body: { card: { number: '4242424242424242' } },
        pan: '4242424242424242',
      },
      'oops',
    );
    logger.info({ req: { headers: { authorization: 'Bearer sk_test_secret' } } }, 'request');
    expect(out).not.toContain('4242424242424242');
    expect(out).not.toContain('"123"');
    expect(out).not.toContain('sk_test_secret');
    expect(out).toContain('[redacted]');
  });
});
