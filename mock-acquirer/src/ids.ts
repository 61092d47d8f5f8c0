// Identifiers derived from (seed, reference) rather than drawn in sequence, so a run with the
// same seed gives every operation the same ids whatever the order requests arrive in.

/** cyrb53: a fast, well-mixed 53-bit string hash (not cryptographic, not meant to be). */
function hash53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const AUTH_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export function acquirerTransactionId(seed: number, reference: string): string {
  const high = hash53(reference, seed).toString(16).padStart(14, '0');
  const low = hash53(reference, seed ^ 0x5bd1e995)
    .toString(16)
    .padStart(14, '0');
  return `mat_${high}${low.slice(0, 10)}`;
}

/** Six characters, as printed on receipts. */
export function authCode(seed: number, reference: string): string {
  let value = hash53(`auth:${reference}`, seed);
  let code = '';
  for (let i = 0; i < 6; i++) {
    code += AUTH_CODE_ALPHABET[value % AUTH_CODE_ALPHABET.length];
    value = Math.floor(value / AUTH_CODE_ALPHABET.length);
  }
  return code;
}

/** A UUID-shaped id derived from (seed, text), for 3-D Secure transaction ids. */
export function derivedUuid(seed: number, text: string): string {
  const hex = [0, 1, 2].map((i) => hash53(`${i}:${text}`, seed).toString(16).padStart(14, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A 20-byte authentication value (CAVV-like), base64, derived from (seed, text). */
export function authenticationValue(seed: number, text: string): string {
  const hex = [0, 1, 2].map((i) => hash53(`cavv${i}:${text}`, seed).toString(16).padStart(14, '0')).join('');
  return Buffer.from(hex.slice(0, 40), 'hex').toString('base64');
}
