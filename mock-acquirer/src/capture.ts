import { failed, type OperationContext, recordMovement, unusable } from './movement.js';
import type { CaptureRequest, MovementAnswer } from './wire.js';

/** Captures part or all of what remains of an approved authorisation. */
export function capture(ctx: OperationContext, request: CaptureRequest): MovementAnswer {
  const { ledger } = ctx;
  const key = `${request.authorization_reference}|${request.amount}`;
  const replayed = ledger.replay<MovementAnswer>(request.reference, 'capture', key);
  if (replayed) return replayed;

  const ref = request.authorization_reference;
  const authorization = ledger.authorizations.get(ref);
  const remaining = authorization ? authorization.amount - authorization.captured : 0;
  const outcome =
    unusable(ref, authorization, request.amount, 'capture') ??
    (authorization?.status === 'reversed'
      ? failed(
          '12',
          `authorization ${ref} was reversed, its remainder can no longer be captured`,
          request.amount,
        )
      : request.amount > remaining
        ? failed(
            '13',
            `amount ${request.amount} exceeds ${remaining}, the authorised amount not yet captured`,
            request.amount,
          )
        : undefined);
  if (outcome === undefined && authorization) authorization.captured += request.amount;
  return recordMovement(
    ledger,
    'capture',
    request,
    key,
    authorization,
    outcome ?? { status: 'succeeded', amount: request.amount },
  );
}
