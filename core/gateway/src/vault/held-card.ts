import type { SecretBox } from './secret-box.js';

/**
 * A card number held for one step of one payment (3-D Secure challenge, brand choice), sealed with
 * a purpose bound to that payment: a value copied onto another payment's row does not open.
 */
export function sealHeldPan(box: SecretBox, paymentId: string, pan: string): string {
  return box.seal(pan, `held-card:${paymentId}`);
}

export function openHeldPan(box: SecretBox, paymentId: string, sealed: string): string {
  return box.openText(sealed, `held-card:${paymentId}`);
}
