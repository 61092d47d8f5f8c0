import type { Transaction } from 'kysely';
import type { Source } from '../domain/channel.js';
import { newId } from '../domain/ids.js';
import type { Operation, OperationType } from '../domain/operation.js';
import { applyUpdate, type Payment, type PaymentUpdate } from '../domain/payment.js';
import { toPaymentResource } from '../domain/payment-resource.js';
import { eventTypeFor } from '../domain/payment-status.js';
import { CaisseError } from '../errors/index.js';
import { dropHeldCard } from '../store/held-cards-repo.js';
import { bindIdempotencyKey } from '../store/idempotency-repo.js';
import {
  insertOperation,
  listPaymentOperations,
  type OperationOutcome,
  settleOperation,
} from '../store/operations-repo.js';
import { insertOutboxEvent } from '../store/outbox-repo.js';
import { updatePayment } from '../store/payments-repo.js';
import type { Database } from '../store/schema.js';
import type { EngineDeps, PaymentView, RequestContext } from './context.js';

type Trx = Transaction<Database>;

/** A journal row to append, or a pending one to settle, with the change it records. */
export type JournalEntry =
  | { kind: 'append'; operation: Operation }
  | { kind: 'settle'; operationId: string; outcome: OperationOutcome };

/**
 * The one way a payment changes: apply the named update through the transition table, persist it,
 * write or settle its journal row(s) and store the event for the shop — all in the caller's
 * transaction, so either everything is recorded or nothing is. A caller that read the payment's
 * journal in this transaction passes it as `operations`, which saves reading it back.
 */
export async function recordTransition(
  trx: Trx,
  deps: EngineDeps,
  input: {
    payment: Payment;
    update: PaymentUpdate;
    journal: JournalEntry[];
    source: Source;
    operations?: readonly Operation[] | undefined;
  },
): Promise<PaymentView> {
  const now = deps.clock.now();
  const applied = applyUpdate(input.payment, input.update, now);
  await updatePayment(trx, applied.payment);
  // A card held for a step (3-D Secure challenge, brand choice) never outlives the wait for the
  // buyer; only a payment leaving a waiting status can have one.
  const waiting = (status: string) => status === 'requires_payment_method' || status === 'requires_action';
  if (waiting(applied.from) && !waiting(applied.payment.status)) await dropHeldCard(trx, applied.payment.id);
  const operations = await writeJournal(trx, applied.payment, input.journal, input.operations);
  await storeEvent(
    trx,
    deps,
    applied.payment,
    operations,
    eventTypeFor(applied.event, applied.payment.status),
    input.source,
  );
  return { payment: applied.payment, operations, pending: false };
}

/**
 * Records an operation the acquirer refused without changing the payment's status (a declined
 * capture or refund): the journal keeps it and the shop is told `payment.<type>_failed`.
 */
export async function recordFailedOperation(
  trx: Trx,
  deps: EngineDeps,
  input: {
    payment: Payment;
    operationId: string;
    type: OperationType;
    outcome: OperationOutcome;
    source: Source;
    operations?: readonly Operation[] | undefined;
  },
): Promise<PaymentView> {
  const operations = await writeJournal(
    trx,
    input.payment,
    [{ kind: 'settle', operationId: input.operationId, outcome: input.outcome }],
    input.operations,
  );
  await storeEvent(trx, deps, input.payment, operations, `payment.${input.type}_failed`, input.source);
  return { payment: input.payment, operations, pending: false };
}

/**
 * Writes the journal entries and returns the payment's whole journal afterwards: built from
 * `before` (the journal as read in this transaction) and the rows just written, else read back.
 */
async function writeJournal(
  trx: Trx,
  payment: Payment,
  journal: JournalEntry[],
  before?: readonly Operation[],
): Promise<Operation[]> {
  const after = before ? [...before] : undefined;
  for (const entry of journal) {
    if (entry.kind === 'append') {
      if (entry.operation.status === 'pending')
        throw new Error('append pending operations with startOperation');
      await insertOperation(trx, payment, entry.operation);
      after?.push(entry.operation);
    } else {
      const settled = await settleOperation(trx, entry.operationId, entry.outcome);
      const index = after?.findIndex((op) => op.id === settled.id) ?? -1;
      if (after && index < 0) throw new Error(`operation ${settled.id} is not in the journal passed`);
      if (after) after[index] = settled;
    }
  }
  return after ?? listPaymentOperations(trx, payment.id);
}

/** Stores the event the relay will send (IPN payload: {id, type, created_at, source, data: {payment}}). */
export async function storeEvent(
  trx: Trx,
  deps: EngineDeps,
  payment: Payment,
  operations: Operation[],
  type: string,
  source: Source,
): Promise<void> {
  const id = newId('evt');
  const createdAt = deps.clock.now();
  const nextAction = deps.nextActionFor?.(payment) ?? null;
  await insertOutboxEvent(trx, {
    id,
    shopId: payment.shopId,
    mode: payment.mode,
    paymentId: payment.id,
    type,
    source,
    createdAt,
    payload: {
      id,
      type,
      created_at: createdAt.toISOString(),
      source,
      data: {
        payment: toPaymentResource(payment, operations, nextAction, deps.pageUrlFor?.(payment) ?? null),
      },
    },
  });
}

/** A succeeded bookkeeping operation (no acquirer call): validation, modification, expiry... */
export function bookOperation(
  deps: EngineDeps,
  payment: Payment,
  type: OperationType,
  source: Source,
  extra: { amount?: number | null; details?: Record<string, unknown> | null; message?: string } = {},
): Operation {
  const now = deps.clock.now();
  return {
    id: newId('op'),
    paymentId: payment.id,
    type,
    status: 'succeeded',
    amount: extra.amount ?? null,
    currency: payment.currency,
    source,
    responseCode: null,
    message: extra.message ?? null,
    authCode: null,
    acquirerTransactionId: null,
    details: extra.details ?? null,
    createdAt: now,
    settledAt: now,
  };
}

/**
 * Appends a pending acquirer operation (before the call), with its recovery schedule, and binds the
 * request's idempotency key to the payment: from here on, a retry resumes this payment.
 */
export async function startOperation(
  trx: Trx,
  deps: EngineDeps,
  ctx: RequestContext,
  payment: Payment,
  input: {
    type: OperationType;
    amount: number | null;
    details?: Record<string, unknown> | null;
    /** An id chosen before (the reference already given to the acquirer, e.g. for a redirect means). */
    id?: string | undefined;
    /** When recovery gives up inquiring (default: now + the settlement deadline). */
    deadlineAt?: Date | undefined;
  },
): Promise<Operation> {
  const now = deps.clock.now();
  const operation: Operation = {
    id: input.id ?? newId('op'),
    paymentId: payment.id,
    type: input.type,
    status: 'pending',
    amount: input.amount,
    currency: payment.currency,
    source: ctx.source,
    responseCode: null,
    message: null,
    authCode: null,
    acquirerTransactionId: null,
    details: input.details ?? null,
    createdAt: now,
    settledAt: null,
  };
  await insertOperation(trx, payment, operation, {
    nextAttemptAt: new Date(now.getTime() + deps.config.inquiryDelayMs),
    deadlineAt: input.deadlineAt ?? new Date(now.getTime() + deps.config.settlementDeadlineMs),
  });
  await bindKey(trx, ctx, payment.id);
  return operation;
}

/**
 * Binds the request's Idempotency-Key to the payment, in the transaction that changes it. A request
 * whose key a retry took over meanwhile (it was slow, not dead) throws, rolling the change back:
 * the retry does the work, never both.
 */
export async function bindKey(trx: Trx, ctx: RequestContext, paymentId: string): Promise<void> {
  if (!ctx.idempotencyKey) return;
  if (!(await bindIdempotencyKey(trx, ctx.scope, ctx.idempotencyKey, paymentId)))
    throw new CaisseError('idempotency_key_in_use');
}
