import { CaisseApiError, CaisseConnectionError, CaisseError } from './errors.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, retryDelayMs, shouldRetry } from './retry.js';

/**
 * The HTTP methods of the API.
 *
 * @example
 * const method: HttpMethod = 'POST';
 */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * Options of the client.
 *
 * @example
 * new Caisse(key, { baseUrl: 'https://pay.example.com', timeoutMs: 60_000, retry: { maxRetries: 4 }, appInfo: 'my-shop/1.2' });
 */
export interface ClientOptions {
  /** Where the gateway is, e.g. "https://pay.example.com". Default "http://127.0.0.1:3000". */
  baseUrl?: string;
  /** Retry policy; `maxRetries: 0` disables retries. */
  retry?: Partial<RetryPolicy>;
  /** Per-attempt timeout. Default 30 s (an authorisation can take the acquirer's 10 s and more). */
  timeoutMs?: number;
  /** A fetch implementation (tests, proxies). Default: the global fetch. */
  fetch?: typeof fetch;
  /** Makes Idempotency-Keys. Default: crypto.randomUUID(). */
  idempotencyKey?: () => string;
  /** Appended to the User-Agent, e.g. "my-shop/1.2". */
  appInfo?: string;
}

/**
 * Per-call options, the last argument of every method.
 *
 * @example
 * await caisse.payments.refund(id, { amount: 500 }, { idempotencyKey: `order-42-refund-1`, maxRetries: 5 });
 */
export interface RequestOptions {
  /**
   * The Idempotency-Key of a POST or PATCH. Default: a new one per call, reused by its retries.
   * Pass your own (e.g. the order id + operation) to make a call safe across process restarts.
   */
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** Overrides the client's `retry.maxRetries` for this call. */
  maxRetries?: number;
}

export interface RequestSpec {
  method: HttpMethod;
  path: string;
  query?: Record<string, unknown> | undefined;
  body?: unknown;
  /** Return the Response (e.g. a CSV stream) instead of parsing JSON. */
  raw?: boolean;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Sends requests to the gateway: auth, Idempotency-Keys, retries, problem+json → errors. */
export class HttpClient {
  readonly #secretKey: string;
  readonly #baseUrl: string;
  readonly #retry: RetryPolicy;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;
  readonly #newKey: () => string;
  readonly #userAgent: string;

  constructor(secretKey: string, options: ClientOptions = {}) {
    if (typeof secretKey !== 'string' || !/^sk_(test|live)_/.test(secretKey)) {
      throw new CaisseError('Pass your secret key (sk_test_… or sk_live_…) as the first argument.');
    }
    this.#secretKey = secretKey;
    this.#baseUrl = (options.baseUrl ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
    this.#retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#fetch = options.fetch ?? ((...args) => fetch(...args));
    this.#newKey = options.idempotencyKey ?? (() => globalThis.crypto.randomUUID());
    this.#userAgent = `caisse-client/0.1${options.appInfo ? ` ${options.appInfo}` : ''}`;
  }

  /** Whether the key is a test-mode key. */
  get testMode(): boolean {
    return this.#secretKey.startsWith('sk_test_');
  }

  async request<T>(spec: RequestSpec, options: RequestOptions = {}): Promise<T> {
    const url = `${this.#baseUrl}${spec.path}${queryString(spec.query)}`;
    const needsKey = spec.method === 'POST' || spec.method === 'PATCH';
    const idempotencyKey = needsKey ? (options.idempotencyKey ?? this.#newKey()) : undefined;
    const policy = {
      ...this.#retry,
      ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
    };
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.#secretKey}`,
      accept: spec.raw ? '*/*' : 'application/json',
      'user-agent': this.#userAgent,
    };
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    let body: string | undefined;
    if (spec.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(spec.body);
    }

    for (let retries = 0; ; retries++) {
      let response: Response | undefined;
      let error: CaisseError;
      try {
        const signals = [AbortSignal.timeout(this.#timeoutMs), ...(options.signal ? [options.signal] : [])];
        response = await this.#fetch(url, {
          method: spec.method,
          headers,
          body,
          signal: AbortSignal.any(signals),
          redirect: 'error',
        });
      } catch (cause) {
        if (options.signal?.aborted) throw cause;
        const inner = (cause as { cause?: { code?: string; message?: string } }).cause;
        const reason = inner?.code ?? inner?.message ?? (cause as Error).message;
        error = new CaisseConnectionError(
          `No answer from the gateway at ${this.#baseUrl} (${reason}). ${
            idempotencyKey ? `Retry with the same Idempotency-Key (${idempotencyKey}) to be safe.` : ''
          }`.trim(),
          { cause, idempotencyKey },
        );
      }
      if (response) {
        if (response.ok) {
          if (spec.raw) return response as T;
          return (await response.json()) as T;
        }
        const requestId = response.headers.get('request-id') ?? undefined;
        const payload = await response.json().catch(() => undefined);
        error = CaisseApiError.from(response.status, payload, requestId);
      }
      if (!shouldRetry(error!, retries, policy)) throw error!;
      await sleep(
        retryDelayMs(retries + 1, policy, response?.headers.get('retry-after') ?? null),
        options.signal,
      );
    }
  }
}
