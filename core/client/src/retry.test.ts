import { CaisseApiError, CaisseConnectionError, CaisseError, CaisseServerError } from './errors.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs, shouldRetry } from './retry.js';

const api = (status: number, code = 'x') => CaisseApiError.from(status, { code, detail: 'd' });

describe('the retry policy', () => {
  it.each([
    ['a network failure', new CaisseConnectionError('ECONNRESET'), true],
    ['a request still running under the same key', api(409, 'idempotency_key_in_use'), true],
    ['too many requests', api(429, 'rate_limited'), true],
    ['an acquirer outage', api(503, 'acquirer_unavailable'), true],
    ['an internal error', api(500, 'internal_error'), true],
    ['a proxy answering 502', api(502), true],
    ['a method the gateway will never implement', api(501), false],
    ['an illegal transition', api(409, 'illegal_transition'), false],
    ['a key reused with another body', api(409, 'idempotency_key_reused'), false],
    ['a declined capture', api(422, 'operation_declined'), false],
    ['a bad field', api(400, 'invalid_amount'), false],
    ['a bad key', api(401, 'invalid_api_key'), false],
    ['an unknown payment', api(404, 'not_found'), false],
    ['a client-side mistake', new CaisseError('bad argument'), false],
  ])('retries %s: %s', (_what, error, expected) => {
    expect(shouldRetry(error, 0, DEFAULT_RETRY_POLICY)).toBe(expected);
  });

  it('stops after maxRetries', () => {
    const error = new CaisseServerError('down', { status: 503, code: 'acquirer_unavailable' });
    expect(shouldRetry(error, 1, DEFAULT_RETRY_POLICY)).toBe(true);
    expect(shouldRetry(error, 2, DEFAULT_RETRY_POLICY)).toBe(false);
    expect(shouldRetry(error, 0, { ...DEFAULT_RETRY_POLICY, maxRetries: 0 })).toBe(false);
  });

  it('backs off exponentially, with jitter downwards, capped', () => {
    expect(retryDelayMs(1, DEFAULT_RETRY_POLICY, null, () => 0)).toBe(500);
    expect(retryDelayMs(2, DEFAULT_RETRY_POLICY, null, () => 0)).toBe(1000);
    expect(retryDelayMs(2, DEFAULT_RETRY_POLICY, null, () => 0.999)).toBe(500);
    expect(retryDelayMs(10, DEFAULT_RETRY_POLICY, null, () => 0)).toBe(8000);
  });

  it('follows Retry-After in seconds, within the cap', () => {
    expect(retryDelayMs(1, DEFAULT_RETRY_POLICY, '2')).toBe(2000);
    expect(retryDelayMs(1, DEFAULT_RETRY_POLICY, '3600')).toBe(8000);
    expect(retryDelayMs(1, DEFAULT_RETRY_POLICY, 'Wed, 21 Oct 2026 07:28:00 GMT', () => 0)).toBe(500);
  });
});
