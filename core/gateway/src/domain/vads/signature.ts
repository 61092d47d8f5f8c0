import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signature of the signed-form protocol (DESIGN §4, docs/en/signed-form.md):
 * take every field whose name starts with `vads_`, sort them by name, join their values with `+`,
 * append `+` and the shop's key for the mode (TEST or PRODUCTION). The signature is
 * Base64(HMAC-SHA-256(key, that string)); the legacy algorithm, accepted only when the shop enables
 * it, is the hex SHA-1 of the same string.
 */
export type VadsSignatureAlgorithm = 'HMAC-SHA-256' | 'SHA-1';

/** The exact string that is signed. Names compare by code unit, as every implementation sorts them. */
export function vadsSigningString(fields: Readonly<Record<string, string>>, key: string): string {
  const names = Object.keys(fields)
    .filter((name) => name.startsWith('vads_'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...names.map((name) => fields[name] ?? ''), key].join('+');
}

export function computeVadsSignature(
  fields: Readonly<Record<string, string>>,
  key: string,
  algorithm: VadsSignatureAlgorithm = 'HMAC-SHA-256',
): string {
  const text = vadsSigningString(fields, key);
  return algorithm === 'HMAC-SHA-256'
    ? createHmac('sha256', key).update(text, 'utf8').digest('base64')
    : createHash('sha1').update(text, 'utf8').digest('hex');
}

/** Constant-time check of `signature` against the one computed with `key`. */
export function verifyVadsSignature(
  fields: Readonly<Record<string, string>>,
  signature: string,
  key: string,
  algorithm: VadsSignatureAlgorithm,
): boolean {
  const expected = Buffer.from(computeVadsSignature(fields, key, algorithm), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  // Lengths are public (a Base64 SHA-256 is always 44 characters, a hex SHA-1 40): comparing them
  // first leaks nothing, and timingSafeEqual needs equal lengths.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Which algorithm a signature's shape says it uses: 40 hex digits is SHA-1, else HMAC-SHA-256. */
export function signatureAlgorithmOf(signature: string): VadsSignatureAlgorithm {
  return /^[0-9a-fA-F]{40}$/.test(signature) ? 'SHA-1' : 'HMAC-SHA-256';
}
