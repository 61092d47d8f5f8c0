import type { ValidCard } from '../domain/card.js';
import type { Payment } from '../domain/payment.js';

/**
 * The explicit steps of an authorisation: validate → risk → 3-D Secure decision → authorise →
 * record. Risk control and 3-D Secure plug in here without reshaping the use case; until they
 * land, the defaults accept every payment and skip authentication.
 */
export interface AuthorizationSteps {
  risk(input: { payment: Payment; card: ValidCard }): Promise<RiskDecision>;
  threeDS(input: { payment: Payment; card: ValidCard }): Promise<ThreeDSDecision>;
}

export type RiskDecision =
  | { action: 'accept' }
  | { action: 'refuse'; rule: string; message: string }
  /** Authorise, but hold for the merchant's manual validation whatever the payment asked. */
  | { action: 'hold'; rule: string; message: string };

export type ThreeDSDecision =
  | { action: 'skip'; reason: 'out_of_scope' | 'not_available' }
  | {
      action: 'authenticated';
      transStatus: 'Y' | 'A' | 'U';
      eci: string | undefined;
      authenticationValue: string | undefined;
      version: string;
    }
  | { action: 'refuse'; transStatus: 'N' | 'R'; message: string };

export const DEFAULT_AUTHORIZATION_STEPS: AuthorizationSteps = {
  risk: async () => ({ action: 'accept' }),
  threeDS: async () => ({ action: 'skip', reason: 'not_available' }),
};
