import express, { type ErrorRequestHandler, type Router } from 'express';
import { toLanguage } from '../../domain/language.js';
import type { EngineDeps } from '../../engine/context.js';
import { assetRoutes } from './assets-routes.js';
import { translator } from './i18n.js';
import { meansNotificationRoutes } from './means-routes.js';
import { errorModel, STATIC_BASE } from './page-model.js';
import { pageRoutes } from './page-routes.js';
import { pageCookies, pageHeaders, setPageCsp } from './security.js';
import { threeDSRoutes } from './three-ds-routes.js';
import { renderPage } from './views.js';

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
  router.use('/pay', pageErrors(deps));
  return router;
}

/**
 * A failure of ours on a page: the buyer gets a page in their language saying nothing was taken
 * (an authorisation in doubt is settled by inquiry, never left charged), the log gets the details.
 */
function pageErrors(deps: EngineDeps): ErrorRequestHandler {
  return async (error, req, res, next) => {
    if (res.headersSent) return next(error);
    deps.logger.error({ err: error, path: req.path }, 'payment page failed');
    const lang = toLanguage(String(req.query['lang'] ?? '')) ?? 'fr';
    const t = translator(lang);
    await setPageCsp(req, res, []);
    res
      .status(500)
      .type('html')
      .send(
        renderPage(
          'error',
          {
            lang,
            title: t('error.title'),
            shopName: 'Caisse',
            pageKind: 'error',
            staticBase: STATIC_BASE,
            scripts: [],
            secureNotice: t('page.secure_notice'),
          },
          errorModel(t, { message: t('errors.technical') }),
        ),
      );
  };
}
