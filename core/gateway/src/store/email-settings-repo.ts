import type { Kysely, Transaction } from 'kysely';
import type { EmailTemplate, Language } from '../domain/notification.js';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Email toggles of a shop (CF1, CF2). A shop without a row has the defaults. */
export interface EmailSettings {
  buyerEnabled: boolean;
  merchantEnabled: boolean;
  merchantAddress: string | null;
}

export const DEFAULT_EMAIL_SETTINGS: EmailSettings = {
  buyerEnabled: true,
  merchantEnabled: true,
  merchantAddress: null,
};

export async function findEmailSettings(db: Db, shopId: string): Promise<EmailSettings> {
  const row = await db
    .selectFrom('shop_email_settings')
    .selectAll()
    .where('shop_id', '=', shopId)
    .executeTakeFirst();
  if (!row) return { ...DEFAULT_EMAIL_SETTINGS };
  return {
    buyerEnabled: row.buyer_enabled,
    merchantEnabled: row.merchant_enabled,
    merchantAddress: row.merchant_address,
  };
}

export async function saveEmailSettings(
  db: Db,
  shopId: string,
  settings: EmailSettings,
  now: Date,
): Promise<void> {
  const values = {
    buyer_enabled: settings.buyerEnabled,
    merchant_enabled: settings.merchantEnabled,
    merchant_address: settings.merchantAddress,
    updated_at: now,
  };
  await db
    .insertInto('shop_email_settings')
    .values({ shop_id: shopId, ...values })
    .onConflict((oc) => oc.column('shop_id').doUpdateSet(values))
    .execute();
}

/** A shop's own subject and bodies for one template and language (CUS3); null parts keep the default. */
export interface EmailTemplateOverride {
  template: EmailTemplate;
  language: Language;
  subject: string | null;
  html: string | null;
  text: string | null;
  updatedAt: Date;
}

export async function listEmailTemplateOverrides(db: Db, shopId: string): Promise<EmailTemplateOverride[]> {
  const rows = await db
    .selectFrom('email_templates')
    .selectAll()
    .where('shop_id', '=', shopId)
    .orderBy('template')
    .orderBy('language')
    .execute();
  return rows.map((row) => ({
    template: row.template as EmailTemplate,
    language: row.language as Language,
    subject: row.subject,
    html: row.html,
    text: row.text,
    updatedAt: row.updated_at,
  }));
}

export async function findEmailTemplateOverride(
  db: Db,
  shopId: string,
  template: EmailTemplate,
  language: Language,
): Promise<EmailTemplateOverride | undefined> {
  const row = await db
    .selectFrom('email_templates')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('template', '=', template)
    .where('language', '=', language)
    .executeTakeFirst();
  return (
    row && {
      template,
      language,
      subject: row.subject,
      html: row.html,
      text: row.text,
      updatedAt: row.updated_at,
    }
  );
}

export async function saveEmailTemplateOverride(
  db: Db,
  shopId: string,
  override: Omit<EmailTemplateOverride, 'updatedAt'>,
  now: Date,
): Promise<void> {
  const values = {
    subject: override.subject,
    html: override.html,
    text: override.text,
    updated_at: now,
  };
  await db
    .insertInto('email_templates')
    .values({ shop_id: shopId, template: override.template, language: override.language, ...values })
    .onConflict((oc) => oc.columns(['shop_id', 'template', 'language']).doUpdateSet(values))
    .execute();
}

export async function deleteEmailTemplateOverride(
  db: Db,
  shopId: string,
  template: EmailTemplate,
  language: Language,
): Promise<boolean> {
  const result = await db
    .deleteFrom('email_templates')
    .where('shop_id', '=', shopId)
    .where('template', '=', template)
    .where('language', '=', language)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
