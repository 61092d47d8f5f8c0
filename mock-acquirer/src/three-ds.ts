import { type CardBrand, detectBrand, fingerprintCard } from './card-number.js';
import { ReferenceConflictError } from './errors.js';
import { authenticationValue, derivedUuid } from './ids.js';
import { type ThreeDsBehaviour, threeDsBehaviour } from './test-cards.js';
import type { AuthenticationAnswer, AuthenticationRequest, ResultRequest } from './wire.js';

/** One authentication, as the directory server and ACS keep it. Never the card number. */
export interface Authentication {
  answer: AuthenticationAnswer;
  merchantId: string;
  amount: number;
  currency: string;
  brand: CardBrand;
  last4: string;
  fingerprint: string;
  behaviour: ThreeDsBehaviour;
  notificationUrl: string;
  notificationKey: string;
  returnUrl: string;
}

const MESSAGE_VERSION = '2.2.0';

/** ECI per scheme: Visa-like schemes 05/06/07, Mastercard 02/01/00. */
function eciOf(brand: CardBrand, status: 'Y' | 'A' | 'N' | 'U' | 'R'): string | undefined {
  if (status === 'R') return undefined;
  if (brand === 'mastercard') return status === 'Y' ? '02' : status === 'A' ? '01' : '00';
  return status === 'Y' ? '05' : status === 'A' ? '06' : '07';
}

/**
 * The 3-D Secure 2 directory server and ACS of the simulator. Test cards decide: frictionless
 * Y/A/N/U/R, or C with an ACS challenge page whose one-time code passes or fails. In memory only:
 * authentications are not money and are not part of the ledger or its snapshot.
 */
export class ThreeDsDirectory {
  private readonly byServerId = new Map<string, Authentication>();
  private readonly serverIdByAcsId = new Map<string, string>();

  constructor(private readonly seed: number) {}

  /** AReq → ARes. The same threeDSServerTransID with the same card answers the stored ARes. */
  authenticate(request: AuthenticationRequest, acsBaseUrl: string): AuthenticationAnswer {
    const id = request.three_ds_server_trans_id;
    const fingerprint = fingerprintCard(request.card.number);
    const known = this.byServerId.get(id);
    if (known) {
      if (known.fingerprint !== fingerprint || known.amount !== request.amount)
        throw new ReferenceConflictError(id);
      return { ...known.answer };
    }
    const brand = detectBrand(request.card.number);
    const behaviour = threeDsBehaviour(request.card.number);
    const acsTransId = derivedUuid(this.seed, `acs:${id}`);
    const answer: AuthenticationAnswer = {
      three_ds_server_trans_id: id,
      ds_trans_id: derivedUuid(this.seed, `ds:${id}`),
      acs_trans_id: acsTransId,
      message_version: MESSAGE_VERSION,
      trans_status: behaviour.trans_status,
      challenge: behaviour.trans_status === 'C' ? 'pending' : 'none',
    };
    if (behaviour.trans_status === 'C') {
      answer.acs_url = `${acsBaseUrl}/3ds/acs/${acsTransId}`;
    } else {
      this.finish(answer, brand, behaviour.trans_status);
    }
    this.byServerId.set(id, {
      answer,
      merchantId: request.merchant_id,
      amount: request.amount,
      currency: request.currency,
      brand,
      last4: request.card.number.slice(-4),
      fingerprint,
      behaviour,
      notificationUrl: request.notification_url,
      notificationKey: request.notification_key,
      returnUrl: request.return_url,
    });
    this.serverIdByAcsId.set(acsTransId, id);
    return { ...answer };
  }

  /** The authentication as it stands (the inquiry of the 3DS server), or undefined. */
  find(serverTransId: string): AuthenticationAnswer | undefined {
    const found = this.byServerId.get(serverTransId);
    return found ? { ...found.answer } : undefined;
  }

  /** The authentication behind an ACS page. */
  byAcsId(acsTransId: string): Authentication | undefined {
    const id = this.serverIdByAcsId.get(acsTransId);
    return id === undefined ? undefined : this.byServerId.get(id);
  }

  /**
   * The buyer submitted the challenge (or cancelled it): decides Y or N once, and returns the
   * RReq to push. A challenge already finished returns undefined.
   */
  complete(acsTransId: string, input: { code?: string; cancel: boolean }): ResultRequest | undefined {
    const auth = this.byAcsId(acsTransId);
    if (auth?.answer.challenge !== 'pending' || auth.behaviour.trans_status !== 'C') return undefined;
    const expected = auth.behaviour.challenge_code;
    const passed = !input.cancel && expected !== null && input.code === expected;
    const status = passed ? 'Y' : 'N';
    auth.answer.challenge = input.cancel ? 'cancelled' : 'completed';
    this.finish(auth.answer, auth.brand, status);
    const rreq: ResultRequest = {
      three_ds_server_trans_id: auth.answer.three_ds_server_trans_id,
      ds_trans_id: auth.answer.ds_trans_id,
      acs_trans_id: auth.answer.acs_trans_id,
      message_version: auth.answer.message_version,
      trans_status: status,
    };
    if (auth.answer.eci !== undefined) rreq.eci = auth.answer.eci;
    if (auth.answer.authentication_value !== undefined)
      rreq.authentication_value = auth.answer.authentication_value;
    if (input.cancel) rreq.challenge_cancel = '01';
    return rreq;
  }

  clear(): void {
    this.byServerId.clear();
    this.serverIdByAcsId.clear();
  }

  private finish(answer: AuthenticationAnswer, brand: CardBrand, status: 'Y' | 'A' | 'N' | 'U' | 'R'): void {
    answer.trans_status = status;
    delete answer.acs_url;
    const eci = eciOf(brand, status);
    if (eci !== undefined) answer.eci = eci;
    if (status === 'Y' || status === 'A') {
      answer.authentication_value = authenticationValue(this.seed, answer.three_ds_server_trans_id);
    }
  }
}
