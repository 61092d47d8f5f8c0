import express, { type Router } from 'express';
import type { AuthenticationResult } from '../../acquirer/three-ds-connector.js';
import { completeChallenge } from '../../engine/complete-challenge.js';
import type { EngineDeps } from '../../engine/context.js';
import { verifyNotification } from '../../engine/notifications.js';
import { CaisseError } from '../../errors/index.js';
import { findPaymentById, findPaymentByPageToken } from '../../store/payments-repo.js';
import { shopReturnUrl } from './return-url.js';

const SIGNATURE_HEADER = 'x-acquirer-signature';

/** The RReq's fields we read. */
function resultOf(body: unknown): (AuthenticationResult & { session: string }) | undefined {
  const b = (body ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const status = b['trans_status'];
  const session = str(b['three_ds_server_trans_id']);
  const dsTransId = str(b['ds_trans_id']);
  if (
    !session ||
    !dsTransId ||
    (status !== 'Y' && status !== 'N' && status !== 'A' && status !== 'U' && status !== 'R')
  )
    return undefined;
  return {
    session,
    transStatus: status,
    eci: str(b['eci']),
    authenticationValue: str(b['authentication_value']),
    dsTransId,
    version: str(b['message_version']) ?? '2.2.0',
  };
}

/**
 * 3-D Secure 2, the gateway's side of a challenge:
 * - POST /3ds/notifications/:paymentId — the RReq, server to server from the directory server,
 *   HMAC-signed with the key given for this authentication (checked in constant time);
 * - /pay/:token/3ds-return — the buyer's browser back from the ACS: if the RReq has not been
 *   received, the result is asked of the directory server; then the result page, or the shop's
 *   return URL when the card was sent by the shop's server (TE5).
 */
export function threeDSRoutes(deps: EngineDeps): Router {
  const router = express.Router();

  router.post(
    '/3ds/notifications/:paymentId',
    express.raw({ type: 'application/json', limit: '16kb' }),
    async (req, res) => {
      const payment = await findPaymentById(deps.db, String(req.params['paymentId']));
      const action = payment?.pendingAction;
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const signature = req.get(SIGNATURE_HEADER) ?? '';
      // A payment no longer waiting has nothing to verify against: the result was recorded already.
      if (payment && action?.kind !== 'three_ds_challenge') {
        res.json({ status: 'ignored' });
        return;
      }
      if (
        !payment ||
        action?.kind !== 'three_ds_challenge' ||
        !verifyNotification(deps, action.session, raw, signature)
      ) {
        throw new CaisseError('invalid_notification');
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new CaisseError('invalid_json', { detail: 'the RReq is not JSON' });
      }
      const result = resultOf(parsed);
      if (!result)
        throw new CaisseError('invalid_request', { detail: 'the RReq has no usable trans_status' });
      await completeChallenge(deps, payment.id, result);
      res.json({ status: 'ok' });
    },
  );

  const back: express.RequestHandler = async (req, res) => {
    const token = String(req.params['token']);
    let payment = await findPaymentByPageToken(deps.db, token);
    if (!payment) throw new CaisseError('route_not_found', { method: req.method, path: req.path });
    if (payment.status === 'requires_action' && payment.pendingAction?.kind === 'three_ds_challenge') {
      payment = (await completeChallenge(deps, payment.id))?.payment ?? payment;
    }
    const toShop = req.query['to'] === 'shop' && payment.returnUrl && !payment.vads;
    res.redirect(303, toShop ? shopReturnUrl(payment) : `/pay/${token}`);
  };
  router.get('/pay/:token/3ds-return', back);
  router.post('/pay/:token/3ds-return', back);
  return router;
}
