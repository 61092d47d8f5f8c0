import { createHmac } from 'node:crypto';
import { fieldError } from '../errors/index.js';

/** Card brands the gateway recognises. `cb` is only ever a co-brand (see `coBrand`). */
export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'diners' | 'jcb' | 'discover' | 'maestro';
export type CoBrand = 'cb';
export const CARD_NETWORKS = [
  'visa',
  'mastercard',
  'amex',
  'diners',
  'jcb',
  'discover',
  'maestro',
  'cb',
] as const;
/** The network a payment was routed on: the international brand, or CB for a co-badged card. */
export type CardNetwork = (typeof CARD_NETWORKS)[number];

interface BrandRule {
  brand: CardBrand;
  /** Inclusive prefix ranges, compared on the same number of leading digits as the bounds. */
  ranges: ReadonlyArray<readonly [string, string]>;
  lengths: readonly number[];
  cvcLength: number;
}

// Order matters: the first rule whose range matches wins (Diners 36 before Discover, JCB before
// Discover's 35 ranges, Maestro last because its ranges are the widest).
const BRAND_RULES: readonly BrandRule[] = [
  {
    brand: 'amex',
    ranges: [
      ['34', '34'],
      ['37', '37'],
    ],
    lengths: [15],
    cvcLength: 4,
  },
  {
    brand: 'diners',
    ranges: [
      ['300', '305'],
      ['3095', '3095'],
      ['36', '36'],
      ['38', '39'],
    ],
    lengths: [14, 15, 16, 17, 18, 19],
    cvcLength: 3,
  },
  { brand: 'jcb', ranges: [['3528', '3589']], lengths: [16, 17, 18, 19], cvcLength: 3 },
  { brand: 'visa', ranges: [['4', '4']], lengths: [13, 16, 19], cvcLength: 3 },
  {
    brand: 'mastercard',
    ranges: [
      ['51', '55'],
      ['2221', '2720'],
    ],
    lengths: [16],
    cvcLength: 3,
  },
  {
    brand: 'discover',
    ranges: [
      ['6011', '6011'],
      ['644', '649'],
      ['65', '65'],
      ['622126', '622925'],
    ],
    lengths: [16, 17, 18, 19],
    cvcLength: 3,
  },
  {
    brand: 'maestro',
    ranges: [
      ['50', '50'],
      ['56', '58'],
      ['6', '6'],
    ],
    lengths: [12, 13, 14, 15, 16, 17, 18, 19],
    cvcLength: 3,
  },
];

/**
 * BIN prefixes of French cards co-badged CB + Visa/Mastercard. In production this table comes from
 * the acquirer's BIN file; the ranges here cover the mock acquirer's test cards and the 4970-4979
 * and 5131-5135 blocks French issuers use, which is enough to exercise the buyer's brand choice
 * (EU IFR 2015/751 art. 8: the buyer picks the brand, the CB brand is preselected but changeable).
 */
const CB_COBADGED_PREFIXES: readonly (readonly [string, string])[] = [
  ['4970', '4979'],
  ['5131', '5135'],
];

/** The co-badged CB ranges as "low-high" pairs, for the page script that asks for the network early. */
export function coBadgedRanges(): string[] {
  return CB_COBADGED_PREFIXES.map(([low, high]) => `${low}-${high}`);
}

function inRanges(pan: string, ranges: ReadonlyArray<readonly [string, string]>): boolean {
  return ranges.some(([low, high]) => {
    const prefix = pan.slice(0, low.length);
    return prefix.length === low.length && prefix >= low && prefix <= high;
  });
}

/** Removes the spaces and dashes people type; anything else is left for validation to refuse. */
export function normalizePan(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/** The Luhn (mod 10) check over a string of digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export interface BrandInfo {
  brand: CardBrand;
  /** Set when the card is co-badged with CB: the buyer may route on either network. */
  coBrand: CoBrand | undefined;
  lengths: readonly number[];
  cvcLength: number;
}

/** The brand of a PAN (or of its first digits, while typing), or undefined. */
export function detectBrand(pan: string): BrandInfo | undefined {
  const rule = BRAND_RULES.find((r) => inRanges(pan, r.ranges));
  if (!rule) return undefined;
  const coBrand: CoBrand | undefined =
    (rule.brand === 'visa' || rule.brand === 'mastercard') && inRanges(pan, CB_COBADGED_PREFIXES)
      ? 'cb'
      : undefined;
  return { brand: rule.brand, coBrand, lengths: rule.lengths, cvcLength: rule.cvcLength };
}

export interface CardInput {
  number: string;
  exp_month: number;
  exp_year: number;
  cvc?: string | undefined;
  holder?: string | undefined;
}

/** A card that passed validation. `pan` must never be logged, stored in clear or returned. */
export interface ValidCard {
  pan: string;
  cvc: string | undefined;
  expMonth: number;
  expYear: number;
  holder: string | undefined;
  brand: CardBrand;
  coBrand: CoBrand | undefined;
  bin: string;
  last4: string;
}

/** A card is valid through the last day of its expiry month (UTC). */
export function isExpired(expMonth: number, expYear: number, now: Date): boolean {
  const endOfMonth = Date.UTC(expYear, expMonth, 1); // first instant of the following month
  return now.getTime() >= endOfMonth;
}

/**
 * Validates card data given server-side (TE2, TE5, MOTO...). Errors name the field under
 * `fieldPrefix` ("card.number") and never echo the number itself.
 */
export function validateCard(input: CardInput, now: Date, fieldPrefix = 'card'): ValidCard {
  const pan = normalizePan(input.number);
  if (!/^\d{12,19}$/.test(pan) || !luhnValid(pan)) {
    throw fieldError('invalid_card_number', `${fieldPrefix}.number`);
  }
  const info = detectBrand(pan);
  if (!info) throw fieldError('unsupported_card_brand', `${fieldPrefix}.number`);
  if (!info.lengths.includes(pan.length)) throw fieldError('invalid_card_number', `${fieldPrefix}.number`);
  const { exp_month: month, exp_year: year } = input;
  if (
    !Number.isInteger(month) ||
    month < 1 ||
    month > 12 ||
    !Number.isInteger(year) ||
    year < 2000 ||
    year > 2099
  ) {
    throw fieldError('invalid_card_expiry', `${fieldPrefix}.exp_month`, { month, year });
  }
  if (isExpired(month, year, now)) {
    throw fieldError('card_expired', `${fieldPrefix}.exp_year`, {
      month: String(month).padStart(2, '0'),
      year,
    });
  }
  if (input.cvc !== undefined && !new RegExp(`^\\d{${info.cvcLength}}$`).test(input.cvc)) {
    throw fieldError('invalid_cvc', `${fieldPrefix}.cvc`, { length: info.cvcLength, brand: info.brand });
  }
  return {
    pan,
    cvc: input.cvc,
    expMonth: month,
    expYear: year,
    holder: input.holder,
    brand: info.brand,
    coBrand: info.coBrand,
    bin: pan.slice(0, 6),
    last4: pan.slice(-4),
  };
}

/** "424242******4242": BIN + last 4, the only form in which a PAN is ever shown. */
export function maskPan(pan: string): string {
  return `${pan.slice(0, 6)}${'*'.repeat(Math.max(0, pan.length - 10))}${pan.slice(-4)}`;
}

/**
 * A stable, keyed fingerprint of a PAN (HMAC-SHA-256, hex): the same card gives the same
 * fingerprint within one gateway, so risk rules can count it, but it cannot be reversed or
 * matched across installations without the key.
 */
export function cardFingerprint(pan: string, key: Buffer): string {
  return createHmac('sha256', key).update(pan).digest('hex');
}
