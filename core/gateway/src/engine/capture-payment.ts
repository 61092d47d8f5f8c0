import { assertAmount } from '../domain/money.js';
import { applyUpdate, capturable, type Payment } from '../domain/payment.js';
import { CaisseError } from '../errors/index.js';
import { runAcquirerOperation } from './acquirer-operation.js';
import type { EngineDeps, PaymentView, RequestContext } from './context.js';

export interface CaptureInput {
  paymentId: string;
  /** Minor units; defaults to everything not yet captured. Several partial captures are allowed. */
  amount?: number | undefined;
}

/** Captures all or part of an authorised payment (TY5/TY6 triggers, deferred due dates, BO). */
export function capturePayment(
  deps: EngineDeps,
  ctx: RequestContext,
  input: CaptureInput,
): Promise<PaymentView> {
  if (input.amount !== undefined) assertAmount(input.amount);
  return runAcquirerOperation(deps, ctx, input.paymentId, (payment) => {
    const amount = input.amount ?? capturable(payment);
    assertCapturable(payment, deps.clock.now());
    // Dry run of the named update: checks the transition and the amount bound in one place.
    applyUpdate(payment, { kind: 'capture_succeeded', amount }, deps.clock.now());
    return { run: true, type: 'capture', amount };
  });
}

export function assertCapturable(payment: Payment, now: Date): void {
  if (
    payment.authorizationExpiresAt &&
    payment.authorizationExpiresAt <= now &&
    payment.status !== 'captured'
  ) {
    throw new CaisseError('authorization_expired', {
      expired_at: payment.authorizationExpiresAt.toISOString(),
    });
  }
}
