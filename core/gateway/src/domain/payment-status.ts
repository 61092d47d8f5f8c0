import { CaisseError } from '../errors/index.js';

/**
 * Public payment statuses (DESIGN.md §3), plus `processing`: an authorisation has been sent to the
 * acquirer and its outcome is not yet recorded. It is short-lived in normal running; after a crash
 * or an acquirer timeout it is what recovery (inquiry, then reversal) settles.
 */
export const PAYMENT_STATUSES = [
  'requires_payment_method',
  'requires_action',
  'processing',
  'authorized',
  'to_validate',
  'partially_captured',
  'captured',
  'partially_refunded',
  'refunded',
  'refused',
  'cancelled',
  'expired',
  'abandoned',
  'failed',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * What happens to a payment. Each event is one transition; the engine picks the event
 * (e.g. `capture_partial` vs `capture_full` from the amounts) and the table says whether it is
 * legal from the current status and where it leads.
 */
export const PAYMENT_EVENTS = [
  'submit', // card data sent to the acquirer for authorisation
  'challenge', // buyer must act first (3-D Secure challenge, redirect means)
  'authorize', // acquirer approved
  'authorize_to_validate', // approved, held for the merchant's manual validation
  'authorize_and_capture', // approved and captured in the same call (immediate typology)
  'refuse', // acquirer, issuer or 3-D Secure said no
  'fail', // outcome could not be confirmed; the authorisation was reversed
  'validate', // merchant validated a held payment
  'modify', // amount lowered or capture date moved before capture
  'capture_partial',
  'capture_full', // captured amount reaches the (authorised) amount
  'refund_partial',
  'refund_full', // refunded amount reaches the captured amount
  'cancel',
  'expire', // authorisation validity ran out before capture
  'abandon', // buyer never finished on the payment page
] as const;
export type PaymentEvent = (typeof PAYMENT_EVENTS)[number];

/** The one transition table. Anything not listed is illegal. */
export const TRANSITIONS: Readonly<Record<PaymentStatus, Partial<Record<PaymentEvent, PaymentStatus>>>> = {
  requires_payment_method: {
    submit: 'processing',
    challenge: 'requires_action',
    modify: 'requires_payment_method',
    refuse: 'refused',
    cancel: 'cancelled',
    abandon: 'abandoned',
  },
  // A redirect means (wallet, PayPal...) is authorised by the acquirer while the buyer is on its
  // page: its answer moves the payment straight from requires_action (DESIGN §3). A 3-D Secure
  // challenge instead goes through `submit` once the buyer is authenticated.
  requires_action: {
    submit: 'processing',
    authorize: 'authorized',
    authorize_to_validate: 'to_validate',
    authorize_and_capture: 'captured',
    refuse: 'refused',
    fail: 'failed',
    cancel: 'cancelled',
    abandon: 'abandoned',
  },
  processing: {
    authorize: 'authorized',
    authorize_to_validate: 'to_validate',
    authorize_and_capture: 'captured',
    refuse: 'refused',
    fail: 'failed',
  },
  to_validate: {
    validate: 'authorized',
    modify: 'to_validate',
    cancel: 'cancelled',
    expire: 'expired',
  },
  authorized: {
    modify: 'authorized',
    capture_partial: 'partially_captured',
    capture_full: 'captured',
    cancel: 'cancelled',
    expire: 'expired',
  },
  partially_captured: {
    capture_partial: 'partially_captured',
    capture_full: 'captured',
    refund_partial: 'partially_refunded',
    refund_full: 'refunded',
  },
  captured: {
    refund_partial: 'partially_refunded',
    refund_full: 'refunded',
  },
  partially_refunded: {
    refund_partial: 'partially_refunded',
    refund_full: 'refunded',
  },
  refunded: {},
  refused: {},
  cancelled: {},
  expired: {},
  abandoned: {},
  failed: {},
};

/** Statuses with no way out. */
export const TERMINAL_STATUSES: readonly PaymentStatus[] = PAYMENT_STATUSES.filter(
  (s) => Object.keys(TRANSITIONS[s]).length === 0,
);

/** Where `event` leads from `status`, or undefined when it is illegal. */
export function nextStatus(status: PaymentStatus, event: PaymentEvent): PaymentStatus | undefined {
  return TRANSITIONS[status][event];
}

/** The statuses from which `event` is legal. */
export function statusesAllowing(event: PaymentEvent): PaymentStatus[] {
  return PAYMENT_STATUSES.filter((s) => TRANSITIONS[s][event] !== undefined);
}

/** Human verb for an event, for error messages ("Cannot capture a payment that is refunded"). */
const ACTION_NAMES: Record<PaymentEvent, string> = {
  submit: 'authorise',
  challenge: 'authenticate',
  authorize: 'authorise',
  authorize_to_validate: 'authorise',
  authorize_and_capture: 'authorise',
  refuse: 'refuse',
  fail: 'fail',
  validate: 'validate',
  modify: 'modify',
  capture_partial: 'capture',
  capture_full: 'capture',
  refund_partial: 'refund',
  refund_full: 'refund',
  cancel: 'cancel',
  expire: 'expire',
  abandon: 'abandon',
};

/**
 * The target status of `event` from `status`, or a 409 `illegal_transition` that names the current
 * status and the statuses that would have allowed it.
 */
export function assertTransition(status: PaymentStatus, event: PaymentEvent): PaymentStatus {
  const next = nextStatus(status, event);
  if (next !== undefined) return next;
  throw new CaisseError('illegal_transition', {
    action: ACTION_NAMES[event],
    status,
    expected: statusesAllowing(event).join(' or ') || 'never allowed',
  });
}

/** Event type sent to the shop (IPN) for a transition: `payment.<target status>`. */
export function eventTypeFor(event: PaymentEvent, to: PaymentStatus): string {
  if (event === 'modify') return 'payment.updated';
  if (event === 'validate') return 'payment.validated';
  return `payment.${to}`;
}
