import type { ValidCard } from '../domain/card.js';
import type { Channel } from '../domain/channel.js';
import type { Payment, PaymentCard } from '../domain/payment.js';
import { holdCard } from '../store/held-cards-repo.js';
import { insertPayment } from '../store/payments-repo.js';
import { sealHeldPan } from '../vault/held-card.js';
import type { ThreeDSDecision } from './authorization-steps.js';
import type { EngineDeps, PaymentView, RequestContext } from './context.js';
import { lockPayment } from './load.js';
import { bindKey, recordTransition } from './record.js';

/** How long a card number is held for a challenge: the buyer has this long on the ACS page. */
export const CHALLENGE_HOLD_MS = 15 * 60_000;

/**
 * 3-D Secure asked for a challenge: the payment goes to `requires_action` with the ACS page as its
 * pending action, and the card number is held, sealed with the vault for this payment only, until
 * the result comes back (complete-challenge.ts) — at most CHALLENGE_HOLD_MS, and never past the
 * page's expiry. The CVC is not held at all: the authorisation after a challenge goes without it,
 * the issuer's authentication value (CAVV) standing for the cardholder's presence.
 */
export async function startChallenge(
  deps: EngineDeps,
  ctx: RequestContext,
  input: {
    payment: Payment;
    isNew: boolean;
    card: ValidCard;
    paymentCard: PaymentCard;
    decision: Extract<ThreeDSDecision, { action: 'challenge' }>;
    channel?: Channel | undefined;
    riskHold: string | null;
  },
): Promise<PaymentView> {
  return deps.db.transaction().execute(async (trx) => {
    const payment = input.isNew ? input.payment : await lockPayment(trx, ctx.scope, input.payment.id);
    if (input.isNew) await insertPayment(trx, payment);
    await bindKey(trx, ctx, payment.id);
    const now = deps.clock.now();
    const holdUntil = Math.min(
      now.getTime() + CHALLENGE_HOLD_MS,
      payment.pageExpiresAt?.getTime() ?? Infinity,
    );
    const view = await recordTransition(trx, deps, {
      payment,
      update: {
        kind: 'challenge_started',
        card: input.paymentCard,
        threeDS: { status: 'C', eci: null, version: input.decision.version },
        action: {
          kind: 'three_ds_challenge',
          session: input.decision.session,
          dsTransId: input.decision.dsTransId,
          acsUrl: input.decision.acsUrl,
          version: input.decision.version,
          riskHold: input.riskHold,
        },
        channel: input.channel,
        // A payment link's page is open for days; the challenge gets a page's lifetime.
        stepExpiresAt: new Date(now.getTime() + deps.config.pageTtlMinutes * 60_000),
      },
      journal: [],
      source: ctx.source,
    });
    await holdCard(trx, {
      paymentId: payment.id,
      purpose: 'three_ds_challenge',
      sealed: sealHeldPan(deps.secretBox, payment.id, input.card.pan),
      expiresAt: new Date(holdUntil),
      now,
    });
    return view;
  });
}
