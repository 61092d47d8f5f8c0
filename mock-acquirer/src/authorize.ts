import { fingerprintCard, isLuhnValid, type LedgerCard, summarizeCard } from './card-number.js';
import { acquirerTransactionId, authCode } from './ids.js';
import type { OperationContext } from './movement.js';
import { responseMessage } from './response-codes.js';
import { findTestCard } from './test-cards.js';
import type { AuthorizationAnswer, AuthorizationRequest } from './wire.js';

/**
 * Decides an authorisation (or a sale when `capture` is true) like an issuer would: by the test
 * card, the card number's checksum and the expiry. Idempotent on the reference.
 */
export function authorize(ctx: OperationContext, request: AuthorizationRequest): AuthorizationAnswer {
  const { ledger } = ctx;
  const pan = request.card.number;
  const testCard = findTestCard(pan);
  const card: LedgerCard = { ...summarizeCard(pan, testCard?.co_brand), fingerprint: fingerprintCard(pan) };
  const key = `${request.merchant_id}|${request.amount}|${request.currency}|${request.capture}`;
  const replayed = ledger.replay<AuthorizationAnswer>(request.reference, 'authorization', key, card);
  if (replayed) return replayed;

  const responseCode = decide(ctx, request, testCard?.response_code);
  const approved = responseCode === '00';
  const captured = approved && request.capture ? request.amount : 0;
  const { fingerprint, ...summary } = card;
  const answer: AuthorizationAnswer = {
    reference: request.reference,
    type: 'authorization',
    status: approved ? 'approved' : 'declined',
    response_code: responseCode,
    message: responseMessage(responseCode),
    acquirer_transaction_id: acquirerTransactionId(ctx.seed, request.reference),
    amount: request.amount,
    currency: request.currency,
    captured_amount: captured,
    card: summary,
  };
  if (approved) answer.auth_code = authCode(ctx.seed, request.reference);

  ledger.authorizations.set(request.reference, {
    reference: request.reference,
    merchant_id: request.merchant_id,
    amount: request.amount,
    currency: request.currency,
    status: answer.status,
    response_code: responseCode,
    captured,
    refunded: 0,
    reversed: 0,
    card,
  });
  const entry = (type: 'authorization' | 'capture', status: 'approved' | 'declined' | 'succeeded') => ({
    reference: request.reference,
    type,
    authorization_reference: request.reference,
    merchant_id: request.merchant_id,
    amount: request.amount,
    currency: request.currency,
    status,
    response_code: responseCode,
  });
  ledger.append({ ...entry('authorization', answer.status), card });
  // A sale is two movements in one call; the capture line lets a test sum captures alone.
  if (captured > 0) ledger.append(entry('capture', 'succeeded'));
  ledger.store(request.reference, { type: 'authorization', key, fingerprint, answer });
  return answer;
}

function decide(
  ctx: OperationContext,
  request: AuthorizationRequest,
  testCardCode: string | undefined,
): string {
  // The gateway reversed this reference while the authorisation was in flight: it must not
  // charge now that it arrives.
  if (ctx.ledger.tombstones.has(request.reference)) return 'R1';
  if (!isLuhnValid(request.card.number)) return '14';
  if (testCardCode !== undefined && testCardCode !== '00') return testCardCode;
  if (isExpired(request.card.exp_month, request.card.exp_year, ctx.now())) return '54';
  return '00';
}

/** A card is valid through the last day of its expiry month. */
function isExpired(month: number, year: number, now: Date): boolean {
  const currentYear = now.getUTCFullYear();
  return year < currentYear || (year === currentYear && month < now.getUTCMonth() + 1);
}
