import type { Kysely, Selectable, Transaction } from 'kysely';
import type { PaymentMethodType } from '../domain/payment-method.js';
import type { Database, ShopsTable } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface SupportContact {
  email?: string | undefined;
  phone?: string | undefined;
  url?: string | undefined;
}

/** A shop's settings: its look, its payment means, its support contact and its signed-form keys (sealed). */
export interface ShopSettings {
  id: string;
  name: string;
  defaultLanguage: string;
  paymentMethods: PaymentMethodType[];
  support: SupportContact | null;
  logoAsset: string | null;
  stylesheetAsset: string | null;
  vads: {
    siteId: string | null;
    /** Sealed with the vault (purpose `vads-key:<shop>:<TEST|PRODUCTION>`). */
    sealedTestKey: string | null;
    sealedProductionKey: string | null;
    sha1Allowed: boolean;
  };
}

function toSettings(row: Selectable<ShopsTable>): ShopSettings {
  return {
    id: row.id,
    name: row.name,
    defaultLanguage: row.default_language,
    paymentMethods: (row.payment_methods ?? ['card']) as PaymentMethodType[],
    support: (row.support as SupportContact | null) ?? null,
    logoAsset: row.logo_asset,
    stylesheetAsset: row.stylesheet_asset,
    vads: {
      siteId: row.vads_site_id,
      sealedTestKey: row.vads_test_key,
      sealedProductionKey: row.vads_production_key,
      sha1Allowed: row.vads_sha1_allowed,
    },
  };
}

export async function findShopSettings(
  db: Db,
  shopId: string,
  options: { forUpdate?: boolean } = {},
): Promise<ShopSettings | undefined> {
  let query = db.selectFrom('shops').selectAll().where('id', '=', shopId);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toSettings(row) : undefined;
}

export async function findShopBySiteId(db: Db, siteId: string): Promise<ShopSettings | undefined> {
  const row = await db.selectFrom('shops').selectAll().where('vads_site_id', '=', siteId).executeTakeFirst();
  return row ? toSettings(row) : undefined;
}

export interface ShopSettingsPatch {
  defaultLanguage?: string | undefined;
  paymentMethods?: PaymentMethodType[] | undefined;
  support?: SupportContact | null | undefined;
  vadsSha1Allowed?: boolean | undefined;
  logoAsset?: string | undefined;
  stylesheetAsset?: string | undefined;
}

export async function updateShopSettings(db: Db, shopId: string, patch: ShopSettingsPatch): Promise<void> {
  const set: Record<string, unknown> = {};
  if (patch.defaultLanguage !== undefined) set.default_language = patch.defaultLanguage;
  if (patch.paymentMethods !== undefined) set.payment_methods = JSON.stringify(patch.paymentMethods);
  if (patch.support !== undefined)
    set.support = patch.support === null ? null : JSON.stringify(patch.support);
  if (patch.vadsSha1Allowed !== undefined) set.vads_sha1_allowed = patch.vadsSha1Allowed;
  if (patch.logoAsset !== undefined) set.logo_asset = patch.logoAsset;
  if (patch.stylesheetAsset !== undefined) set.stylesheet_asset = patch.stylesheetAsset;
  if (Object.keys(set).length === 0) return;
  await db.updateTable('shops').set(set).where('id', '=', shopId).execute();
}

/**
 * Gives the shop its signed-form credentials if it has none yet. Returns false when the site id is
 * taken by another shop (the caller draws another one): the unique index decides.
 */
export async function setVadsCredentials(
  db: Db,
  shopId: string,
  credentials: { siteId: string; sealedTestKey: string; sealedProductionKey: string },
): Promise<boolean> {
  const taken = await db
    .selectFrom('shops')
    .select('id')
    .where('vads_site_id', '=', credentials.siteId)
    .executeTakeFirst();
  if (taken) return false;
  await db
    .updateTable('shops')
    .set({
      vads_site_id: credentials.siteId,
      vads_test_key: credentials.sealedTestKey,
      vads_production_key: credentials.sealedProductionKey,
    })
    .where('id', '=', shopId)
    .where('vads_site_id', 'is', null)
    .execute();
  return true;
}

export interface ShopAsset {
  name: string;
  contentType: string;
  body: Buffer;
}

export async function insertShopAsset(db: Db, shopId: string, asset: ShopAsset, now: Date): Promise<void> {
  await db
    .insertInto('shop_assets')
    .values({
      shop_id: shopId,
      name: asset.name,
      content_type: asset.contentType,
      body: asset.body,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['shop_id', 'name']).doNothing())
    .execute();
}

export async function findShopAsset(db: Db, shopId: string, name: string): Promise<ShopAsset | undefined> {
  const row = await db
    .selectFrom('shop_assets')
    .select(['name', 'content_type', 'body'])
    .where('shop_id', '=', shopId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row && { name: row.name, contentType: row.content_type, body: row.body };
}
