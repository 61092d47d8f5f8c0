import { failed, type OperationContext, recordMovement, unusable } from './movement.js';
import type { MovementAnswer, ReversalRequest } from './wire.js';

/**
 * Voids the uncaptured remainder of an authorisation. An unknown authorisation may still be in
 * flight: the reversal leaves a tombstone so that it is declined (R1) if it arrives later.
 */
export function reverse(ctx: OperationContext, request: ReversalRequest): MovementAnswer {
  const { ledger } = ctx;
  const ref = request.authorization_reference;
  const replayed = ledger.replay<MovementAnswer>(request.reference, 'reversal', ref);
  if (replayed) return replayed;

  const authorization = ledger.authorizations.get(ref);
  if (authorization === undefined) {
    if (!ledger.tombstones.has(ref)) ledger.tombstones.set(ref, request.reference);
    // A redirect payment the buyer has not decided yet: cancelled now, it can no longer be approved.
    const cancelled = ctx.redirects?.cancelPending(ctx, ref) ?? false;
    return recordMovement(ledger, 'reversal', request, ref, ledger.authorizations.get(ref), {
      status: 'succeeded',
      amount: 0,
      message: cancelled
        ? `redirect payment ${ref} cancelled before the buyer decided`
        : `authorization ${ref} not received: it will be declined (R1) if it arrives`,
    });
  }

  const remaining = authorization.amount - authorization.captured;
  const outcome =
    unusable(ref, authorization, 0, 'reverse') ??
    (authorization.status === 'reversed'
      ? failed('12', `authorization ${ref} is already reversed`, 0)
      : remaining === 0 && authorization.captured > 0
        ? failed('12', `authorization ${ref} is fully captured; refund it instead`, 0)
        : undefined);
  if (outcome !== undefined) return recordMovement(ledger, 'reversal', request, ref, authorization, outcome);

  authorization.status = 'reversed';
  authorization.reversed = remaining;
  return recordMovement(ledger, 'reversal', request, ref, authorization, {
    status: 'succeeded',
    amount: remaining,
  });
}
