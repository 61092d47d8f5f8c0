import type { AuthenticationResult } from '../acquirer/three-ds-connector.js';
import { newId } from '../domain/ids.js';
import type { Payment } from '../domain/payment.js';
import type { ThreeDSResult } from '../domain/three-ds.js';
import { capturesAtAuthorization } from '../domain/typology.js';
import { takeHeldCard } from '../store/held-cards-repo.js';
import { findPaymentById } from '../store/payments-repo.js';
import { openHeldPan } from '../vault/held-card.js';
import type { EngineDeps, PaymentView } from './context.js';
import { viewOf } from './load.js';
import { recordTransition, startOperation } from './record.js';
import { sendAuthorization } from './send-authorization.js';

type Challenge = Extract<NonNullable<Payment['pendingAction']>, { kind: 'three_ds_challenge' }>;

const challengeOf = (p: Payment): Challenge | undefined =>
  p.status === 'requires_action' && p.pendingAction?.kind === 'three_ds_challenge'
    ? p.pendingAction
    : undefined;

/**
 * The end of a 3-D Secure challenge. Called with the RReq's result (pushed by the directory
 * server, signature checked by the caller), or without when the buyer's browser comes back: the
 * result is then asked of the directory server (inquiry), never assumed. Whoever comes first
 * records it; the others find the payment moved on and get it as it stands.
 * - Y / A / U: the held card is taken (deleted) and authorised with the ECI and authentication value;
 * - N / R: refused, the acquirer is never asked;
 * - still pending at the ACS: nothing changes.
 */
export async function completeChallenge(
  deps: EngineDeps,
  paymentId: string,
  pushed?: AuthenticationResult & { session: string },
): Promise<PaymentView | undefined> {
  const current = await findPaymentById(deps.db, paymentId);
  if (!current) return undefined;
  const challenge = challengeOf(current);
  if (!challenge) return viewOf(deps.db, current);
  if (pushed && pushed.session !== challenge.session) return viewOf(deps.db, current);

  let result: AuthenticationResult | undefined = pushed;
  if (!result) {
    const inquiry = await deps.threeDSServer?.(current.mode)?.inquire(challenge.session);
    if (inquiry?.kind !== 'result') return viewOf(deps.db, current); // pending, lost or unreachable: wait
    result = inquiry;
  }
  const threeDS: ThreeDSResult = {
    status: result.transStatus,
    eci: result.eci ?? null,
    version: result.version,
  };
  const authenticated =
    result.transStatus === 'Y' || result.transStatus === 'A' || result.transStatus === 'U';

  const started = await deps.db.transaction().execute(async (trx) => {
    const payment = await findPaymentById(trx, paymentId, { forUpdate: true });
    if (!payment) return { done: true as const, view: undefined };
    const locked = challengeOf(payment);
    if (!locked || locked.session !== challenge.session)
      return { done: true as const, view: await viewOf(trx, payment) };
    const ctx = { scope: { shopId: payment.shopId, mode: payment.mode }, source: 'hosted_page' as const };
    const now = deps.clock.now();
    const sealed = authenticated ? await takeHeldCard(trx, payment.id, 'three_ds_challenge', now) : undefined;
    if (!authenticated || !sealed) {
      const refusal = authenticated
        ? {
            code: 'card_not_held',
            message: 'the card was no longer held when the authentication ended; pay again',
          }
        : {
            code: `3ds:${result.transStatus}`,
            message: `3-D Secure authentication failed (${result.transStatus})`,
          };
      const view = await recordTransition(trx, deps, {
        payment,
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
              details: {
                three_ds: { trans_status: threeDS.status, eci: threeDS.eci, version: threeDS.version },
              },
              createdAt: now,
              settledAt: now,
            },
          },
        ],
        source: ctx.source,
      });
      return { done: true as const, view };
    }
    const toValidate = payment.validation === 'manual' || locked.riskHold !== null;
    const capture = !toValidate && capturesAtAuthorization(payment.typology, payment.validation);
    const card = payment.card!;
    const op = await startOperation(trx, deps, ctx, payment, {
      type: 'authorization',
      amount: payment.amount,
      details: {
        capture,
        to_validate: toValidate,
        network: card.network,
        ...(locked.riskHold ? { risk_hold: locked.riskHold } : {}),
        three_ds: {
          trans_status: threeDS.status,
          eci: threeDS.eci,
          version: threeDS.version,
          challenge: true,
        },
      },
    });
    const { payment: submitted } = await recordTransition(trx, deps, {
      payment,
      update: { kind: 'authorization_submitted', card, threeDS },
      journal: [],
      source: ctx.source,
    });
    return { done: false as const, submitted, operationId: op.id, sealed, capture };
  });
  if (started.done) return started.view;

  const { submitted } = started;
  const card = submitted.card!;
  return sendAuthorization(deps, {
    payment: submitted,
    operationId: started.operationId,
    card: {
      pan: openHeldPan(deps.secretBox, submitted.id, started.sealed),
      expMonth: card.expMonth,
      expYear: card.expYear,
      cvc: undefined,
      holder: card.holder ?? undefined,
    },
    network: card.network,
    capture: started.capture,
    threeDS: { ...threeDS, authenticationValue: result.authenticationValue },
  });
}
