import type {
  EmailPreview,
  EmailSettings,
  EmailTemplate,
  Language,
  NotificationSettings,
  WebhookSecret,
} from '../types.js';
import { bare, optional, required } from './define.js';

/** /v1/shop/notifications: where the IPNs of the key's mode go and how they are signed. */
export const NOTIFICATION_SETTINGS = {
  retrieve: bare<'/v1/shop/notifications', NotificationSettings>('GET', '/v1/shop/notifications'),
  /** Set the notification URL, or null to stop IPNs. */
  update: required<'/v1/shop/notifications', { url: string | null }, NotificationSettings>(
    'PUT',
    '/v1/shop/notifications',
  ),
  /** The whsec_… secret to verify IPNs with. */
  retrieveSecret: bare<'/v1/shop/notifications/secret', WebhookSecret>(
    'GET',
    '/v1/shop/notifications/secret',
  ),
  /** New secret; the previous one keeps signing for `previous_secret_valid_hours` (default 24). */
  rotateSecret: optional<
    '/v1/shop/notifications/secret/rotate',
    { previous_secret_valid_hours?: number },
    NotificationSettings
  >('POST', '/v1/shop/notifications/secret/rotate'),
};

/**
 * The parts of a shop's own email template.
 *
 * @example
 * await caisse.shop.emails.setTemplate('buyer_confirmation', 'fr', { subject: 'Commande {{reference}} réglée' });
 */
export interface EmailTemplateParams {
  /** Handlebars, plain text; null keeps the default. */
  subject?: string | null;
  /** Handlebars HTML; null keeps the default. */
  html?: string | null;
  /** Handlebars, plain text; null keeps the default. */
  text?: string | null;
}

/** /v1/shop/emails: buyer and merchant confirmations (toggles, address, templates). */
export const EMAIL_SETTINGS = {
  retrieve: bare<'/v1/shop/emails', EmailSettings>('GET', '/v1/shop/emails'),
  update: required<
    '/v1/shop/emails',
    { buyer_enabled?: boolean; merchant_enabled?: boolean; merchant_address?: string | null },
    EmailSettings
  >('PATCH', '/v1/shop/emails'),
  /** The shop's own subject/bodies of a template in a language. */
  setTemplate: required<
    '/v1/shop/emails/templates/{template}/{language}',
    EmailTemplateParams,
    EmailSettings,
    [template: EmailTemplate, language: Language]
  >('PUT', '/v1/shop/emails/templates/{template}/{language}'),
  /** Back to the default template. */
  deleteTemplate: bare<
    '/v1/shop/emails/templates/{template}/{language}',
    EmailSettings,
    [template: EmailTemplate, language: Language]
  >('DELETE', '/v1/shop/emails/templates/{template}/{language}'),
  /** The email as it would be sent now, for a sample payment. */
  previewTemplate: bare<
    '/v1/shop/emails/templates/{template}/{language}/preview',
    EmailPreview,
    [template: EmailTemplate, language: Language]
  >('GET', '/v1/shop/emails/templates/{template}/{language}/preview'),
};
