import type { RedirectMethodType } from '../domain/payment-method.js';

/**
 * Redirect payment means (wallet, PayPal, private-label cards) at the acquirer: registering the
 * payment gives the page the buyer approves it on. The outcome is an authorisation under our
 * reference: pushed to the notification URL, and found by the ordinary inquiry
 * (AcquirerConnector.inquire) when that push is lost.
 */
export interface RedirectMeansConnector {
  /** Origin of the means' pages buyers are sent to (for the hosted page's CSP). */
  readonly pageOrigin: string;
  start(request: RedirectStartRequest): Promise<RedirectStartOutcome>;
}

export interface RedirectStartRequest {
  /** The authorisation operation id: our reference at the acquirer. */
  reference: string;
  merchantId: string;
  means: RedirectMethodType;
  amount: number;
  currency: string;
  /** Authorise and capture at once (immediate typology). */
  capture: boolean;
  returnUrl: string;
  notificationUrl: string;
  notificationKey: string;
}

export type RedirectStartOutcome =
  | { kind: 'started'; redirectUrl: string }
  | { kind: 'refused'; reason: string }
  | { kind: 'unknown'; reason: string };
