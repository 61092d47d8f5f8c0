import { createHmac } from 'node:crypto';

/** Header carrying the hex HMAC-SHA-256 of the raw JSON body, keyed with the request's notification_key. */
export const SIGNATURE_HEADER = 'x-acquirer-signature';

export function signNotification(body: string, key: string): string {
  return createHmac('sha256', Buffer.from(key, 'base64url')).update(body).digest('hex');
}

/**
 * Pushes a result to the gateway, server to server (the RReq of 3-D Secure, the outcome of a
 * redirect means), and waits for its answer, as a directory server does. A failure is not retried
 * here: the gateway settles what it missed by inquiry when the buyer comes back.
 */
export async function pushNotification(url: string, key: string, payload: unknown): Promise<boolean> {
  const body = JSON.stringify(payload);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signNotification(body, key) },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}
