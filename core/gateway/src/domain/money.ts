import { CaisseError, fieldError } from '../errors/index.js';
import { type Currency, findCurrency } from './currency.js';

/**
 * The largest amount the gateway accepts, in minor units, whatever the currency. It keeps every
 * sum of amounts (captured + refunded over many operations) far inside Number.MAX_SAFE_INTEGER
 * and inside PostgreSQL bigint.
 */
export const MAX_AMOUNT = 99_999_999_999;

/**
 * Checks that `value` is an amount in minor units: a safe integer, > 0 and ≤ MAX_AMOUNT.
 * Floats are refused rather than rounded: 10.5 cents is a bug upstream, not something to guess.
 */
export function assertAmount(value: unknown, field = 'amount'): number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw fieldError('invalid_amount', field, { detail: 'not a number' });
  }
  if (!Number.isInteger(value)) {
    throw fieldError('invalid_amount', field, { detail: `${value} is not an integer` });
  }
  if (value <= 0) throw fieldError('invalid_amount', field, { detail: `${value} is not positive` });
  if (value > MAX_AMOUNT) {
    throw fieldError('invalid_amount', field, { detail: `${value} is above the maximum ${MAX_AMOUNT}` });
  }
  return value;
}

/** The currency for `code`, or a 400 `unknown_currency` naming the field. */
export function requireCurrency(code: string, field = 'currency'): Currency {
  const currency = findCurrency(code);
  if (!currency) throw new CaisseError('unknown_currency', { currency: code, field }, { field });
  return currency;
}

/**
 * Minor units → a plain decimal string with the currency's exponent: (5000, EUR) → "50.00",
 * (5000, JPY) → "5000", (5, KWD) → "0.005". Exact: no floating point involved.
 */
export function toDecimalString(amount: number, currency: Currency): string {
  const negative = amount < 0;
  const digits = Math.abs(amount)
    .toString()
    .padStart(currency.exponent + 1, '0');
  const whole = currency.exponent === 0 ? digits : digits.slice(0, -currency.exponent);
  const fraction = currency.exponent === 0 ? '' : `.${digits.slice(-currency.exponent)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/**
 * A decimal string → minor units, exactly: ("50.00", EUR) → 5000, ("50.5", EUR) → 5050.
 * More fraction digits than the exponent allows is an error, never a rounding.
 */
export function fromDecimalString(text: string, currency: Currency, field = 'amount'): number {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw fieldError('invalid_amount', field, { detail: `"${text}" is not a decimal amount` });
  const whole = match[1]!;
  const fraction = match[2] ?? '';
  if (fraction.length > currency.exponent) {
    throw fieldError('invalid_amount', field, {
      detail: `${currency.code} has ${currency.exponent} decimal places, "${text}" has ${fraction.length}`,
    });
  }
  const minor = Number(whole + fraction.padEnd(currency.exponent, '0'));
  if (!Number.isSafeInteger(minor)) throw fieldError('invalid_amount', field, { detail: 'too large' });
  return minor;
}

/**
 * Formats an amount for people, with the locale's symbol and separators:
 * (5000, EUR, 'fr') → "50,00 €"; (5000, JPY, 'en') → "¥5,000"; (5000, KWD, 'en') → "KWD 5.000".
 * Uses the decimal string (not amount / 10^exponent) so no float ever touches the digits.
 */
export function formatAmount(amount: number, currency: Currency, locale: string): string {
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: currency.code,
    minimumFractionDigits: currency.exponent,
    maximumFractionDigits: currency.exponent,
  });
  // Intl accepts decimal strings exactly (ECMA-402 "string numeric literal"), avoiding floats.
  return format.format(toDecimalString(amount, currency) as unknown as number);
}
