import { randomBytes } from 'node:crypto';

/** A Standard Webhooks secret: "whsec_" and the base64 of 32 random bytes (the HMAC key). */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** Purpose label of the webhook secrets in the secret box. */
export const WEBHOOK_SECRET_PURPOSE = 'webhook-secret';
