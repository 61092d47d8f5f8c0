import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deriveKey } from './keys.js';

/**
 * Authenticated encryption (AES-256-GCM) of secrets the gateway must keep but read back: signing
 * keys of shops, webhook secrets, a card number held for the few minutes of a 3-D Secure
 * challenge. Sealed form: `v1.<iv>.<ciphertext>.<tag>` in base64url. The purpose is bound as
 * additional data, so a value sealed for one purpose does not open as another.
 * Key rotation (DESIGN §7) will add key ids after `v1`.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(master: Buffer) {
    this.#key = deriveKey(master, 'secret-box');
  }

  seal(plaintext: string | Buffer, purpose: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(purpose));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const parts = [iv, ciphertext, cipher.getAuthTag()].map((b) => b.toString('base64url'));
    return `v1.${parts.join('.')}`;
  }

  open(sealed: string, purpose: string): Buffer {
    const [version, iv, ciphertext, tag] = sealed.split('.');
    if (version !== 'v1' || !iv || ciphertext === undefined || !tag) throw new Error('not a sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
  }

  openText(sealed: string, purpose: string): string {
    return this.open(sealed, purpose).toString('utf8');
  }
}
