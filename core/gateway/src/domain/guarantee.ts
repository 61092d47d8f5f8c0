import type { Payment } from './payment.js';
import type { PaymentStatus } from './payment-status.js';
import { shiftsLiability } from './three-ds.js';

export type Guarantee = 'yes' | 'no' | 'unknown';

/** Statuses of a payment whose authorisation was approved (captured or not, refunded or not). */
const APPROVED: readonly PaymentStatus[] = [
  'authorized',
  'to_validate',
  'partially_captured',
  'captured',
  'partially_refunded',
  'refunded',
];

/**
 * Payment guarantee (SEC2, DESIGN §3): whether the issuer bears a fraud chargeback (3-D Secure
 * liability shift).
 * - `no` for channels out of SCA scope (MOTO, call centre, IVR, ERP: no 3-D Secure, so no shift),
 *   for duplicates (a copy made by the merchant is not the payment the buyer authenticated), and
 *   for an authorisation that lapsed uncaptured (the shift only covers a capture within validity);
 * - `yes` for an approved e-commerce or m-commerce card payment authenticated Y or A. A capture
 *   can only happen within the authorisation's validity (capture refuses an expired one), so each
 *   capture of such a payment keeps it;
 * - `unknown` otherwise: nothing approved (yet), U (could not authenticate), redirect means.
 */
export function guaranteeOf(p: Payment): Guarantee {
  if (p.channel === 'moto' || p.channel === 'call_center' || p.channel === 'ivr' || p.channel === 'erp')
    return 'no';
  if (p.duplicatedFrom !== null) return 'no';
  if (p.status === 'expired') return 'no';
  if (!APPROVED.includes(p.status)) return 'unknown';
  if (p.paymentMethod?.type !== 'card') return 'unknown';
  return p.threeDS !== null && shiftsLiability(p.threeDS.status) ? 'yes' : 'unknown';
}
