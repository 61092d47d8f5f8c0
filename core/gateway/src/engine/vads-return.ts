import type { Operation } from '../domain/operation.js';
import type { Payment } from '../domain/payment.js';
import {
  signedVadsResult,
  vadsResultFields,
  vadsResultSource,
  vadsReturnUrl,
} from '../domain/vads/result.js';
import { findShopSettings } from '../store/shop-settings-repo.js';
import type { EngineDeps } from './context.js';
import { openVadsKey } from './vads-credentials.js';

/** How the buyer of a signed-form payment goes back to the shop (vads_return_mode). */
export interface VadsReturn {
  url: string;
  /** null: a plain link without fields (NONE). */
  method: 'GET' | 'POST' | null;
  fields: Record<string, string>;
}

/**
 * The return to the shop of a signed-form payment that is over: the URL of its outcome, and for
 * GET or POST the result fields signed with the shop's key, the way the shop signed its request.
 * Undefined while the payment is still open, or when the shop gave no URL for this outcome.
 */
export async function vadsReturnFor(
  deps: EngineDeps,
  payment: Payment,
  operations: readonly Operation[],
): Promise<VadsReturn | undefined> {
  const ctx = payment.vads;
  if (!ctx) return undefined;
  const url = vadsReturnUrl(payment.status, ctx);
  if (!url) return undefined;
  if (ctx.returnMode === 'NONE') return { url, method: null, fields: {} };
  const shop = await findShopSettings(deps.db, payment.shopId);
  const key = shop && openVadsKey(deps, shop, ctx.ctxMode);
  if (!key) return { url, method: null, fields: {} };
  return {
    url,
    method: ctx.returnMode,
    fields: signedVadsResult(vadsResultFields(vadsResultSource(payment, operations), ctx), key, ctx),
  };
}
