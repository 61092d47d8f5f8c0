import { request } from 'node:http';

/** An operation as the API showed it to the client. */
export interface SeenOperation {
  id: string;
  type: string;
  status: string;
  amount: number | null;
}

/** A payment as the API showed it to the client. */
export interface SeenPayment {
  id: string;
  status: string;
  amount: number;
  captured_amount: number;
  refunded_amount: number;
  reference: string;
  operations: SeenOperation[];
}

/** What the client was finally told for one request (after its retries). */
export interface Answer {
  key: string;
  method: string;
  path: string;
  /** HTTP status of the last answer; 0 when it never got one before giving up. */
  status: number;
  body: unknown;
  attempts: number;
  /** Payment in the answer, when it is one. */
  payment?: SeenPayment | undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Raw {
  status: number;
  body: unknown;
}

function send(base: string, method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<Raw>((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      {
        method,
        headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
        // One connection per request: a socket kept alive to a killed gateway would only add noise.
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {}
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.setTimeout(15_000, () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

export interface ClientOptions {
  /** Gateways to send to; a request's attempts go round them (several processes behind a balancer). */
  bases: () => string[];
  secretKey: string;
  /** How long a client keeps retrying one request before giving up. */
  giveUpMs?: number;
}

/**
 * A shop's server talking to the API the way the docs say: one Idempotency-Key per intended
 * operation, and on any doubt — no answer, a 5xx, 409 `idempotency_key_in_use`, or 202 (outcome
 * pending) — the same request again with the same key, until a definite answer.
 */
export class ApiClient {
  readonly answers: Answer[] = [];
  retries = 0;
  constructor(private readonly options: ClientOptions) {}

  async call(method: 'POST' | 'GET', path: string, key: string, body?: unknown, bias = 0): Promise<Answer> {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.secretKey}`,
      'idempotency-key': key,
      ...(text === undefined ? {} : { 'content-type': 'application/json' }),
    };
    const deadline = Date.now() + (this.options.giveUpMs ?? 90_000);
    let last: Raw = { status: 0, body: null };
    let attempts = 0;
    while (Date.now() < deadline) {
      const bases = this.options.bases();
      const base = bases[(attempts + bias) % bases.length]!;
      attempts++;
      try {
        last = await send(base, method, path, headers, text);
      } catch (error) {
        last = { status: 0, body: String(error) };
      }
      const code = (last.body as { code?: string } | null)?.code;
      const again =
        last.status === 0 ||
        last.status >= 500 ||
        last.status === 202 ||
        (last.status === 409 && code === 'idempotency_key_in_use');
      if (!again) break;
      this.retries++;
      await sleep(Math.min(1000, 50 * attempts));
    }
    const answer: Answer = {
      key,
      method,
      path,
      status: last.status,
      body: last.body,
      attempts,
      payment: isPayment(last.body) ? last.body : undefined,
    };
    this.answers.push(answer);
    return answer;
  }
}

function isPayment(body: unknown): body is SeenPayment {
  return typeof body === 'object' && body !== null && (body as { object?: string }).object === 'payment';
}
