import { LANGUAGES } from '../../../domain/language.js';
import { PAYMENT_METHOD_TYPES } from '../../../domain/payment-method.js';
import { z } from '../zod.js';

/** Wire schemas of the shop settings (STYLE 11): strict, each type named like its schema. */

export const SupportContact = z
  .object({
    email: z.email().max(254).optional(),
    phone: z
      .string()
      .regex(/^\+?[0-9 ().-]{4,30}$/, 'a phone number such as +33 1 23 45 67 89')
      .optional(),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .optional(),
  })
  .strict()
  .openapi('SupportContact', { description: 'Shown on the payment pages (DOC5).' });

export const ShopSettingsPatchBody = z
  .object({
    default_language: z
      .enum(LANGUAGES)
      .optional()
      .openapi({ description: 'Page language when nothing else decides.' }),
    payment_methods: z
      .array(z.enum(PAYMENT_METHOD_TYPES))
      .min(1)
      .max(PAYMENT_METHOD_TYPES.length)
      .optional()
      .openapi({ description: 'Means offered on the hosted page (card and redirect means).' }),
    support: SupportContact.nullable().optional(),
    vads_sha1_allowed: z
      .boolean()
      .optional()
      .openapi({ description: 'Accept the legacy SHA-1 signature on the signed form (off by default).' }),
  })
  .strict()
  .openapi('ShopSettingsPatch');
export type ShopSettingsPatchBody = z.infer<typeof ShopSettingsPatchBody>;

export const ShopSettingsResource = z
  .object({
    object: z.literal('shop_settings'),
    id: z.string(),
    name: z.string(),
    default_language: z.string(),
    payment_methods: z.array(z.enum(PAYMENT_METHOD_TYPES)),
    support: SupportContact.nullable(),
    logo_url: z.string().nullable(),
    stylesheet_url: z.string().nullable(),
    vads: z
      .object({
        site_id: z.string().openapi({ description: 'vads_site_id: 8 digits.' }),
        test_key: z.string().openapi({ description: 'Signs forms with vads_ctx_mode=TEST.' }),
        production_key: z.string().nullable().openapi({
          description: 'Signs forms with vads_ctx_mode=PRODUCTION; null when read with a test key.',
        }),
        sha1_allowed: z.boolean(),
      })
      .strict(),
  })
  .strict()
  .openapi('ShopSettings');

export const AssetResource = z
  .object({ object: z.literal('shop_asset'), url: z.string() })
  .strict()
  .openapi('ShopAsset');
