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
export function postPayment(gw: TestGateway, body: Record<string, unknown>) {
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

/** A browser without JavaScript: keeps the page's cookie, reads its CSRF token, posts its forms. */
export class FormClient {
  #cookies = new Map<string, string>();

  async get(url: string, headers: Record<string, string> = {}) {
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { ...headers, cookie: this.#cookie() },
    });
    this.#keep(response);
    const text = await response.text();
    return {
      status: response.status,
      location: response.headers.get('location'),
      text,
      headers: response.headers,
    };
  }

  async post(url: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    const response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...headers, cookie: this.#cookie(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
    this.#keep(response);
    const text = await response.text();
    return {
      status: response.status,
      location: response.headers.get('location'),
      text,
      headers: response.headers,
    };
  }

  #cookie(): string {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  #keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      this.#cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  }
}

/** The CSRF token of the first form of a page. */
export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token in the page');
  return m[1]!;
}

export const FUTURE = { exp_month: '12', exp_year: '2030' };
