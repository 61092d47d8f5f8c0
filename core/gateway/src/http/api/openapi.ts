import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { ZodType } from 'zod';
import { registerNotificationPaths } from './notifications/openapi.js';
import { registerOperationPaths } from './operations/openapi.js';
import { registerPaymentLinkPaths } from './payment-links/openapi.js';
import {
  CaptureBody,
  CreatePaymentBody,
  DuplicateBody,
  EmptyBody,
  ListPaymentsQuery,
  ModifyPaymentBody,
  OrderEventBody,
  PaymentIdParams,
  PaymentList,
  PaymentResource,
  ProblemResource,
  RefundBody,
} from './payments/schemas.js';
import { registerShopPaths } from './shop/openapi.js';
import { z } from './zod.js';

const IdempotencyHeader = z.object({
  'idempotency-key': z.string().max(255).optional().openapi({
    description:
      'Any unique string (a UUID). The same key with the same body returns the first answer; with another body, 409. Kept 48 h.',
  }),
});

function problems(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: 'Problem (RFC 9457)',
        content: { 'application/problem+json': { schema: ProblemResource } },
      },
    ]),
  );
}

function json(description: string, schema: ZodType) {
  return { description, content: { 'application/json': { schema } } };
}

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function buildOpenApiDocument(serverUrl = '/'): object {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'secretKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'Your secret key: sk_test_… (test mode, mock acquirer) or sk_live_….',
  });
  const security = [{ secretKey: [] }];

  registry.registerPath({
    method: 'post',
    path: '/v1/payments',
    summary: 'Create a payment',
    description:
      'With `card`, the payment is authorised at once (and captured for typology immediate); e-commerce and m-commerce cards go through 3-D Secure first, and a challenge answers `requires_action` with `next_action.redirect_url` to send the buyer to. Without `card`, it waits for the buyer on the hosted page (`requires_payment_method`, `next_action.redirect_url`). Answers 202 when the acquirer outcome is still being settled.',
    security,
    request: {
      headers: IdempotencyHeader,
      body: { content: { 'application/json': { schema: CreatePaymentBody } } },
    },
    responses: {
      201: json('The payment', PaymentResource),
      202: json('The payment, acquirer outcome pending (status processing)', PaymentResource),
      ...problems(400, 401, 409, 413, 415, 422),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/payments',
    summary: 'List payments, newest first',
    security,
    request: { query: ListPaymentsQuery },
    responses: { 200: json('A page of payments', PaymentList), ...problems(400, 401) },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/payments/{id}',
    summary: 'Retrieve a payment with its operations journal',
    security,
    request: { params: PaymentIdParams },
    responses: { 200: json('The payment', PaymentResource), ...problems(401, 404) },
  });
  registry.registerPath({
    method: 'patch',
    path: '/v1/payments/{id}',
    summary: 'Lower the amount or move the capture date before capture',
    security,
    request: {
      params: PaymentIdParams,
      headers: IdempotencyHeader,
      body: { content: { 'application/json': { schema: ModifyPaymentBody } } },
    },
    responses: { 200: json('The payment', PaymentResource), ...problems(400, 401, 404, 409) },
  });

  const actions: { path: string; summary: string; body: ZodType; status?: number }[] = [
    { path: 'capture', summary: 'Capture all or part of the authorised amount', body: CaptureBody },
    { path: 'refund', summary: 'Refund all or part of the captured amount', body: RefundBody },
    { path: 'cancel', summary: 'Cancel (void) before capture', body: EmptyBody },
    { path: 'validate', summary: 'Validate a payment held for manual validation', body: EmptyBody },
    {
      path: 'duplicate',
      summary: 'Create a new payment for the same buyer',
      body: DuplicateBody,
      status: 201,
    },
    {
      path: 'events',
      summary: 'Report an order event (shipped, delivered, cancelled)',
      body: OrderEventBody,
    },
  ];
  for (const action of actions) {
    registry.registerPath({
      method: 'post',
      path: `/v1/payments/{id}/${action.path}`,
      summary: action.summary,
      security,
      request: {
        params: PaymentIdParams,
        headers: IdempotencyHeader,
        body: { content: { 'application/json': { schema: action.body } } },
      },
      responses: {
        [action.status ?? 200]: json('The payment', PaymentResource),
        202: json('The payment, acquirer outcome pending', PaymentResource),
        ...problems(400, 401, 404, 409, 422),
      },
    });
  }

  registerShopPaths(registry, security);
  const helpers = { security, idempotencyHeader: IdempotencyHeader, problems, json };
  registerNotificationPaths(registry, helpers);
  registerOperationPaths(registry, helpers);
  registerPaymentLinkPaths(registry, helpers);

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Caisse API',
      version: '1.0.0',
      description:
        'Card payments: create, authorise, capture, refund, cancel, validate, modify, duplicate. Amounts are integers in minor units. Errors are RFC 9457 problem+json with a stable `code`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: serverUrl }],
  });
}
