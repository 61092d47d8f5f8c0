import type { RegisterPaths } from '../openapi-paths.js';
import { PaymentResource } from '../payments/schemas.js';
import { CreatePaymentLinkBody } from './schemas.js';

/** OpenAPI paths of payment links (TE7). */
export const registerPaymentLinkPaths: RegisterPaths = (
  registry,
  { security, idempotencyHeader, problems, json },
) => {
  registry.registerPath({
    method: 'post',
    path: '/v1/payment-links',
    summary: 'Create a payment and email its link to the buyer',
    description:
      "Payment by email: a payment waiting for its buyer (`requires_payment_method`) whose hosted page stays open until `expires_at` (default 7 days, 15 minutes to 30 days). The email, in the buyer's language, goes through the outbox: a slow or broken SMTP server never fails this call. The answer is the payment with `payment_link`; read and operate it under /v1/payments. Unused at `expires_at`, the payment becomes `abandoned`.",
    security,
    request: {
      headers: idempotencyHeader,
      body: { content: { 'application/json': { schema: CreatePaymentLinkBody } } },
    },
    responses: {
      201: json('The payment, with payment_link and next_action', PaymentResource),
      ...problems(400, 401, 409, 413, 415, 422),
    },
  });
};
