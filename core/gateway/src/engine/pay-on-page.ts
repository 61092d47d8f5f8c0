import type { CardInput, CardNetwork, ValidCard } from '../domain/card.js';
import { validateCard } from '../domain/card.js';
import type { Channel } from '../domain/channel.js';
import type { Payment } from '../domain/payment.js';
import { CaisseError } from '../errors/index.js';
import { holdCard, peekHeldCard, takeHeldCard } from '../store/held-cards-repo.js';
import { findPaymentByPageToken } from '../store/payments-repo.js';
import { openHeldPan, sealHeldPan } from '../vault/held-card.js';
import { authorizePayment } from './authorize-payment.js';
import { cancelPayment } from './cancel-payment.js';
import type { EngineDeps, PaymentView, RequestContext } from './context.js';

/** How long a co-badged card waits, held, for the buyer's network choice (no-JavaScript step). */
export const NETWORK_CHOICE_HOLD_MS = 10 * 60_000;

export type PageOutcome =
  | { kind: 'paid'; view: PaymentView }
  /** A co-badged card sent without a network choice: the buyer must choose (EU IFR art. 8). */
  | { kind: 'choose_network'; payment: Payment; card: Pick<ValidCard, 'brand' | 'coBrand' | 'last4'> };

/** What is held for the network choice: never the CVC, which the buyer types again. */
interface HeldForChoice {
  pan: string;
  expMonth: number;
  expYear: number;
  holder: string | undefined;
}

export function pageContext(payment: Payment): RequestContext {
  return { scope: { shopId: payment.shopId, mode: payment.mode }, source: 'hosted_page' };
}

/** The payment behind a page token, or a 404. The token is the buyer's only credential. */
export async function loadPage(deps: EngineDeps, token: string): Promise<Payment> {
  const payment = await findPaymentByPageToken(deps.db, token);
  if (!payment) throw new CaisseError('not_found', { resource: 'payment page', id: 'this token' });
  return payment;
}

/** A page takes a payment while its payment waits for a means and the page has not expired. */
export function isPageOpen(payment: Payment, now: Date): boolean {
  return (
    payment.status === 'requires_payment_method' &&
    payment.pageExpiresAt !== null &&
    payment.pageExpiresAt > now
  );
}

function assertOpen(deps: EngineDeps, payment: Payment): void {
  if (!isPageOpen(payment, deps.clock.now()))
    throw new CaisseError('page_expired', { status: payment.status });
}

/**
 * The buyer submits the card form of the hosted page (TE3/TE4). The card is checked by the domain
 * rules (the errors name the field); a co-badged card sent without a network choice is held for
 * the choice step; otherwise the payment is authorised (3-D Secure first, see authorize-payment.ts).
 */
export async function payOnPage(
  deps: EngineDeps,
  token: string,
  input: { card: CardInput; network?: CardNetwork | undefined; channel?: Channel | undefined },
): Promise<PageOutcome> {
  const payment = await loadPage(deps, token);
  assertOpen(deps, payment);
  const now = deps.clock.now();
  const card = validateCard(input.card, now);
  if (card.coBrand && input.network === undefined) {
    const held: HeldForChoice = {
      pan: card.pan,
      expMonth: card.expMonth,
      expYear: card.expYear,
      holder: card.holder,
    };
    await holdCard(deps.db, {
      paymentId: payment.id,
      purpose: 'network_choice',
      sealed: sealHeldPan(deps.secretBox, payment.id, JSON.stringify(held)),
      expiresAt: new Date(Math.min(now.getTime() + NETWORK_CHOICE_HOLD_MS, payment.pageExpiresAt!.getTime())),
      now,
    });
    return {
      kind: 'choose_network',
      payment,
      card: { brand: card.brand, coBrand: card.coBrand, last4: card.last4 },
    };
  }
  const view = await authorizePayment(deps, pageContext(payment), {
    payment,
    isNew: false,
    card,
    network: input.network,
    channel: input.channel,
  });
  return { kind: 'paid', view };
}

/**
 * The network choice step (JavaScript off): the held card is taken — used once, deleted — with the
 * CVC typed again, and the payment goes on with the chosen network.
 */
export async function payWithHeldCard(
  deps: EngineDeps,
  token: string,
  input: { network: CardNetwork; cvc: string; channel?: Channel | undefined },
): Promise<PaymentView> {
  const payment = await loadPage(deps, token);
  assertOpen(deps, payment);
  const now = deps.clock.now();
  const sealed = await takeHeldCard(deps.db, payment.id, 'network_choice', now);
  if (!sealed) throw new CaisseError('network_choice_expired');
  const held = JSON.parse(openHeldPan(deps.secretBox, payment.id, sealed)) as HeldForChoice;
  let card: ValidCard;
  try {
    card = validateCard(
      {
        number: held.pan,
        exp_month: held.expMonth,
        exp_year: held.expYear,
        cvc: input.cvc,
        holder: held.holder,
      },
      now,
    );
  } catch (error) {
    // A mistyped CVC: the card goes back on hold for another try.
    await holdCard(deps.db, {
      paymentId: payment.id,
      purpose: 'network_choice',
      sealed,
      expiresAt: new Date(Math.min(now.getTime() + NETWORK_CHOICE_HOLD_MS, payment.pageExpiresAt!.getTime())),
      now,
    });
    throw error;
  }
  return authorizePayment(deps, pageContext(payment), {
    payment,
    isNew: false,
    card,
    network: input.network,
    channel: input.channel,
  });
}

/** Brand, co-brand and last digits of the card held for the network choice, for its page. */
export async function heldChoiceCard(
  deps: EngineDeps,
  payment: Payment,
): Promise<Pick<ValidCard, 'brand' | 'coBrand' | 'last4'> | undefined> {
  const sealed = await peekHeldCard(deps.db, payment.id, 'network_choice', deps.clock.now());
  if (!sealed) return undefined;
  const held = JSON.parse(openHeldPan(deps.secretBox, payment.id, sealed)) as HeldForChoice;
  const card = validateCard(
    { number: held.pan, exp_month: held.expMonth, exp_year: held.expYear },
    deps.clock.now(),
  );
  return { brand: card.brand, coBrand: card.coBrand, last4: card.last4 };
}

/** "Cancel and return to the shop": a payment still waiting for its means is cancelled. */
export async function cancelOnPage(deps: EngineDeps, token: string): Promise<PaymentView> {
  const payment = await loadPage(deps, token);
  if (payment.status === 'cancelled') return { payment, operations: [], pending: false };
  if (payment.status !== 'requires_payment_method')
    throw new CaisseError('page_expired', { status: payment.status });
  return cancelPayment(deps, pageContext(payment), payment.id);
}
