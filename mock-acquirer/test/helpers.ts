import type { MockAcquirer } from '../src/index.js';

export interface Reply<T> {
  status: number;
  body: T;
}

export type Json = Record<string, unknown>;

/** A tiny fetch client for one mock acquirer; `headers` are sent on every call. */
export function client(acquirer: Pick<MockAcquirer, 'url'>, headers: Record<string, string> = {}) {
  async function send<T>(
    method: string,
    path: string,
    body?: unknown,
    extra: RequestInit = {},
  ): Promise<Reply<T>> {
    const response = await fetch(`${acquirer.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...headers,
        ...(extra.headers as Record<string, string>),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      signal: extra.signal ?? null,
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
  return {
    post: <T = Json>(path: string, body?: unknown, extra?: RequestInit) => send<T>('POST', path, body, extra),
    get: <T = Json>(path: string, extra?: RequestInit) => send<T>('GET', path, undefined, extra),
    delete: <T = Json>(path: string) => send<T>('DELETE', path),
  };
}

export function authorizationBody(overrides: Json = {}): Json {
  return {
    reference: 'pay_1',
    merchant_id: 'merchant_1',
    amount: 4200,
    currency: 'EUR',
    card: { number: '4242424242424242', exp_month: 12, exp_year: 2099, cvc: '123' },
    ...overrides,
  };
}

export function cardBody(number: string, overrides: Json = {}): Json {
  return authorizationBody({
    card: { number, exp_month: 12, exp_year: 2099, cvc: '123' },
    ...overrides,
  });
}
