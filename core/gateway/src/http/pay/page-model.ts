import type { TFunction } from 'i18next';
import { coBadgedRanges } from '../../domain/card.js';
import { findCurrency } from '../../domain/currency.js';
import { guaranteeOf } from '../../domain/guarantee.js';
import { LANGUAGES, type Language } from '../../domain/language.js';
import { formatAmount } from '../../domain/money.js';
import type { Operation } from '../../domain/operation.js';
import type { Payment } from '../../domain/payment.js';
import { REDIRECT_METHOD_TYPES } from '../../domain/payment-method.js';
import type { VadsReturn } from '../../engine/vads-return.js';
import type { ShopSettings } from '../../store/shop-settings-repo.js';
import type { CardForm, FormError, FormField } from './card-form.js';
import { LANGUAGE_NAMES } from './i18n.js';
import { shopReturnUrl } from './return-url.js';
import type { LayoutModel } from './views.js';

export const STATIC_BASE = '/pay/static';

/** Everything a page of one payment is built from. */
export interface PageContext {
  payment: Payment;
  shop: ShopSettings;
  lang: Language;
  t: TFunction;
  /** The page's own path (/pay/<token>), for forms and the language switcher. */
  path: string;
}

const BRAND_NAMES: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  diners: 'Diners Club',
  jcb: 'JCB',
  discover: 'Discover',
  maestro: 'Maestro',
  cb: 'CB',
};

export function amountText(ctx: PageContext): string {
  const currency = findCurrency(ctx.payment.currency)!;
  return formatAmount(ctx.payment.amount, currency, ctx.lang);
}

export function layoutModel(
  ctx: PageContext,
  page: { title: string; kind: string; scripts?: string[]; refreshSeconds?: number; switcher?: boolean },
): LayoutModel {
  const { t, shop } = ctx;
  const support = shop.support;
  return {
    lang: ctx.lang,
    title: page.title,
    shopName: shop.name,
    pageKind: page.kind,
    staticBase: STATIC_BASE,
    logo: shop.logoAsset ? `/assets/shops/${shop.id}/${shop.logoAsset}` : undefined,
    logoAlt: t('page.logo_alt', { shop: shop.name }),
    shopStylesheet: shop.stylesheetAsset ? `/assets/shops/${shop.id}/${shop.stylesheetAsset}` : undefined,
    scripts: (page.scripts ?? []).map((name) => `${STATIC_BASE}/${name}`),
    skipLink: page.kind === 'pay' ? t('page.skip') : undefined,
    testMode: ctx.payment.mode === 'test' ? t('page.test_mode') : undefined,
    refreshSeconds: page.refreshSeconds,
    switcher:
      page.switcher === false
        ? undefined
        : {
            label: t('page.language'),
            items: LANGUAGES.map((code) => ({
              code,
              name: LANGUAGE_NAMES[code],
              href: `${ctx.path}?lang=${code}`,
              current: code === ctx.lang,
            })),
          },
    support:
      support && (support.email || support.phone || support.url)
        ? {
            label: t('page.support'),
            ...(support.email ? { email: support.email } : {}),
            ...(support.phone
              ? { phone: support.phone, phoneHref: support.phone.replace(/[^\d+]/g, '') }
              : {}),
            ...(support.url ? { url: support.url } : {}),
          }
        : undefined,
    secureNotice: t('page.secure_notice'),
  };
}

/** A date as the buyer reads it in the page language, in UTC (the gateway does not know their zone). */
export function dateText(ctx: PageContext, date: Date): string {
  const format = new Intl.DateTimeFormat(ctx.lang, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  return `${format.format(date)} UTC`;
}

function summary(ctx: PageContext) {
  const link = ctx.payment.linkExpiresAt;
  return {
    title: ctx.t('page.pay_to', { shop: ctx.shop.name }),
    orderLabel: ctx.t('page.order'),
    reference: ctx.payment.reference,
    amountLabel: ctx.t('page.amount'),
    amount: amountText(ctx),
    linkValidity: link ? ctx.t('link.valid_until', { date: dateText(ctx, link) }) : undefined,
  };
}

const FIELD_TARGET: Record<FormField, string> = {
  number: 'card-number',
  expiry: 'card-exp-month',
  cvc: 'card-cvc',
  holder: 'card-holder',
  network: 'network-choice',
  form: 'card-number',
};

function errorList(ctx: PageContext, errors: FormError[]) {
  return errors.map((e) => ({ target: FIELD_TARGET[e.field], message: ctx.t(e.key, e.params ?? {}) }));
}

function messageFor(ctx: PageContext, errors: FormError[], field: FormField): string | undefined {
  const error = errors.find((e) => e.field === field);
  return error ? ctx.t(error.key, error.params ?? {}) : undefined;
}

/** The card form (and the shop's other means), with the errors of a previous try next to their fields. */
export function payModel(
  ctx: PageContext,
  input: { csrf: string; errors: FormError[]; form?: CardForm | undefined; now: Date },
) {
  const { t, shop } = ctx;
  const { errors, form } = input;
  const year = input.now.getUTCFullYear();
  const months = Array.from({ length: 12 }, (_, i) => {
    const value = String(i + 1).padStart(2, '0');
    return { value, label: value, selected: form !== undefined && Number(form.expMonth) === i + 1 };
  });
  const years = Array.from({ length: 21 }, (_, i) => ({
    value: String(year + i),
    label: String(year + i),
    selected: form?.expYear === String(year + i),
  }));
  const means = REDIRECT_METHOD_TYPES.filter((type) => shop.paymentMethods.includes(type)).map((type) => ({
    type,
    label: t('means.pay_with', { means: t(`means.${type}`) }),
    action: `${ctx.path}/means`,
  }));
  const formErrors = errors.filter((e) => e.field === 'form');
  return {
    summary: summary(ctx),
    errors: errorList(ctx, errors),
    errorSummaryTitle: t('errors.summary'),
    csrf: input.csrf,
    card: shop.paymentMethods.includes('card')
      ? {
          action: ctx.path,
          coBadgeRanges: coBadgedRanges().join(','),
          brandNames: JSON.stringify(BRAND_NAMES),
          legend: t('card.legend'),
          number: {
            label: t('card.number'),
            hint: t('card.number_hint'),
            error:
              messageFor(ctx, errors, 'number') ?? (formErrors[0] ? ctx.t(formErrors[0].key) : undefined),
          },
          expiry: {
            label: t('card.expiry'),
            monthLabel: t('card.exp_month'),
            yearLabel: t('card.exp_year'),
            monthPlaceholder: t('card.exp_month'),
            yearPlaceholder: t('card.exp_year'),
            months,
            years,
            error: messageFor(ctx, errors, 'expiry'),
          },
          cvc: { label: t('card.cvc'), hint: t('card.cvc_hint'), error: messageFor(ctx, errors, 'cvc') },
          holder: {
            label: t('card.holder'),
            hint: t('card.holder_hint'),
            error: messageFor(ctx, errors, 'holder'),
            value: form?.holder ?? '',
          },
          network: { legend: t('card.network_legend'), hint: t('card.network_hint') },
          submit: t('card.submit', { amount: amountText(ctx) }),
        }
      : undefined,
    meansTitle: t('means.legend'),
    means,
    // A payment link has no shop page to return to, and stays payable until it expires: the buyer
    // who does not want to pay just leaves; the shop cancels it through the API.
    cancel: ctx.payment.linkExpiresAt
      ? undefined
      : { action: `${ctx.path}/cancel`, label: t('cancel.button') },
  };
}

/** The network choice of a co-badged card (JavaScript off): CB first and checked, changeable. */
export function choiceModel(
  ctx: PageContext,
  input: { csrf: string; errors: FormError[]; brand: string; last4: string },
) {
  const { t } = ctx;
  const brandName = BRAND_NAMES[input.brand] ?? input.brand;
  return {
    summary: summary(ctx),
    errors: errorList(ctx, input.errors),
    errorSummaryTitle: t('errors.summary'),
    csrf: input.csrf,
    choice: {
      action: `${ctx.path}/network`,
      title: t('choice.title'),
      intro: t('choice.intro', { last4: input.last4, brand: brandName }),
      legend: t('card.network_legend'),
      networks: [
        { value: 'cb', label: 'CB', checked: true },
        { value: input.brand, label: brandName, checked: false },
      ],
      cvc: { label: t('card.cvc'), hint: t('choice.cvc_again'), error: messageFor(ctx, input.errors, 'cvc') },
      submit: t('choice.continue', { amount: amountText(ctx) }),
    },
  };
}

type Tone = 'success' | 'refused' | 'cancelled' | 'processing' | 'failed' | 'closed';

function toneOf(payment: Payment, now: Date): Tone {
  const expired = payment.pageExpiresAt !== null && payment.pageExpiresAt <= now;
  switch (payment.status) {
    case 'authorized':
    case 'to_validate':
    case 'partially_captured':
    case 'captured':
    case 'partially_refunded':
    case 'refunded':
      return 'success';
    case 'refused':
      return 'refused';
    case 'cancelled':
      return 'cancelled';
    case 'requires_action':
      return expired ? 'closed' : 'processing';
    case 'processing':
      return 'processing';
    case 'failed':
      return 'failed';
    default:
      return 'closed';
  }
}

/**
 * What the result page says of a payment link that can no longer be paid (TE7): expired (its date
 * passed), closed (a step walked away from), refused, failed or cancelled by the shop, each time
 * telling the buyer to ask the shop for a new link. Undefined for other payments and outcomes.
 */
function linkTexts(ctx: PageContext, tone: Tone, now: Date): { title: string; message: string } | undefined {
  const { t, payment } = ctx;
  const expiresAt = payment.linkExpiresAt;
  if (!expiresAt) return undefined;
  const shop = ctx.shop.name;
  switch (tone) {
    case 'closed':
      return expiresAt <= now
        ? {
            title: t('link.expired_title'),
            message: t('link.expired', { date: dateText(ctx, expiresAt), shop }),
          }
        : { title: t('link.closed_title'), message: t('link.closed', { shop }) };
    case 'refused':
      return { title: t('result.refused_title'), message: t('link.refused', { shop }) };
    case 'failed':
      return { title: t('result.failed_title'), message: t('link.failed', { shop }) };
    case 'cancelled':
      return { title: t('link.cancelled_title'), message: t('link.cancelled', { shop }) };
    default:
      return undefined;
  }
}

/** The outcome of a payment, with its details (guarantee included, SEC2) and the way back to the shop. */
export function resultModel(
  ctx: PageContext,
  input: { operations: readonly Operation[]; vadsReturn: VadsReturn | undefined; now: Date },
) {
  const { t, payment } = ctx;
  const tone = toneOf(payment, input.now);
  const amount = amountText(ctx);
  const link = linkTexts(ctx, tone, input.now);
  const message =
    link?.message ??
    (tone === 'success'
      ? t(payment.status === 'to_validate' ? 'result.to_validate' : 'result.success', { amount })
      : t(`result.${tone}`));
  const authorization = input.operations.find(
    (op) => op.type === 'authorization' && op.status === 'succeeded',
  );
  const details: { id: string; label: string; value: string }[] = [
    { id: 'reference', label: t('result.reference'), value: payment.reference },
    { id: 'amount', label: t('result.amount'), value: amount },
  ];
  const method = payment.paymentMethod?.type;
  if (method === 'card' && payment.card) {
    details.push({
      id: 'method',
      label: t('result.method'),
      value: t('result.card_ending', {
        brand: BRAND_NAMES[payment.card.network] ?? payment.card.network,
        last4: payment.card.last4,
      }),
    });
  } else if (method) {
    details.push({ id: 'method', label: t('result.method'), value: t(`means.${method}`) });
  }
  if (authorization?.authCode)
    details.push({ id: 'auth-code', label: t('result.auth_code'), value: authorization.authCode });
  if (payment.threeDS) {
    details.push({
      id: 'three-ds',
      label: t('result.three_ds'),
      value: t(`result.three_ds_${payment.threeDS.status}`),
    });
  }
  if (tone === 'success') {
    details.push({
      id: 'guarantee',
      label: t('result.guarantee'),
      value: t(`result.guarantee_${guaranteeOf(payment)}`),
    });
  }

  let back: object | undefined;
  const label = t('result.back_to_shop');
  if (input.vadsReturn) {
    const r = input.vadsReturn;
    if (r.method === 'POST') {
      back = {
        label,
        form: { action: r.url, fields: Object.entries(r.fields).map(([name, value]) => ({ name, value })) },
      };
    } else if (r.method === 'GET') {
      // A link rather than a GET form: a GET form would drop the query the shop's URL may have.
      const url = new URL(r.url);
      for (const [name, value] of Object.entries(r.fields)) url.searchParams.set(name, value);
      back = { label, href: url.toString(), auto: true };
    } else {
      back = { label, href: r.url };
    }
  } else if (payment.returnUrl && !payment.vads) {
    back = { label, href: shopReturnUrl(payment) };
  }
  return {
    result: {
      tone,
      title: link?.title ?? t(`result.${tone}_title`),
      message,
      detailsTitle: t('result.details'),
      details,
      refresh: tone === 'processing' ? { href: ctx.path, label: t('result.refresh') } : undefined,
      back,
    },
  };
}

/** A page that could not be shown or a request that was refused, in the buyer's language. */
export function errorModel(t: TFunction, input: { message: string; code?: string; detail?: string }) {
  return {
    error: {
      title: t('error.title'),
      message: input.message,
      detailLabel: t('error.technical_detail'),
      code: input.code,
      detail: input.detail,
    },
  };
}
