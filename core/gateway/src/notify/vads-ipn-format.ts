import type { StoredEvent } from '../domain/notification.js';
import type { VadsContext } from '../domain/vads/context.js';
import { vadsIpnFields, vadsIpnKind, vadsUrlCheckSrc } from '../domain/vads/ipn.js';
import { signedVadsResult } from '../domain/vads/result.js';
import { openVadsKey } from '../engine/vads-credentials.js';
import { hasEventAttempts } from '../store/delivery-attempts-repo.js';
import { findPaymentVadsContext } from '../store/payments-repo.js';
import { findShopSettings } from '../store/shop-settings-repo.js';
import type { NotifyDeps } from './context.js';
import type { IpnFormat, IpnFormatChooser, IpnFormatInput, IpnRequest } from './ipn-format.js';
import { standardWebhooksFormat } from './standard-webhooks-format.js';

type FormatDeps = Pick<NotifyDeps, 'db' | 'secretBox'>;

/**
 * The signed form's IPN (DESIGN §4) for a payment that entered through POST /vads-payment/:
 * `application/x-www-form-urlencoded` `vads_*` fields signed with the shop's TEST or PRODUCTION
 * form key (per vads_ctx_mode), with the algorithm the shop signed its form with. It is built from
 * the event (the payment as it was right after the change), so a retry or a replay re-tells the
 * same change; only `vads_url_check_src` says which send it is (RETRY, BO).
 */
export function vadsIpnFormat(deps: FormatDeps, ctx: VadsContext): IpnFormat {
  return {
    name: 'vads',
    discardReason(event: StoredEvent): string | null {
      return vadsIpnKind(event.type)
        ? null
        : `the signed-form protocol sends no notification for ${event.type} (the payment's outcome is notified)`;
    },
    async render({ event, attempt }: IpnFormatInput): Promise<IpnRequest> {
      const shop = await findShopSettings(deps.db, event.shopId);
      const key = shop && openVadsKey(deps, shop, ctx.ctxMode);
      if (!key) throw new Error(`the shop has no ${ctx.ctxMode} form key to sign with`);
      const replayed = attempt === 1 && (await hasEventAttempts(deps.db, event.id));
      const fields = vadsIpnFields({
        eventId: event.id,
        type: event.type,
        payment: event.payload.data.payment,
        ctx,
        urlCheckSrc: vadsUrlCheckSrc({ source: event.source, type: event.type, attempt, replayed }),
      });
      // Fields in name order, the signature last: the order they are signed in, easy to read.
      const sorted = Object.keys(fields)
        .sort()
        .map((name): [string, string] => [name, fields[name]!]);
      const { signature } = signedVadsResult(fields, key, ctx);
      return {
        contentType: 'application/x-www-form-urlencoded',
        body: new URLSearchParams([...sorted, ['signature', signature!]]).toString(),
        headers: {},
      };
    },
  };
}

/**
 * The gateway's format chooser: the signed form's own IPN for the payments that came through it,
 * Standard Webhooks JSON for every other event.
 */
export function vadsAwareIpnFormatChooser(deps: FormatDeps): IpnFormatChooser {
  return async (event) => {
    if (!event.paymentId) return standardWebhooksFormat;
    const ctx = await findPaymentVadsContext(deps.db, event.paymentId);
    return ctx ? vadsIpnFormat(deps, ctx) : standardWebhooksFormat;
  };
}
