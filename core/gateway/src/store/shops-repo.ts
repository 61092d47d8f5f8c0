import type { Kysely, Transaction } from 'kysely';
import type { Mode } from '../domain/channel.js';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface Shop {
  id: string;
  name: string;
  defaultLanguage: string;
  createdAt: Date;
}

export async function insertShop(
  db: Db,
  shop: { id: string; name: string; defaultLanguage?: string },
): Promise<void> {
  await db
    .insertInto('shops')
    .values({ id: shop.id, name: shop.name, default_language: shop.defaultLanguage })
    .execute();
}

export async function findShop(db: Db, id: string): Promise<Shop | undefined> {
  const row = await db.selectFrom('shops').selectAll().where('id', '=', id).executeTakeFirst();
  return (
    row && { id: row.id, name: row.name, defaultLanguage: row.default_language, createdAt: row.created_at }
  );
}

export async function listShops(db: Db): Promise<Shop[]> {
  const rows = await db.selectFrom('shops').selectAll().orderBy('created_at').execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    defaultLanguage: row.default_language,
    createdAt: row.created_at,
  }));
}

export async function insertApiKey(
  db: Db,
  key: { id: string; shopId: string; mode: Mode; secretHash: Buffer; prefix: string },
): Promise<void> {
  await db
    .insertInto('api_keys')
    .values({
      id: key.id,
      shop_id: key.shopId,
      mode: key.mode,
      secret_hash: key.secretHash,
      prefix: key.prefix,
    })
    .execute();
}

export interface ApiKeyMatch {
  keyId: string;
  shopId: string;
  mode: Mode;
}

/** The active key with this hash. The hash is of a 190-bit random secret, so an index lookup leaks nothing useful. */
export async function findApiKeyByHash(db: Db, secretHash: Buffer): Promise<ApiKeyMatch | undefined> {
  const row = await db
    .selectFrom('api_keys')
    .select(['id', 'shop_id', 'mode'])
    .where('secret_hash', '=', secretHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row && { keyId: row.id, shopId: row.shop_id, mode: row.mode as Mode };
}
