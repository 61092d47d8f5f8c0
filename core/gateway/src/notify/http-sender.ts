import { RESPONSE_EXCERPT_MAX } from '../domain/notification.js';
import type { IpnRequest } from './ipn-format.js';

export interface SendResult {
  succeeded: boolean;
  httpStatus: number | null;
  /** Why the attempt failed, in words an operator can act on; null on success. */
  error: string | null;
  responseExcerpt: string | null;
  durationMs: number;
}

/**
 * POSTs one IPN. A 2xx acknowledges it; anything else fails the attempt: another status, a
 * redirect (never followed: a moved endpoint must be reconfigured, and following could send the
 * signed body somewhere the shop did not choose), a timeout, a network error.
 */
export async function postIpn(
  url: string,
  request: IpnRequest,
  options: { timeoutMs: number; fetch?: typeof fetch },
): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const doFetch = options.fetch ?? fetch;
  try {
    const response = await doFetch(url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
      headers: {
        'content-type': request.contentType,
        'user-agent': 'Caisse-Webhooks/1',
        ...request.headers,
      },
      body: request.body,
    });
    const excerpt = await readExcerpt(response);
    const status = response.status;
    if (status >= 200 && status < 300) {
      return {
        succeeded: true,
        httpStatus: status,
        error: null,
        responseExcerpt: excerpt,
        durationMs: elapsed(),
      };
    }
    const error =
      status >= 300 && status < 400
        ? `HTTP ${status} redirect${response.headers.get('location') ? ` to ${response.headers.get('location')}` : ''}: redirects are not followed, set the final URL`
        : `HTTP ${status}: the receiver must answer 2xx`;
    return { succeeded: false, httpStatus: status, error, responseExcerpt: excerpt, durationMs: elapsed() };
  } catch (error) {
    return {
      succeeded: false,
      httpStatus: null,
      error: describeFetchError(error, options.timeoutMs),
      responseExcerpt: null,
      durationMs: elapsed(),
    };
  }
}

/** The first bytes of the answer, decoded leniently; the rest is not even read. */
async function readExcerpt(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < RESPONSE_EXCERPT_MAX) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A body cut short still tells us the status; the excerpt is what arrived.
  } finally {
    reader.cancel().catch(() => {});
  }
  if (size === 0) return null;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
  return text.slice(0, RESPONSE_EXCERPT_MAX);
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') {
    return `no answer within ${timeoutMs} ms (timeout)`;
  }
  const code = err.cause?.code;
  if (code) return `${code}: ${err.cause?.message ?? err.message ?? 'network error'}`;
  return err.cause?.message ?? err.message ?? String(error);
}

/** The URL as shown in attempt logs: without user:password, which a shop may put there. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url;
  }
}
