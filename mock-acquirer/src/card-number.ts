import { createHmac, randomBytes } from 'node:crypto';

/** Card brands the mock acquirer recognises from the BIN. */
export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'diners' | 'jcb' | 'unknown';

/** A second scheme carried by a co-badged card (the French domestic scheme CB). */
export type CoBrand = 'cb';

/** What answers and the ledger say about a card: never the full number. */
export interface CardSummary {
  brand: CardBrand;
  /** First six digits. */
  bin: string;
  last4: string;
  co_brand?: CoBrand;
}

/** Card as recorded in the ledger: the summary plus a keyed fingerprint of the PAN. */
export interface LedgerCard extends CardSummary {
  /** HMAC-SHA-256 of the PAN with a per-process secret, hex. */
  fingerprint: string;
}

// One secret per process: fingerprints compare cards within a run without storing anything
// that would let the PAN be recovered (an unkeyed hash of a PAN is brute-forced in seconds).
const FINGERPRINT_SECRET = randomBytes(32);

/** Digits only: spaces and dashes, as people type them, are removed. */
export function normalizeCardNumber(raw: string): string {
  return raw.replace(/[\s-]/g, '');
}

export function isLuhnValid(pan: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = pan.length - 1; i >= 0; i--) {
    let digit = pan.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return false;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return pan.length > 0 && sum % 10 === 0;
}

/** Brand from simple BIN ranges; good enough for a simulator, not a BIN table. */
export function detectBrand(pan: string): CardBrand {
  const two = Number(pan.slice(0, 2));
  const three = Number(pan.slice(0, 3));
  const four = Number(pan.slice(0, 4));
  if (pan.startsWith('4')) return 'visa';
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'mastercard';
  if (two === 34 || two === 37) return 'amex';
  if (two === 36 || two === 38 || (three >= 300 && three <= 305)) return 'diners';
  if (four >= 3528 && four <= 3589) return 'jcb';
  return 'unknown';
}

export function fingerprintCard(pan: string): string {
  return createHmac('sha256', FINGERPRINT_SECRET).update(pan).digest('hex');
}

export function summarizeCard(pan: string, coBrand?: CoBrand): CardSummary {
  const summary: CardSummary = { brand: detectBrand(pan), bin: pan.slice(0, 6), last4: pan.slice(-4) };
  if (coBrand) summary.co_brand = coBrand;
  return summary;
}
