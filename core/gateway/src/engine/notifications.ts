import { createHmac, timingSafeEqual } from 'node:crypto';
import type { EngineDeps } from './context.js';

/**
 * The key the acquirer signs one notification with (3-D Secure RReq, redirect means outcome):
 * HMAC-SHA-256(notification root key, reference), base64url. It travels to the acquirer inside the
 * authenticated request that starts the step, is never stored, and is recomputed to verify: a key
 * learnt for one payment says nothing about another's.
 */
export function notificationKeyFor(deps: EngineDeps, reference: string): string {
  if (!deps.notificationKey) throw new Error('the gateway has no notification key configured');
  return createHmac('sha256', deps.notificationKey).update(reference).digest('base64url');
}

/** Checks `x-acquirer-signature` (hex HMAC-SHA-256 of the raw body) in constant time. */
export function verifyNotification(
  deps: EngineDeps,
  reference: string,
  rawBody: Buffer,
  signature: string,
): boolean {
  const key = Buffer.from(notificationKeyFor(deps, reference), 'base64url');
  const expected = createHmac('sha256', key).update(rawBody).digest();
  const given = /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Absolute URL on this gateway, from its public base URL. */
export function gatewayUrl(deps: EngineDeps, path: string): string {
  if (!deps.publicUrl) throw new Error('the gateway has no public URL configured');
  return `${deps.publicUrl().replace(/\/+$/, '')}${path}`;
}
