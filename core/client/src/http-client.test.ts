import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Caisse } from './client.js';
import {
  CaisseAuthenticationError,
  CaisseConflictError,
  CaisseConnectionError,
  CaisseInvalidRequestError,
  CaisseServerError,
} from './errors.js';

type Handler = (req: IncomingMessage & { body: string }, res: ServerResponse) => void;

let server: Server;
let baseUrl: string;
let handlers: Handler[] = [];
const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const handler = handlers.shift() ?? ((_r, s) => json(s, 200, { id: 'pay_1', object: 'payment' }));
      handler(Object.assign(req, { body }), res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  handlers = [];
  seen.length = 0;
});

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': 'req_test', ...headers });
  res.end(JSON.stringify(body));
}
const problem = (res: ServerResponse, status: number, code: string, field?: string) =>
  json(res, status, {
    type: `urn:caisse:error:${code}`,
    title: code,
    status,
    detail: `detail of ${code}`,
    code,
    field,
  });

const client = (maxRetries = 2) =>
  new Caisse('sk_test_abc', { baseUrl, retry: { maxRetries, baseDelayMs: 1, maxDelayMs: 5 } });

describe('the HTTP client', () => {
  it('sends the key, JSON and a fresh Idempotency-Key on every POST, none on GET', async () => {
    const caisse = client();
    await caisse.payments.create({ amount: 100, currency: 'EUR', reference: 'R' });
    await caisse.payments.create({ amount: 100, currency: 'EUR', reference: 'R' });
    await caisse.payments.retrieve('pay_1');
    const [a, b, c] = seen;
    expect(a).toMatchObject({ method: 'POST', url: '/v1/payments' });
    expect(JSON.parse(a!.body)).toEqual({ amount: 100, currency: 'EUR', reference: 'R' });
    expect(a!.headers.authorization).toBe('Bearer sk_test_abc');
    expect(a!.headers['content-type']).toBe('application/json');
    expect(a!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(b!.headers['idempotency-key']).not.toBe(a!.headers['idempotency-key']);
    expect(c).toMatchObject({ method: 'GET', url: '/v1/payments/pay_1' });
    expect(c!.headers['idempotency-key']).toBeUndefined();
  });

  it('reuses the same Idempotency-Key on each retry', async () => {
    handlers = [
      (_req, res) => problem(res, 409, 'idempotency_key_in_use'),
      (req) => req.socket.destroy(),
      (_req, res) => problem(res, 503, 'acquirer_unavailable'),
      (_req, res) => json(res, 200, { id: 'pay_1', status: 'captured' }),
    ];
    const payment = await client(3).payments.capture('pay_1', { amount: 50 });
    expect(payment).toMatchObject({ status: 'captured' });
    expect(seen).toHaveLength(4);
    expect(new Set(seen.map((s) => s.headers['idempotency-key'])).size).toBe(1);
    expect(seen.every((s) => s.url === '/v1/payments/pay_1/capture')).toBe(true);
  });

  it('uses the caller’s Idempotency-Key when given', async () => {
    await client().payments.cancel('pay_1', { idempotencyKey: 'order-42-cancel' });
    expect(seen[0]!.headers['idempotency-key']).toBe('order-42-cancel');
    expect(seen[0]!.body).toBe('{}');
  });

  it('does not retry what would fail again, and says what is wrong', async () => {
    handlers = [(_req, res) => problem(res, 400, 'invalid_amount', 'amount')];
    const error = await client()
      .payments.refund('pay_1', { amount: -1 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(CaisseInvalidRequestError);
    expect(error).toMatchObject({
      status: 400,
      code: 'invalid_amount',
      field: 'amount',
      requestId: 'req_test',
    });
    expect(seen).toHaveLength(1);

    handlers = [(_req, res) => problem(res, 409, 'illegal_transition')];
    await expect(client().payments.capture('pay_1')).rejects.toBeInstanceOf(CaisseConflictError);
    handlers = [(_req, res) => problem(res, 401, 'invalid_api_key')];
    await expect(client().payments.list()).rejects.toBeInstanceOf(CaisseAuthenticationError);
  });

  it('gives up after the retries with the last error', async () => {
    handlers = [1, 2, 3].map(() => (_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
    });
    const error = await client(2)
      .payments.list()
      .catch((e) => e);
    expect(error).toBeInstanceOf(CaisseServerError);
    expect(error.code).toBe('http_502');
    expect(seen).toHaveLength(3);
  });

  it('reports a gateway it cannot reach, with the key to retry with', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const caisse = new Caisse('sk_test_abc', {
      baseUrl: `http://127.0.0.1:${port}`,
      retry: { maxRetries: 1, baseDelayMs: 1 },
    });
    const error = await caisse.payments
      .create({ amount: 1, currency: 'EUR', reference: 'R' }, { idempotencyKey: 'k1' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(CaisseConnectionError);
    expect(error.idempotencyKey).toBe('k1');
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('encodes path parameters and builds query strings', async () => {
    handlers = [
      (_req, res) => json(res, 200, { object: 'list', data: [], has_more: false, next_cursor: null }),
    ];
    await client().events.list({ type: 'payment.captured', payment: 'pay_1', limit: 5 });
    expect(seen[0]!.url).toBe('/v1/events?type=payment.captured&payment=pay_1&limit=5');
    await client().payments.retrieve('pay/../x');
    expect(seen[1]!.url).toBe('/v1/payments/pay%2F..%2Fx');
    await expect(client().payments.retrieve('')).rejects.toThrow(/non-empty string id/);
  });

  it('walks every page of a list', async () => {
    handlers = [
      (_req, res) =>
        json(res, 200, {
          object: 'list',
          data: [{ id: 'a' }, { id: 'b' }],
          has_more: true,
          next_cursor: 'b',
        }),
      (_req, res) =>
        json(res, 200, { object: 'list', data: [{ id: 'c' }], has_more: false, next_cursor: null }),
    ];
    const ids: string[] = [];
    for await (const p of client().payments.iterate({ limit: 2 })) ids.push(p.id);
    expect(ids).toEqual(['a', 'b', 'c']);
    expect(seen.map((s) => s.url)).toEqual(['/v1/payments?limit=2', '/v1/payments?limit=2&starting_after=b']);
  });

  it('refuses to start without a secret key', () => {
    expect(() => new Caisse('pk_abc')).toThrow(/sk_test_/);
  });
});
