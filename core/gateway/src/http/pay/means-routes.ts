import express, { type Router } from 'express';
import { fromAuthorizationAnswer } from '../../acquirer/mock-transformers.js';
import { completeRedirectPayment } from '../../engine/complete-redirect-payment.js';
import type { EngineDeps } from '../../engine/context.js';
import { verifyNotification } from '../../engine/notifications.js';
import { CaisseError } from '../../errors/index.js';
import { findPaymentById } from '../../store/payments-repo.js';

/**
 * POST /means/notifications/:paymentId — the outcome of a redirect means, pushed by the acquirer
 * server to server and HMAC-signed with the key given for that operation (checked in constant
 * time). The body is the acquirer's authorisation answer.
 */
export function meansNotificationRoutes(deps: EngineDeps): Router {
  const router = express.Router();
  router.post(
    '/means/notifications/:paymentId',
    express.raw({ type: 'application/json', limit: '16kb' }),
    async (req, res) => {
      const payment = await findPaymentById(deps.db, String(req.params['paymentId']));
      const action = payment?.pendingAction;
      if (payment && action?.kind !== 'redirect') {
        res.json({ status: 'ignored' }); // already settled: by the browser's return, or by inquiry
        return;
      }
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (
        !payment ||
        action?.kind !== 'redirect' ||
        !verifyNotification(deps, action.operation, raw, req.get('x-acquirer-signature') ?? '')
      ) {
        throw new CaisseError('invalid_notification');
      }
      let body: { reference?: unknown };
      try {
        body = JSON.parse(raw.toString('utf8')) as { reference?: unknown };
      } catch {
        throw new CaisseError('invalid_json', { detail: 'the notification is not JSON' });
      }
      const outcome = fromAuthorizationAnswer(body);
      if (body.reference !== action.operation || outcome.kind === 'unknown') {
        throw new CaisseError('invalid_request', {
          detail: 'the notification is not a decided authorisation of this payment',
        });
      }
      await completeRedirectPayment(deps, payment.id, outcome);
      res.json({ status: 'ok' });
    },
  );
  return router;
}
