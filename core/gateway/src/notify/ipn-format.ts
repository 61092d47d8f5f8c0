import type { StoredEvent } from '../domain/notification.js';

/** The body and headers of one IPN request (the relay adds nothing but User-Agent). */
export interface IpnRequest {
  contentType: string;
  body: string;
  headers: Record<string, string>;
}

export interface IpnFormatInput {
  event: StoredEvent;
  /** The number of this send since the event was stored or last replayed (1 = the first). */
  attempt: number;
  /** The time of this attempt (signatures are timestamped per attempt). */
  timestamp: Date;
  /** The shop's webhook secrets (`whsec_…`) valid now, the current one first; read on demand. */
  secrets: () => Promise<readonly string[]>;
}

/**
 * One wire format of IPNs: Standard Webhooks JSON (standard-webhooks-format.ts), or the signed
 * form's own `vads_*` fields for payments that came through that door (vads-ipn-format.ts), chosen
 * per event by the IpnFormatChooser. The relay itself (claim, send, retry, log) is the same for both.
 */
export interface IpnFormat {
  readonly name: string;
  /**
   * Why this format sends nothing for the event, or null. The event is then `discarded` without a
   * send (the signed-form protocol does not notify intermediate steps).
   */
  discardReason?(event: StoredEvent): string | null;
  render(input: IpnFormatInput): IpnRequest | Promise<IpnRequest>;
}

/** Picks the format of an event's IPN from the payment it is about (notify/vads-ipn-format.ts). */
export type IpnFormatChooser = (event: StoredEvent) => IpnFormat | Promise<IpnFormat>;
