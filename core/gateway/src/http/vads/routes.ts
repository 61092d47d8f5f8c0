import express, { type Request, type Response, type Router } from 'express';
import { chooseLanguage } from '../../domain/language.js';
import type { EngineDeps } from '../../engine/context.js';
import { createVadsPayment } from '../../engine/create-vads-payment.js';
import { CaisseError, isCaisseError } from '../../errors/index.js';
import { translator } from '../pay/i18n.js';
import { errorModel, STATIC_BASE } from '../pay/page-model.js';
import { pageHeaders, setPageCsp } from '../pay/security.js';
import { renderPage } from '../pay/views.js';

/**
 * POST /vads-payment/ — the signed-form door (DESIGN §4). A good form becomes a payment and the
 * buyer goes on to the hosted page; a refused one gets an error page in the buyer's language with
 * the technical reason for the shop, and nothing is written.
 */
export function vadsRoutes(deps: EngineDeps): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 300 });

  const refuse = async (req: Request, res: Response, fields: Record<string, string>, error: unknown) => {
    if (!isCaisseError(error)) throw error;
    const lang = chooseLanguage({
      requested: fields['vads_language'],
      acceptLanguage: req.get('accept-language'),
    });
    const t = translator(lang);
    await setPageCsp(req, res, []);
    res
      .status(error.status)
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
          errorModel(t, { message: t('error.vads'), code: error.code, detail: error.message }),
        ),
      );
  };

  const handle: express.RequestHandler = async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const fields: Record<string, string> = {};
    for (const [name, value] of Object.entries(body)) {
      // A field sent twice arrives as an array: which value was signed is unknowable, so refuse.
      if (typeof value !== 'string') {
        const error = new CaisseError('vads_malformed_field', {
          field: name,
          detail: 'it is sent more than once',
        });
        return refuse(req, res, {}, error);
      }
      fields[name] = value;
    }
    try {
      const payment = await createVadsPayment(deps, fields);
      res.redirect(303, `/pay/${payment.pageToken}`);
    } catch (error) {
      await refuse(req, res, fields, error);
    }
  };
  router.post(['/vads-payment', '/vads-payment/'], pageHeaders, form, handle);
  return router;
}
