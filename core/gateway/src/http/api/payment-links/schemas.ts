import { LANGUAGES, toLanguage } from '../../../domain/language.js';
import { Amount, Currency, HttpUrl, Metadata, Typology } from '../payments/schemas.js';
import { z } from '../zod.js';

/** Wire schemas of payment links (TE7): strict, each type sharing its schema's name (STYLE 11). */

export const PaymentLinkCustomer = z
  .object({
    email: z
      .email()
      .max(254)
      .openapi({ description: 'Where the link is sent.', example: 'anna@example.com' }),
    language: z
      .string()
      .min(2)
      .max(10)
      .refine((tag) => toLanguage(tag) !== undefined, {
        message: `must be one of ${LANGUAGES.join(', ')} (a region such as de-AT is fine)`,
      })
      .optional()
      .openapi({
        description:
          "Language of the email and of the page (one of the eight page languages); default: the shop's default language.",
        example: 'de',
      }),
    id: z.string().max(100).optional().openapi({ description: "The shop's own customer id." }),
    name: z.string().max(200).optional(),
    phone: z.string().max(40).optional(),
  })
  .strict()
  .openapi('PaymentLinkCustomer');

export const CreatePaymentLinkBody = z
  .object({
    amount: Amount,
    currency: Currency,
    reference: z
      .string()
      .min(1)
      .max(128)
      .openapi({ description: "The shop's order reference.", example: 'ORDER-1042' }),
    customer: PaymentLinkCustomer,
    expires_at: z.iso.datetime({ offset: true }).optional().openapi({
      description: 'Until when the link can be paid: 15 minutes to 30 days from now (default 7 days).',
      example: '2026-03-01T18:00:00Z',
    }),
    typology: Typology.optional(),
    validation: z.enum(['automatic', 'manual']).optional().openapi({
      description: 'manual: hold the authorised payment until POST /validate (default automatic).',
    }),
    return_url: HttpUrl.optional().openapi({
      description: 'Where the result page sends the buyer back to (a "Return to the shop" link).',
    }),
    notification_url: HttpUrl.optional().openapi({
      description: "Where this payment's IPNs go, instead of the shop's notification URL.",
    }),
    metadata: Metadata.optional(),
  })
  .strict()
  .openapi('CreatePaymentLink');
export type CreatePaymentLinkBody = z.infer<typeof CreatePaymentLinkBody>;
