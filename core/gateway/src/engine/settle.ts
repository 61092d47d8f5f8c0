import type { Transaction } from 'kysely';
import type {
  OperationOutcome as AcquirerOperationOutcome,
  AuthorizationOutcome,
} from '../acquirer/connector.js';
import { newId } from '../domain/ids.js';
import type { Operation } from '../domain/operation.js';
import type { Payment, PaymentUpdate } from '../domain/payment.js';
import { addDays, plannedCaptureDate } from '../domain/typology.js';
import { listPaymentOperations } from '../store/operations-repo.js';
import { lockPaymentOfOperation } from '../store/payments-repo.js';
import type { Database } from '../store/schema.js';
import type { EngineDeps, PaymentView } from './context.js';
import { type JournalEntry, recordFailedOperation, recordTransition } from './record.js';

type Definite<T> = Exclude<T, { kind: 'unknown' }>;

/**
 * Runs `apply` with the payment of `operationId` locked, if that operation is still pending.
 * The request that made the call, the recovery job and a resumed retry may all try to settle the
 * same operation: the lock makes them take turns and only the first records anything.
 * `apply` gets the payment's journal as read under the lock, so recording does not read it again.
 */
export async function withPendingOperation(
  deps: EngineDeps,
  operationId: string,
  apply: (
    trx: Transaction<Database>,
    op: Operation,
    payment: Payment,
    operations: Operation[],
  ) => Promise<PaymentView>,
): Promise<PaymentView> {
  return deps.db.transaction().execute(async (trx) => {
    const payment = await lockPaymentOfOperation(trx, operationId);
    if (!payment) throw new Error(`operation ${operationId} or its payment does not exist`);
    const operations = await listPaymentOperations(trx, payment.id);
    const op = operations.find((o) => o.id === operationId);
    if (op?.status !== 'pending') return { payment, operations, pending: false };
    return apply(trx, op, payment, operations);
  });
}

/** Records the acquirer's definite answer to an authorisation. */
export function settleAuthorization(
  deps: EngineDeps,
  operationId: string,
  outcome: Definite<AuthorizationOutcome>,
): Promise<PaymentView> {
  return withPendingOperation(deps, operationId, async (trx, op, payment, operations) => {
    const now = deps.clock.now();
    if (outcome.kind === 'declined') {
      return recordTransition(trx, deps, {
        payment,
        update: {
          kind: 'authorization_declined',
          refusal: { code: outcome.responseCode, message: outcome.message },
        },
        journal: [
          {
            kind: 'settle',
            operationId: op.id,
            outcome: {
              status: 'failed',
              responseCode: outcome.responseCode,
              message: outcome.message,
              acquirerTransactionId: outcome.transactionId,
              settledAt: now,
            },
          },
        ],
        source: op.source,
        operations,
      });
    }
    const captured = outcome.capturedAmount >= payment.amount;
    const journal: JournalEntry[] = [
      {
        kind: 'settle',
        operationId: op.id,
        outcome: {
          status: 'succeeded',
          responseCode: outcome.responseCode,
          message: outcome.message,
          authCode: outcome.authCode,
          acquirerTransactionId: outcome.transactionId,
          settledAt: now,
        },
      },
    ];
    if (captured) {
      // A sale: one acquirer call, two journal rows, so captures are always visible as captures.
      journal.push({
        kind: 'append',
        operation: {
          id: newId('op'),
          paymentId: payment.id,
          type: 'capture',
          status: 'succeeded',
          amount: payment.amount,
          currency: payment.currency,
          source: op.source,
          responseCode: outcome.responseCode,
          message: 'captured with the authorisation',
          authCode: null,
          acquirerTransactionId: outcome.transactionId,
          details: { authorization: op.id },
          createdAt: now,
          settledAt: now,
        },
      });
    }
    const update: PaymentUpdate = {
      kind: 'authorization_approved',
      at: now,
      expiresAt: addDays(now, deps.config.authorizationValidityDays),
      captured,
      toValidate: op.details?.to_validate === true,
      captureDate: plannedCaptureDate(payment.typology, now),
    };
    return recordTransition(trx, deps, { payment, update, journal, source: op.source, operations });
  });
}

/** Records the acquirer's definite answer to a capture, refund or void. */
export function settleFollowUp(
  deps: EngineDeps,
  operationId: string,
  outcome: Definite<AcquirerOperationOutcome>,
): Promise<PaymentView> {
  return withPendingOperation(deps, operationId, async (trx, op, payment, operations) => {
    const now = deps.clock.now();
    if (outcome.kind === 'failed') {
      return recordFailedOperation(trx, deps, {
        payment,
        operationId: op.id,
        type: op.type,
        outcome: {
          status: 'failed',
          responseCode: outcome.responseCode,
          message: outcome.message,
          settledAt: now,
        },
        source: op.source,
        operations,
      });
    }
    const settle: JournalEntry = {
      kind: 'settle',
      operationId: op.id,
      outcome: {
        status: 'succeeded',
        responseCode: outcome.responseCode,
        message: outcome.message,
        acquirerTransactionId: outcome.transactionId,
        settledAt: now,
      },
    };
    let update: PaymentUpdate;
    switch (op.type) {
      case 'capture':
        update = { kind: 'capture_succeeded', amount: op.amount! };
        break;
      case 'refund':
        update = { kind: 'refund_succeeded', amount: op.amount! };
        break;
      case 'void':
        update = { kind: 'cancelled' };
        break;
      default:
        throw new Error(`operation ${op.id} of type ${op.type} is not a follow-up`);
    }
    return recordTransition(trx, deps, {
      payment,
      update,
      journal: [settle],
      source: op.source,
      operations,
    });
  });
}

/**
 * An authorisation whose outcome could not be confirmed has been reversed at the acquirer (or a
 * tombstone stops it from ever being approved): the authorisation row fails, the reversal is
 * journaled, and the payment ends `failed`. Nothing was charged.
 */
export function settleReversedAuthorization(
  deps: EngineDeps,
  operationId: string,
  reversal: { reference: string; responseCode: string; message: string },
): Promise<PaymentView> {
  return withPendingOperation(deps, operationId, async (trx, op, payment, operations) => {
    const now = deps.clock.now();
    return recordTransition(trx, deps, {
      payment,
      update: {
        kind: 'authorization_failed',
        refusal: {
          code: 'outcome_unknown',
          message: 'The acquirer did not confirm the authorisation; it was reversed.',
        },
      },
      journal: [
        {
          kind: 'settle',
          operationId: op.id,
          outcome: {
            status: 'failed',
            responseCode: 'outcome_unknown',
            message: 'no confirmed outcome; reversed',
            settledAt: now,
          },
        },
        {
          kind: 'append',
          operation: {
            id: reversal.reference,
            paymentId: payment.id,
            type: 'reversal',
            status: 'succeeded',
            amount: null,
            currency: payment.currency,
            source: 'acquirer',
            responseCode: reversal.responseCode,
            message: reversal.message,
            authCode: null,
            acquirerTransactionId: null,
            details: { authorization: op.id },
            createdAt: now,
            settledAt: now,
          },
        },
      ],
      source: 'acquirer',
      operations,
    });
  });
}
