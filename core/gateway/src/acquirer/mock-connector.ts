import http from 'node:http';
import https from 'node:https';
import type {
  AcquirerConnector,
  AuthorizationOutcome,
  AuthorizationRequest,
  FollowUpRequest,
  InquiryOutcome,
  OperationOutcome,
  ReversalRequest,
} from './connector.js';
import {
  fromAuthorizationAnswer,
  fromInquiryAnswer,
  fromOperationAnswer,
  toAuthorizationBody,
  toFollowUpBody,
  toReversalBody,
} from './mock-transformers.js';

export interface HttpAcquirerOptions {
  /** Base URL of the mock acquirer, e.g. http://127.0.0.1:4100 */
  url: string;
  apiKey?: string | undefined;
  /** Per-call timeout; past it the outcome is unknown (default 10 s). */
  timeoutMs?: number | undefined;
  /** Attempts for calls that certainly were not processed (connection refused, 503). Default 3. */
  attempts?: number | undefined;
}

type Raw = { kind: 'answer'; status: number; body: unknown } | { kind: 'unknown'; reason: string };

/** Errors raised before any byte of the request could reach the acquirer: safe to retry. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * HTTP connector for the mock acquirer (and any acquirer speaking its protocol). It classifies
 * answers: a JSON 200 is definite; 503 and refused connections are retried (nothing was
 * processed); a timeout, a dropped connection or any other 5xx is `unknown` and left to inquiry.
 */
export class HttpAcquirerConnector implements AcquirerConnector {
  readonly #url: string;
  readonly #headers: Record<string, string>;
  readonly #timeoutMs: number;
  readonly #attempts: number;
  readonly #transport: typeof http | typeof https;
  readonly #agent: http.Agent;

  constructor(options: HttpAcquirerOptions) {
    this.#url = options.url.replace(/\/+$/, '');
    const secure = this.#url.startsWith('https:');
    this.#transport = secure ? https : http;
    // Idle sockets are closed after 4 s, before the usual 5 s server keep-alive, so a request is
    // never written on a socket the acquirer is closing (it would be an unknown outcome).
    this.#agent = new (secure ? https.Agent : http.Agent)({
      keepAlive: true,
      timeout: 4000,
      maxSockets: 256,
    });
    this.#headers = { 'content-type': 'application/json' };
    if (options.apiKey) this.#headers.authorization = `Bearer ${options.apiKey}`;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#attempts = options.attempts ?? 3;
  }

  async authorize(request: AuthorizationRequest): Promise<AuthorizationOutcome> {
    const raw = await this.#send('POST', '/v1/authorizations', toAuthorizationBody(request));
    if (raw.kind === 'unknown') return raw;
    if (raw.status !== 200) return { kind: 'unknown', reason: `authorisation answered HTTP ${raw.status}` };
    return fromAuthorizationAnswer(raw.body);
  }

  capture(request: FollowUpRequest): Promise<OperationOutcome> {
    return this.#operation('/v1/captures', toFollowUpBody(request));
  }

  refund(request: FollowUpRequest): Promise<OperationOutcome> {
    return this.#operation('/v1/refunds', toFollowUpBody(request));
  }

  reverse(request: ReversalRequest): Promise<OperationOutcome> {
    return this.#operation('/v1/reversals', toReversalBody(request));
  }

  async inquire(reference: string): Promise<InquiryOutcome> {
    const raw = await this.#send('GET', `/v1/operations/${encodeURIComponent(reference)}`);
    if (raw.kind === 'unknown') return raw;
    return fromInquiryAnswer(raw.status, raw.body);
  }

  async #operation(path: string, body: unknown): Promise<OperationOutcome> {
    const raw = await this.#send('POST', path, body);
    if (raw.kind === 'unknown') return raw;
    if (raw.status !== 200) return { kind: 'unknown', reason: `${path} answered HTTP ${raw.status}` };
    return fromOperationAnswer(raw.body);
  }

  async #send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Raw> {
    let last: Raw = { kind: 'unknown', reason: 'not attempted' };
    for (let attempt = 1; attempt <= this.#attempts; attempt++) {
      last = await this.#sendOnce(method, path, body);
      const retryable =
        (last.kind === 'answer' && last.status === 503) ||
        (last.kind === 'unknown' && last.reason.startsWith('not sent'));
      if (!retryable) return last;
      if (attempt < this.#attempts) await new Promise((r) => setTimeout(r, 50 * attempt));
    }
    // Still not processed after every attempt: report unknown so the engine takes the safe path.
    return last.kind === 'answer'
      ? { kind: 'unknown', reason: `acquirer answered HTTP ${last.status}` }
      : last;
  }

  /**
   * One HTTP exchange over a keep-alive agent (node:http rather than fetch: a payment's acquirer
   * call was a tenth of the gateway's CPU through fetch). The timeout covers the whole exchange,
   * body included: past it, the outcome is unknown.
   */
  #sendOnce(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Raw> {
    return new Promise<Raw>((resolve) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers: Record<string, string | number> = { ...this.#headers };
      if (payload !== undefined) headers['content-length'] = Buffer.byteLength(payload);
      let settled = false;
      const done = (raw: Raw) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(raw);
      };
      const failed = (error: unknown) => {
        const code = errorCode(error);
        if (code && NOT_SENT.has(code)) return done({ kind: 'unknown', reason: `not sent: ${code}` });
        done({ kind: 'unknown', reason: `connection failed: ${code ?? (error as Error).message}` });
      };
      const req = this.#transport.request(this.#url + path, { method, headers, agent: this.#agent });
      const timer = setTimeout(() => {
        done({ kind: 'unknown', reason: `no answer within ${this.#timeoutMs} ms` });
        req.destroy();
      }, this.#timeoutMs);
      req.on('error', failed);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', failed);
        res.on('aborted', () => failed(new Error('the answer was cut short')));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = null;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            return done({
              kind: 'unknown',
              reason: `acquirer answered HTTP ${res.statusCode} with a body that is not JSON`,
            });
          }
          done({ kind: 'answer', status: res.statusCode ?? 0, body: parsed });
        });
      });
      req.end(payload);
    });
  }
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
