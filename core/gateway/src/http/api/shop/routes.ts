import express, { type RequestHandler, Router } from 'express';
import type { EngineDeps } from '../../../engine/context.js';
import { uploadLogo, uploadStylesheet } from '../../../engine/shop-look.js';
import { changeShopSettings, getShopSettings, type ShopSettingsView } from '../../../engine/shop-settings.js';
import { CaisseError } from '../../../errors/index.js';
import { scopeOf } from '../auth.js';
import { idempotent } from '../idempotency.js';
import { parseInput } from '../validate.js';
import { ShopSettingsPatchBody } from './schemas.js';

const UPLOAD_PATHS = new Set(['/shop/logo', '/shop/stylesheet']);

/**
 * Bodies of PUT /v1/shop/logo and /v1/shop/stylesheet, read as bytes (an image, a CSS file) before
 * the API's JSON parser; the limits here are above the domain's so that the domain says why.
 */
export const shopUploadBodies: RequestHandler = (req, res, next) => {
  if (req.method !== 'PUT' || !UPLOAD_PATHS.has(req.path)) return next();
  return express.raw({ type: () => true, limit: '1mb' })(req, res, next);
};

export interface ShopRouterOptions {
  idempotencyLockMs: number;
  idempotencyWaitMs: number;
}

/** The shop's own settings and look (FORM1, CUS2, DOC5) and its signed-form credentials. */
export function shopRouter(deps: EngineDeps, options: ShopRouterOptions): Router {
  const router = Router();
  const assetUrl = (shopId: string, name: string | null) =>
    name ? `${deps.publicUrl?.() ?? ''}/assets/shops/${shopId}/${name}` : null;
  const resource = ({ settings, vads }: ShopSettingsView) => ({
    object: 'shop_settings' as const,
    id: settings.id,
    name: settings.name,
    default_language: settings.defaultLanguage,
    payment_methods: settings.paymentMethods,
    support: settings.support,
    logo_url: assetUrl(settings.id, settings.logoAsset),
    stylesheet_url: assetUrl(settings.id, settings.stylesheetAsset),
    vads: {
      site_id: vads.siteId,
      test_key: vads.testKey,
      production_key: vads.productionKey,
      sha1_allowed: vads.sha1Allowed,
    },
  });

  router.get('/shop/settings', async (_req, res) => {
    const scope = scopeOf(res);
    res.json(resource(await getShopSettings(deps, scope.shopId, scope.mode)));
  });

  router.patch(
    '/shop/settings',
    idempotent(
      deps,
      {
        lockMs: options.idempotencyLockMs,
        waitMs: options.idempotencyWaitMs,
        // Settings are not a payment: there is never a payment to resume.
        render: () => {
          throw new Error('shop settings have no payment to resume');
        },
      },
      async (req, ctx) => {
        const body = parseInput(ShopSettingsPatchBody, req.body ?? {});
        const view = await changeShopSettings(deps, ctx.scope.shopId, ctx.scope.mode, {
          defaultLanguage: body.default_language,
          paymentMethods: body.payment_methods,
          support: body.support,
          vadsSha1Allowed: body.vads_sha1_allowed,
        });
        return { status: 200, body: resource(view) };
      },
    ),
  );

  const body = (raw: unknown): Buffer => {
    if (!Buffer.isBuffer(raw) || raw.length === 0)
      throw new CaisseError('invalid_request', { detail: 'the body is empty' });
    return raw;
  };

  router.put('/shop/logo', async (req, res) => {
    const { shopId } = scopeOf(res);
    const { name } = await uploadLogo(deps, shopId, body(req.body), req.get('content-type') ?? '');
    res.json({ object: 'shop_asset', url: assetUrl(shopId, name) });
  });

  router.put('/shop/stylesheet', async (req, res) => {
    const { shopId } = scopeOf(res);
    const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'text/css') throw new CaisseError('unsupported_stylesheet_type');
    const { name } = await uploadStylesheet(deps, shopId, body(req.body));
    res.json({ object: 'shop_asset', url: assetUrl(shopId, name) });
  });

  return router;
}
