import express, { type Router } from 'express';
import type { EngineDeps } from '../../engine/context.js';
import { assetRoutes } from './assets-routes.js';
import { meansNotificationRoutes } from './means-routes.js';
import { pageRoutes } from './page-routes.js';
import { pageCookies, pageHeaders } from './security.js';
import { threeDSRoutes } from './three-ds-routes.js';

/**
 * The buyer's side of the gateway: the hosted payment page and its steps (3-D Secure return,
 * redirect means, network choice), the acquirer's notifications, and the pages' and shops' assets.
 */
export function payRoutes(deps: EngineDeps): Router {
  const router = express.Router();
  router.use(threeDSRoutes(deps));
  router.use(meansNotificationRoutes(deps));
  router.use(assetRoutes(deps));
  router.use('/pay', pageHeaders, pageCookies);
  router.use(pageRoutes(deps));
  return router;
}
