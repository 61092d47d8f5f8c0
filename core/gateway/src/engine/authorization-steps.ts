import type { ValidCard } from '../domain/card.js';
import type { Source } from '../domain/channel.js';
import type { Payment } from '../domain/payment.js';

/**
 * The explicit steps of an authorisation: validate → risk → 3-D Secure decision → authorise →
 * record. Risk control and 3-D Secure plug in here without reshaping the use case; until they
 * land, the defaults accept every payment and skip authentication.
 */
export interface AuthorizationSteps {
  risk(input: { payment: Payment; card: ValidCard }): Promise<RiskDecision>;
  /** `source` says who asked: after a challenge, a hosted-page buyer sees the result page, others go back to the shop. */
  threeDS(input: {
    payment: Payment;
    card: ValidCard;
    source?: Source | undefined;
  }): Promise<ThreeDSDecision>;
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
  | {
      action: 'refuse';
      transStatus: 'N' | 'R';
      message: string;
      eci?: string | undefined;
      version?: string | undefined;
    }
  /** The issuer wants a challenge: the buyer must complete it on the ACS page before authorisation. */
  | {
      action: 'challenge';
      /** threeDSServerTransID: our id of the authentication. */
      session: string;
      dsTransId: string;
      acsUrl: string;
      version: string;
    };

export const DEFAULT_AUTHORIZATION_STEPS: AuthorizationSteps = {
  risk: async () => ({ action: 'accept' }),
  threeDS: async () => ({ action: 'skip', reason: 'not_available' }),
};
