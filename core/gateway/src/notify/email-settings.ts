import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import type { EmailTemplate, Language } from '../domain/notification.js';
import { CaisseError } from '../errors/index.js';
import {
  deleteEmailTemplateOverride,
  type EmailSettings,
  type EmailTemplateOverride,
  findEmailSettings,
  findEmailTemplateOverride,
  listEmailTemplateOverrides,
  saveEmailSettings,
  saveEmailTemplateOverride,
} from '../store/email-settings-repo.js';
import type { Database } from '../store/schema.js';
import { findShop } from '../store/shops-repo.js';
import { compileOverride, type RenderedEmail, renderEmail, templateContext } from './emails/render.js';
import { samplePayment, samplePaymentLink } from './emails/sample.js';
import { buildEmailView, type EmailView } from './emails/view-model.js';

interface Deps {
  db: Kysely<Database>;
  clock: Clock;
}

export interface EmailSettingsView extends EmailSettings {
  templates: EmailTemplateOverride[];
}

export async function getEmailSettings(deps: Deps, shopId: string): Promise<EmailSettingsView> {
  const [settings, templates] = await Promise.all([
    findEmailSettings(deps.db, shopId),
    listEmailTemplateOverrides(deps.db, shopId),
  ]);
  return { ...settings, templates };
}

/** Changes the given toggles and address, leaves the others (CF1, CF2). */
export async function updateEmailSettings(
  deps: Deps,
  shopId: string,
  patch: Partial<EmailSettings>,
): Promise<EmailSettingsView> {
  const current = await findEmailSettings(deps.db, shopId);
  const next: EmailSettings = {
    buyerEnabled: patch.buyerEnabled ?? current.buyerEnabled,
    merchantEnabled: patch.merchantEnabled ?? current.merchantEnabled,
    merchantAddress: patch.merchantAddress === undefined ? current.merchantAddress : patch.merchantAddress,
  };
  await saveEmailSettings(deps.db, shopId, next, deps.clock.now());
  return getEmailSettings(deps, shopId);
}

/** What a template of the shop renders from: a sample payment in the shop's name. */
async function sampleView(
  deps: Deps,
  shopId: string,
  template: EmailTemplate,
  language: Language,
): Promise<EmailView> {
  const shop = await findShop(deps.db, shopId);
  const shopName = shop?.name ?? 'Shop';
  const payment = samplePayment();
  if (template === 'webhook_failed') {
    return buildEmailView({
      template,
      language,
      shopName,
      payment,
      mode: 'test',
      event: { id: 'evt_SAMPLE000000000000000000', type: 'payment.authorized' },
      url: 'https://shop.example/caisse/ipn',
      attempts: 22,
      lastError: 'HTTP 500: the receiver must answer 2xx',
    });
  }
  if (template === 'payment_link') {
    return buildEmailView({ template, language, shopName, payment: samplePaymentLink() });
  }
  return buildEmailView({ template, language, shopName, payment });
}

/**
 * Stores a shop's own subject and bodies for one template and language (CUS3). Each part is
 * compiled and rendered once with a sample payment first: a template that does not parse or
 * render is refused with the field and the parser's message, and nothing is stored.
 */
export async function saveTemplateOverride(
  deps: Deps,
  shopId: string,
  input: {
    template: EmailTemplate;
    language: Language;
    subject: string | null;
    html: string | null;
    text: string | null;
  },
): Promise<EmailTemplateOverride> {
  const context = templateContext(await sampleView(deps, shopId, input.template, input.language));
  for (const kind of ['subject', 'html', 'text'] as const) {
    const source = input[kind];
    if (source === null) continue;
    try {
      compileOverride(source, kind)(context);
    } catch (error) {
      throw new CaisseError(
        'invalid_email_template',
        { field: kind, detail: (error as Error).message.split('\n').slice(0, 4).join(' ') },
        { field: kind },
      );
    }
  }
  await saveEmailTemplateOverride(deps.db, shopId, input, deps.clock.now());
  return (await findEmailTemplateOverride(deps.db, shopId, input.template, input.language))!;
}

export async function removeTemplateOverride(
  deps: Deps,
  shopId: string,
  template: EmailTemplate,
  language: Language,
): Promise<boolean> {
  return deleteEmailTemplateOverride(deps.db, shopId, template, language);
}

/** The email as the shop's buyers (or the merchant) would get it now, for a sample payment. */
export async function previewEmail(
  deps: Deps,
  shopId: string,
  template: EmailTemplate,
  language: Language,
): Promise<RenderedEmail> {
  const [view, override] = await Promise.all([
    sampleView(deps, shopId, template, language),
    findEmailTemplateOverride(deps.db, shopId, template, language),
  ]);
  return renderEmail(view, override);
}
