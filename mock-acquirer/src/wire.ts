import type { CardSummary } from './card-number.js';

// Wire models: the JSON bodies of the HTTP API, in snake_case as they travel.

export interface CardInput {
  /** PAN; spaces and dashes are ignored. Never stored nor echoed. */
  number: string;
  exp_month: number;
  /** Four digits, or two meaning 20xx. */
  exp_year: number;
  /** Checked for format only, then forgotten. */
  cvc?: string;
  holder?: string;
}

export interface ThreeDsInput {
  trans_status: string;
  eci?: string;
  authentication_value?: string;
  version?: string;
}

export interface AuthorizationRequest {
  reference: string;
  merchant_id: string;
  amount: number;
  currency: string;
  card: CardInput;
  /** true: authorise and capture the full amount in one call (a sale). */
  capture: boolean;
  channel?: string;
  three_ds?: ThreeDsInput;
  initiator?: 'customer' | 'merchant';
}

export interface CaptureRequest {
  reference: string;
  authorization_reference: string;
  amount: number;
}

export type RefundRequest = CaptureRequest;

export interface ReversalRequest {
  reference: string;
  authorization_reference: string;
}

export interface AuthorizationAnswer {
  reference: string;
  type: 'authorization';
  status: 'approved' | 'declined';
  response_code: string;
  message: string;
  /** Six characters, approved authorisations only. */
  auth_code?: string;
  acquirer_transaction_id: string;
  amount: number;
  currency: string;
  /** Captured by this call: the full amount for an approved sale, else 0. */
  captured_amount: number;
  card: CardSummary;
}

/** Answer to a capture, a refund or a reversal. */
export interface MovementAnswer {
  reference: string;
  type: 'capture' | 'refund' | 'reversal';
  status: 'succeeded' | 'failed';
  response_code: string;
  message: string;
  /** Requested amount (capture, refund) or amount voided (reversal). */
  amount: number;
  authorization_reference: string;
}

/** What an inquiry finds for an authorisation reference reversed before it arrived. */
export interface TombstoneAnswer {
  reference: string;
  type: 'reversal_tombstone';
  status: 'reversed';
}

export type OperationAnswer = AuthorizationAnswer | MovementAnswer | TombstoneAnswer;
