import express, { type Request, type Router } from 'express';
import { displayAmount, escapeHtml, page } from './html.js';
import { pushNotification } from './notify.js';
import { meansName } from './redirect-means.js';
import type { MockAcquirerState } from './state.js';

/** The base URL the caller reached us at, for links back to this server. */
export function baseUrlOf(req: Request): string {
  return `${req.protocol}://${req.get('host')}`;
}

/**
 * The pages a buyer's browser sees at the "bank": the 3-D Secure ACS challenge and the approve or
 * decline page of each redirect means. Open (no API key: a browser has none), server-rendered,
 * working without JavaScript.
 */
export function browserPages(state: MockAcquirerState): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '4kb' });

  router.get('/3ds/acs/:acsTransId', (req, res) => {
    const auth = state.threeDs.byAcsId(String(req.params['acsTransId']));
    if (!auth) {
      res.status(404).type('html').send(page('Unknown authentication', '<h1>Unknown authentication</h1>'));
      return;
    }
    if (auth.answer.challenge !== 'pending') {
      res
        .type('html')
        .send(
          page(
            'Authentication finished',
            `<h1>Authentication finished</h1><p><a href="${escapeHtml(auth.returnUrl)}">Back to the merchant</a></p>`,
          ),
        );
      return;
    }
    const hint =
      auth.behaviour.trans_status === 'C' && auth.behaviour.challenge_code
        ? `Test card: the code <strong>${escapeHtml(auth.behaviour.challenge_code)}</strong> passes, any other fails.`
        : 'Test card: every code fails.';
    res.type('html').send(
      page(
        'Verify your payment',
        `<h1>Verify your payment</h1>
<dl><dt>Merchant</dt><dd>${escapeHtml(auth.merchantId)}</dd>
<dt>Amount</dt><dd>${escapeHtml(displayAmount(auth.amount, auth.currency))}</dd>
<dt>Card</dt><dd>${escapeHtml(auth.brand)} •••• ${escapeHtml(auth.last4)}</dd></dl>
<form method="post">
<label for="code">One-time code sent to your phone</label>
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="8" autofocus>
<p>${hint}</p>
<button type="submit" name="action" value="submit">Submit</button>
<button type="submit" name="action" value="cancel">Cancel</button>
</form>`,
      ),
    );
  });

  router.post('/3ds/acs/:acsTransId', form, async (req, res) => {
    const acsTransId = String(req.params['acsTransId']);
    const auth = state.threeDs.byAcsId(acsTransId);
    if (!auth) {
      res.status(404).type('html').send(page('Unknown authentication', '<h1>Unknown authentication</h1>'));
      return;
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const rreq = state.threeDs.complete(acsTransId, {
      code: typeof body['code'] === 'string' ? body['code'].trim() : undefined,
      cancel: body['action'] === 'cancel',
    });
    // The RReq goes to the 3-D Secure server before the browser is sent back, as in EMV 3DS.
    if (rreq) await pushNotification(auth.notificationUrl, auth.notificationKey, rreq);
    res.redirect(303, auth.returnUrl);
  });

  router.get('/means/:reference', (req, res) => {
    const session = state.redirects.sessions.get(String(req.params['reference']));
    if (!session) {
      res.status(404).type('html').send(page('Unknown payment', '<h1>Unknown payment</h1>'));
      return;
    }
    const name = meansName(session.request.means);
    if (session.answer.status !== 'pending') {
      res
        .type('html')
        .send(
          page(
            name,
            `<h1>${escapeHtml(name)}</h1><p>This payment is ${escapeHtml(session.answer.status)}.</p><p><a href="${escapeHtml(session.request.return_url)}">Back to the merchant</a></p>`,
          ),
        );
      return;
    }
    res.type('html').send(
      page(
        `${name} (simulated)`,
        `<h1>${escapeHtml(name)} <small>(simulated)</small></h1>
<dl><dt>Merchant</dt><dd>${escapeHtml(session.request.merchant_id)}</dd>
<dt>Amount</dt><dd>${escapeHtml(displayAmount(session.request.amount, session.request.currency))}</dd></dl>
<form method="post">
<button type="submit" name="action" value="approve">Approve the payment</button>
<button type="submit" name="action" value="decline">Decline</button>
</form>`,
      ),
    );
  });

  router.post('/means/:reference', form, async (req, res) => {
    const reference = String(req.params['reference']);
    const existing = state.redirects.sessions.get(reference);
    if (!existing) {
      res.status(404).type('html').send(page('Unknown payment', '<h1>Unknown payment</h1>'));
      return;
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const decided = state.redirects.decide(state.context, reference, body['action'] === 'approve');
    if (decided) {
      await pushNotification(
        decided.request.notification_url,
        decided.request.notification_key,
        decided.answer,
      );
    }
    res.redirect(303, existing.request.return_url);
  });

  return router;
}
