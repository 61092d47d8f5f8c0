/**
 * Payment means (PM1-PM3). `card` goes through 3-D Secure and the card authorisation; the others
 * are redirect means: the buyer approves on the provider's page (simulated by the mock acquirer)
 * and the acquirer tells the gateway the outcome.
 */
export const PAYMENT_METHOD_TYPES = [
  'card',
  'wallet',
  'paypal',
  'cofinoga',
  'cetelem_aurore',
  'sofinco',
] as const;
export type PaymentMethodType = (typeof PAYMENT_METHOD_TYPES)[number];

export const REDIRECT_METHOD_TYPES = ['wallet', 'paypal', 'cofinoga', 'cetelem_aurore', 'sofinco'] as const;
export type RedirectMethodType = (typeof REDIRECT_METHOD_TYPES)[number];

export interface PaymentMethod {
  type: PaymentMethodType;
}

export function isRedirectMethod(type: string): type is RedirectMethodType {
  return (REDIRECT_METHOD_TYPES as readonly string[]).includes(type);
}

export function isPaymentMethodType(type: string): type is PaymentMethodType {
  return (PAYMENT_METHOD_TYPES as readonly string[]).includes(type);
}

/**
 * What the buyer must do before the payment can go on (status `requires_action`). Internal: the
 * API shows `next_action` (the hosted page URL), which leads the buyer here.
 */
export type PendingAction =
  | {
      kind: 'three_ds_challenge';
      /** threeDSServerTransID: our id of the authentication, given to the directory server. */
      session: string;
      dsTransId: string;
      acsUrl: string;
      version: string;
      /** The risk rule that asked to hold the payment for manual validation, decided before the challenge. */
      riskHold: string | null;
    }
  | {
      kind: 'redirect';
      /** The authorisation operation (our reference at the acquirer). */
      operation: string;
      url: string;
    };
