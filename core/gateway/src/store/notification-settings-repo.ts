import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Mode } from '../domain/channel.js';
import type { Database, ShopNotificationSettingsTable } from './schema.js';
import type { ShopScope } from './scope.js';

type Db = Kysely<Database> | Transaction<Database>;

/** IPN settings of one shop and mode. Secrets stay sealed here; notify/ opens them. */
export interface NotificationSettingsRecord {
  shopId: string;
  mode: Mode;
  url: string | null;
  secretSealed: string;
  previousSecretSealed: string | null;
  previousSecretExpiresAt: Date | null;
  secretRotatedAt: Date;
  updatedAt: Date;
}

function toRecord(row: Selectable<ShopNotificationSettingsTable>): NotificationSettingsRecord {
  return {
    shopId: row.shop_id,
    mode: row.mode as Mode,
    url: row.notification_url,
    secretSealed: row.secret_sealed,
    previousSecretSealed: row.previous_secret_sealed,
    previousSecretExpiresAt: row.previous_secret_expires_at,
    secretRotatedAt: row.secret_rotated_at,
    updatedAt: row.updated_at,
  };
}

export async function findNotificationSettings(
  db: Db,
  scope: ShopScope,
): Promise<NotificationSettingsRecord | undefined> {
  const row = await db
    .selectFrom('shop_notification_settings')
    .selectAll()
    .where('shop_id', '=', scope.shopId)
    .where('mode', '=', scope.mode)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** Creates the settings of a scope unless they exist; concurrent callers all end up with the same row. */
export async function insertNotificationSettingsIfAbsent(
  db: Db,
  scope: ShopScope,
  input: { secretSealed: string; now: Date },
): Promise<NotificationSettingsRecord> {
  await db
    .insertInto('shop_notification_settings')
    .values({
      shop_id: scope.shopId,
      mode: scope.mode,
      notification_url: null,
      secret_sealed: input.secretSealed,
      secret_rotated_at: input.now,
      updated_at: input.now,
    })
    .onConflict((oc) => oc.columns(['shop_id', 'mode']).doNothing())
    .execute();
  const record = await findNotificationSettings(db, scope);
  if (!record) throw new Error(`notification settings of ${scope.shopId}/${scope.mode} vanished`);
  return record;
}

export async function updateNotificationUrl(
  db: Db,
  scope: ShopScope,
  url: string | null,
  now: Date,
): Promise<void> {
  await db
    .updateTable('shop_notification_settings')
    .set({ notification_url: url, updated_at: now })
    .where('shop_id', '=', scope.shopId)
    .where('mode', '=', scope.mode)
    .execute();
}

export async function updateWebhookSecret(
  db: Db,
  scope: ShopScope,
  input: {
    secretSealed: string;
    previousSecretSealed: string | null;
    previousSecretExpiresAt: Date | null;
    now: Date;
  },
): Promise<void> {
  await db
    .updateTable('shop_notification_settings')
    .set({
      secret_sealed: input.secretSealed,
      previous_secret_sealed: input.previousSecretSealed,
      previous_secret_expires_at: input.previousSecretExpiresAt,
      secret_rotated_at: input.now,
      updated_at: input.now,
    })
    .where('shop_id', '=', scope.shopId)
    .where('mode', '=', scope.mode)
    .execute();
}

/** Locks the settings row of a scope for a read-modify-write (secret rotation). */
export async function lockNotificationSettings(
  trx: Transaction<Database>,
  scope: ShopScope,
): Promise<NotificationSettingsRecord | undefined> {
  const row = await trx
    .selectFrom('shop_notification_settings')
    .selectAll()
    .where('shop_id', '=', scope.shopId)
    .where('mode', '=', scope.mode)
    .forUpdate()
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}
