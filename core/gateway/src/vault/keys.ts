import { hkdfSync } from 'node:crypto';

/**
 * Every key the gateway uses is derived from the one master secret (CAISSE_SECRET_KEY) with
 * HKDF-SHA-256 and a purpose label, so a key for one purpose (card fingerprints) can never be
 * used, or leaked, as the key of another (encryption of stored secrets).
 */
export type KeyPurpose = 'card-fingerprint' | 'secret-box' | (string & {});

export function deriveKey(master: Buffer, purpose: KeyPurpose, length = 32): Buffer {
  if (master.length < 32) throw new Error('the master secret must be at least 32 bytes');
  return Buffer.from(hkdfSync('sha256', master, Buffer.from('caisse'), Buffer.from(purpose), length));
}
