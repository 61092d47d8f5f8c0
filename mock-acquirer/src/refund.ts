import { failed, type OperationContext, recordMovement, unusable } from './movement.js';
import type { MovementAnswer, RefundRequest } from './wire.js';

/** Refunds part or all of what was captured and not yet refunded. */
export function refund(ctx: OperationContext, request: RefundRequest): MovementAnswer {
  const { ledger } = ctx;
  const key = `${request.authorization_reference}|${request.amount}`;
  const replayed = ledger.replay<MovementAnswer>(request.reference, 'refund', key);
  if (replayed) return replayed;

  const ref = request.authorization_reference;
  const authorization = ledger.authorizations.get(ref);
  const refundable = authorization ? authorization.captured - authorization.refunded : 0;
  const outcome =
    unusable(ref, authorization, request.amount, 'refund') ??
    (request.amount > refundable
      ? failed(
          '13',
          `amount ${request.amount} exceeds ${refundable}, the captured amount not yet refunded`,
          request.amount,
        )
      : undefined);
  if (outcome === undefined && authorization) authorization.refunded += request.amount;
  return recordMovement(
    ledger,
    'refund',
    request,
    key,
    authorization,
    outcome ?? { status: 'succeeded', amount: request.amount },
  );
}
