import type { ThreeDSStatus } from '../domain/three-ds.js';

/**
 * The 3-D Secure 2 directory server as the gateway (the 3DS server) sees it: AReq → ARes, and an
 * inquiry by our threeDSServerTransID. The final result of a challenge arrives as an RReq pushed to
 * the notification URL (http/pay/three-ds-routes.ts); the inquiry settles it when that push is lost.
 */
export interface ThreeDSConnector {
  /** Origin of the ACS pages buyers are sent to: the hosted page's CSP allows forms to lead there. */
  readonly pageOrigin: string;
  authenticate(request: AuthenticationRequest): Promise<AuthenticationOutcome>;
  inquire(serverTransId: string): Promise<AuthenticationInquiry>;
}

export interface AuthenticationRequest {
  /** threeDSServerTransID: our id of this authentication. */
  serverTransId: string;
  merchantId: string;
  amount: number;
  currency: string;
  card: { pan: string; expMonth: number; expYear: number };
  /** Where the RReq is pushed, server to server. */
  notificationUrl: string;
  /** HMAC key the RReq is signed with (base64url), derived for this authentication only. */
  notificationKey: string;
  /** Where the buyer's browser comes back after a challenge. */
  returnUrl: string;
}

/** A definite result (frictionless, or a challenge that ended). */
export interface AuthenticationResult {
  transStatus: Exclude<ThreeDSStatus, 'C'>;
  eci: string | undefined;
  authenticationValue: string | undefined;
  dsTransId: string;
  version: string;
}

export type AuthenticationOutcome =
  | ({ kind: 'result' } & AuthenticationResult)
  | { kind: 'challenge'; dsTransId: string; acsUrl: string; version: string }
  | { kind: 'unknown'; reason: string };

export type AuthenticationInquiry = AuthenticationOutcome | { kind: 'not_found' };
