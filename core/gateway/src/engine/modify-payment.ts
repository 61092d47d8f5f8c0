import { assertAmount } from '../domain/money.js';
import { CaisseError, fieldError } from '../errors/index.js';
import type { EngineDeps, PaymentView, RequestContext } from './context.js';
import { assertNoPendingOperation, lockPayment } from './load.js';
import { bindKey, bookOperation, recordTransition } from './record.js';

export interface ModifyInput {
  paymentId: string;
  /** A lower amount, in minor units. */
  amount?: number | undefined;
  /** A new capture date for a deferred payment, before the authorisation expires. */
  captureDate?: Date | undefined;
}

/** Lowers the amount or moves the capture date of a payment not yet captured (BO9). */
export async function modifyPayment(
  deps: EngineDeps,
  ctx: RequestContext,
  input: ModifyInput,
): Promise<PaymentView> {
  if (input.amount === undefined && input.captureDate === undefined) {
    throw new CaisseError('invalid_request', { detail: 'Give amount, capture_date or both.' });
  }
  if (input.amount !== undefined) assertAmount(input.amount);
  return deps.db.transaction().execute(async (trx) => {
    const payment = await lockPayment(trx, ctx.scope, input.paymentId);
    await assertNoPendingOperation(trx, payment.id);
    const now = deps.clock.now();
    if (input.amount !== undefined && input.amount > payment.amount) {
      throw fieldError('invalid_amount', 'amount', {
        detail: `the amount can only be lowered (≤ ${payment.amount}); create a new payment for more`,
      });
    }
    if (input.captureDate !== undefined) {
      if (payment.typology.type !== 'deferred') {
        throw fieldError('invalid_capture_date', 'capture_date', {
          detail: `only deferred payments have a capture date; this one is ${payment.typology.type}`,
        });
      }
      if (payment.status !== 'authorized' && payment.status !== 'to_validate') {
        throw fieldError('invalid_capture_date', 'capture_date', {
          detail: `the capture date can be moved once the payment is authorised; it is ${payment.status}`,
        });
      }
      if (input.captureDate <= now) {
        throw fieldError('invalid_capture_date', 'capture_date', {
          detail: 'capture_date must be in the future',
        });
      }
      const expiry = payment.authorizationExpiresAt;
      if (expiry && input.captureDate >= expiry) {
        throw fieldError('invalid_capture_date', 'capture_date', {
          detail: `capture_date must be before the authorisation expires (${expiry.toISOString()})`,
        });
      }
    }
    await bindKey(trx, ctx, payment.id);
    const details: Record<string, unknown> = {};
    if (input.amount !== undefined) details.amount = { from: payment.amount, to: input.amount };
    if (input.captureDate !== undefined) {
      details.capture_date = {
        from: payment.captureDate?.toISOString() ?? null,
        to: input.captureDate.toISOString(),
      };
    }
    return recordTransition(trx, deps, {
      payment,
      update: { kind: 'modified', amount: input.amount, captureDate: input.captureDate },
      journal: [
        {
          kind: 'append',
          operation: bookOperation(deps, payment, 'modification', ctx.source, {
            amount: input.amount ?? null,
            details,
          }),
        },
      ],
      source: ctx.source,
    });
  });
}
