import type {
  AuthorizationOutcome,
  AuthorizationRequest,
  FollowUpRequest,
  InquiryOutcome,
  OperationOutcome,
  ReversalRequest,
} from './connector.js';

/**
 * Pure mapping between the engine's acquirer model and the mock acquirer's wire format
 * (mock-acquirer/README.md). No I/O here: the connector does HTTP.
 */

export interface MockAuthorizationBody {
  reference: string;
  merchant_id: string;
  amount: number;
  currency: string;
  card: { number: string; exp_month: number; exp_year: number; cvc?: string; holder?: string };
  capture: boolean;
  channel: string;
  initiator: 'customer' | 'merchant';
  network: string;
  three_ds?: { trans_status: string; eci?: string; authentication_value?: string; version: string };
}

export function toAuthorizationBody(r: AuthorizationRequest): MockAuthorizationBody {
  const body: MockAuthorizationBody = {
    reference: r.reference,
    merchant_id: r.merchantId,
    amount: r.amount,
    currency: r.currency,
    card: { number: r.card.pan, exp_month: r.card.expMonth, exp_year: r.card.expYear },
    capture: r.capture,
    channel: r.channel,
    initiator: r.initiator,
    network: r.network,
  };
  if (r.card.cvc !== undefined) body.card.cvc = r.card.cvc;
  if (r.card.holder !== undefined) body.card.holder = r.card.holder;
  if (r.threeDS) {
    body.three_ds = { trans_status: r.threeDS.transStatus, version: r.threeDS.version };
    if (r.threeDS.eci !== undefined) body.three_ds.eci = r.threeDS.eci;
    if (r.threeDS.authenticationValue !== undefined)
      body.three_ds.authentication_value = r.threeDS.authenticationValue;
  }
  return body;
}

export function toFollowUpBody(r: FollowUpRequest) {
  return { reference: r.reference, authorization_reference: r.authorizationReference, amount: r.amount };
}

export function toReversalBody(r: ReversalRequest) {
  return { reference: r.reference, authorization_reference: r.authorizationReference };
}

/** The mock's answer to an operation, as far as we read it. Unknown shapes are `unknown`, never guessed. */
interface MockAnswer {
  type?: unknown;
  status?: unknown;
  response_code?: unknown;
  message?: unknown;
  auth_code?: unknown;
  acquirer_transaction_id?: unknown;
  captured_amount?: unknown;
}

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);

export function fromAuthorizationAnswer(body: unknown): AuthorizationOutcome {
  const a = (body ?? {}) as MockAnswer;
  const transactionId = typeof a.acquirer_transaction_id === 'string' ? a.acquirer_transaction_id : null;
  switch (a.status) {
    case 'approved':
      return {
        kind: 'approved',
        responseCode: str(a.response_code, '00'),
        message: str(a.message, 'approved'),
        authCode: str(a.auth_code),
        transactionId: transactionId ?? '',
        capturedAmount: typeof a.captured_amount === 'number' ? a.captured_amount : 0,
      };
    case 'declined':
      return {
        kind: 'declined',
        responseCode: str(a.response_code, '05'),
        message: str(a.message, 'declined'),
        transactionId,
      };
    default:
      return {
        kind: 'unknown',
        reason: `unexpected authorisation answer status ${JSON.stringify(a.status)}`,
      };
  }
}

export function fromOperationAnswer(body: unknown): OperationOutcome {
  const a = (body ?? {}) as MockAnswer;
  switch (a.status) {
    case 'succeeded':
      return {
        kind: 'succeeded',
        responseCode: str(a.response_code, '00'),
        message: str(a.message, 'succeeded'),
        transactionId: typeof a.acquirer_transaction_id === 'string' ? a.acquirer_transaction_id : null,
      };
    case 'failed':
      return { kind: 'failed', responseCode: str(a.response_code, '96'), message: str(a.message, 'failed') };
    default:
      return { kind: 'unknown', reason: `unexpected operation answer status ${JSON.stringify(a.status)}` };
  }
}

export function fromInquiryAnswer(httpStatus: number, body: unknown): InquiryOutcome {
  if (httpStatus === 404) return { kind: 'not_found', tombstone: false };
  if (httpStatus !== 200) return { kind: 'unknown', reason: `inquiry answered HTTP ${httpStatus}` };
  const a = (body ?? {}) as MockAnswer;
  if (a.type === 'reversal_tombstone') return { kind: 'not_found', tombstone: true };
  if (a.type === 'authorization') {
    if (a.status === 'pending') return { kind: 'in_progress' };
    const outcome = fromAuthorizationAnswer(body);
    return outcome.kind === 'unknown' ? outcome : { kind: 'authorization', outcome };
  }
  const outcome = fromOperationAnswer(body);
  return outcome.kind === 'unknown' ? outcome : { kind: 'operation', outcome };
}
