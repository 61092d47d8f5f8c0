import type { AuthorizationOutcome } from '../acquirer/connector.js';
import { type CardNetwork, cardFingerprint, type ValidCard } from '../domain/card.js';
import { requiresStrongAuthentication } from '../domain/channel.js';
import { newId } from '../domain/ids.js';
import type { Payment, PaymentCard, Refusal } from '../domain/payment.js';
import { capturesAtAuthorization } from '../domain/typology.js';
import { CaisseError, fieldError } from '../errors/index.js';
import { insertPayment } from '../store/payments-repo.js';
import type { ThreeDSDecision } from './authorization-steps.js';
import type { EngineDeps, PaymentView, RequestContext } from './context.js';
import { lockPayment } from './load.js';
import { bindKey, recordTransition, startOperation } from './record.js';
import { recoverOperation } from './recover-operation.js';
import { settleAuthorization } from './settle.js';

export interface AuthorizeInput {
  /** The payment to authorise; `isNew` when it is created in the same step (server-side card data). */
  payment: Payment;
  isNew: boolean;
  card: ValidCard;
  /** The buyer's network choice for a co-badged card; defaults to CB when the card carries it. */
  network?: CardNetwork | undefined;
}

/**
 * Authorises a payment with card data, in explicit steps:
 * validate → risk → 3-D Secure decision → authorise → record.
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
    ? await deps.steps.threeDS({ payment: input.payment, card })
    : { action: 'skip', reason: 'out_of_scope' };
  if (threeDS.action === 'refuse') {
    return refuseBeforeAcquirer(deps, ctx, input, paymentCard, {
      code: `3ds:${threeDS.transStatus}`,
      message: threeDS.message,
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
        three_ds:
          threeDS.action === 'authenticated' ? { trans_status: threeDS.transStatus, eci: threeDS.eci } : null,
      },
    });
    await recordTransition(trx, deps, {
      payment,
      update: { kind: 'authorization_submitted', card: paymentCard },
      journal: [],
      source: ctx.source,
      // A payment created in this transaction has no other journal row: nothing to read back.
      operations: input.isNew ? [op] : undefined,
    });
    return op;
  });

  const outcome: AuthorizationOutcome = await acquirer.authorize({
    reference: operation.id,
    merchantId: input.payment.shopId,
    amount: input.payment.amount,
    currency: input.payment.currency,
    card: {
      pan: card.pan,
      expMonth: card.expMonth,
      expYear: card.expYear,
      cvc: card.cvc,
      holder: card.holder,
    },
    network,
    capture,
    channel: input.payment.channel,
    initiator: 'customer',
    threeDS:
      threeDS.action === 'authenticated'
        ? {
            transStatus: threeDS.transStatus,
            eci: threeDS.eci,
            authenticationValue: threeDS.authenticationValue,
            version: threeDS.version,
          }
        : undefined,
  });

  // 5. record
  if (outcome.kind !== 'unknown') return settleAuthorization(deps, operation.id, outcome);
  deps.logger.warn(
    { operation: operation.id, reason: outcome.reason },
    'authorisation outcome unknown: inquiring',
  );
  return recoverOperation(deps, operation.id);
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
): Promise<PaymentView> {
  return deps.db.transaction().execute(async (trx) => {
    const payment = input.isNew ? input.payment : await lockPayment(trx, ctx.scope, input.payment.id);
    if (input.isNew) await insertPayment(trx, payment);
    await bindKey(trx, ctx, payment.id);
    const now = deps.clock.now();
    return recordTransition(trx, deps, {
      payment: { ...payment, card },
      update: { kind: 'authorization_declined', refusal },
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
