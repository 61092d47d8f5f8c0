import { randomBytes } from 'node:crypto';
import type { Payment } from '../domain/payment.js';
import type { VadsContext } from '../domain/vads/context.js';
import { parseVadsRequest } from '../domain/vads/request.js';
import { signatureAlgorithmOf, verifyVadsSignature } from '../domain/vads/signature.js';
import { CaisseError } from '../errors/index.js';
import { findShopBySiteId } from '../store/shop-settings-repo.js';
import type { EngineDeps } from './context.js';
import { createPayment } from './create-payment.js';
import { openVadsKey, type VadsMode } from './vads-credentials.js';

const malformed = (field: string, detail: string) =>
  new CaisseError('vads_malformed_field', { field, detail }, { field });

/**
 * The signed-form door (DESIGN §4): a shop's page POSTs `vads_*` fields from the buyer's browser.
 * Checked in this order, each refusal writing nothing: the site id names a shop; the signature
 * verifies with that shop's key of vads_ctx_mode (a form signed with the other mode's key, or
 * with SHA-1 the shop has not enabled, is told apart); every field is well formed and supported.
 * Then it is an ordinary payment (create-payment.ts) waiting on the hosted page, with its protocol
 * context kept; a second vads_trans_id for the shop, mode and UTC day is refused by a unique index.
 */
export async function createVadsPayment(
  deps: EngineDeps,
  fields: Readonly<Record<string, string>>,
): Promise<Payment> {
  const siteId = fields['vads_site_id'] ?? '';
  if (!/^\d{8}$/.test(siteId)) throw malformed('vads_site_id', 'it must be the 8 digits of your site id');
  const shop = await findShopBySiteId(deps.db, siteId);
  if (!shop) throw new CaisseError('vads_unknown_site', { site_id: siteId });
  const ctxMode = fields['vads_ctx_mode'];
  if (ctxMode !== 'TEST' && ctxMode !== 'PRODUCTION')
    throw malformed('vads_ctx_mode', 'it must be TEST or PRODUCTION');
  const signature = fields['signature'] ?? '';
  if (signature === '') throw malformed('signature', 'it is required');

  const algorithm = signatureAlgorithmOf(signature);
  const key = openVadsKey(deps, shop, ctxMode);
  const valid = (k: string | undefined) =>
    k !== undefined && verifyVadsSignature(fields, signature, k, algorithm);
  if (!valid(key)) {
    const other: VadsMode = ctxMode === 'TEST' ? 'PRODUCTION' : 'TEST';
    if (valid(openVadsKey(deps, shop, other)))
      throw new CaisseError('vads_wrong_mode_key', { used: other, mode: ctxMode });
    throw new CaisseError('vads_bad_signature', { mode: ctxMode });
  }
  if (algorithm === 'SHA-1' && !shop.vads.sha1Allowed) throw new CaisseError('vads_sha1_not_enabled');

  const request = parseVadsRequest(fields);
  if (
    request.typology.type === 'deferred' &&
    request.typology.days >= deps.config.authorizationValidityDays
  ) {
    throw malformed(
      'vads_capture_delay',
      `it must be below ${deps.config.authorizationValidityDays} days, the validity of an authorisation here`,
    );
  }
  const vads: VadsContext = {
    ...request.context,
    transUuid: randomBytes(16).toString('hex'),
    signatureAlgorithm: algorithm,
  };
  try {
    const view = await createPayment(
      deps,
      { scope: { shopId: shop.id, mode: ctxMode === 'TEST' ? 'test' : 'live' }, source: 'hosted_page' },
      {
        amount: request.amount,
        currency: request.currency,
        reference: request.reference,
        typology: request.typology,
        validation: request.validation,
        channel: 'ecommerce',
        customer: request.customer,
        language: request.language,
        // vads_url_check overrides the shop's notification URL for this payment's IPNs.
        notificationUrl: vads.urlCheck ?? undefined,
        vads,
      },
    );
    return view.payment;
  } catch (error) {
    if ((error as { constraint?: string }).constraint === 'payments_vads_trans') {
      throw new CaisseError('vads_duplicate_trans_id', { trans_id: request.transId, day: request.transDay });
    }
    throw error;
  }
}
