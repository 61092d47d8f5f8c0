import { CARD_NETWORKS } from '../../../domain/card.js';
import { CHANNELS } from '../../../domain/channel.js';
import { LANGUAGES } from '../../../domain/language.js';
import { MAX_AMOUNT } from '../../../domain/money.js';
import { OPERATION_STATUSES, OPERATION_TYPES } from '../../../domain/operation.js';
import { PAYMENT_METHOD_TYPES } from '../../../domain/payment-method.js';
import { PAYMENT_STATUSES } from '../../../domain/payment-status.js';
import { THREE_DS_STATUSES } from '../../../domain/three-ds.js';
import { z } from '../zod.js';

/** Wire schemas of the payments resource (STYLE 11): strict, and each type shares its schema's name. */

export const Amount = z.number().int().positive().max(MAX_AMOUNT).openapi({
  description: 'Integer amount in minor units of the currency (5000 = 50.00 EUR, 5000 = ¥5000).',
  example: 5000,
});

export const Currency = z
  .string()
  .length(3)
  .openapi({ description: 'ISO 4217 alphabetic code, upper case.', example: 'EUR' });

export const Typology = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('immediate') }).strict(),
    z
      .object({
        type: z.literal('deferred'),
        days: z.number().int().min(1).openapi({ description: 'Capture this many days after authorisation.' }),
      })
      .strict(),
    z.object({ type: z.literal('on_shipment') }).strict(),
    z.object({ type: z.literal('on_delivery') }).strict(),
  ])
  .openapi('Typology', {
    description:
      'When the payment is captured: at once (immediate), N days later (deferred), when the shop reports the shipment (on_shipment) or the delivery (on_delivery).',
  });
export type Typology = z.infer<typeof Typology>;

export const Customer = z
  .object({
    id: z.string().max(100).optional().openapi({ description: "The shop's own customer id." }),
    email: z.email().max(254).optional(),
    name: z.string().max(200).optional(),
    phone: z.string().max(40).optional(),
    language: z.string().min(2).max(10).optional().openapi({ example: 'fr' }),
  })
  .strict()
  .openapi('Customer');
export type Customer = z.infer<typeof Customer>;

export const CardInput = z
  .object({
    number: z
      .string()
      .min(1)
      .max(32)
      .openapi({ description: 'Card number (PAN); spaces allowed.', example: '4242 4242 4242 4242' }),
    exp_month: z.number().int().min(1).max(12).openapi({ example: 12 }),
    exp_year: z.number().int().min(2000).max(2099).openapi({ example: 2030 }),
    cvc: z
      .string()
      .regex(/^\d{3,4}$/, 'must be 3 or 4 digits')
      .optional(),
    holder: z.string().max(100).optional(),
    network: z
      .enum(CARD_NETWORKS)
      .optional()
      .openapi({ description: 'For a card co-badged CB: the network the buyer chose (default cb).' }),
  })
  .strict()
  .openapi('CardInput', {
    description: 'Card data given server-side (TE2/TE5, MOTO...). Needs PCI DSS scope; never stored.',
  });

export const Metadata = z
  .record(z.string().max(40), z.string().max(500))
  .refine((m) => Object.keys(m).length <= 50, 'at most 50 keys')
  .openapi({ description: 'Up to 50 string pairs, returned as given.' });

export const HttpUrl = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .openapi({ description: 'http(s) URL.' });

export const CreatePaymentBody = z
  .object({
    amount: Amount,
    currency: Currency,
    reference: z
      .string()
      .min(1)
      .max(128)
      .openapi({ description: "The shop's order reference.", example: 'ORDER-1042' }),
    typology: Typology.optional(),
    validation: z.enum(['automatic', 'manual']).optional().openapi({
      description: 'manual: hold the authorised payment until POST /validate (default automatic).',
    }),
    channel: z.enum(CHANNELS).optional().openapi({ description: 'Sales channel (default ecommerce).' }),
    customer: Customer.optional(),
    card: CardInput.optional(),
    return_url: HttpUrl.optional(),
    notification_url: HttpUrl.optional().openapi({
      description:
        "Where this payment's IPNs (webhooks) are POSTed, instead of the shop's notification URL (PUT /v1/shop/notifications).",
    }),
    metadata: Metadata.optional(),
    language: z.enum(LANGUAGES).optional().openapi({
      description:
        'Language of the hosted page; without it, customer.language, then the browser, then the shop default.',
    }),
  })
  .strict()
  .openapi('CreatePayment');
export type CreatePaymentBody = z.infer<typeof CreatePaymentBody>;

export const CaptureBody = z
  .object({ amount: Amount.optional().openapi({ description: 'Default: everything not yet captured.' }) })
  .strict()
  .openapi('Capture');
export const RefundBody = z
  .object({
    amount: Amount.optional().openapi({ description: 'Default: everything captured and not yet refunded.' }),
  })
  .strict()
  .openapi('Refund');
export const EmptyBody = z.object({}).strict().openapi('Empty');
export const DuplicateBody = z
  .object({
    amount: Amount.optional(),
    reference: z.string().min(1).max(128).optional(),
    metadata: Metadata.optional(),
  })
  .strict()
  .openapi('Duplicate');
export const OrderEventBody = z
  .object({ type: z.enum(['shipped', 'delivered', 'cancelled']) })
  .strict()
  .openapi('OrderEvent', { description: 'What happened to the order; the typology decides the effect.' });
export const ModifyPaymentBody = z
  .object({
    amount: Amount.optional().openapi({ description: 'A lower amount.' }),
    capture_date: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'New capture date (deferred).' }),
  })
  .strict()
  .openapi('ModifyPayment');

export const ListPaymentsQuery = z
  .object({
    status: z.enum(PAYMENT_STATUSES).optional(),
    reference: z.string().min(1).max(128).optional(),
    created_gte: z.iso.datetime({ offset: true }).optional(),
    created_lt: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    starting_after: z.string().min(1).max(64).optional(),
  })
  .strict();

export const PaymentIdParams = z.object({
  id: z.string().min(1).max(64).openapi({ example: 'pay_3kTMd9wq2LxHfR8vN1cYbA7e' }),
});

// ---- responses (documentation; the body itself comes from domain/payment-resource.ts) ----

export const OperationResource = z
  .object({
    id: z.string(),
    object: z.literal('operation'),
    payment_id: z.string(),
    type: z.enum(OPERATION_TYPES),
    status: z.enum(OPERATION_STATUSES),
    amount: z.number().int().nullable(),
    currency: z.string(),
    source: z.string(),
    response_code: z.string().nullable(),
    message: z.string().nullable(),
    auth_code: z.string().nullable(),
    created_at: z.string(),
    settled_at: z.string().nullable(),
  })
  .strict()
  .openapi('Operation');

export const PaymentResource = z
  .object({
    id: z.string(),
    object: z.literal('payment'),
    mode: z.enum(['test', 'live']),
    status: z.enum(PAYMENT_STATUSES),
    amount: z.number().int(),
    currency: z.string(),
    captured_amount: z.number().int(),
    refunded_amount: z.number().int(),
    reference: z.string(),
    typology: Typology,
    validation: z.enum(['automatic', 'manual']),
    channel: z.enum(CHANNELS),
    guarantee: z.enum(['yes', 'no', 'unknown']).openapi({
      description:
        'Payment guarantee (3-D Secure liability shift): yes for an approved e-commerce card payment authenticated Y or A; no out of SCA scope (MOTO, call centre, IVR, ERP), for duplicates and lapsed authorisations; unknown otherwise.',
    }),
    three_ds: z
      .object({
        status: z.enum(THREE_DS_STATUSES).openapi({
          description:
            'transStatus: Y authenticated, A attempted, N not authenticated, U unavailable, R rejected, C challenge pending.',
        }),
        eci: z.string().nullable().openapi({ description: 'Electronic Commerce Indicator.' }),
        version: z.string().openapi({ example: '2.2.0' }),
      })
      .strict()
      .nullable()
      .openapi({ description: '3-D Secure result; null when not run (out of SCA scope, redirect means).' }),
    payment_method: z
      .object({ type: z.enum(PAYMENT_METHOD_TYPES) })
      .strict()
      .nullable()
      .openapi({ description: 'Card or redirect means; null until the buyer chose on the hosted page.' }),
    language: z.enum(LANGUAGES).nullable().openapi({ description: 'Language asked for the hosted page.' }),
    customer: Customer.nullable(),
    card: z
      .object({
        brand: z.string(),
        co_brand: z.string().nullable(),
        network: z.string(),
        bin: z.string(),
        last4: z.string(),
        exp_month: z.number().int(),
        exp_year: z.number().int(),
        holder: z.string().nullable(),
      })
      .strict()
      .nullable(),
    refusal: z.object({ code: z.string(), message: z.string() }).strict().nullable(),
    return_url: z.string().nullable(),
    notification_url: z.string().nullable(),
    metadata: z.record(z.string(), z.string()),
    capture_date: z.string().nullable(),
    authorized_at: z.string().nullable(),
    authorization_expires_at: z.string().nullable(),
    duplicated_from: z.string().nullable(),
    next_action: z
      .object({ type: z.literal('redirect'), redirect_url: z.string() })
      .strict()
      .nullable(),
    payment_link: z
      .object({
        url: z.string().nullable().openapi({
          description:
            'The hosted page emailed to the buyer: /pay/ and 40 random characters, its only credential. It shows the outcome once used.',
        }),
        expires_at: z.string().openapi({ description: 'Until when the link can be paid.' }),
      })
      .strict()
      .nullable()
      .openapi({
        description: 'Payment by email (POST /v1/payment-links): the link sent to the buyer; null otherwise.',
      }),
    operations: z.array(OperationResource),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .strict()
  .openapi('Payment');

export const PaymentList = z
  .object({
    object: z.literal('list'),
    data: z.array(PaymentResource),
    has_more: z.boolean(),
    next_cursor: z.string().nullable(),
  })
  .strict()
  .openapi('PaymentList');

export const ProblemResource = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().openapi({ description: 'Stable error code (docs/en/errors.md).' }),
    field: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
    request_id: z.string().optional(),
  })
  .openapi('Problem');
