import { LANGUAGES, type Language } from '../../domain/notification.js';
import { readEmailAsset } from './assets.js';

interface TemplateTexts {
  subject: string;
  title: string;
  intro: string;
  outro: string;
}

/** The texts of the emails in one language: notify/emails/i18n/<language>.json. */
export interface EmailTexts {
  labels: Record<
    | 'amount'
    | 'reference'
    | 'date'
    | 'card'
    | 'payment_id'
    | 'shop'
    | 'customer'
    | 'guarantee'
    | 'status'
    | 'event'
    | 'url'
    | 'attempts'
    | 'last_error'
    | 'valid_until',
    string
  >;
  guarantee: Record<'yes' | 'no' | 'unknown', string>;
  statuses: Record<'authorized' | 'to_validate' | 'captured' | 'partially_captured', string>;
  capture: Record<
    'captured' | 'authorized' | 'on_shipment' | 'on_delivery' | 'deferred' | 'to_validate',
    string
  >;
  test_notice: string;
  buyer_confirmation: TemplateTexts;
  merchant_confirmation: TemplateTexts;
  webhook_failed: TemplateTexts;
  payment_link: TemplateTexts & { button: string; fallback: string; note: string; notice: string };
}

const cache = new Map<Language, EmailTexts>();

export function emailTexts(language: Language): EmailTexts {
  let texts = cache.get(language);
  if (!texts) {
    texts = JSON.parse(readEmailAsset('i18n', `${language}.json`)) as EmailTexts;
    cache.set(language, texts);
  }
  return texts;
}

export function allEmailTexts(): Map<Language, EmailTexts> {
  return new Map(LANGUAGES.map((language) => [language, emailTexts(language)]));
}

/** Fills `{name}` parts of a text; unknown names stay visible rather than vanishing. */
export function interpolate(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  );
}
