import type { Kysely, Transaction } from 'kysely';
import type { Operation } from '../domain/operation.js';
import type { Payment } from '../domain/payment.js';
import { CaisseError } from '../errors/index.js';
import { findPendingOperation, listPaymentOperations } from '../store/operations-repo.js';
import { findPayment } from '../store/payments-repo.js';
import type { Database } from '../store/schema.js';
import type { ShopScope } from '../store/scope.js';
import type { PaymentView } from './context.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Loads a payment of the scope with its row lock, or 404. Another shop's id is a 404 too. */
export async function lockPayment(
  trx: Transaction<Database>,
  scope: ShopScope,
  id: string,
): Promise<Payment> {
  const payment = await findPayment(trx, scope, id, { forUpdate: true });
  if (!payment) throw new CaisseError('not_found', { resource: 'payment', id });
  return payment;
}

/** Refuses to start an operation while another one on the payment awaits its outcome. */
export async function assertNoPendingOperation(trx: Transaction<Database>, paymentId: string): Promise<void> {
  const pending = await findPendingOperation(trx, paymentId);
  if (pending) throw new CaisseError('operation_in_progress', { operation: `${pending.type} ${pending.id}` });
}

export async function viewOf(db: Db, payment: Payment, pending = false): Promise<PaymentView> {
  return { payment, operations: await listPaymentOperations(db, payment.id), pending };
}

/** The succeeded authorisation of a payment: captures, refunds and voids refer to it at the acquirer. */
export function authorizationOf(operations: readonly Operation[]): Operation | undefined {
  return operations.find((op) => op.type === 'authorization' && op.status === 'succeeded');
}

export async function getPayment(db: Db, scope: ShopScope, id: string): Promise<PaymentView> {
  const payment = await findPayment(db, scope, id);
  if (!payment) throw new CaisseError('not_found', { resource: 'payment', id });
  return viewOf(db, payment);
}
