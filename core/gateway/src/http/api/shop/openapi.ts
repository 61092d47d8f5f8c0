import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod.js';
import { AssetResource, ShopSettingsPatchBody, ShopSettingsResource } from './schemas.js';

const problem = { description: 'Problem (RFC 9457)' };

/** The shop settings and look endpoints in the OpenAPI document. */
export function registerShopPaths(registry: OpenAPIRegistry, security: { secretKey: string[] }[]): void {
  const json = (description: string, schema: z.ZodType) => ({
    description,
    content: { 'application/json': { schema } },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/shop/settings',
    summary: "Read the shop's settings and signed-form credentials",
    description:
      'Creates the signed-form credentials (vads_site_id, TEST and PRODUCTION keys) on first read. A test key reads the TEST key only.',
    security,
    responses: { 200: json('The settings', ShopSettingsResource), 401: problem },
  });
  registry.registerPath({
    method: 'patch',
    path: '/v1/shop/settings',
    summary:
      'Change the default language, the enabled payment means, the support contact or SHA-1 acceptance',
    security,
    request: { body: { content: { 'application/json': { schema: ShopSettingsPatchBody } } } },
    responses: { 200: json('The settings', ShopSettingsResource), 400: problem, 401: problem },
  });
  registry.registerPath({
    method: 'put',
    path: '/v1/shop/logo',
    summary: 'Upload the logo of the payment pages (PNG, JPEG or WebP, up to 256 KB; SVG is refused)',
    security,
    request: {
      body: {
        content: {
          'image/png': { schema: z.string().openapi({ format: 'binary' }) },
          'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) },
          'image/webp': { schema: z.string().openapi({ format: 'binary' }) },
        },
      },
    },
    responses: { 200: json('Where it is served', AssetResource), 401: problem, 413: problem, 415: problem },
  });
  registry.registerPath({
    method: 'put',
    path: '/v1/shop/stylesheet',
    summary: 'Upload the stylesheet of the payment pages (text/css, up to 64 KB, vetted)',
    description:
      'Refused (400 stylesheet_refused, naming each line) when it has @import, unknown at-rules, url() outside /assets/shops/<shop id>/, expression(), image-set(), behavior, -moz-binding or javascript:.',
    security,
    request: { body: { content: { 'text/css': { schema: z.string() } } } },
    responses: {
      200: json('Where it is served', AssetResource),
      400: problem,
      401: problem,
      413: problem,
      415: problem,
    },
  });
}
