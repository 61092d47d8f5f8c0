import type { StoredEvent } from '../domain/notification.js';
import { standardWebhooksFormat } from './standard-webhooks-format.js';

/** The body and headers of one IPN request (the relay adds nothing but User-Agent). */
export interface IpnRequest {
  contentType: string;
  body: string;
  headers: Record<string, string>;
}

export interface IpnFormatInput {
  event: StoredEvent;
  /** The time of this attempt (signatures are timestamped per attempt). */
  timestamp: Date;
  /** The shop's webhook secrets (`whsec_…`) valid now, the current one first. */
  secrets: readonly string[];
}

/**
 * One wire format of IPNs. Standard Webhooks JSON is the only one today; the signed-form door
 * (`vads_*`) will add a form-encoded format signed with the shop's form key, chosen per event by
 * the IpnFormatChooser — the relay itself (claim, send, retry, log) does not change.
 */
export interface IpnFormat {
  readonly name: string;
  render(input: IpnFormatInput): IpnRequest | Promise<IpnRequest>;
}

/** Picks the format of an event's IPN, e.g. from the payment it is about. */
export type IpnFormatChooser = (event: StoredEvent) => IpnFormat;

export const defaultIpnFormatChooser: IpnFormatChooser = () => standardWebhooksFormat;
