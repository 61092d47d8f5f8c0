import { ReferenceConflictError } from './errors.js';
import { acquirerTransactionId, authCode } from './ids.js';
import type { OperationContext } from './movement.js';
import { responseMessage } from './response-codes.js';
import type { RedirectPaymentAnswer, RedirectPaymentRequest } from './wire.js';

/** What the simulator keeps of a redirect payment besides its answer. */
export interface RedirectSession {
  request: RedirectPaymentRequest;
  answer: RedirectPaymentAnswer;
}

const NAMES: Record<RedirectPaymentRequest['means'], string> = {
  wallet: 'Wallet',
  paypal: 'PayPal',
  cofinoga: 'Cofinoga',
  cetelem_aurore: 'Cetelem Aurore',
  sofinco: 'Sofinco',
};

export function meansName(means: RedirectPaymentRequest['means']): string {
  return NAMES[means];
}

/**
 * Redirect means (wallet, PayPal, private-label cards): the gateway registers the payment, the
 * buyer approves or declines on the means' page, and the decision becomes an authorisation in the
 * ledger, found by inquiry under the gateway's reference and captured or refunded like a card's.
 */
export class RedirectPayments {
  readonly sessions = new Map<string, RedirectSession>();

  start(ctx: OperationContext, request: RedirectPaymentRequest, pageBaseUrl: string): RedirectPaymentAnswer {
    const key = `${request.merchant_id}|${request.means}|${request.amount}|${request.currency}|${request.capture}`;
    const known = this.sessions.get(request.reference);
    if (known) {
      const k = known.request;
      if (`${k.merchant_id}|${k.means}|${k.amount}|${k.currency}|${k.capture}` !== key)
        throw new ReferenceConflictError(request.reference);
      return { ...known.answer };
    }
    if (ctx.ledger.operations.has(request.reference)) throw new ReferenceConflictError(request.reference);
    const answer: RedirectPaymentAnswer = {
      reference: request.reference,
      type: 'authorization',
      means: request.means,
      status: 'pending',
      acquirer_transaction_id: acquirerTransactionId(ctx.seed, request.reference),
      amount: request.amount,
      currency: request.currency,
      captured_amount: 0,
      redirect_url: `${pageBaseUrl}/means/${request.reference}`,
    };
    this.sessions.set(request.reference, { request, answer });
    ctx.ledger.store(request.reference, { type: 'authorization', key, answer });
    // A reversal that arrived first (the gateway gave up on an unanswered start) wins.
    if (ctx.ledger.tombstones.has(request.reference)) this.settle(ctx, request.reference, 'R1');
    return { ...answer };
  }

  /** The buyer's decision, once: approved (captured too for a sale) or declined. */
  decide(ctx: OperationContext, reference: string, approve: boolean): RedirectSession | undefined {
    const session = this.sessions.get(reference);
    if (session?.answer.status !== 'pending') return undefined;
    this.settle(ctx, reference, approve ? '00' : '05');
    return session;
  }

  /** The gateway cancels a payment still pending (reversal): it can no longer be approved. */
  cancelPending(ctx: OperationContext, reference: string): boolean {
    const session = this.sessions.get(reference);
    if (session?.answer.status !== 'pending') return false;
    this.settle(ctx, reference, 'R1');
    return true;
  }

  clear(): void {
    this.sessions.clear();
  }

  private settle(ctx: OperationContext, reference: string, code: '00' | '05' | 'R1'): void {
    const session = this.sessions.get(reference)!;
    const { request, answer } = session;
    const approved = code === '00';
    const captured = approved && request.capture ? request.amount : 0;
    answer.status = approved ? 'approved' : 'declined';
    answer.response_code = code;
    answer.message = code === 'R1' ? 'cancelled before approval' : responseMessage(code);
    answer.captured_amount = captured;
    if (approved) answer.auth_code = authCode(ctx.seed, reference);
    ctx.ledger.authorizations.set(reference, {
      reference,
      merchant_id: request.merchant_id,
      amount: request.amount,
      currency: request.currency,
      status: approved ? 'approved' : 'declined',
      response_code: code,
      captured,
      refunded: 0,
      reversed: 0,
      means: request.means,
    });
    const entry = (type: 'authorization' | 'capture', status: 'approved' | 'declined' | 'succeeded') => ({
      reference,
      type,
      authorization_reference: reference,
      merchant_id: request.merchant_id,
      amount: request.amount,
      currency: request.currency,
      status,
      response_code: code,
    });
    ctx.ledger.append(entry('authorization', answer.status === 'approved' ? 'approved' : 'declined'));
    if (captured > 0) ctx.ledger.append(entry('capture', 'succeeded'));
  }
}
