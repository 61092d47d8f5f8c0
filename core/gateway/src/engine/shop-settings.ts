import type { Mode } from '../domain/channel.js';
import type { Language } from '../domain/language.js';
import type { PaymentMethodType } from '../domain/payment-method.js';
import { CaisseError, fieldError } from '../errors/index.js';
import {
  findShopSettings,
  type ShopSettings,
  type SupportContact,
  updateShopSettings,
} from '../store/shop-settings-repo.js';
import type { EngineDeps } from './context.js';
import { ensureVadsCredentials } from './vads-credentials.js';

export interface ShopSettingsView {
  settings: ShopSettings;
  /** Signed-form keys readable by this mode: the TEST key always, the PRODUCTION key from live mode only. */
  vads: { siteId: string; testKey: string; productionKey: string | null; sha1Allowed: boolean };
}

/**
 * The shop's settings as its API key may read them. A test key (often in developers' hands) never
 * reads the PRODUCTION signing key.
 */
export async function getShopSettings(
  deps: EngineDeps,
  shopId: string,
  mode: Mode,
): Promise<ShopSettingsView> {
  const credentials = await ensureVadsCredentials(deps, shopId);
  const settings = await findShopSettings(deps.db, shopId);
  if (!settings) throw new CaisseError('not_found', { resource: 'shop', id: shopId });
  return {
    settings,
    vads: {
      siteId: credentials.siteId,
      testKey: credentials.testKey,
      productionKey: mode === 'live' ? credentials.productionKey : null,
      sha1Allowed: settings.vads.sha1Allowed,
    },
  };
}

export interface ShopSettingsInput {
  defaultLanguage?: Language | undefined;
  paymentMethods?: PaymentMethodType[] | undefined;
  support?: SupportContact | null | undefined;
  vadsSha1Allowed?: boolean | undefined;
}

/** Changes a shop's page settings: default language, enabled payment means, support contact (DOC5). */
export async function changeShopSettings(
  deps: EngineDeps,
  shopId: string,
  mode: Mode,
  input: ShopSettingsInput,
): Promise<ShopSettingsView> {
  if (input.paymentMethods !== undefined && input.paymentMethods.length === 0) {
    throw fieldError('invalid_field', 'payment_methods', { detail: 'enable at least one payment means' });
  }
  await deps.db.transaction().execute(async (trx) => {
    const shop = await findShopSettings(trx, shopId, { forUpdate: true });
    if (!shop) throw new CaisseError('not_found', { resource: 'shop', id: shopId });
    await updateShopSettings(trx, shopId, {
      defaultLanguage: input.defaultLanguage,
      paymentMethods: input.paymentMethods ? [...new Set(input.paymentMethods)] : undefined,
      support: input.support,
      vadsSha1Allowed: input.vadsSha1Allowed,
    });
  });
  return getShopSettings(deps, shopId, mode);
}
