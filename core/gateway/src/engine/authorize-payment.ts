import { type CardNetwork, cardFingerprint, type ValidCard } from '../domain/card.js';
import { type Channel, requiresStrongAuthentication } from '../domain/channel.js';
import { newId } from '../domain/ids.js';
import type { Payment, PaymentCard, Refusal } from '../domain/payment.js';
import type { ThreeDSResult } from '../domain/three-ds.js';
import { capturesAtAuthorization } from '../domain/typology.js';
import { CaisseError, fieldError } from '../errors/index.js';
import { insertPayment } from '../store/payments-repo.js';
import type { ThreeDSDecision } from './authorization-steps.js';
import type { EngineDeps, PaymentView, RequestContext } from './context.js';
import { lockPayment } from './load.js';
import { bindKey, recordTransition, startOperation } from './record.js';
import { sendAuthorization } from './send-authorization.js';
import { startChallenge } from './start-challenge.js';

export interface AuthorizeInput {
  /** The payment to authorise; `isNew` when it is created in the same step (server-side card data). */
  payment: Payment;
  isNew: boolean;
  card: ValidCard;
  /** The buyer's network choice for a co-badged card; defaults to CB when the card carries it. */
  network?: CardNetwork | undefined;
  /** Channel the hosted page detected (a phone makes an e-commerce payment m-commerce, CH3). */
  channel?: Channel | undefined;
}

/**
 * Authorises a payment with card data, in explicit steps:
 * validate → risk → 3-D Secure decision → authorise → record.
 * A 3-D Secure challenge stops before the authorisation: the payment waits in `requires_action`
 * with the card held sealed, and complete-challenge.ts goes on once the buyer is back.
 * No transaction is held while risk, 3-D Secure or the acquirer are consulted.
 */
export async function authorizePayment(
  deps: EngineDeps,
  ctx: RequestContext,
  input: AuthorizeInput,
): Promise<PaymentView> {
  // 1. validate
  const { card } = input;
  const network = chooseNetwork(card, input.network);
  const acquirer = deps.acquirer(input.payment.mode);
  if (!acquirer) {
    throw new CaisseError('live_mode_refused', {
      detail: `No acquirer contract is configured for ${input.payment.mode} mode.`,
    });
  }
  const paymentCard: PaymentCard = {
    brand: card.brand,
    coBrand: card.coBrand ?? null,
    network,
    bin: card.bin,
    last4: card.last4,
    expMonth: card.expMonth,
    expYear: card.expYear,
    holder: card.holder ?? null,
    fingerprint: cardFingerprint(card.pan, deps.fingerprintKey),
  };

  // 2. risk
  const risk = await deps.steps.risk({ payment: input.payment, card });
  if (risk.action === 'refuse') {
    return refuseBeforeAcquirer(deps, ctx, input, paymentCard, {
      code: `risk:${risk.rule}`,
      message: risk.message,
    });
  }

  // 3. 3-D Secure decision
  const threeDS: ThreeDSDecision = requiresStrongAuthentication(input.payment.channel)
    ? await deps.steps.threeDS({ payment: input.payment, card, source: ctx.source })
    : { action: 'skip', reason: 'out_of_scope' };
  const threeDSResult = resultOf(threeDS);
  if (threeDS.action === 'refuse') {
    return refuseBeforeAcquirer(
      deps,
      ctx,
      input,
      paymentCard,
      { code: `3ds:${threeDS.transStatus}`, message: threeDS.message },
      threeDSResult ?? undefined,
    );
  }
  if (threeDS.action === 'challenge') {
    return startChallenge(deps, ctx, {
      payment: input.payment,
      isNew: input.isNew,
      card,
      paymentCard,
      decision: threeDS,
      channel: input.channel,
      riskHold: risk.action === 'hold' ? risk.rule : null,
    });
  }

  // 4. authorise: record the intent (pending operation) first, then call the acquirer.
  const toValidate = input.payment.validation === 'manual' || risk.action === 'hold';
  const capture = !toValidate && capturesAtAuthorization(input.payment.typology, input.payment.validation);
  const operation = await deps.db.transaction().execute(async (trx) => {
    const payment = input.isNew ? input.payment : await lockPayment(trx, ctx.scope, input.payment.id);
    if (input.isNew) await insertPayment(trx, payment);
    const op = await startOperation(trx, deps, ctx, payment, {
      type: 'authorization',
      amount: payment.amount,
      details: {
        capture,
        to_validate: toValidate,
        network,
        ...(risk.action === 'hold' ? { risk_hold: risk.rule } : {}),
        three_ds: threeDSResult
          ? { trans_status: threeDSResult.status, eci: threeDSResult.eci, version: threeDSResult.version }
          : null,
      },
    });
    const { payment: submitted } = await recordTransition(trx, deps, {
      payment,
      update: {
        kind: 'authorization_submitted',
        card: paymentCard,
        threeDS: threeDSResult,
        channel: input.channel,
      },
      journal: [],
      source: ctx.source,
      // A payment created in this transaction has no other journal row: nothing to read back.
      operations: input.isNew ? [op] : undefined,
    });
    return { op, submitted };
  });

  // 5. record (send-authorization.ts: the answer, or inquiry when it is unknown)
  return sendAuthorization(deps, {
    payment: operation.submitted,
    operationId: operation.op.id,
    card: {
      pan: card.pan,
      expMonth: card.expMonth,
      expYear: card.expYear,
      cvc: card.cvc,
      holder: card.holder,
    },
    network,
    capture,
    threeDS:
      threeDS.action === 'authenticated' && threeDSResult
        ? { ...threeDSResult, authenticationValue: threeDS.authenticationValue }
        : null,
  });
}

/** What the payment keeps of a 3-D Secure decision (public `three_ds`). */
function resultOf(decision: ThreeDSDecision): ThreeDSResult | null {
  switch (decision.action) {
    case 'skip':
      return null;
    case 'authenticated':
      return { status: decision.transStatus, eci: decision.eci ?? null, version: decision.version };
    case 'refuse':
      return {
        status: decision.transStatus,
        eci: decision.eci ?? null,
        version: decision.version ?? '2.2.0',
      };
    case 'challenge':
      return { status: 'C', eci: null, version: decision.version };
  }
}

/** For a co-badged card the buyer may pick CB or the international brand (EU IFR art. 8); CB by default. */
export function chooseNetwork(card: ValidCard, requested: CardNetwork | undefined): CardNetwork {
  if (requested === undefined) return card.coBrand ?? card.brand;
  if (requested === card.brand || requested === card.coBrand) return requested;
  throw fieldError('invalid_field', 'card.network', {
    detail: `this card can be routed on ${[card.coBrand, card.brand].filter(Boolean).join(' or ')}, not ${requested}`,
  });
}

/** Risk or 3-D Secure said no: the payment is refused and the acquirer is never asked. */
async function refuseBeforeAcquirer(
  deps: EngineDeps,
  ctx: RequestContext,
  input: AuthorizeInput,
  card: PaymentCard,
  refusal: Refusal,
  threeDS?: ThreeDSResult,
): Promise<PaymentView> {
  return deps.db.transaction().execute(async (trx) => {
    const payment = input.isNew ? input.payment : await lockPayment(trx, ctx.scope, input.payment.id);
    if (input.isNew) await insertPayment(trx, payment);
    await bindKey(trx, ctx, payment.id);
    const now = deps.clock.now();
    return recordTransition(trx, deps, {
      payment: { ...payment, card, paymentMethod: { type: 'card' } },
      update: { kind: 'authorization_declined', refusal, threeDS },
      journal: [
        {
          kind: 'append',
          operation: {
            id: newId('op'),
            paymentId: payment.id,
            type: 'authorization',
            status: 'failed',
            amount: payment.amount,
            currency: payment.currency,
            source: ctx.source,
            responseCode: refusal.code,
            message: refusal.message,
            authCode: null,
            acquirerTransactionId: null,
            details: null,
            createdAt: now,
            settledAt: now,
          },
        },
      ],
      source: ctx.source,
    });
  });
}
