import express, { type Request, type Response, type Router } from 'express';
import type { CardNetwork } from '../../domain/card.js';
import { CARD_NETWORKS } from '../../domain/card.js';
import type { Channel } from '../../domain/channel.js';
import { chooseLanguage, toLanguage } from '../../domain/language.js';
import type { Payment } from '../../domain/payment.js';
import { isRedirectMethod } from '../../domain/payment-method.js';
import { completeRedirectPayment } from '../../engine/complete-redirect-payment.js';
import type { EngineDeps } from '../../engine/context.js';
import { viewOf } from '../../engine/load.js';
import {
  cancelOnPage,
  heldChoiceCard,
  isPageOpen,
  type PageOutcome,
  payOnPage,
  payWithHeldCard,
} from '../../engine/pay-on-page.js';
import { startRedirectPayment } from '../../engine/start-redirect-payment.js';
import { vadsReturnFor } from '../../engine/vads-return.js';
import { isCaisseError } from '../../errors/index.js';
import { findPaymentByPageToken } from '../../store/payments-repo.js';
import { findShopSettings } from '../../store/shop-settings-repo.js';
import {
  type CardForm,
  type FormError,
  formErrorOf,
  precheck,
  readCardForm,
  toCardInput,
} from './card-form.js';
import { translator } from './i18n.js';
import {
  choiceModel,
  errorModel,
  layoutModel,
  type PageContext,
  payModel,
  resultModel,
} from './page-model.js';
import { shopReturnUrl } from './return-url.js';
import { pageCsrf, setPageCsp } from './security.js';
import { renderPage } from './views.js';

const TOKEN = /^[0-9A-Za-z]{40}$/;
const LANGUAGE_COOKIE = 'caisse_lang';
const PHONE = /Mobi|iPhone|iPod|Android.+Mobile|Windows Phone|BlackBerry|Opera Mini/i;

/** A phone's browser makes an e-commerce payment m-commerce (CH3). */
function channelOf(req: Request): Channel | undefined {
  return PHONE.test(req.get('user-agent') ?? '') ? 'mcommerce' : undefined;
}

/**
 * The hosted payment page (TE3, TE4): server-rendered, working without JavaScript, in the buyer's
 * language, with the shop's look. Each handler: read the request, make one engine call, render or
 * redirect (Post/Redirect/Get, so a reload never submits twice).
 */
export function pageRoutes(deps: EngineDeps): Router {
  const router = express.Router();
  const csrf = pageCsrf(deps);
  const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 50 });

  /** Loads the payment of the token and what its pages need, or renders the not-found page. */
  async function contextOf(req: Request, res: Response): Promise<PageContext | undefined> {
    const token = String(req.params['token']);
    const payment = TOKEN.test(token) ? await findPaymentByPageToken(deps.db, token) : undefined;
    const shop = payment && (await findShopSettings(deps.db, payment.shopId));
    const asked = (req.body as Record<string, unknown> | undefined)?.['lang'] ?? req.query['lang'];
    const picked = typeof asked === 'string' ? toLanguage(asked) : undefined;
    // The buyer's pick outlives the trip to the bank's or the means' page: a cookie of this page.
    const kept = toLanguage((req.cookies as Record<string, string> | undefined)?.[LANGUAGE_COOKIE]);
    const lang = chooseLanguage({
      picked: picked ?? kept,
      requested: payment?.language ?? payment?.customer?.language,
      acceptLanguage: req.get('accept-language'),
      shopDefault: shop?.defaultLanguage,
    });
    if (!payment || !shop) {
      const t = translator(lang);
      await setPageCsp(req, res, []);
      res
        .status(404)
        .type('html')
        .send(
          renderPage(
            'error',
            {
              lang,
              title: t('error.title'),
              shopName: 'Caisse',
              pageKind: 'error',
              staticBase: '/pay/static',
              scripts: [],
              secureNotice: t('page.secure_notice'),
            },
            errorModel(t, { message: t('error.not_found') }),
          ),
        );
      return undefined;
    }
    if (picked && picked !== kept) {
      res.cookie(LANGUAGE_COOKIE, picked, { path: `/pay/${token}`, httpOnly: true, sameSite: 'lax' });
    }
    return { payment, shop, lang, t: translator(lang), path: `/pay/${token}` };
  }

  /** Origins a page's forms may lead to: this gateway, the acquirer's pages, the shop's return URLs. */
  function formTargets(payment: Payment): string[] {
    const targets = [
      deps.threeDSServer?.(payment.mode)?.pageOrigin,
      deps.redirectMeans?.(payment.mode)?.pageOrigin,
      payment.returnUrl,
      ...Object.values(payment.vads?.urls ?? {}),
    ];
    return targets.filter((t): t is string => typeof t === 'string');
  }

  async function showForm(
    req: Request,
    res: Response,
    ctx: PageContext,
    errors: FormError[] = [],
    form?: CardForm,
  ) {
    await setPageCsp(req, res, formTargets(ctx.payment));
    const model = payModel(ctx, { csrf: csrf.token(req, res), errors, form, now: deps.clock.now() });
    res
      .status(errors.length ? 400 : 200)
      .type('html')
      .send(
        renderPage(
          'pay',
          layoutModel(ctx, { title: ctx.t('page.title'), kind: 'pay', scripts: ['page.js'] }),
          model,
        ),
      );
  }

  async function showChoice(
    req: Request,
    res: Response,
    ctx: PageContext,
    card: { brand: string; last4: string },
    errors: FormError[] = [],
  ) {
    await setPageCsp(req, res, formTargets(ctx.payment));
    const model = choiceModel(ctx, { csrf: csrf.token(req, res), errors, ...card });
    res
      .status(errors.length ? 400 : 200)
      .type('html')
      .send(renderPage('choice', layoutModel(ctx, { title: ctx.t('choice.title'), kind: 'choice' }), model));
  }

  async function showResult(req: Request, res: Response, ctx: PageContext) {
    const view = await viewOf(deps.db, ctx.payment);
    const vadsReturn = await vadsReturnFor(deps, ctx.payment, view.operations);
    const model = resultModel(ctx, { operations: view.operations, vadsReturn, now: deps.clock.now() });
    const processing = model.result.tone === 'processing';
    await setPageCsp(req, res, vadsReturn?.method === 'POST' ? [vadsReturn.url] : []);
    res
      .status(model.result.tone === 'closed' ? 410 : 200)
      .type('html')
      .send(
        renderPage(
          'result',
          layoutModel(ctx, {
            title: model.result.title,
            kind: 'result',
            scripts: vadsReturn && vadsReturn.method !== null ? ['autosubmit.js'] : [],
            refreshSeconds: processing ? 2 : undefined,
          }),
          model,
        ),
      );
  }

  /** Where the page goes after an engine call: the ACS or means page, or back to itself (PRG). */
  function after(res: Response, ctx: PageContext, payment: Payment) {
    const action = payment.status === 'requires_action' ? payment.pendingAction : null;
    if (action?.kind === 'three_ds_challenge') return res.redirect(303, action.acsUrl);
    if (action?.kind === 'redirect') return res.redirect(303, action.url);
    return res.redirect(303, `${ctx.path}?lang=${ctx.lang}`);
  }

  router.get('/pay/:token', async (req, res) => {
    const ctx = await contextOf(req, res);
    if (!ctx) return;
    const { payment } = ctx;
    if (isPageOpen(payment, deps.clock.now())) return showForm(req, res, ctx);
    const action = payment.pendingAction;
    const open = payment.pageExpiresAt !== null && payment.pageExpiresAt > deps.clock.now();
    if (payment.status === 'requires_action' && action && open) {
      return res.redirect(303, action.kind === 'three_ds_challenge' ? action.acsUrl : action.url);
    }
    return showResult(req, res, ctx);
  });

  router.post('/pay/:token', form, async (req, res) => {
    const ctx = await contextOf(req, res);
    if (!ctx) return;
    if (!isPageOpen(ctx.payment, deps.clock.now())) return after(res, ctx, ctx.payment);
    if (!csrf.valid(req)) return showForm(req, res, ctx, [{ field: 'form', key: 'errors.form_expired' }]);
    const card = readCardForm(req.body as Record<string, unknown>);
    const problems = precheck(card);
    if (problems.length) return showForm(req, res, ctx, problems, card);
    let outcome: PageOutcome;
    try {
      outcome = await payOnPage(deps, String(req.params['token']), {
        card: toCardInput(card),
        network: card.network,
        channel: channelOf(req),
      });
    } catch (error) {
      const formError = isCaisseError(error) ? formErrorOf(error) : undefined;
      if (formError) return showForm(req, res, ctx, [formError], card);
      if (isCaisseError(error)) return after(res, ctx, ctx.payment); // paid or closed meanwhile
      throw error;
    }
    if (outcome.kind === 'choose_network') {
      return showChoice(
        req,
        res,
        { ...ctx, payment: outcome.payment },
        { brand: outcome.card.brand, last4: outcome.card.last4 },
      );
    }
    return after(res, ctx, outcome.view.payment);
  });

  router.post('/pay/:token/network', form, async (req, res) => {
    const ctx = await contextOf(req, res);
    if (!ctx) return;
    if (!isPageOpen(ctx.payment, deps.clock.now())) return after(res, ctx, ctx.payment);
    const held = await heldChoiceCard(deps, ctx.payment);
    if (!held || !csrf.valid(req))
      return showForm(req, res, ctx, [{ field: 'form', key: 'errors.form_expired' }]);
    const body = req.body as Record<string, unknown>;
    const network = String(body['network'] ?? '');
    const cvc = typeof body['cvc'] === 'string' ? body['cvc'].trim() : '';
    const errors: FormError[] = [];
    if (!(CARD_NETWORKS as readonly string[]).includes(network))
      errors.push({ field: 'network', key: 'errors.network_required' });
    if (cvc === '') errors.push({ field: 'cvc', key: 'errors.cvc_required' });
    if (errors.length) return showChoice(req, res, ctx, held, errors);
    try {
      const view = await payWithHeldCard(deps, String(req.params['token']), {
        network: network as CardNetwork,
        cvc,
        channel: channelOf(req),
      });
      return after(res, ctx, view.payment);
    } catch (error) {
      const formError = isCaisseError(error) ? formErrorOf(error) : undefined;
      if (formError?.field === 'form') return showForm(req, res, ctx, [formError]);
      if (formError) return showChoice(req, res, ctx, held, [formError]);
      if (isCaisseError(error)) return after(res, ctx, ctx.payment);
      throw error;
    }
  });

  router.post('/pay/:token/cancel', form, async (req, res) => {
    const ctx = await contextOf(req, res);
    if (!ctx) return;
    // A payment link's page offers no cancel: its buyer leaves, the link stays payable.
    if (ctx.payment.linkExpiresAt) return after(res, ctx, ctx.payment);
    if (!csrf.valid(req)) return showForm(req, res, ctx, [{ field: 'form', key: 'errors.form_expired' }]);
    try {
      const view = await cancelOnPage(deps, String(req.params['token']));
      const payment = view.payment;
      // Back to the shop at once; a signed-form shop gets its signed fields on the result page.
      if (payment.status === 'cancelled' && payment.returnUrl && !payment.vads) {
        return res.redirect(303, shopReturnUrl(payment));
      }
      return after(res, ctx, payment);
    } catch (error) {
      if (isCaisseError(error)) return after(res, ctx, ctx.payment);
      throw error;
    }
  });

  router.post('/pay/:token/means', form, async (req, res) => {
    const ctx = await contextOf(req, res);
    if (!ctx) return;
    if (!isPageOpen(ctx.payment, deps.clock.now())) return after(res, ctx, ctx.payment);
    if (!csrf.valid(req)) return showForm(req, res, ctx, [{ field: 'form', key: 'errors.form_expired' }]);
    const means = String((req.body as Record<string, unknown>)['means'] ?? '');
    if (!isRedirectMethod(means))
      return showForm(req, res, ctx, [{ field: 'form', key: 'errors.means_unavailable' }]);
    try {
      const { redirectUrl } = await startRedirectPayment(deps, String(req.params['token']), {
        means,
        channel: channelOf(req),
      });
      return res.redirect(303, redirectUrl);
    } catch (error) {
      if (
        isCaisseError(error) &&
        (error.code === 'acquirer_unavailable' || error.code === 'payment_method_not_enabled')
      ) {
        return showForm(req, res, ctx, [{ field: 'form', key: 'errors.means_unavailable' }]);
      }
      if (isCaisseError(error)) return after(res, ctx, ctx.payment);
      throw error;
    }
  });

  const meansBack: express.RequestHandler = async (req, res) => {
    const ctx = await contextOf(req, res);
    if (!ctx) return;
    const view = await completeRedirectPayment(deps, ctx.payment.id);
    const payment = view?.payment ?? ctx.payment;
    // Still undecided at the means (the buyer came back by hand): show it again.
    if (payment.status === 'requires_action' && payment.pendingAction?.kind === 'redirect') {
      return res.redirect(303, payment.pendingAction.url);
    }
    return res.redirect(303, `${ctx.path}?lang=${ctx.lang}`);
  };
  router.get('/pay/:token/means-return', meansBack);
  router.post('/pay/:token/means-return', form, meansBack);

  return router;
}
