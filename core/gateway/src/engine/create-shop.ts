import type { Kysely } from 'kysely';
import { newId } from '../domain/ids.js';
import { generateSecretKey } from '../http/api/auth.js';
import type { Database } from '../store/schema.js';
import { insertApiKey, insertShop } from '../store/shops-repo.js';

export interface CreatedShop {
  id: string;
  name: string;
  /** Shown once: only their hashes are stored. */
  keys: { test: string; live: string };
}

/** Creates a shop with a secret key per mode (BO10: test mode is there from the first minute). */
export async function createShop(
  db: Kysely<Database>,
  input: { name: string; defaultLanguage?: string },
): Promise<CreatedShop> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) throw new Error('The shop name must have 1 to 200 characters.');
  const id = newId('shop');
  const test = generateSecretKey('test');
  const live = generateSecretKey('live');
  await db.transaction().execute(async (trx) => {
    await insertShop(trx, { id, name, defaultLanguage: input.defaultLanguage });
    await insertApiKey(trx, {
      id: test.id,
      shopId: id,
      mode: 'test',
      secretHash: test.hash,
      prefix: test.prefix,
    });
    await insertApiKey(trx, {
      id: live.id,
      shopId: id,
      mode: 'live',
      secretHash: live.hash,
      prefix: live.prefix,
    });
  });
  return { id, name, keys: { test: test.secret, live: live.secret } };
}
