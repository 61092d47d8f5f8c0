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

  constructor(options: HttpAcquirerOptions) {
    this.#url = options.url.replace(/\/+$/, '');
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

  async #sendOnce(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Raw> {
    try {
      const init: RequestInit = {
        method,
        headers: this.#headers,
        signal: AbortSignal.timeout(this.#timeoutMs),
      };
      if (body !== undefined) init.body = JSON.stringify(body);
      const response = await fetch(this.#url + path, init);
      const text = await response.text();
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        return {
          kind: 'unknown',
          reason: `acquirer answered HTTP ${response.status} with a body that is not JSON`,
        };
      }
      return { kind: 'answer', status: response.status, body: parsed };
    } catch (error) {
      const code = errorCode(error);
      if (code && NOT_SENT.has(code)) return { kind: 'unknown', reason: `not sent: ${code}` };
      if (error instanceof Error && error.name === 'TimeoutError') {
        return { kind: 'unknown', reason: `no answer within ${this.#timeoutMs} ms` };
      }
      return { kind: 'unknown', reason: `connection failed: ${code ?? (error as Error).message}` };
    }
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
