import type { AuthorizationBalance, Ledger } from './ledger.js';
import type { RedirectPayments } from './redirect-means.js';
import type { MovementAnswer } from './wire.js';

/** What an operation needs: the books, the seed its ids derive from, and the clock. */
export interface OperationContext {
  ledger: Ledger;
  seed: number;
  now: () => Date;
  /** Redirect means sessions: a reversal cancels one still pending. */
  redirects?: RedirectPayments;
}

export type MovementType = MovementAnswer['type'];

/** Outcome of a capture, refund or reversal before it becomes an answer. */
export type MovementOutcome =
  | { status: 'succeeded'; amount: number; message?: string }
  | { status: 'failed'; response_code: '12' | '13' | '25'; message: string; amount: number };

/** Shared end of capture, refund and reversal: answer, ledger entry, stored operation. */
export function recordMovement(
  ledger: Ledger,
  type: MovementType,
  request: { reference: string; authorization_reference: string },
  key: string,
  authorization: AuthorizationBalance | undefined,
  outcome: MovementOutcome,
): MovementAnswer {
  const succeeded = outcome.status === 'succeeded';
  const responseCode = succeeded ? '00' : outcome.response_code;
  const answer: MovementAnswer = {
    reference: request.reference,
    type,
    status: outcome.status,
    response_code: responseCode,
    message: outcome.message ?? 'approved',
    amount: outcome.amount,
    authorization_reference: request.authorization_reference,
  };
  ledger.append({
    reference: request.reference,
    type,
    authorization_reference: request.authorization_reference,
    merchant_id: authorization?.merchant_id ?? null,
    amount: outcome.amount,
    currency: authorization?.currency ?? null,
    status: outcome.status,
    response_code: responseCode,
  });
  ledger.store(request.reference, { type, key, answer });
  return answer;
}

export function failed(response_code: '12' | '13' | '25', message: string, amount: number): MovementOutcome {
  return { status: 'failed', response_code, message, amount };
}

/** Why an authorisation cannot be moved at all, or undefined when it can. */
export function unusable(
  authorizationReference: string,
  authorization: AuthorizationBalance | undefined,
  amount: number,
  verb: 'capture' | 'refund' | 'reverse',
): MovementOutcome | undefined {
  if (authorization === undefined) {
    return failed('25', `authorization ${authorizationReference} not found`, amount);
  }
  if (authorization.status === 'declined') {
    return failed(
      '12',
      `authorization ${authorizationReference} was declined, there is nothing to ${verb}`,
      amount,
    );
  }
  return undefined;
}
