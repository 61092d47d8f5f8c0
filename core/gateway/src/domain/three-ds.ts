/**
 * EMV 3-D Secure 2 results (SEC1). `transStatus` as the directory server / ACS answer it:
 * - Y authenticated, A attempted (issuer not enrolled, proof of attempt): liability shifts;
 * - N not authenticated, R rejected by the issuer: no authorisation is attempted;
 * - U authentication could not be performed: authorised without liability shift;
 * - C a challenge is required: the buyer must act on the ACS page first.
 */
export const THREE_DS_STATUSES = ['Y', 'A', 'N', 'U', 'R', 'C'] as const;
export type ThreeDSStatus = (typeof THREE_DS_STATUSES)[number];

/** What a payment keeps of its 3-D Secure authentication (public as `three_ds`). */
export interface ThreeDSResult {
  status: ThreeDSStatus;
  /** Electronic Commerce Indicator from the ACS (05/06 Visa/CB, 02/01 Mastercard), when given. */
  eci: string | null;
  /** EMV 3DS message version, e.g. "2.2.0". */
  version: string;
}

/** Y and A shift liability to the issuer (the payment guarantee, SEC2). */
export function shiftsLiability(status: ThreeDSStatus): boolean {
  return status === 'Y' || status === 'A';
}
