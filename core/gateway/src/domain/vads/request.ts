import { CaisseError } from '../../errors/index.js';
import { findCurrencyByNumeric } from '../currency.js';
import { toLanguage } from '../language.js';
import { MAX_AMOUNT } from '../money.js';
import type { Customer } from '../payment.js';
import type { Typology, ValidationMode } from '../typology.js';
import type { VadsContext } from './context.js';

/** A signed-form request read and checked (signature aside: that needs the shop's keys). */
export interface VadsRequest {
  siteId: string;
  ctxMode: 'TEST' | 'PRODUCTION';
  transId: string;
  transDate: string;
  /** YYYY-MM-DD (UTC) of transDate: vads_trans_id is unique per shop, mode and this day. */
  transDay: string;
  amount: number;
  currency: string;
  typology: Typology;
  validation: ValidationMode | undefined;
  language: string | undefined;
  reference: string;
  customer: Customer | undefined;
  /** The protocol context to keep with the payment, except the fields fixed at entry (uuid, algorithm). */
  context: Omit<VadsContext, 'transUuid' | 'signatureAlgorithm'>;
}

const malformed = (field: string, detail: string) =>
  new CaisseError('vads_malformed_field', { field, detail }, { field });
const unsupported = (field: string, detail: string) =>
  new CaisseError('vads_unsupported', { field, detail }, { field });

const URL_MAX = 1024;

/**
 * Reads the `vads_*` fields of a signed form (DESIGN §4). Empty fields count as absent, as in the
 * protocol. Anything this gateway does not do (other page actions, MULTI, SILENT) is refused by
 * name rather than half-done. Throws a CaisseError naming the first bad field.
 */
export function parseVadsRequest(fields: Readonly<Record<string, string>>): VadsRequest {
  const get = (name: string): string | undefined => {
    const value = fields[name];
    return value === undefined || value === '' ? undefined : value;
  };
  const required = (name: string): string => {
    const value = get(name);
    if (value === undefined) throw malformed(name, 'it is required');
    return value;
  };
  const pattern = (name: string, re: RegExp, detail: string, value = required(name)): string => {
    if (!re.test(value)) throw malformed(name, detail);
    return value;
  };
  const url = (name: string): string | null => {
    const value = get(name);
    if (value === undefined) return null;
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw malformed(name, 'it must be an absolute http(s) URL');
    }
    if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || value.length > URL_MAX) {
      throw malformed(name, `it must be an absolute http(s) URL of at most ${URL_MAX} characters`);
    }
    return value;
  };

  if (required('vads_version') !== 'V2') throw malformed('vads_version', 'it must be V2');
  const siteId = pattern('vads_site_id', /^\d{8}$/, 'it must be the 8 digits of your site id');
  const ctxMode = required('vads_ctx_mode');
  if (ctxMode !== 'TEST' && ctxMode !== 'PRODUCTION')
    throw malformed('vads_ctx_mode', 'it must be TEST or PRODUCTION');
  const transId = pattern('vads_trans_id', /^\d{6}$/, 'it must be 6 digits, from 000000 to 899999');
  if (Number(transId) > 899_999) throw malformed('vads_trans_id', 'it must be from 000000 to 899999');
  const transDate = pattern(
    'vads_trans_date',
    /^\d{14}$/,
    'it must be the UTC date and time as YYYYMMDDHHMMSS',
  );
  const transDay = utcDay(transDate);
  if (!transDay) throw malformed('vads_trans_date', `${transDate} is not a valid UTC date and time`);

  const amountText = pattern(
    'vads_amount',
    /^\d{1,11}$/,
    'it must be the amount in minor units (2490 for 24.90 EUR)',
  );
  const amount = Number(amountText);
  if (amount <= 0 || amount > MAX_AMOUNT)
    throw malformed('vads_amount', `it must be from 1 to ${MAX_AMOUNT}`);
  const currency = findCurrencyByNumeric(
    pattern('vads_currency', /^\d{3}$/, 'it must be an ISO 4217 numeric code (978 for EUR)'),
  );
  if (!currency) throw malformed('vads_currency', 'it is not an ISO 4217 numeric code this gateway knows');

  if (required('vads_action_mode') !== 'INTERACTIVE')
    throw unsupported(
      'vads_action_mode',
      'only INTERACTIVE is supported (the buyer enters the card on the payment page)',
    );
  if (required('vads_page_action') !== 'PAYMENT')
    throw unsupported(
      'vads_page_action',
      'only PAYMENT is supported; card registration (tokens) comes later',
    );
  if (required('vads_payment_config') !== 'SINGLE')
    throw unsupported('vads_payment_config', 'only SINGLE is supported; installments (MULTI) come later');

  const delayText = get('vads_capture_delay');
  let captureDelay: number | null = null;
  if (delayText !== undefined) {
    captureDelay = Number(
      pattern('vads_capture_delay', /^\d{1,3}$/, 'it must be a number of days', delayText),
    );
  }
  const validationMode = get('vads_validation_mode');
  if (validationMode !== undefined && validationMode !== '0' && validationMode !== '1')
    throw malformed('vads_validation_mode', 'it must be 0 (automatic) or 1 (manual)');
  const returnMode = get('vads_return_mode') ?? 'NONE';
  if (returnMode !== 'NONE' && returnMode !== 'GET' && returnMode !== 'POST')
    throw malformed('vads_return_mode', 'it must be NONE, GET or POST');
  const orderId = get('vads_order_id');
  if (orderId !== undefined && !/^[\x20-\x7e]{1,64}$/.test(orderId))
    throw malformed('vads_order_id', 'it must be 1 to 64 printable ASCII characters');
  const languageTag = get('vads_language');
  if (languageTag !== undefined && !/^[a-zA-Z]{2}([-_][a-zA-Z0-9]{1,8})*$/.test(languageTag))
    throw malformed('vads_language', 'it must be a language code such as fr or en');

  const context: VadsRequest['context'] = {
    version: 'V2',
    siteId,
    ctxMode,
    transId,
    transDate,
    orderId: orderId ?? null,
    actionMode: 'INTERACTIVE',
    pageAction: 'PAYMENT',
    paymentConfig: 'SINGLE',
    captureDelay,
    validationMode: validationMode === '0' || validationMode === '1' ? validationMode : null,
    urlCheck: url('vads_url_check'),
    urls: {
      success: url('vads_url_success'),
      refused: url('vads_url_refused'),
      cancel: url('vads_url_cancel'),
      error: url('vads_url_error'),
      return: url('vads_url_return'),
    },
    returnMode,
    fields: Object.fromEntries(Object.entries(fields).filter(([name]) => name.startsWith('vads_'))),
  };

  return {
    siteId,
    ctxMode,
    transId,
    transDate,
    transDay,
    amount,
    currency: currency.code,
    typology: captureDelay ? { type: 'deferred', days: captureDelay } : { type: 'immediate' },
    validation: validationMode === '1' ? 'manual' : validationMode === '0' ? 'automatic' : undefined,
    language: toLanguage(languageTag),
    reference: orderId ?? transId,
    customer: customerOf(get),
    context,
  };
}

function customerOf(get: (name: string) => string | undefined): Customer | undefined {
  const customer: Customer = {};
  const id = get('vads_cust_id');
  const email = get('vads_cust_email');
  const name =
    [get('vads_cust_first_name'), get('vads_cust_last_name')].filter(Boolean).join(' ') ||
    get('vads_cust_name');
  const phone = get('vads_cust_cell_phone') ?? get('vads_cust_phone');
  const language = get('vads_language');
  if (id !== undefined) customer.id = id.slice(0, 100);
  if (email !== undefined) {
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254)
      throw malformed('vads_cust_email', 'it must be an email address');
    customer.email = email;
  }
  if (name) customer.name = name.slice(0, 200);
  if (phone !== undefined) customer.phone = phone.slice(0, 40);
  if (language !== undefined) customer.language = language.slice(0, 10);
  return Object.keys(customer).length > 0 ? customer : undefined;
}

/** "20260315143000" → "2026-03-15", or undefined when it is not a real UTC date and time. */
export function utcDay(transDate: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(transDate);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  const valid =
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    date.getUTCHours() === h &&
    date.getUTCMinutes() === mi &&
    date.getUTCSeconds() === s;
  return valid ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}
