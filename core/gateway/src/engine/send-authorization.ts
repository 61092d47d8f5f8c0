import type { AuthorizationOutcome, AuthorizationRequest } from '../acquirer/connector.js';
import type { CardNetwork } from '../domain/card.js';
import type { Payment } from '../domain/payment.js';
import type { ThreeDSResult } from '../domain/three-ds.js';
import type { EngineDeps, PaymentView } from './context.js';
import { recoverOperation } from './recover-operation.js';
import { settleAuthorization } from './settle.js';

/**
 * Sends an authorisation whose intent is already journaled (pending operation `operationId`) and
 * records the answer; an unknown outcome is settled by inquiry (then reversal), never guessed.
 * No transaction is open here.
 */
export async function sendAuthorization(
  deps: EngineDeps,
  input: {
    payment: Payment;
    operationId: string;
    card: AuthorizationRequest['card'];
    network: CardNetwork;
    capture: boolean;
    threeDS: (ThreeDSResult & { authenticationValue: string | undefined }) | null;
  },
): Promise<PaymentView> {
  const acquirer = deps.acquirer(input.payment.mode)!;
  const outcome: AuthorizationOutcome = await acquirer.authorize({
    reference: input.operationId,
    merchantId: input.payment.shopId,
    amount: input.payment.amount,
    currency: input.payment.currency,
    card: input.card,
    network: input.network,
    capture: input.capture,
    channel: input.payment.channel,
    initiator: 'customer',
    threeDS: input.threeDS
      ? {
          transStatus: input.threeDS.status,
          eci: input.threeDS.eci ?? undefined,
          authenticationValue: input.threeDS.authenticationValue,
          version: input.threeDS.version,
        }
      : undefined,
  });
  if (outcome.kind !== 'unknown') return settleAuthorization(deps, input.operationId, outcome);
  deps.logger.warn(
    { operation: input.operationId, reason: outcome.reason },
    'authorisation outcome unknown: inquiring',
  );
  return recoverOperation(deps, input.operationId);
}
