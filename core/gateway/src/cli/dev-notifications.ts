import { ensureVadsCredentials } from '../engine/vads-credentials.js';
import type { Gateway } from '../gateway.js';
import { type CatchAllSmtp, startCatchAllSmtp } from '../notify/dev/catch-all-smtp.js';
import { devPagesRouter } from '../notify/dev/dev-pages.js';
import { getEmailSettings, updateEmailSettings } from '../notify/email-settings.js';
import {
  getNotificationSettings,
  revealWebhookSecrets,
  setNotificationUrl,
  signingSecrets,
} from '../notify/notification-settings.js';

/**
 * What `npm start` adds for notifications: a catch-all SMTP server (unless CAISSE_SMTP_HOST is
 * set), the /dev pages (mailbox, IPN receiver), and a demo shop wired to them.
 */
export async function startDevNotifications(env: NodeJS.ProcessEnv) {
  let mailbox: CatchAllSmtp | undefined;
  if (!env.CAISSE_SMTP_HOST) {
    mailbox = await startCatchAllSmtp();
    env.CAISSE_SMTP_HOST = mailbox.host;
    env.CAISSE_SMTP_PORT = String(mailbox.port);
    env.CAISSE_SMTP_SECURE = 'false';
    env.CAISSE_MAIL_FROM ??= 'Demo shop via Caisse <no-reply@demo.caisse.test>';
  }
  let secrets: () => Promise<string[]> = async () => [];
  let vadsKey: () => Promise<string | undefined> = async () => undefined;
  const router = mailbox
    ? devPagesRouter({ mailbox, secrets: () => secrets(), vadsKey: () => vadsKey() })
    : undefined;

  return {
    router,
    /** Points the demo shop's test-mode IPNs at the receiver page and gives it a merchant address. */
    async attach(gateway: Gateway, url: string, shopId: string): Promise<string[]> {
      const scope = { shopId, mode: 'test' as const };
      secrets = () => signingSecrets(gateway.deps, scope);
      vadsKey = async () => (await ensureVadsCredentials(gateway.deps, shopId)).testKey;
      const receiver = `${url}/dev/webhooks`;
      const current = await getNotificationSettings(gateway.deps, scope);
      // Set it the first time, and follow the port if it moved; a URL the user chose is kept.
      if (
        mailbox &&
        (current.url === null || /^http:\/\/127\.0\.0\.1:\d+\/dev\/webhooks$/.test(current.url))
      ) {
        await setNotificationUrl(gateway.deps, scope, receiver);
      }
      const emails = await getEmailSettings(gateway.deps, shopId);
      if (emails.merchantAddress === null) {
        await updateEmailSettings(gateway.deps, shopId, { merchantAddress: 'merchant@demo.caisse.test' });
      }
      const { secret } = await revealWebhookSecrets(gateway.deps, scope);
      const ipnUrl = (await getNotificationSettings(gateway.deps, scope)).url;
      return [
        `webhook_secret=${secret}`,
        '',
        `  IPN receiver    ${url}/dev/webhooks   (IPNs sent to ${ipnUrl ?? 'nowhere: no notification URL'})`,
        mailbox
          ? `  Mailbox         ${url}/dev/mailbox    (every email sent, caught by a local SMTP server)`
          : `  Emails          sent through ${env.CAISSE_SMTP_HOST}:${env.CAISSE_SMTP_PORT}`,
        '  (add "customer": {"email": "buyer@example.com", "language": "de"} to a payment for the buyer\'s email)',
      ];
    },
    async close(): Promise<void> {
      await mailbox?.close();
    },
  };
}
