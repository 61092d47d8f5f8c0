import { Webhook } from 'standardwebhooks';
import type { IpnFormat, IpnFormatInput, IpnRequest } from './ipn-format.js';

/**
 * Standard Webhooks (https://www.standardwebhooks.com): `webhook-id` is the event id (receivers
 * dedupe on it; retries and replays reuse it), `webhook-timestamp` the Unix time of this attempt,
 * `webhook-signature` "v1,<base64 HMAC-SHA-256 of id.timestamp.body>" under each valid secret,
 * space-separated, so a receiver holding either secret verifies during a rotation.
 */
export const standardWebhooksFormat: IpnFormat = {
  name: 'standard-webhooks',
  async render({ event, timestamp, secrets: readSecrets }: IpnFormatInput): Promise<IpnRequest> {
    const secrets = await readSecrets();
    if (secrets.length === 0) throw new Error(`no webhook secret to sign event ${event.id}`);
    const p = event.payload;
    // The top-level keys in the documented order (jsonb does not keep the order it was given).
    const body = JSON.stringify({
      id: p.id,
      type: p.type,
      created_at: p.created_at,
      source: p.source,
      data: p.data,
    });
    const signature = secrets.map((secret) => new Webhook(secret).sign(event.id, timestamp, body)).join(' ');
    return {
      contentType: 'application/json',
      body,
      headers: {
        'webhook-id': event.id,
        'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'webhook-signature': signature,
      },
    };
  },
};
