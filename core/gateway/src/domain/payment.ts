import { CaisseError } from '../errors/index.js';
import type { CardBrand, CardNetwork, CoBrand } from './card.js';
import type { Channel, Mode } from './channel.js';
import type { PaymentMethod, PendingAction } from './payment-method.js';
import { assertTransition, type PaymentEvent, type PaymentStatus } from './payment-status.js';
import type { ThreeDSResult } from './three-ds.js';
import type { Typology, ValidationMode } from './typology.js';
import type { VadsContext } from './vads/context.js';

export interface Customer {
  id?: string | undefined;
  email?: string | undefined;
  name?: string | undefined;
  phone?: string | undefined;
  language?: string | undefined;
}

/** What the gateway keeps of a card: never the PAN, never the CVC. */
export interface PaymentCard {
  brand: CardBrand;
  coBrand: CoBrand | null;
  /** The network the authorisation was routed on (the buyer's choice for a co-badged card). */
  network: CardNetwork;
  bin: string;
  last4: string;
  expMonth: number;
  expYear: number;
  holder: string | null;
  fingerprint: string;
}

export interface Refusal {
  code: string;
  message: string;
}

export interface Payment {
  id: string;
  shopId: string;
  mode: Mode;
  status: PaymentStatus;
  amount: number;
  currency: string;
  capturedAmount: number;
  refundedAmount: number;
  reference: string;
  typology: Typology;
  validation: ValidationMode;
  channel: Channel;
  customer: Customer | null;
  card: PaymentCard | null;
  returnUrl: string | null;
  /**
   * Where this payment's IPNs go, instead of the shop's notification URL (REP2). Optional in the
   * type (absent means null) so that payments built elsewhere, tests' factories included, need not
   * know about it.
   */
  notificationUrl?: string | null | undefined;
  metadata: Record<string, string>;
  captureDate: Date | null;
  authorizedAt: Date | null;
  authorizationExpiresAt: Date | null;
  duplicatedFrom: string | null;
  refusal: Refusal | null;
  /** The buyer's card or redirect means; null until chosen on the hosted page. */
  paymentMethod: PaymentMethod | null;
  /** 3-D Secure result; null when not run (out of SCA scope, redirect means, not yet). */
  threeDS: ThreeDSResult | null;
  /** Unguessable token of the hosted page URL (/pay/<token>); null for payments never shown to a buyer. */
  pageToken: string | null;
  /** Past this, a payment still waiting for the buyer is abandoned by the scheduler. */
  pageExpiresAt: Date | null;
  /**
   * Payment by email (TE7): until when its emailed link stays payable; null for other payments.
   * Optional in the type (absent means null), like notificationUrl.
   */
  linkExpiresAt?: Date | null | undefined;
  /** Language asked for the hosted page (FORM2); the page falls back to Accept-Language, then the shop's. */
  language: string | null;
  /** What the buyer must do while `requires_action` (3-D Secure challenge, redirect means page). */
  pendingAction: PendingAction | null;
  /** Signed-form protocol context, for payments entered through POST /vads-payment/. */
  vads: VadsContext | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Named updates: every change of a payment is one of these, applied by `applyUpdate`, which goes
 * through the transition table. Nothing else writes a payment's status or amounts.
 */
export type PaymentUpdate =
  | {
      kind: 'authorization_submitted';
      card: PaymentCard;
      threeDS?: ThreeDSResult | null | undefined;
      /** The hosted page detected a phone (CH3): the e-commerce payment is recorded as m-commerce. */
      channel?: Channel | undefined;
    }
  /** 3-D Secure asks for a challenge: the buyer goes to the ACS page; the card is held meanwhile. */
  | {
      kind: 'challenge_started';
      card: PaymentCard;
      threeDS: ThreeDSResult;
      action: Extract<PendingAction, { kind: 'three_ds_challenge' }>;
      channel?: Channel | undefined;
      /** The step must end by then: the page closes at the earlier of this and its own expiry. */
      stepExpiresAt?: Date | undefined;
    }
  /** The buyer is sent to a redirect means' page; the acquirer holds the authorisation request. */
  | {
      kind: 'redirect_started';
      paymentMethod: PaymentMethod;
      action: Extract<PendingAction, { kind: 'redirect' }>;
      channel?: Channel | undefined;
      stepExpiresAt?: Date | undefined;
    }
  | {
      kind: 'authorization_approved';
      at: Date;
      expiresAt: Date;
      captured: boolean;
      toValidate: boolean;
      captureDate: Date | null;
    }
  | { kind: 'authorization_declined'; refusal: Refusal; threeDS?: ThreeDSResult | undefined }
  | { kind: 'authorization_failed'; refusal: Refusal }
  | { kind: 'validated' }
  | { kind: 'modified'; amount?: number | undefined; captureDate?: Date | undefined }
  | { kind: 'capture_succeeded'; amount: number }
  | { kind: 'refund_succeeded'; amount: number }
  | { kind: 'cancelled' }
  | { kind: 'expired' }
  | { kind: 'abandoned' };

export interface AppliedUpdate {
  payment: Payment;
  event: PaymentEvent;
  from: PaymentStatus;
}

/** Remaining amount that can still be captured. */
export function capturable(p: Payment): number {
  return p.amount - p.capturedAmount;
}

/** Remaining amount that can still be refunded. */
export function refundable(p: Payment): number {
  return p.capturedAmount - p.refundedAmount;
}

/** Checks a capture amount against what is left; the message says the bound. */
export function assertCaptureAmount(p: Payment, amount: number): void {
  if (amount > capturable(p)) {
    throw new CaisseError(
      'amount_too_large',
      {
        detail: `amount must be ≤ ${capturable(p)}, the authorised amount not yet captured`,
        field: 'amount',
      },
      { field: 'amount' },
    );
  }
}

export function assertRefundAmount(p: Payment, amount: number): void {
  if (amount > refundable(p)) {
    throw new CaisseError(
      'amount_too_large',
      { detail: `amount must be ≤ ${refundable(p)}, the captured amount not yet refunded`, field: 'amount' },
      { field: 'amount' },
    );
  }
}

function eventFor(p: Payment, u: PaymentUpdate): PaymentEvent {
  switch (u.kind) {
    case 'authorization_submitted':
      return 'submit';
    case 'challenge_started':
    case 'redirect_started':
      return 'challenge';
    case 'authorization_approved':
      if (u.captured) return 'authorize_and_capture';
      return u.toValidate ? 'authorize_to_validate' : 'authorize';
    case 'authorization_declined':
      return 'refuse';
    case 'authorization_failed':
      return 'fail';
    case 'validated':
      return 'validate';
    case 'modified':
      return 'modify';
    case 'capture_succeeded':
      return p.capturedAmount + u.amount >= p.amount ? 'capture_full' : 'capture_partial';
    case 'refund_succeeded':
      return p.refundedAmount + u.amount >= p.capturedAmount ? 'refund_full' : 'refund_partial';
    case 'cancelled':
      return 'cancel';
    case 'expired':
      return 'expire';
    case 'abandoned':
      return 'abandon';
    default: {
      const never: never = u;
      throw new Error(`unknown update ${JSON.stringify(never)}`);
    }
  }
}

/** Only an e-commerce payment may be recognised as m-commerce (CH3); nothing else changes a channel. */
function detectedChannel(current: Channel, detected: Channel | undefined): Channel {
  return current === 'ecommerce' && detected === 'mcommerce' ? 'mcommerce' : current;
}

/**
 * A step the buyer starts on the page (3-D Secure challenge, redirect means) must end within a
 * page's lifetime even when the page itself was open longer (a payment link): the page then closes
 * at the earlier of the two, so a step walked away from is abandoned like any page.
 */
function stepDeadline(pageExpiresAt: Date | null, stepExpiresAt: Date | undefined): Date | null {
  if (!stepExpiresAt || !pageExpiresAt) return pageExpiresAt;
  return stepExpiresAt < pageExpiresAt ? stepExpiresAt : pageExpiresAt;
}

/** Applies a named update: checks the transition and the amounts, returns the new payment. */
export function applyUpdate(p: Payment, u: PaymentUpdate, now: Date): AppliedUpdate {
  const event = eventFor(p, u);
  const status = assertTransition(p.status, event);
  const next: Payment = { ...p, status, updatedAt: now };
  // The action belongs to the wait: once the payment moves on, nothing is left pending.
  if (status !== 'requires_action') next.pendingAction = null;
  switch (u.kind) {
    case 'authorization_submitted':
      next.card = u.card;
      next.paymentMethod = { type: 'card' };
      if (u.threeDS !== undefined) next.threeDS = u.threeDS;
      next.channel = detectedChannel(p.channel, u.channel);
      break;
    case 'challenge_started':
      next.card = u.card;
      next.paymentMethod = { type: 'card' };
      next.threeDS = u.threeDS;
      next.pendingAction = u.action;
      next.channel = detectedChannel(p.channel, u.channel);
      next.pageExpiresAt = stepDeadline(p.pageExpiresAt, u.stepExpiresAt);
      break;
    case 'redirect_started':
      next.paymentMethod = u.paymentMethod;
      next.pendingAction = u.action;
      next.channel = detectedChannel(p.channel, u.channel);
      next.pageExpiresAt = stepDeadline(p.pageExpiresAt, u.stepExpiresAt);
      break;
    case 'authorization_approved':
      next.authorizedAt = u.at;
      next.authorizationExpiresAt = u.expiresAt;
      next.captureDate = u.captureDate;
      if (u.captured) next.capturedAmount = p.amount;
      break;
    case 'authorization_declined':
      next.refusal = u.refusal;
      if (u.threeDS) next.threeDS = u.threeDS;
      break;
    case 'authorization_failed':
      next.refusal = u.refusal;
      break;
    case 'modified':
      if (u.amount !== undefined) next.amount = u.amount;
      if (u.captureDate !== undefined) next.captureDate = u.captureDate;
      break;
    case 'capture_succeeded':
      assertCaptureAmount(p, u.amount);
      next.capturedAmount = p.capturedAmount + u.amount;
      break;
    case 'refund_succeeded':
      assertRefundAmount(p, u.amount);
      next.refundedAmount = p.refundedAmount + u.amount;
      break;
    case 'validated':
    case 'cancelled':
    case 'expired':
    case 'abandoned':
      break;
  }
  return { payment: next, event, from: p.status };
}
