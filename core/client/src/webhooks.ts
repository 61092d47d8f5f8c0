import { Webhook } from 'standardwebhooks';
import { CaisseWebhookError } from './errors.js';
import type { WebhookEvent } from './types.js';

/**
 * How far webhook-timestamp may be from now, in seconds (the Standard Webhooks default: 5 minutes).
 *
 * @example
 * verifyWebhook(body, headers, secret, { toleranceSeconds: DEFAULT_WEBHOOK_TOLERANCE_SECONDS * 2 });
 */
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * Headers as Node (IncomingHttpHeaders), fetch (Headers) or a plain object give them.
 *
 * @example
 * const headers: WebhookHeaders = req.headers; // Express / node:http
 * const fromFetch: WebhookHeaders = request.headers; // fetch Request
 */
export type WebhookHeaders =
  | Headers
  | Record<string, string | string[] | undefined>
  | { get(name: string): string | null };

/**
 * Options of verifyWebhook.
 *
 * @example
 * verifyWebhook(body, headers, secret, { now: new Date('2026-01-15T10:00:00Z') }); // a test on a fixed clock
 */
export interface VerifyWebhookOptions {
  /** Allowed distance between webhook-timestamp and now, in seconds. Default 300. */
  toleranceSeconds?: number;
  /** "Now", for tests that run on a fixed clock. Default: the system clock. */
  now?: Date;
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const record = headers as Record<string, string | string[] | undefined>;
  let value = record[name];
  if (value === undefined) {
    const key = Object.keys(record).find((k) => k.toLowerCase() === name);
    value = key === undefined ? undefined : record[key];
  }
  return Array.isArray(value) ? value.join(' ') : value;
}

/** Constant-time comparison of two ASCII strings (the signatures are base64). */
function safeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function webhookFor(secret: string): Webhook {
  if (typeof secret !== 'string' || !/^whsec_[A-Za-z0-9+/]+={0,2}$/.test(secret)) {
    throw new CaisseWebhookError(
      'invalid_secret',
      'The secret must be the whsec_… value of GET /v1/shop/notifications/secret for the mode of the IPNs.',
    );
  }
  return new Webhook(secret);
}

/**
 * Verifies an IPN from the gateway and returns its event. Checks, in order: the body is the raw
 * request body (string or Buffer, not a parsed object); the three headers are there; the
 * timestamp is within 5 minutes of now; one of the `v1` signatures is the HMAC-SHA-256, under
 * `secret`, of `webhook-id.webhook-timestamp.body` (compared in constant time). Throws a
 * CaisseWebhookError whose `reason` says which check failed.
 *
 * Receivers must dedupe on `event.id` (also `webhook-id`): an IPN can arrive more than once.
 *
 * @example
 * // Express: keep the raw body for this route.
 * app.post('/caisse/ipn', express.raw({ type: 'application/json' }), (req, res) => {
 *   let event;
 *   try {
 *     event = verifyWebhook(req.body, req.headers, process.env.CAISSE_WEBHOOK_SECRET!);
 *   } catch (error) {
 *     return res.status(400).send((error as CaisseWebhookError).reason);
 *   }
 *   if (event.type === 'payment.captured') markOrderPaid(event.data.payment.reference);
 *   res.sendStatus(204);
 * });
 */
export function verifyWebhook(
  rawBody: string | Uint8Array,
  headers: WebhookHeaders,
  secret: string,
  options: VerifyWebhookOptions = {},
): WebhookEvent {
  let body: string;
  if (typeof rawBody === 'string') body = rawBody;
  else if (rawBody instanceof Uint8Array) body = new TextDecoder('utf-8').decode(rawBody);
  else {
    throw new CaisseWebhookError(
      'body_not_raw',
      `The body must be the raw request body (string or Buffer), not ${rawBody === null ? 'null' : typeof rawBody}: a JSON body parser ran first. Use express.raw({ type: 'application/json' }) or read the body as text for this route.`,
    );
  }
  const webhook = webhookFor(secret);
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) {
    const missing = [
      !id && 'webhook-id',
      !timestamp && 'webhook-timestamp',
      !signatures && 'webhook-signature',
    ].filter(Boolean);
    throw new CaisseWebhookError('missing_headers', `Missing header(s): ${missing.join(', ')}.`);
  }
  if (!/^\d{1,12}$/.test(timestamp)) {
    throw new CaisseWebhookError(
      'invalid_timestamp',
      `webhook-timestamp "${timestamp}" is not a Unix time in seconds.`,
    );
  }
  const seconds = Number(timestamp);
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS;
  if (Math.abs(now - seconds) > tolerance) {
    throw new CaisseWebhookError(
      'stale_timestamp',
      `webhook-timestamp is ${now - seconds} s from now (tolerance ${tolerance} s): a delayed or replayed request, or a clock out of sync.`,
    );
  }
  const expected = webhook.sign(id, new Date(seconds * 1000), body).slice('v1,'.length);
  let matched = false;
  for (const versioned of signatures.split(' ')) {
    const [version, signature] = versioned.split(',');
    // Check every candidate, without stopping early, so timing says nothing about which matched.
    if (version === 'v1' && signature !== undefined && safeEqual(signature, expected)) matched = true;
  }
  if (!matched) {
    throw new CaisseWebhookError(
      'invalid_signature',
      'No v1 signature matches: check the secret (each mode has its own), and that the body is passed exactly as received.',
    );
  }
  let event: unknown;
  try {
    event = JSON.parse(body);
  } catch {
    throw new CaisseWebhookError('invalid_payload', 'The signed body is not JSON.');
  }
  const e = event as Partial<WebhookEvent>;
  if (typeof e?.id !== 'string' || typeof e.type !== 'string' || typeof e.data !== 'object' || e.id !== id) {
    throw new CaisseWebhookError(
      'invalid_payload',
      'The signed body is not a Caisse event (id, type, data).',
    );
  }
  return event as WebhookEvent;
}

/**
 * The three Standard Webhooks headers (and the content type), as generateTestWebhookHeaders makes them.
 *
 * @example
 * const headers: WebhookTestHeaders = generateTestWebhookHeaders(body, secret);
 * headers['webhook-id']; // the event id of the body
 */
export interface WebhookTestHeaders extends Record<string, string> {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
  'content-type': 'application/json';
}

/**
 * Signs a payload the way the gateway does, for integrators' own tests of their IPN endpoint.
 * Pass the exact string you then send as the body.
 *
 * @example
 * const body = JSON.stringify({ id: 'evt_test', type: 'payment.captured', created_at: new Date().toISOString(), source: 'api', data: { payment } });
 * const headers = generateTestWebhookHeaders(body, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
 * await fetch('http://localhost:9000/caisse/ipn', { method: 'POST', headers, body });
 */
export function generateTestWebhookHeaders(
  payload: string,
  secret: string,
  options: { timestamp?: Date; id?: string } = {},
): WebhookTestHeaders {
  if (typeof payload !== 'string') {
    throw new CaisseWebhookError('body_not_raw', 'Pass the payload as the exact string you will send.');
  }
  let id = options.id;
  if (id === undefined) {
    try {
      const parsed = JSON.parse(payload) as { id?: unknown };
      if (typeof parsed.id === 'string') id = parsed.id;
    } catch {
      // not JSON: the caller tests its error handling
    }
  }
  id ??= `evt_test_${Date.now()}`;
  const timestamp = options.timestamp ?? new Date();
  const signature = webhookFor(secret).sign(id, timestamp, payload);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': signature,
    'content-type': 'application/json',
  };
}
