import type { AcquirerConnector, OperationOutcome } from '../acquirer/connector.js';
import type { Operation } from '../domain/operation.js';
import {
  findOperation,
  findPendingDeadline,
  listPaymentOperations,
  rescheduleInquiry,
} from '../store/operations-repo.js';
import { findPaymentById } from '../store/payments-repo.js';
import type { EngineDeps, PaymentView } from './context.js';
import { authorizationOf, viewOf } from './load.js';
import { settleAuthorization, settleFollowUp, settleReversedAuthorization } from './settle.js';
import { settleAbandonedRedirect } from './settle-redirect.js';

/** Delay before the next inquiry of an operation still unknown: 1 s, 2 s, 4 s... capped at 60 s. */
export function inquiryBackoffMs(attempts: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, attempts - 1));
}

/** The deterministic reference of the reversal of an unconfirmed authorisation: retries reuse it. */
export function reversalReference(authorizationId: string): string {
  return `${authorizationId}-rev`;
}

/**
 * Settles an operation whose outcome is unknown (timeout, dropped answer, crash) by asking the
 * acquirer, never by guessing (DESIGN §3):
 * - the acquirer knows it → record its answer;
 * - it never saw a capture, refund or void → send the same call again with the same reference
 *   (idempotent at the acquirer, so it can never apply twice);
 * - it never saw an authorisation → reverse that reference (which also stops a late arrival) and
 *   fail the payment; we keep no card number to retry with, and nothing was charged;
 * - it cannot be reached → try again later, with backoff; past the settlement deadline an
 *   authorisation is reversed instead (a reversal succeeds whether or not it was approved).
 * Returns the payment as it stands afterwards.
 */
export async function recoverOperation(
  deps: EngineDeps,
  operationId: string,
  attempts = 1,
): Promise<PaymentView> {
  const op = await findOperation(deps.db, operationId);
  if (!op) throw new Error(`operation ${operationId} does not exist`);
  const payment = await findPaymentById(deps.db, op.paymentId);
  if (!payment) throw new Error(`payment ${op.paymentId} does not exist`);
  if (op.status !== 'pending') return viewOf(deps.db, payment);
  const acquirer = deps.acquirer(payment.mode);
  if (!acquirer) throw new Error(`no acquirer for mode ${payment.mode}`);

  const inquiry = await acquirer.inquire(op.id);
  switch (inquiry.kind) {
    case 'authorization':
      return settleAuthorization(deps, op.id, inquiry.outcome);
    case 'operation':
      return settleFollowUp(deps, op.id, inquiry.outcome);
    case 'not_found':
      return op.type === 'authorization'
        ? reverseUnconfirmed(deps, acquirer, op, attempts)
        : resend(deps, acquirer, op, attempts);
    case 'in_progress':
      // A redirect means the buyer is still on: wait for them until their page expires, then cancel it.
      return payment.pageExpiresAt !== null && payment.pageExpiresAt <= deps.clock.now()
        ? cancelUndecidedRedirect(deps, acquirer, op, attempts)
        : later(deps, op, attempts, 'the buyer has not decided yet');
    case 'unknown': {
      // An authorisation nobody can confirm by its deadline is reversed (DESIGN §3): the
      // reversal voids it if it exists and stops it if it is still to arrive.
      if (op.type === 'authorization' && (await isOverdue(deps, op))) {
        return reverseUnconfirmed(deps, acquirer, op, attempts);
      }
      return later(deps, op, attempts, inquiry.reason);
    }
  }
}

async function reverseUnconfirmed(
  deps: EngineDeps,
  acquirer: AcquirerConnector,
  op: Operation,
  attempts: number,
): Promise<PaymentView> {
  const reference = reversalReference(op.id);
  const outcome = await acquirer.reverse({ reference, authorizationReference: op.id });
  if (outcome.kind === 'succeeded') {
    deps.logger.warn({ operation: op.id, payment: op.paymentId }, 'authorisation outcome unknown: reversed');
    return settleReversedAuthorization(deps, op.id, {
      reference,
      responseCode: outcome.responseCode,
      message: outcome.message,
    });
  }
  return later(
    deps,
    op,
    attempts,
    outcome.kind === 'unknown' ? outcome.reason : `reversal failed: ${outcome.message}`,
  );
}

/**
 * The buyer left a redirect means undecided and the page expired: the reversal cancels it at the
 * acquirer (it can no longer be approved; one approved meanwhile is voided), then the payment is
 * abandoned. A reversal that fails (a sale approved meanwhile cannot be voided) leaves the
 * operation pending: the next inquiry finds the approval and records it.
 */
async function cancelUndecidedRedirect(
  deps: EngineDeps,
  acquirer: AcquirerConnector,
  op: Operation,
  attempts: number,
): Promise<PaymentView> {
  const reference = reversalReference(op.id);
  const outcome = await acquirer.reverse({ reference, authorizationReference: op.id });
  if (outcome.kind !== 'succeeded') {
    return later(
      deps,
      op,
      attempts,
      outcome.kind === 'unknown' ? outcome.reason : `reversal failed: ${outcome.message}`,
    );
  }
  return settleAbandonedRedirect(deps, op.id, {
    reference,
    responseCode: outcome.responseCode,
    message: outcome.message,
  });
}

async function resend(
  deps: EngineDeps,
  acquirer: AcquirerConnector,
  op: Operation,
  attempts: number,
): Promise<PaymentView> {
  const operations = await listPaymentOperations(deps.db, op.paymentId);
  const authorization = authorizationOf(operations);
  if (!authorization) throw new Error(`payment ${op.paymentId} has a ${op.type} but no authorisation`);
  let outcome: OperationOutcome;
  if (op.type === 'void') {
    outcome = await acquirer.reverse({ reference: op.id, authorizationReference: authorization.id });
  } else if (op.type === 'capture' || op.type === 'refund') {
    const request = {
      reference: op.id,
      authorizationReference: authorization.id,
      amount: op.amount!,
      currency: op.currency,
    };
    outcome = op.type === 'capture' ? await acquirer.capture(request) : await acquirer.refund(request);
  } else {
    throw new Error(`operation ${op.id} of type ${op.type} cannot be pending`);
  }
  if (outcome.kind === 'unknown') return later(deps, op, attempts, outcome.reason);
  return settleFollowUp(deps, op.id, outcome);
}

async function later(
  deps: EngineDeps,
  op: Operation,
  attempts: number,
  reason: string,
): Promise<PaymentView> {
  const now = deps.clock.now();
  await rescheduleInquiry(deps.db, op.id, new Date(now.getTime() + inquiryBackoffMs(attempts)));
  // Past the settlement deadline an operator must look: the acquirer has been unreachable for long.
  const overdue = await isOverdue(deps, op);
  deps.logger[overdue ? 'error' : 'warn'](
    { operation: op.id, payment: op.paymentId, attempts, reason, overdue },
    overdue ? 'acquirer outcome unknown past the settlement deadline' : 'acquirer outcome still unknown',
  );
  const payment = (await findPaymentById(deps.db, op.paymentId))!;
  return viewOf(deps.db, payment, true);
}

/** Whether a pending operation is past its settlement deadline (set when it was started). */
async function isOverdue(deps: EngineDeps, op: Operation): Promise<boolean> {
  const deadline = await findPendingDeadline(deps.db, op.id);
  return deadline !== undefined && deadline <= deps.clock.now();
}
