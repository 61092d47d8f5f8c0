import { Router } from 'express';
import { toPaymentResource } from '../../../domain/payment-resource.js';
import type { EngineDeps, PaymentView } from '../../../engine/context.js';
import { createPaymentLink } from '../../../engine/create-payment-link.js';
import { type HandlerResult, idempotent } from '../idempotency.js';
import { parseInput } from '../validate.js';
import { CreatePaymentLinkBody } from './schemas.js';

export interface PaymentLinksRouterOptions {
  idempotencyLockMs: number;
  idempotencyWaitMs: number;
}

/**
 * POST /v1/payment-links (TE7): a payment whose hosted page is emailed to the buyer. It answers the
 * payment, with `payment_link`; the payment is then read and operated as any other (/v1/payments).
 */
export function paymentLinksRouter(deps: EngineDeps, options: PaymentLinksRouterOptions): Router {
  const router = Router();
  const answer = (view: PaymentView): HandlerResult => ({
    status: 201,
    body: toPaymentResource(
      view.payment,
      view.operations,
      deps.nextActionFor?.(view.payment) ?? null,
      deps.pageUrlFor?.(view.payment) ?? null,
    ),
  });
  router.post(
    '/payment-links',
    idempotent(
      deps,
      { lockMs: options.idempotencyLockMs, waitMs: options.idempotencyWaitMs, render: answer },
      async (req, ctx) => {
        const body = parseInput(CreatePaymentLinkBody, req.body ?? {});
        return answer(
          await createPaymentLink(deps, ctx, {
            amount: body.amount,
            currency: body.currency,
            reference: body.reference,
            customer: body.customer,
            expiresAt: body.expires_at ? new Date(body.expires_at) : undefined,
            typology: body.typology,
            validation: body.validation,
            returnUrl: body.return_url,
            notificationUrl: body.notification_url,
            metadata: body.metadata,
          }),
        );
      },
    ),
  );
  return router;
}
