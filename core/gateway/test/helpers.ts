import type { TestGateway } from '@caisse/gateway/testing';
import request from 'supertest';

export const CARDS = {
  visa: '4242424242424242',
  frictionlessY: '4000000000001091',
  frictionlessA: '4000000000001000',
  unavailableU: '4000000000003055',
  rejectedR: '4000000000003097',
  challenge: '4000000000003220',
  challengeFails: '4000000000003063',
  coBadged: '4970100000000006',
  declined: '4000000000000002',
} as const;

export function card(number: string, extra: Record<string, unknown> = {}) {
  return { number, exp_month: 12, exp_year: 2030, cvc: '123', ...extra };
}

/** POST /v1/payments with the shop's test key. */
export function createPayment(gw: TestGateway, body: Record<string, unknown>) {
  return request(gw.app)
    .post('/v1/payments')
    .set(gw.auth)
    .send({ amount: 2490, currency: 'EUR', reference: 'ORDER-1', ...body });
}

export async function getPayment(gw: TestGateway, id: string) {
  return (await request(gw.app).get(`/v1/payments/${id}`).set(gw.auth)).body;
}

/** Outbox events of a payment: the IPN payloads the relay will send. */
export async function eventsOf(gw: TestGateway, paymentId: string) {
  const rows = await gw.deps.db
    .selectFrom('outbox')
    .select(['type', 'payload'])
    .where('payment_id', '=', paymentId)
    .orderBy('seq')
    .execute();
  return rows as { type: string; payload: { data: { payment: Record<string, unknown> } } }[];
}

export async function heldCards(gw: TestGateway, paymentId: string) {
  return gw.deps.db.selectFrom('held_cards').selectAll().where('payment_id', '=', paymentId).execute();
}

/** Fetch without following redirects; returns the status and the Location. */
export async function hop(url: string, init: RequestInit = {}) {
  const response = await fetch(url, { redirect: 'manual', ...init });
  return { status: response.status, location: response.headers.get('location'), text: await response.text() };
}
