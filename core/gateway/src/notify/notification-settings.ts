import type { Kysely } from 'kysely';
import type { Mode } from '../domain/channel.js';
import type { Clock } from '../domain/clock.js';
import {
  findNotificationSettings,
  insertNotificationSettingsIfAbsent,
  lockNotificationSettings,
  type NotificationSettingsRecord,
  updateNotificationUrl,
  updateWebhookSecret,
} from '../store/notification-settings-repo.js';
import type { Database } from '../store/schema.js';
import type { ShopScope } from '../store/scope.js';
import type { SecretBox } from '../vault/secret-box.js';
import { generateWebhookSecret, WEBHOOK_SECRET_PURPOSE } from './webhook-secret.js';

/** The engine's and the relay's deps both satisfy this. */
export interface SettingsDeps {
  db: Kysely<Database>;
  clock: Clock;
  secretBox: SecretBox;
}

/** IPN settings of a shop and mode, as the API shows them: never the secret itself. */
export interface NotificationSettings {
  mode: Mode;
  url: string | null;
  secretRotatedAt: Date;
  /** Until when the secret before the last rotation still signs IPNs (null: it no longer does). */
  previousSecretExpiresAt: Date | null;
}

function toSettings(record: NotificationSettingsRecord, now: Date): NotificationSettings {
  const previousValid = record.previousSecretExpiresAt !== null && record.previousSecretExpiresAt > now;
  return {
    mode: record.mode,
    url: record.url,
    secretRotatedAt: record.secretRotatedAt,
    previousSecretExpiresAt: previousValid ? record.previousSecretExpiresAt : null,
  };
}

/** The settings of a scope, created with a fresh secret the first time anyone asks. */
export async function ensureNotificationSettings(
  deps: SettingsDeps,
  scope: ShopScope,
): Promise<NotificationSettingsRecord> {
  const found = await findNotificationSettings(deps.db, scope);
  if (found) return found;
  return insertNotificationSettingsIfAbsent(deps.db, scope, {
    secretSealed: deps.secretBox.seal(generateWebhookSecret(), WEBHOOK_SECRET_PURPOSE),
    now: deps.clock.now(),
  });
}

export async function getNotificationSettings(
  deps: SettingsDeps,
  scope: ShopScope,
): Promise<NotificationSettings> {
  return toSettings(await ensureNotificationSettings(deps, scope), deps.clock.now());
}

/** Sets (or, with null, removes) where the shop's IPNs go in this mode. */
export async function setNotificationUrl(
  deps: SettingsDeps,
  scope: ShopScope,
  url: string | null,
): Promise<NotificationSettings> {
  await ensureNotificationSettings(deps, scope);
  await updateNotificationUrl(deps.db, scope, url, deps.clock.now());
  return getNotificationSettings(deps, scope);
}

/**
 * Replaces the signing secret. The previous one keeps signing (IPNs then carry two signatures)
 * for `previousValidHours`, so receivers can switch without losing an IPN; 0 drops it at once.
 */
export async function rotateWebhookSecret(
  deps: SettingsDeps,
  scope: ShopScope,
  input: { previousValidHours: number },
): Promise<NotificationSettings> {
  await ensureNotificationSettings(deps, scope);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const current = await lockNotificationSettings(trx, scope);
    if (!current) throw new Error(`notification settings of ${scope.shopId}/${scope.mode} vanished`);
    const keep = input.previousValidHours > 0;
    await updateWebhookSecret(trx, scope, {
      secretSealed: deps.secretBox.seal(generateWebhookSecret(), WEBHOOK_SECRET_PURPOSE),
      previousSecretSealed: keep ? current.secretSealed : null,
      previousSecretExpiresAt: keep ? new Date(now.getTime() + input.previousValidHours * 3600_000) : null,
      now,
    });
  });
  return getNotificationSettings(deps, scope);
}

export interface RevealedSecrets {
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

/** The secrets in clear, for the shop's own API call and for signing. */
export async function revealWebhookSecrets(deps: SettingsDeps, scope: ShopScope): Promise<RevealedSecrets> {
  const record = await ensureNotificationSettings(deps, scope);
  const now = deps.clock.now();
  const previousValid =
    record.previousSecretSealed !== null &&
    record.previousSecretExpiresAt !== null &&
    record.previousSecretExpiresAt > now;
  return {
    secret: deps.secretBox.openText(record.secretSealed, WEBHOOK_SECRET_PURPOSE),
    previousSecret: previousValid
      ? deps.secretBox.openText(record.previousSecretSealed!, WEBHOOK_SECRET_PURPOSE)
      : null,
    previousSecretExpiresAt: previousValid ? record.previousSecretExpiresAt : null,
  };
}

/** The secrets an IPN is signed with now: the current one, and the previous one during its grace period. */
export async function signingSecrets(deps: SettingsDeps, scope: ShopScope): Promise<string[]> {
  const revealed = await revealWebhookSecrets(deps, scope);
  return revealed.previousSecret ? [revealed.secret, revealed.previousSecret] : [revealed.secret];
}
