import type { Transaction } from 'kysely';
import type { OperationType } from '../domain/operation.js';
import type { Payment } from '../domain/payment.js';
import { CaisseError } from '../errors/index.js';
import { listPaymentOperations } from '../store/operations-repo.js';
import type { Database } from '../store/schema.js';
import type { EngineDeps, PaymentView, RequestContext } from './context.js';
import { assertNoPendingOperation, authorizationOf, lockPayment, viewOf } from './load.js';
import { startOperation } from './record.js';
import { recoverOperation } from './recover-operation.js';
import { settleFollowUp } from './settle.js';

/** What a use case decides under the lock: run an acquirer operation, or answer with the payment as it is. */
export type OperationPlan =
  | { run: true; type: Extract<OperationType, 'capture' | 'refund' | 'void'>; amount: number | null }
  | { run: false; view?: PaymentView };

/**
 * The shape shared by capture, refund and void (STYLE 2): lock the payment and check the
 * transition (in `plan`), journal the operation as pending, call the acquirer with the operation
 * id as reference, record the outcome. An unknown outcome is inquired at once and otherwise left
 * to the recovery job; the caller then gets the payment with the operation pending.
 */
export async function runAcquirerOperation(
  deps: EngineDeps,
  ctx: RequestContext,
  paymentId: string,
  plan: (payment: Payment, trx: Transaction<Database>) => Promise<OperationPlan> | OperationPlan,
): Promise<PaymentView> {
  const started = await deps.db.transaction().execute(async (trx) => {
    const payment = await lockPayment(trx, ctx.scope, paymentId);
    const decision = await plan(payment, trx);
    if (!decision.run) return { done: true as const, view: decision.view ?? (await viewOf(trx, payment)) };
    await assertNoPendingOperation(trx, payment.id);
    const authorization = authorizationOf(await listPaymentOperations(trx, payment.id));
    if (!authorization)
      throw new Error(`payment ${payment.id} is ${payment.status} without an authorisation`);
    const operation = await startOperation(trx, deps, ctx, payment, {
      type: decision.type,
      amount: decision.amount,
    });
    return { done: false as const, payment, operation, authorizationId: authorization.id };
  });
  if (started.done) return started.view;

  const { payment, operation, authorizationId } = started;
  const acquirer = deps.acquirer(payment.mode)!;
  const request = {
    reference: operation.id,
    authorizationReference: authorizationId,
    amount: operation.amount ?? 0,
    currency: payment.currency,
  };
  const outcome =
    operation.type === 'capture'
      ? await acquirer.capture(request)
      : operation.type === 'refund'
        ? await acquirer.refund(request)
        : await acquirer.reverse({ reference: operation.id, authorizationReference: authorizationId });

  if (outcome.kind === 'unknown') {
    deps.logger.warn(
      { operation: operation.id, reason: outcome.reason },
      `${operation.type} outcome unknown: inquiring`,
    );
    return recoverOperation(deps, operation.id);
  }
  const view = await settleFollowUp(deps, operation.id, outcome);
  const settled = view.operations.find((op) => op.id === operation.id);
  if (settled?.status === 'failed') {
    throw new CaisseError('operation_declined', {
      operation: operation.type,
      payment: payment.id,
      reason: settled.message ?? 'declined',
      response_code: settled.responseCode ?? 'unknown',
    });
  }
  return view;
}
