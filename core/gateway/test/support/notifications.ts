import type { Payment } from '@caisse/client';
import type { TestGateway } from '@caisse/gateway/testing';
import request from 'supertest';

export const VISA = { number: '4242 4242 4242 4242', exp_month: 12, exp_year: 2030, cvc: '123' };
export const DECLINED = { number: '4000 0000 0000 0002', exp_month: 12, exp_year: 2030, cvc: '123' };

/** Points the shop's test-mode IPNs at `url` and returns the signing secret. */
export async function routeIpnsTo(gw: TestGateway, url: string | null): Promise<string> {
  const put = await request(gw.app).put('/v1/shop/notifications').set(gw.auth).send({ url });
  if (put.status !== 200)
    throw new Error(`PUT /v1/shop/notifications: ${put.status} ${JSON.stringify(put.body)}`);
  const secret = await request(gw.app).get('/v1/shop/notifications/secret').set(gw.auth);
  return secret.body.secret as string;
}

let keys = 0;

/**
 * POST through the API with a fresh Idempotency-Key; throws unless the status is the expected one.
 * Typed as a payment, the answer of most calls.
 */
export async function post(
  gw: TestGateway,
  path: string,
  body: object,
  expected = [200, 201],
): Promise<Payment> {
  const res = await request(gw.app)
    .post(path)
    .set(gw.auth)
    .set('Idempotency-Key', `k-${process.pid}-${++keys}-${Date.now()}`)
    .send(body);
  if (!expected.includes(res.status))
    throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Payment;
}
