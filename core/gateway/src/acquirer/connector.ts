import type { CardNetwork } from '../domain/card.js';
import type { Channel } from '../domain/channel.js';

/**
 * What the engine needs from an acquirer. Every mutating call carries our reference (the
 * operation id) and must be idempotent on it at the acquirer, so a retry never charges twice.
 * Outcomes are classified the way recovery needs them (STYLE 7):
 * - a definite answer (approved / declined / succeeded / failed),
 * - `unknown`: the call may or may not have been processed (timeout, dropped answer, 5xx after
 *   send). The engine records the operation pending and settles it by inquiry, never by guessing.
 */
export interface AcquirerConnector {
  authorize(request: AuthorizationRequest): Promise<AuthorizationOutcome>;
  capture(request: FollowUpRequest): Promise<OperationOutcome>;
  refund(request: FollowUpRequest): Promise<OperationOutcome>;
  /** Voids the rest of an authorisation; for an unknown reference it leaves a tombstone so a late authorisation is refused. */
  reverse(request: ReversalRequest): Promise<OperationOutcome>;
  /** Inquiry by our reference. */
  inquire(reference: string): Promise<InquiryOutcome>;
}

export interface AuthorizationRequest {
  reference: string;
  merchantId: string;
  amount: number;
  currency: string;
  card: {
    pan: string;
    expMonth: number;
    expYear: number;
    cvc: string | undefined;
    holder: string | undefined;
  };
  network: CardNetwork;
  /** Authorise and capture the full amount in one call (immediate typology). */
  capture: boolean;
  channel: Channel;
  initiator: 'customer' | 'merchant';
  threeDS?: {
    transStatus: string;
    eci: string | undefined;
    authenticationValue: string | undefined;
    version: string;
  };
}

export interface FollowUpRequest {
  reference: string;
  authorizationReference: string;
  amount: number;
  currency: string;
}

export interface ReversalRequest {
  reference: string;
  authorizationReference: string;
}

export type AuthorizationOutcome =
  | {
      kind: 'approved';
      responseCode: string;
      message: string;
      authCode: string;
      transactionId: string;
      capturedAmount: number;
    }
  | { kind: 'declined'; responseCode: string; message: string; transactionId: string | null }
  | { kind: 'unknown'; reason: string };

export type OperationOutcome =
  | { kind: 'succeeded'; responseCode: string; message: string; transactionId: string | null }
  | { kind: 'failed'; responseCode: string; message: string }
  | { kind: 'unknown'; reason: string };

export type InquiryOutcome =
  | { kind: 'authorization'; outcome: Exclude<AuthorizationOutcome, { kind: 'unknown' }> }
  | { kind: 'operation'; outcome: Exclude<OperationOutcome, { kind: 'unknown' }> }
  /** The acquirer never processed this reference (or only a reversal tombstone exists). */
  | { kind: 'not_found'; tombstone: boolean }
  /** A redirect means the buyer has not decided yet: the acquirer holds it, there is no outcome. */
  | { kind: 'in_progress' }
  | { kind: 'unknown'; reason: string };
