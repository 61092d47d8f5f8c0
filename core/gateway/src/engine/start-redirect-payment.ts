import type { Channel } from '../domain/channel.js';
import { newId } from '../domain/ids.js';
import type { RedirectMethodType } from '../domain/payment-method.js';
import { capturesAtAuthorization } from '../domain/typology.js';
import { CaisseError } from '../errors/index.js';
import { findPaymentById } from '../store/payments-repo.js';
import { findShopSettings } from '../store/shop-settings-repo.js';
import type { EngineDeps } from './context.js';
import { gatewayUrl, notificationKeyFor } from './notifications.js';
import { isPageOpen, loadPage, pageContext } from './pay-on-page.js';
import { recordTransition, startOperation } from './record.js';

/**
 * The buyer picks a redirect means on the hosted page (PM2, PM3): the payment is registered at the
 * acquirer under a new operation id (our reference), then journaled as a pending authorisation and
 * moved to `requires_action`; the buyer is sent to the means' page. If the registration fails or
 * its answer is lost, nothing is journaled: a registration no buyer is sent to can never be
 * approved, so there is nothing to settle. The outcome comes back by notification or inquiry
 * (complete-redirect-payment.ts); an undecided one is cancelled when the page expires.
 */
export async function startRedirectPayment(
  deps: EngineDeps,
  token: string,
  input: { means: RedirectMethodType; channel?: Channel | undefined },
): Promise<{ redirectUrl: string }> {
  const payment = await loadPage(deps, token);
  const now = deps.clock.now();
  if (!isPageOpen(payment, now)) throw new CaisseError('page_expired', { status: payment.status });
  const shop = await findShopSettings(deps.db, payment.shopId);
  if (!shop?.paymentMethods.includes(input.means)) {
    throw new CaisseError('payment_method_not_enabled', { method: input.means });
  }
  const connector = deps.redirectMeans?.(payment.mode);
  if (!connector) throw new CaisseError('acquirer_unavailable');

  const reference = newId('op');
  const toValidate = payment.validation === 'manual';
  const capture = !toValidate && capturesAtAuthorization(payment.typology, payment.validation);
  const outcome = await connector.start({
    reference,
    merchantId: payment.shopId,
    means: input.means,
    amount: payment.amount,
    currency: payment.currency,
    capture,
    returnUrl: gatewayUrl(deps, `/pay/${token}/means-return`),
    notificationUrl: gatewayUrl(deps, `/means/notifications/${payment.id}`),
    notificationKey: notificationKeyFor(deps, reference),
  });
  if (outcome.kind !== 'started') {
    deps.logger.warn(
      { payment: payment.id, means: input.means, reason: outcome.reason },
      'redirect means not started',
    );
    throw new CaisseError('acquirer_unavailable');
  }

  const ctx = pageContext(payment);
  await deps.db.transaction().execute(async (trx) => {
    const locked = await findPaymentById(trx, payment.id, { forUpdate: true });
    // Paid or closed meanwhile (another tab): this registration stays unused at the acquirer.
    if (!locked || !isPageOpen(locked, deps.clock.now())) {
      throw new CaisseError('page_expired', { status: locked?.status ?? 'unknown' });
    }
    // A payment link's page is open for days; the means' page gets a page's lifetime.
    const stepExpiresAt = new Date(deps.clock.now().getTime() + deps.config.pageTtlMinutes * 60_000);
    const closesAt =
      locked.pageExpiresAt && locked.pageExpiresAt < stepExpiresAt ? locked.pageExpiresAt : stepExpiresAt;
    await startOperation(trx, deps, ctx, locked, {
      id: reference,
      type: 'authorization',
      amount: locked.amount,
      details: { capture, to_validate: toValidate, means: input.means },
      // Recovery waits for the buyer until the page closes, then cancels (recover-operation.ts).
      deadlineAt: closesAt,
    });
    await recordTransition(trx, deps, {
      payment: locked,
      update: {
        kind: 'redirect_started',
        paymentMethod: { type: input.means },
        action: { kind: 'redirect', operation: reference, url: outcome.redirectUrl },
        channel: input.channel,
        stepExpiresAt,
      },
      journal: [],
      source: ctx.source,
    });
  });
  return { redirectUrl: outcome.redirectUrl };
}
