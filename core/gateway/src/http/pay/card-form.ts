import type { CardInput, CardNetwork } from '../../domain/card.js';
import { CARD_NETWORKS } from '../../domain/card.js';
import type { CaisseError } from '../../errors/index.js';

/** The card form as posted (strings; nothing trusted yet). The number is never echoed back. */
export interface CardForm {
  number: string;
  expMonth: string;
  expYear: string;
  cvc: string;
  holder: string;
  network: CardNetwork | undefined;
}

export type FormField = 'number' | 'expiry' | 'cvc' | 'holder' | 'network' | 'form';

/** One error to show next to a field, as a text key of the page's language. */
export interface FormError {
  field: FormField;
  key: string;
  params?: Record<string, string | number>;
}

const text = (value: unknown, max: number): string => (typeof value === 'string' ? value.slice(0, max) : '');

export function readCardForm(body: Record<string, unknown>): CardForm {
  const network = text(body['network'], 20);
  return {
    number: text(body['number'], 40),
    expMonth: text(body['exp_month'], 2),
    expYear: text(body['exp_year'], 4),
    cvc: text(body['cvc'], 8).trim(),
    holder: text(body['holder'], 200).trim(),
    network: (CARD_NETWORKS as readonly string[]).includes(network) ? (network as CardNetwork) : undefined,
  };
}

/** What can be said before the domain rules run: missing fields, an over-long name. */
export function precheck(form: CardForm): FormError[] {
  const errors: FormError[] = [];
  if (form.number.replace(/[\s-]/g, '') === '')
    errors.push({ field: 'number', key: 'errors.number_required' });
  if (!/^\d{1,2}$/.test(form.expMonth) || !/^\d{4}$/.test(form.expYear))
    errors.push({ field: 'expiry', key: 'errors.expiry_required' });
  if (form.cvc === '') errors.push({ field: 'cvc', key: 'errors.cvc_required' });
  if (form.holder.length > 100) errors.push({ field: 'holder', key: 'errors.holder_too_long' });
  return errors;
}

export function toCardInput(form: CardForm): CardInput {
  return {
    number: form.number,
    exp_month: Number(form.expMonth),
    exp_year: Number(form.expYear),
    cvc: form.cvc,
    holder: form.holder || undefined,
  };
}

/** A domain refusal of the card (domain/card.ts) as an error next to its field, or undefined. */
export function formErrorOf(error: CaisseError): FormError | undefined {
  switch (error.code) {
    case 'invalid_card_number':
      return { field: 'number', key: 'errors.number_invalid' };
    case 'unsupported_card_brand':
      return { field: 'number', key: 'errors.number_unsupported' };
    case 'invalid_card_expiry':
      return { field: 'expiry', key: 'errors.expiry_invalid' };
    case 'card_expired':
      return { field: 'expiry', key: 'errors.card_expired' };
    case 'invalid_cvc':
      return { field: 'cvc', key: 'errors.cvc_invalid', params: { length: Number(error.params.length) } };
    case 'invalid_field':
      return error.field === 'card.network' ? { field: 'network', key: 'errors.network_invalid' } : undefined;
    case 'network_choice_expired':
      return { field: 'form', key: 'errors.form_expired' };
    default:
      return undefined;
  }
}
