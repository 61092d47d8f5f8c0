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

export type OperationAnswer = AuthorizationAnswer | MovementAnswer | TombstoneAnswer | RedirectPaymentAnswer;

// ---- 3-D Secure 2 (directory server + ACS) ----

/** AReq, reduced to what the simulator needs. */
export interface AuthenticationRequest {
  /** threeDSServerTransID: the gateway's id of this authentication; replays answer the stored ARes. */
  three_ds_server_trans_id: string;
  merchant_id: string;
  amount: number;
  currency: string;
  card: Pick<CardInput, 'number' | 'exp_month' | 'exp_year'>;
  message_version?: string;
  /** Where the result of a challenge (RReq) is POSTed, server to server. */
  notification_url: string;
  /** HMAC-SHA-256 key of the RReq signature (header x-acquirer-signature), base64url. */
  notification_key: string;
  /** Where the buyer's browser is sent back after the challenge. */
  return_url: string;
}

/** ARes (and, once a challenge ended, its outcome). */
export interface AuthenticationAnswer {
  three_ds_server_trans_id: string;
  ds_trans_id: string;
  acs_trans_id: string;
  message_version: string;
  /** Y A N U R, or C while a challenge is pending. */
  trans_status: 'Y' | 'A' | 'N' | 'U' | 'R' | 'C';
  eci?: string;
  authentication_value?: string;
  /** C only: the ACS page the buyer must be sent to. */
  acs_url?: string;
  /** none: frictionless; pending: the buyer has not finished; completed / cancelled: final. */
  challenge: 'none' | 'pending' | 'completed' | 'cancelled';
}

/** RReq body: the final result of a challenge, pushed to the notification URL. */
export interface ResultRequest {
  three_ds_server_trans_id: string;
  ds_trans_id: string;
  acs_trans_id: string;
  message_version: string;
  trans_status: 'Y' | 'N';
  eci?: string;
  authentication_value?: string;
  /** "01": the cardholder cancelled the challenge. */
  challenge_cancel?: '01';
}

// ---- Redirect payment means (wallet, private-label cards, PayPal) ----

export const REDIRECT_MEANS = ['wallet', 'paypal', 'cofinoga', 'cetelem_aurore', 'sofinco'] as const;
export type RedirectMeans = (typeof REDIRECT_MEANS)[number];

export interface RedirectPaymentRequest {
  /** The gateway's reference of the authorisation; inquiry, capture and refund use it. */
  reference: string;
  merchant_id: string;
  means: RedirectMeans;
  amount: number;
  currency: string;
  capture: boolean;
  return_url: string;
  notification_url: string;
  notification_key: string;
}

/** Answer to a redirect payment: pending until the buyer approves or declines on its page. */
export interface RedirectPaymentAnswer {
  reference: string;
  type: 'authorization';
  means: RedirectMeans;
  status: 'pending' | 'approved' | 'declined';
  response_code?: string;
  message?: string;
  auth_code?: string;
  acquirer_transaction_id: string;
  amount: number;
  currency: string;
  captured_amount: number;
  redirect_url: string;
}
