import { Router } from 'express';
import { toPaymentResource } from '../../../domain/payment-resource.js';
import { cancelPayment } from '../../../engine/cancel-payment.js';
import { capturePayment } from '../../../engine/capture-payment.js';
import type { EngineDeps, PaymentView } from '../../../engine/context.js';
import { createPayment } from '../../../engine/create-payment.js';
import { duplicatePayment } from '../../../engine/duplicate-payment.js';
import { getPayment } from '../../../engine/load.js';
import { modifyPayment } from '../../../engine/modify-payment.js';
import { refundPayment } from '../../../engine/refund-payment.js';
import { reportOrderEvent } from '../../../engine/report-order-event.js';
import { validatePayment } from '../../../engine/validate-payment.js';
import { CaisseError } from '../../../errors/index.js';
import { listOperationsOf } from '../../../store/operations-repo.js';
import { listPayments } from '../../../store/payments-repo.js';
import { scopeOf } from '../auth.js';
import { type HandlerResult, idempotent } from '../idempotency.js';
import { parseInput } from '../validate.js';
import {
  CaptureBody,
  CreatePaymentBody,
  DuplicateBody,
  EmptyBody,
  ListPaymentsQuery,
  ModifyPaymentBody,
  OrderEventBody,
  PaymentIdParams,
  RefundBody,
} from './schemas.js';

export interface PaymentsRouterOptions {
  idempotencyLockMs: number;
  idempotencyWaitMs: number;
}

/** Thin handlers (STYLE 11): parse → one engine call → respond. */
export function paymentsRouter(deps: EngineDeps, options: PaymentsRouterOptions): Router {
  const router = Router();
  const resource = (view: PaymentView) =>
    toPaymentResource(
      view.payment,
      view.operations,
      deps.nextActionFor?.(view.payment) ?? null,
      deps.pageUrlFor?.(view.payment) ?? null,
    );
  const answer =
    (status: number) =>
    (view: PaymentView): HandlerResult => ({ status: view.pending ? 202 : status, body: resource(view) });
  const post = (status: number, run: Parameters<typeof idempotent>[2]) =>
    idempotent(
      deps,
      { lockMs: options.idempotencyLockMs, waitMs: options.idempotencyWaitMs, render: answer(status) },
      run,
    );
  const idOf = (params: unknown) => parseInput(PaymentIdParams, params).id;

  router.post(
    '/payments',
    post(201, async (req, ctx) => {
      const body = parseInput(CreatePaymentBody, req.body ?? {});
      const view = await createPayment(deps, ctx, {
        amount: body.amount,
        currency: body.currency,
        reference: body.reference,
        typology: body.typology,
        validation: body.validation,
        channel: body.channel,
        customer: body.customer,
        card: body.card,
        returnUrl: body.return_url,
        notificationUrl: body.notification_url,
        metadata: body.metadata,
        language: body.language,
      });
      return answer(201)(view);
    }),
  );

  router.get('/payments', async (req, res) => {
    const scope = scopeOf(res);
    const query = parseInput(ListPaymentsQuery, req.query);
    const page = await listPayments(deps.db, scope, {
      status: query.status,
      reference: query.reference,
      createdGte: query.created_gte ? new Date(query.created_gte) : undefined,
      createdLt: query.created_lt ? new Date(query.created_lt) : undefined,
      limit: query.limit,
      startingAfter: query.starting_after,
    });
    if (!page.cursorFound) {
      throw new CaisseError('invalid_cursor', { cursor: query.starting_after, field: 'starting_after' });
    }
    const operations = await listOperationsOf(
      deps.db,
      page.payments.map((p) => p.id),
    );
    const data = page.payments.map((payment) =>
      resource({ payment, operations: operations.get(payment.id) ?? [], pending: false }),
    );
    res.json({
      object: 'list',
      data,
      has_more: page.hasMore,
      next_cursor: page.hasMore ? (data.at(-1)?.id ?? null) : null,
    });
  });

  router.get('/payments/:id', async (req, res) => {
    res.json(resource(await getPayment(deps.db, scopeOf(res), idOf(req.params))));
  });

  router.post(
    '/payments/:id/capture',
    post(200, async (req, ctx) => {
      const body = parseInput(CaptureBody, req.body ?? {});
      return answer(200)(
        await capturePayment(deps, ctx, { paymentId: idOf(req.params), amount: body.amount }),
      );
    }),
  );

  router.post(
    '/payments/:id/refund',
    post(200, async (req, ctx) => {
      const body = parseInput(RefundBody, req.body ?? {});
      return answer(200)(
        await refundPayment(deps, ctx, { paymentId: idOf(req.params), amount: body.amount }),
      );
    }),
  );

  router.post(
    '/payments/:id/cancel',
    post(200, async (req, ctx) => {
      parseInput(EmptyBody, req.body ?? {});
      return answer(200)(await cancelPayment(deps, ctx, idOf(req.params)));
    }),
  );

  router.post(
    '/payments/:id/validate',
    post(200, async (req, ctx) => {
      parseInput(EmptyBody, req.body ?? {});
      return answer(200)(await validatePayment(deps, ctx, idOf(req.params)));
    }),
  );

  router.post(
    '/payments/:id/duplicate',
    post(201, async (req, ctx) => {
      const body = parseInput(DuplicateBody, req.body ?? {});
      return answer(201)(
        await duplicatePayment(deps, ctx, {
          paymentId: idOf(req.params),
          amount: body.amount,
          reference: body.reference,
          metadata: body.metadata,
        }),
      );
    }),
  );

  router.post(
    '/payments/:id/events',
    post(200, async (req, ctx) => {
      const body = parseInput(OrderEventBody, req.body ?? {});
      return answer(200)(await reportOrderEvent(deps, ctx, { paymentId: idOf(req.params), type: body.type }));
    }),
  );

  router.patch(
    '/payments/:id',
    post(200, async (req, ctx) => {
      const body = parseInput(ModifyPaymentBody, req.body ?? {});
      return answer(200)(
        await modifyPayment(deps, ctx, {
          paymentId: idOf(req.params),
          amount: body.amount,
          captureDate: body.capture_date ? new Date(body.capture_date) : undefined,
        }),
      );
    }),
  );

  return router;
}
