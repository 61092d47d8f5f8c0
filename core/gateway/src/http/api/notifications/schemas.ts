import { EMAIL_TEMPLATES, EVENT_DELIVERY_STATUSES, LANGUAGES } from '../../../domain/notification.js';
import { PaymentResource } from '../payments/schemas.js';
import { z } from '../zod.js';

/** Wire schemas of events and of the shop's notification and email settings (STYLE 11). */

const HttpUrl = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .openapi({ description: 'http(s) URL.', example: 'https://shop.example/caisse/ipn' });

const Timestamp = z.iso.datetime({ offset: true });

export const EventIdParams = z.object({
  id: z.string().min(1).max(64).openapi({ example: 'evt_3kTMd9wq2LxHfR8vN1cYbA7e' }),
});

export const ListEventsQuery = z
  .object({
    type: z
      .string()
      .regex(/^[a-z]+\.[a-z_]+$/, 'must be an event type such as payment.captured')
      .max(64)
      .optional(),
    payment: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .openapi({ description: 'Only the events of this payment.' }),
    status: z.enum(EVENT_DELIVERY_STATUSES).optional().openapi({ description: 'IPN delivery status.' }),
    created_gte: Timestamp.optional(),
    created_lt: Timestamp.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    starting_after: z.string().min(1).max(64).optional(),
  })
  .strict();

export const EmptyBody = z.object({}).strict();

export const NotificationSettingsBody = z
  .object({
    url: HttpUrl.nullable().openapi({
      description: "Where this mode's IPNs are POSTed; null stops them (events are then marked no_endpoint).",
    }),
  })
  .strict()
  .openapi('NotificationSettingsUpdate');
export type NotificationSettingsBody = z.infer<typeof NotificationSettingsBody>;

export const RotateSecretBody = z
  .object({
    previous_secret_valid_hours: z.number().int().min(0).max(168).optional().openapi({
      description:
        'How long IPNs stay signed with the old secret too (two signatures), so receivers can switch (default 24; 0: stop at once).',
    }),
  })
  .strict()
  .openapi('RotateWebhookSecret');

export const EmailSettingsBody = z
  .object({
    buyer_enabled: z.boolean().optional().openapi({ description: 'Send the buyer a confirmation (CF2).' }),
    merchant_enabled: z
      .boolean()
      .optional()
      .openapi({ description: 'Send the merchant a confirmation (CF1), to merchant_address.' }),
    merchant_address: z
      .email()
      .max(254)
      .nullable()
      .optional()
      .openapi({ description: "The merchant's address: confirmations and IPN failure alerts." }),
  })
  .strict()
  .openapi('EmailSettingsUpdate');
export type EmailSettingsBody = z.infer<typeof EmailSettingsBody>;

export const TemplateParams = z.object({
  template: z.enum(EMAIL_TEMPLATES),
  language: z.enum(LANGUAGES),
});

export const TemplateOverrideBody = z
  .object({
    subject: z.string().min(1).max(300).nullable().optional().openapi({
      description:
        'Handlebars, plain text: e.g. "Your order {{reference}} at {{shop_name}}". Null: the default.',
    }),
    html: z
      .string()
      .min(1)
      .max(100_000)
      .nullable()
      .optional()
      .openapi({ description: 'Handlebars HTML; {{value}} is HTML-escaped. Null: the default.' }),
    text: z
      .string()
      .min(1)
      .max(50_000)
      .nullable()
      .optional()
      .openapi({ description: 'Handlebars, plain text part. Null: the default.' }),
  })
  .strict()
  .openapi('EmailTemplateOverride');
export type TemplateOverrideBody = z.infer<typeof TemplateOverrideBody>;

// ---- responses (documentation) ----

const DeliveryAttemptResource = z
  .object({
    attempt: z.number().int(),
    target: z.string().openapi({ description: 'The URL (without credentials) or the email address.' }),
    started_at: z.string(),
    duration_ms: z.number().int(),
    succeeded: z.boolean(),
    http_status: z.number().int().nullable(),
    error: z.string().nullable(),
    response_excerpt: z.string().nullable().openapi({ description: 'First 1024 characters of the answer.' }),
  })
  .strict()
  .openapi('DeliveryAttempt');

const EmailResource = z
  .object({
    id: z.string(),
    object: z.literal('email'),
    template: z.enum(EMAIL_TEMPLATES),
    recipient: z.string(),
    language: z.enum(LANGUAGES),
    status: z.enum(['pending', 'sent', 'failed', 'skipped']),
    attempts: z.number().int(),
    sent_at: z.string().nullable(),
    last_error: z.string().nullable(),
    delivery_attempts: z.array(DeliveryAttemptResource),
  })
  .strict()
  .openapi('Email');

export const EventResource = z
  .object({
    id: z.string(),
    object: z.literal('event'),
    type: z.string().openapi({ example: 'payment.captured' }),
    created_at: z.string(),
    source: z.enum(['api', 'hosted_page', 'backoffice', 'scheduler', 'batch', 'acquirer']),
    mode: z.enum(['test', 'live']),
    payment_id: z.string().nullable(),
    data: z.object({ payment: PaymentResource }).strict(),
    delivery: z
      .object({
        status: z.enum(EVENT_DELIVERY_STATUSES),
        attempts: z.number().int(),
        next_attempt_at: z.string().nullable(),
        delivered_at: z.string().nullable(),
        failed_at: z.string().nullable(),
        last_error: z.string().nullable(),
      })
      .strict(),
    delivery_attempts: z
      .array(DeliveryAttemptResource)
      .optional()
      .openapi({ description: 'Every IPN attempt, oldest first (GET /v1/events/{id} only).' }),
    emails: z
      .array(EmailResource)
      .optional()
      .openapi({ description: 'Emails sent for it (GET /v1/events/{id} only).' }),
  })
  .strict()
  .openapi('Event');

export const EventList = z
  .object({
    object: z.literal('list'),
    data: z.array(EventResource),
    has_more: z.boolean(),
    next_cursor: z.string().nullable(),
  })
  .strict()
  .openapi('EventList');

export const NotificationSettingsResource = z
  .object({
    object: z.literal('notification_settings'),
    mode: z.enum(['test', 'live']),
    url: z.string().nullable(),
    secret_rotated_at: z.string(),
    previous_secret_expires_at: z.string().nullable(),
  })
  .strict()
  .openapi('NotificationSettings');

export const WebhookSecretResource = z
  .object({
    object: z.literal('webhook_secret'),
    mode: z.enum(['test', 'live']),
    secret: z.string().openapi({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }),
    previous_secret: z.string().nullable(),
    previous_secret_expires_at: z.string().nullable(),
  })
  .strict()
  .openapi('WebhookSecret');

const TemplateOverrideResource = z
  .object({
    template: z.enum(EMAIL_TEMPLATES),
    language: z.enum(LANGUAGES),
    subject: z.string().nullable(),
    html: z.string().nullable(),
    text: z.string().nullable(),
    updated_at: z.string(),
  })
  .strict()
  .openapi('EmailTemplate');

export const EmailSettingsResource = z
  .object({
    object: z.literal('email_settings'),
    buyer_enabled: z.boolean(),
    merchant_enabled: z.boolean(),
    merchant_address: z.string().nullable(),
    templates: z.array(TemplateOverrideResource),
  })
  .strict()
  .openapi('EmailSettings');

export const EmailPreviewResource = z
  .object({
    object: z.literal('email_preview'),
    subject: z.string(),
    html: z.string(),
    text: z.string(),
  })
  .strict()
  .openapi('EmailPreview');
