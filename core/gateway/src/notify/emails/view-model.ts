import { findCurrency } from '../../domain/currency.js';
import { formatAmount } from '../../domain/money.js';
import type { EmailTemplate, Language } from '../../domain/notification.js';
import type { PaymentResource } from '../../domain/payment-resource.js';
import { type EmailTexts, emailTexts, interpolate } from './translations.js';

/**
 * The locale each email language formats amounts and dates with. Caisse serves European shops
 * first: English is en-GB, Portuguese is European (the texts say "encomenda", not "pedido").
 */
export const EMAIL_LOCALES: Record<Language, string> = {
  fr: 'fr-FR',
  en: 'en-GB',
  de: 'de-DE',
  es: 'es-ES',
  it: 'it-IT',
  nl: 'nl-NL',
  pt: 'pt-PT',
  zh: 'zh-CN',
};

const BRAND_LABELS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  diners: 'Diners Club',
  jcb: 'JCB',
  discover: 'Discover',
  maestro: 'Maestro',
  cb: 'CB',
};

/** What every email template (default or a shop's override) can use. */
export interface EmailView {
  template: EmailTemplate;
  language: Language;
  test_mode: boolean;
  /** The default subject, filled in, without the test-mode prefix. */
  subject: string;
  title: string;
  intro: string;
  outro: string;
  /** When the card is (or was) debited, for the buyer; null in other emails. */
  note: string | null;
  /** "Test mode payment: no money moved." in test mode, else null. */
  notice: string | null;
  /** A button to follow (the payment link's page), with the address spelt out for plain clients. */
  action: { label: string; url: string; fallback: string } | null;
  /** The details table, in order, labels translated. */
  rows: { label: string; value: string }[];
  /** Named values for the shops' own templates ({{amount}}, {{reference}}...). */
  fields: Record<string, string>;
}

export type EmailViewInput =
  | {
      template: 'payment_link';
      language: Language;
      shopName: string;
      /** A payment with its `payment_link` (the payload of its payment.created event). */
      payment: PaymentResource;
    }
  | {
      template: 'buyer_confirmation' | 'merchant_confirmation';
      language: Language;
      shopName: string;
      payment: PaymentResource;
    }
  | {
      template: 'webhook_failed';
      language: Language;
      shopName: string;
      payment: PaymentResource | null;
      mode: string;
      event: { id: string; type: string };
      url: string | null;
      attempts: number;
      lastError: string | null;
    };

/** "Visa •••• 4242": the brand the payment went through and the last four digits, nothing more. */
export function maskedCard(card: PaymentResource['card']): string | null {
  if (!card) return null;
  const brand = BRAND_LABELS[card.network] ?? BRAND_LABELS[card.brand] ?? card.brand;
  return `${brand} •••• ${card.last4}`;
}

export function formatEmailDate(iso: string, language: Language, withTime = true): string {
  const format = new Intl.DateTimeFormat(EMAIL_LOCALES[language], {
    dateStyle: 'long',
    ...(withTime ? { timeStyle: 'short' } : {}),
    timeZone: 'UTC',
  });
  return `${format.format(new Date(iso))}${withTime ? ' UTC' : ''}`;
}

/** The amount as people read it in this language: "50,00 €", "€50.00", "¥5,000"... */
export function formatEmailAmount(amount: number, currencyCode: string, language: Language): string {
  const currency = findCurrency(currencyCode);
  if (!currency) return `${amount} ${currencyCode}`;
  return formatAmount(amount, currency, EMAIL_LOCALES[language]);
}

function captureNote(payment: PaymentResource, texts: EmailTexts, language: Language): string {
  if (payment.status === 'captured' || payment.status === 'partially_captured') return texts.capture.captured;
  if (payment.status === 'to_validate') return texts.capture.to_validate;
  switch (payment.typology.type) {
    case 'on_shipment':
      return texts.capture.on_shipment;
    case 'on_delivery':
      return texts.capture.on_delivery;
    case 'deferred':
      return payment.capture_date
        ? interpolate(texts.capture.deferred, {
            date: formatEmailDate(payment.capture_date, language, false),
          })
        : texts.capture.authorized;
    default:
      return texts.capture.authorized;
  }
}

function statusLabel(status: string, texts: EmailTexts): string {
  return (texts.statuses as Record<string, string>)[status] ?? status;
}

/** Builds what an email says, in its language; pure, so every language is tested without SMTP. */
export function buildEmailView(input: EmailViewInput): EmailView {
  const texts = emailTexts(input.language);
  const l = texts.labels;
  const language = input.language;

  if (input.template === 'webhook_failed') {
    const fields: Record<string, string> = {
      shop_name: input.shopName,
      event_id: input.event.id,
      event_type: input.event.type,
      payment_id: input.payment?.id ?? '',
      reference: input.payment?.reference ?? '',
      url: input.url ?? '',
      attempts: String(input.attempts),
      last_error: input.lastError ?? '',
    };
    const values = { event: input.event.id, type: input.event.type, attempts: input.attempts };
    const t = texts.webhook_failed;
    return {
      template: input.template,
      language,
      test_mode: input.mode === 'test',
      subject: interpolate(t.subject, values),
      title: t.title,
      intro: interpolate(t.intro, values),
      outro: interpolate(t.outro, values),
      note: null,
      notice: null,
      action: null,
      rows: [
        { label: l.shop, value: input.shopName },
        { label: l.event, value: `${input.event.id} (${input.event.type})` },
        ...(input.payment
          ? [
              { label: l.payment_id, value: input.payment.id },
              { label: l.reference, value: input.payment.reference },
            ]
          : []),
        { label: l.url, value: input.url ?? '—' },
        { label: l.attempts, value: String(input.attempts) },
        { label: l.last_error, value: input.lastError ?? '—' },
      ],
      fields,
    };
  }

  if (input.template === 'payment_link')
    return paymentLinkView(input.payment, input.shopName, language, texts);

  const p = input.payment;
  const amount = formatEmailAmount(p.amount, p.currency, language);
  const date = formatEmailDate(p.authorized_at ?? p.created_at, language);
  const card = maskedCard(p.card);
  const note = captureNote(p, texts, language);
  const guarantee = (texts.guarantee as Record<string, string>)[p.guarantee] ?? p.guarantee;
  const values = { shop: input.shopName, reference: p.reference, amount };
  const t = texts[input.template];
  const merchant = input.template === 'merchant_confirmation';
  const rows = [
    { label: l.amount, value: amount },
    { label: l.reference, value: p.reference },
    { label: l.date, value: date },
    ...(card ? [{ label: l.card, value: card }] : []),
    { label: l.payment_id, value: p.id },
  ];
  if (merchant) {
    rows.push({ label: l.status, value: statusLabel(p.status, texts) });
    rows.push({ label: l.guarantee, value: guarantee });
    const customer = [p.customer?.name, p.customer?.email].filter(Boolean).join(' — ');
    if (customer) rows.push({ label: l.customer, value: customer });
  } else {
    rows.splice(1, 0, { label: l.shop, value: input.shopName });
  }
  return {
    template: input.template,
    language,
    test_mode: p.mode === 'test',
    subject: interpolate(t.subject, values),
    title: t.title,
    intro: interpolate(t.intro, values),
    outro: interpolate(t.outro, values),
    note: merchant ? null : note,
    notice: p.mode === 'test' ? texts.test_notice : null,
    action: null,
    rows,
    fields: {
      shop_name: input.shopName,
      reference: p.reference,
      amount,
      amount_minor: String(p.amount),
      currency: p.currency,
      date,
      card: card ?? '',
      payment_id: p.id,
      status: statusLabel(p.status, texts),
      capture_note: note,
      guarantee,
      customer_email: p.customer?.email ?? '',
      customer_name: p.customer?.name ?? '',
    },
  };
}

/**
 * The email of a payment by email (TE7): who asks for what, a button to the hosted page, until when
 * the link works. The amount is formatted for the currency in the buyer's language.
 */
function paymentLinkView(
  p: PaymentResource,
  shopName: string,
  language: Language,
  texts: EmailTexts,
): EmailView {
  const link = p.payment_link;
  if (!link?.url) throw new Error(`payment ${p.id} has no link URL to email`);
  const l = texts.labels;
  const t = texts.payment_link;
  const amount = formatEmailAmount(p.amount, p.currency, language);
  const expires = formatEmailDate(link.expires_at, language);
  const values = { shop: shopName, reference: p.reference, amount, date: expires };
  return {
    template: 'payment_link',
    language,
    test_mode: p.mode === 'test',
    subject: interpolate(t.subject, values),
    title: t.title,
    intro: interpolate(t.intro, values),
    outro: interpolate(t.outro, values),
    note: interpolate(t.note, values),
    notice: p.mode === 'test' ? t.notice : null,
    action: { label: interpolate(t.button, values), url: link.url, fallback: t.fallback },
    rows: [
      { label: l.amount, value: amount },
      { label: l.shop, value: shopName },
      { label: l.reference, value: p.reference },
      { label: l.valid_until, value: expires },
    ],
    fields: {
      shop_name: shopName,
      reference: p.reference,
      amount,
      amount_minor: String(p.amount),
      currency: p.currency,
      pay_url: link.url,
      expires_at: expires,
      payment_id: p.id,
      customer_email: p.customer?.email ?? '',
      customer_name: p.customer?.name ?? '',
    },
  };
}
