import { randomInt } from 'node:crypto';
import { randomBase62 } from '../domain/ids.js';
import { CaisseError } from '../errors/index.js';
import { findShopSettings, type ShopSettings, setVadsCredentials } from '../store/shop-settings-repo.js';
import type { EngineDeps } from './context.js';

export type VadsMode = 'TEST' | 'PRODUCTION';

export interface VadsCredentials {
  siteId: string;
  testKey: string;
  productionKey: string;
}

const purpose = (shopId: string, mode: VadsMode) => `vads-key:${shopId}:${mode}`;

/** Opens a shop's signed-form key of a mode. */
export function openVadsKey(
  deps: Pick<EngineDeps, 'secretBox'>,
  shop: ShopSettings,
  mode: VadsMode,
): string | undefined {
  const sealed = mode === 'TEST' ? shop.vads.sealedTestKey : shop.vads.sealedProductionKey;
  return sealed ? deps.secretBox.openText(sealed, purpose(shop.id, mode)) : undefined;
}

/**
 * The shop's signed-form credentials (DESIGN §4), made on first use: an 8-digit site id, unique
 * across shops (drawn at random; the unique index settles a collision and another is drawn), and a
 * TEST and a PRODUCTION key of 16 base62 characters, stored sealed with the vault.
 */
export async function ensureVadsCredentials(
  deps: Pick<EngineDeps, 'db' | 'secretBox'>,
  shopId: string,
): Promise<VadsCredentials> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const shop = await findShopSettings(deps.db, shopId);
    if (!shop) throw new CaisseError('not_found', { resource: 'shop', id: shopId });
    if (shop.vads.siteId) {
      return {
        siteId: shop.vads.siteId,
        testKey: openVadsKey(deps, shop, 'TEST')!,
        productionKey: openVadsKey(deps, shop, 'PRODUCTION')!,
      };
    }
    const siteId = String(randomInt(10_000_000, 100_000_000));
    try {
      await setVadsCredentials(deps.db, shopId, {
        siteId,
        sealedTestKey: deps.secretBox.seal(randomBase62(16), purpose(shopId, 'TEST')),
        sealedProductionKey: deps.secretBox.seal(randomBase62(16), purpose(shopId, 'PRODUCTION')),
      });
    } catch (error) {
      // Another shop took this site id at the same moment: draw again.
      if ((error as { code?: string }).code !== '23505') throw error;
    }
  }
  throw new Error(`could not give shop ${shopId} a site id`);
}
