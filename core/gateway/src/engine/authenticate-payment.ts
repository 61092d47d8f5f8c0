import type { AuthenticationInquiry } from '../acquirer/three-ds-connector.js';
import type { ValidCard } from '../domain/card.js';
import type { Source } from '../domain/channel.js';
import { randomBase62 } from '../domain/ids.js';
import type { Payment } from '../domain/payment.js';
import type { ThreeDSDecision } from './authorization-steps.js';
import type { EngineDeps } from './context.js';
import { gatewayUrl, notificationKeyFor } from './notifications.js';

/**
 * The 3-D Secure step of an authorisation (SEC1), through the acquirer's directory server:
 * AReq → ARes. Frictionless Y/A/U → authenticated (authorise with ECI and CAVV; U without a
 * guarantee); N/R → refuse without asking the acquirer; C → challenge on the ACS page. An AReq
 * whose answer was lost is settled by inquiry; a directory server out of reach means no 3-D Secure
 * (`skip`, guarantee unknown) rather than no payment.
 */
export async function authenticatePayment(
  deps: EngineDeps,
  input: { payment: Payment; card: ValidCard; source?: Source | undefined },
): Promise<ThreeDSDecision> {
  const { payment, card } = input;
  const ds = deps.threeDSServer?.(payment.mode);
  if (!ds || !deps.publicUrl || !deps.notificationKey || !payment.pageToken) {
    return { action: 'skip', reason: 'not_available' };
  }
  const session = `tds_${randomBase62(24)}`;
  let outcome: AuthenticationInquiry = await ds.authenticate({
    serverTransId: session,
    merchantId: payment.shopId,
    amount: payment.amount,
    currency: payment.currency,
    card: { pan: card.pan, expMonth: card.expMonth, expYear: card.expYear },
    notificationUrl: gatewayUrl(deps, `/3ds/notifications/${payment.id}`),
    notificationKey: notificationKeyFor(deps, session),
    // Card sent by the shop's server (TE5): after the challenge the buyer goes back to the shop.
    returnUrl: gatewayUrl(
      deps,
      `/pay/${payment.pageToken}/3ds-return${input.source === 'hosted_page' ? '' : '?to=shop'}`,
    ),
  });
  if (outcome.kind === 'unknown') outcome = await ds.inquire(session);

  switch (outcome.kind) {
    case 'result':
      if (outcome.transStatus === 'N' || outcome.transStatus === 'R') {
        return {
          action: 'refuse',
          transStatus: outcome.transStatus,
          message:
            outcome.transStatus === 'R'
              ? 'the issuer rejected the authentication (3-D Secure R)'
              : 'the cardholder was not authenticated (3-D Secure N)',
          eci: outcome.eci,
          version: outcome.version,
        };
      }
      return {
        action: 'authenticated',
        transStatus: outcome.transStatus,
        eci: outcome.eci,
        authenticationValue: outcome.authenticationValue,
        version: outcome.version,
      };
    case 'challenge':
      return {
        action: 'challenge',
        session,
        dsTransId: outcome.dsTransId,
        acsUrl: outcome.acsUrl,
        version: outcome.version,
      };
    case 'not_found':
    case 'unknown':
      deps.logger.warn({ payment: payment.id, session }, '3-D Secure unavailable: authorising without it');
      return { action: 'skip', reason: 'not_available' };
  }
}
