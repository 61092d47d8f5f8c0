import { Webhook } from 'standardwebhooks';
import { CaisseWebhookError, type WebhookErrorReason } from './errors.js';
import { generateTestWebhookHeaders, verifyWebhook } from './webhooks.js';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const otherSecret = 'whsec_ZDg4YWFiOWIwZWJlMzZmYzMzMmVmNzAyNjQwYWIxYTU=';
const now = new Date('2026-05-04T10:00:00Z');
const body = JSON.stringify({
  id: 'evt_1',
  type: 'payment.captured',
  created_at: now.toISOString(),
  source: 'api',
  data: { payment: { id: 'pay_1', status: 'captured' } },
});

function reasonOf(fn: () => unknown): WebhookErrorReason | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof CaisseWebhookError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('verifyWebhook', () => {
  const headers = generateTestWebhookHeaders(body, secret, { timestamp: now });

  it('returns the event of a genuine IPN', () => {
    const event = verifyWebhook(body, headers, secret, { now });
    expect(event).toMatchObject({
      id: 'evt_1',
      type: 'payment.captured',
      data: { payment: { id: 'pay_1' } },
    });
  });

  it('agrees with the Standard Webhooks reference implementation', () => {
    const reference = new Webhook(secret).sign('evt_1', now, body);
    expect(headers['webhook-signature']).toBe(reference);
  });

  it('takes a Buffer, a fetch Headers, mixed-case names and several signatures', () => {
    expect(verifyWebhook(Buffer.from(body), headers, secret, { now }).id).toBe('evt_1');
    expect(verifyWebhook(body, new Headers(headers), secret, { now }).id).toBe('evt_1');
    const mixed = {
      'Webhook-Id': headers['webhook-id'],
      'Webhook-Timestamp': headers['webhook-timestamp'],
      'Webhook-Signature': `v1,${'A'.repeat(44)} ${headers['webhook-signature']}`,
    };
    expect(verifyWebhook(body, mixed, secret, { now }).id).toBe('evt_1');
  });

  it('says the body is not raw when a parser already ran', () => {
    expect(reasonOf(() => verifyWebhook(JSON.parse(body), headers, secret, { now }))).toBe('body_not_raw');
  });

  it('says which headers are missing', () => {
    const { 'webhook-signature': _, ...partial } = headers;
    let message = '';
    try {
      verifyWebhook(body, partial, secret, { now });
    } catch (error) {
      message = (error as Error).message;
      expect((error as CaisseWebhookError).reason).toBe('missing_headers');
    }
    expect(message).toBe('Missing header(s): webhook-signature.');
  });

  it('refuses stale and future timestamps beyond 5 minutes, and malformed ones', () => {
    const old = generateTestWebhookHeaders(body, secret, { timestamp: new Date(now.getTime() - 301_000) });
    expect(reasonOf(() => verifyWebhook(body, old, secret, { now }))).toBe('stale_timestamp');
    const late = generateTestWebhookHeaders(body, secret, { timestamp: new Date(now.getTime() + 301_000) });
    expect(reasonOf(() => verifyWebhook(body, late, secret, { now }))).toBe('stale_timestamp');
    const edge = generateTestWebhookHeaders(body, secret, { timestamp: new Date(now.getTime() - 300_000) });
    expect(verifyWebhook(body, edge, secret, { now }).id).toBe('evt_1');
    expect(verifyWebhook(body, old, secret, { now, toleranceSeconds: 600 }).id).toBe('evt_1');
    expect(
      reasonOf(() => verifyWebhook(body, { ...headers, 'webhook-timestamp': '1.7e9' }, secret, { now })),
    ).toBe('invalid_timestamp');
  });

  it('refuses a wrong secret, a changed body and a changed id', () => {
    expect(reasonOf(() => verifyWebhook(body, headers, otherSecret, { now }))).toBe('invalid_signature');
    expect(
      reasonOf(() => verifyWebhook(body.replace('captured', 'refunded'), headers, secret, { now })),
    ).toBe('invalid_signature');
    expect(reasonOf(() => verifyWebhook(body, { ...headers, 'webhook-id': 'evt_2' }, secret, { now }))).toBe(
      'invalid_signature',
    );
    expect(
      reasonOf(() => verifyWebhook(body, { ...headers, 'webhook-signature': 'v2,abc' }, secret, { now })),
    ).toBe('invalid_signature');
  });

  it('refuses a secret that is not a whsec_ secret', () => {
    expect(reasonOf(() => verifyWebhook(body, headers, 'sk_test_abc', { now }))).toBe('invalid_secret');
  });

  it('refuses a signed body that is not a Caisse event', () => {
    const notEvent = JSON.stringify({ hello: 'world' });
    const signed = generateTestWebhookHeaders(notEvent, secret, { timestamp: now, id: 'evt_9' });
    expect(reasonOf(() => verifyWebhook(notEvent, signed, secret, { now }))).toBe('invalid_payload');
  });

  it('uses the system clock by default', () => {
    const fresh = generateTestWebhookHeaders(body, secret);
    expect(verifyWebhook(body, fresh, secret).id).toBe('evt_1');
  });
});
