import type {
  RedirectMeansConnector,
  RedirectStartOutcome,
  RedirectStartRequest,
} from './redirect-means-connector.js';
import type {
  AuthenticationInquiry,
  AuthenticationOutcome,
  AuthenticationRequest,
  ThreeDSConnector,
} from './three-ds-connector.js';

export interface MockExtensionsOptions {
  url: string;
  apiKey?: string | undefined;
  timeoutMs?: number | undefined;
}

type Raw = { kind: 'answer'; status: number; body: unknown } | { kind: 'unknown'; reason: string };

interface MockAres {
  trans_status?: unknown;
  eci?: unknown;
  authentication_value?: unknown;
  ds_trans_id?: unknown;
  message_version?: unknown;
  acs_url?: unknown;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const FINAL = new Set(['Y', 'A', 'N', 'U', 'R']);

/** Pure: the mock's ARes (or inquiry answer) → an authentication outcome. Unknown shapes stay unknown. */
export function fromAres(body: unknown): AuthenticationOutcome {
  const a = (body ?? {}) as MockAres;
  const dsTransId = str(a.ds_trans_id);
  const version = str(a.message_version) ?? '2.2.0';
  if (!dsTransId) return { kind: 'unknown', reason: 'ARes without ds_trans_id' };
  if (a.trans_status === 'C') {
    const acsUrl = str(a.acs_url);
    return acsUrl
      ? { kind: 'challenge', dsTransId, acsUrl, version }
      : { kind: 'unknown', reason: 'C without acs_url' };
  }
  if (typeof a.trans_status === 'string' && FINAL.has(a.trans_status)) {
    return {
      kind: 'result',
      transStatus: a.trans_status as 'Y' | 'A' | 'N' | 'U' | 'R',
      eci: str(a.eci),
      authenticationValue: str(a.authentication_value),
      dsTransId,
      version,
    };
  }
  return { kind: 'unknown', reason: `unexpected trans_status ${JSON.stringify(a.trans_status)}` };
}

/**
 * HTTP connector for the mock acquirer's 3-D Secure directory server and redirect means
 * (mock-acquirer/README.md). Like the card connector, a timeout or a 5xx is `unknown`, never guessed.
 */
export class HttpMockExtensions implements ThreeDSConnector, RedirectMeansConnector {
  readonly #url: string;
  readonly #headers: Record<string, string>;
  readonly #timeoutMs: number;
  readonly pageOrigin: string;

  constructor(options: MockExtensionsOptions) {
    this.#url = options.url.replace(/\/+$/, '');
    this.pageOrigin = new URL(this.#url).origin;
    this.#headers = { 'content-type': 'application/json' };
    if (options.apiKey) this.#headers.authorization = `Bearer ${options.apiKey}`;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
  }

  async authenticate(r: AuthenticationRequest): Promise<AuthenticationOutcome> {
    const raw = await this.#send('POST', '/v1/3ds/authenticate', {
      three_ds_server_trans_id: r.serverTransId,
      merchant_id: r.merchantId,
      amount: r.amount,
      currency: r.currency,
      card: { number: r.card.pan, exp_month: r.card.expMonth, exp_year: r.card.expYear },
      message_version: '2.2.0',
      notification_url: r.notificationUrl,
      notification_key: r.notificationKey,
      return_url: r.returnUrl,
    });
    if (raw.kind === 'unknown') return raw;
    if (raw.status !== 200) return { kind: 'unknown', reason: `AReq answered HTTP ${raw.status}` };
    return fromAres(raw.body);
  }

  async inquire(serverTransId: string): Promise<AuthenticationInquiry> {
    const raw = await this.#send('GET', `/v1/3ds/authentications/${encodeURIComponent(serverTransId)}`);
    if (raw.kind === 'unknown') return raw;
    if (raw.status === 404) return { kind: 'not_found' };
    if (raw.status !== 200) return { kind: 'unknown', reason: `3DS inquiry answered HTTP ${raw.status}` };
    return fromAres(raw.body);
  }

  async start(r: RedirectStartRequest): Promise<RedirectStartOutcome> {
    const raw = await this.#send('POST', '/v1/redirect-payments', {
      reference: r.reference,
      merchant_id: r.merchantId,
      means: r.means,
      amount: r.amount,
      currency: r.currency,
      capture: r.capture,
      return_url: r.returnUrl,
      notification_url: r.notificationUrl,
      notification_key: r.notificationKey,
    });
    if (raw.kind === 'unknown') return raw;
    if (raw.status === 400 || raw.status === 409) {
      return { kind: 'refused', reason: `redirect payment refused: HTTP ${raw.status}` };
    }
    const url = str((raw.body as { redirect_url?: unknown } | null)?.redirect_url);
    if (raw.status !== 200 || !url)
      return { kind: 'unknown', reason: `redirect payment answered HTTP ${raw.status}` };
    return { kind: 'started', redirectUrl: url };
  }

  async #send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Raw> {
    try {
      const init: RequestInit = {
        method,
        headers: this.#headers,
        signal: AbortSignal.timeout(this.#timeoutMs),
      };
      if (body !== undefined) init.body = JSON.stringify(body);
      const response = await fetch(this.#url + path, init);
      const text = await response.text();
      try {
        return { kind: 'answer', status: response.status, body: text ? JSON.parse(text) : null };
      } catch {
        return { kind: 'unknown', reason: `HTTP ${response.status} with a body that is not JSON` };
      }
    } catch (error) {
      return { kind: 'unknown', reason: `no answer: ${(error as Error).name}` };
    }
  }
}
