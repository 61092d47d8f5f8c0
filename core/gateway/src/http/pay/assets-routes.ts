import { join } from 'node:path';
import express, { type Router } from 'express';
import type { EngineDeps } from '../../engine/context.js';
import { findShopAsset } from '../../store/shop-settings-repo.js';
import { PAGE_FILES } from './assets.js';

const ASSET_NAME = /^[a-z]+-[0-9a-f]{16}\.(png|jpg|webp|css)$/;

/**
 * Static files of the pages (/pay/static) and the shops' logos and stylesheets
 * (/assets/shops/<shop>/<name>). A shop asset's name carries its content hash, so it is cached for
 * a year and a new upload is a new URL.
 */
export function assetRoutes(deps: EngineDeps): Router {
  const router = express.Router();
  router.use(
    '/pay/static',
    express.static(join(PAGE_FILES, 'static'), {
      maxAge: '1h',
      index: false,
      fallthrough: false,
      dotfiles: 'deny',
      setHeaders: (res) => res.setHeader('X-Content-Type-Options', 'nosniff'),
    }),
  );
  router.get('/assets/shops/:shopId/:name', async (req, res, next) => {
    const name = String(req.params['name']);
    const asset = ASSET_NAME.test(name)
      ? await findShopAsset(deps.db, String(req.params['shopId']), name)
      : undefined;
    if (!asset) return next();
    res
      .status(200)
      .set({
        'Content-Type': asset.contentType,
        'Cache-Control': 'public, max-age=31536000, immutable',
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'self'; font-src 'self'",
        'Cross-Origin-Resource-Policy': 'same-origin',
      })
      .send(asset.body);
  });
  return router;
}
