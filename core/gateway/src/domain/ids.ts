import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Random base62 string of `length` characters from the OS CSPRNG. Rejection sampling keeps every
 * character uniform (256 is not a multiple of 62).
 */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248) out += ALPHABET[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

export type IdPrefix = 'pay' | 'op' | 'evt' | 'shop' | 'key' | 'oev' | 'eml';

/** Public ids: a type prefix and 24 random base62 characters (~143 bits), e.g. "pay_3kTMd…". */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBase62(24)}`;
}
