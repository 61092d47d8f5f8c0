import type { StoredEvent } from '../domain/notification.js';
import { insertDeliveryAttempt } from '../store/delivery-attempts-repo.js';
import {
  type ClaimedEvent,
  findPaymentNotificationUrl,
  markEventAttemptFailed,
  markEventDelivered,
  markEventDiscarded,
  markEventNoEndpoint,
} from '../store/event-delivery-repo.js';
import { findNotificationSettings } from '../store/notification-settings-repo.js';
import type { ShopScope } from '../store/scope.js';
import type { NotifyDeps } from './context.js';
import { queueWebhookFailedAlert } from './emails/queue-emails.js';
import { displayUrl, postIpn, type SendResult } from './http-sender.js';
import type { IpnRequest } from './ipn-format.js';
import { signingSecrets } from './notification-settings.js';
import { isLastAttempt, retryDelayMs } from './retry-schedule.js';

export type EventOutcome = 'delivered' | 'retry' | 'failed' | 'no_endpoint' | 'discarded';

/** The URL an event goes to: the payment's own, else the shop's for the mode, else none. */
export async function notificationTarget(deps: NotifyDeps, event: StoredEvent): Promise<string | null> {
  if (event.paymentId) {
    const own = await findPaymentNotificationUrl(deps.db, event.paymentId);
    if (own) return own;
  }
  const scope: ShopScope = { shopId: event.shopId, mode: event.mode };
  return (await findNotificationSettings(deps.db, scope))?.url ?? null;
}

/**
 * One attempt at one event's IPN, with no transaction open during the HTTP call: pick the format
 * (an event it sends nothing for is `discarded`), resolve the target, sign, POST, then record the
 * attempt and the event's new state in one short transaction. A crash between the POST and the
 * record leaves the event leased; once the lease runs out it is sent again with the same id
 * (at-least-once), which receivers dedupe on (`webhook-id`, or `vads_hash` for the signed form).
 */
export async function deliverEvent(deps: NotifyDeps, event: ClaimedEvent): Promise<EventOutcome> {
  const format = await deps.ipnFormatFor(event);
  const discard = format.discardReason?.(event) ?? null;
  if (discard !== null) {
    await markEventDiscarded(deps.db, event.id, event.attempt, discard);
    deps.logger.debug({ event: event.id, type: event.type, format: format.name }, 'IPN discarded');
    return 'discarded';
  }
  const url = await notificationTarget(deps, event);
  if (!url) {
    await markEventNoEndpoint(
      deps.db,
      event.id,
      event.attempt,
      `no notification URL for ${event.mode} mode: set one with PUT /v1/shop/notifications, then replay`,
    );
    return 'no_endpoint';
  }
  const startedAt = deps.clock.now();
  let result: SendResult;
  try {
    const request: IpnRequest = await format.render({
      event,
      attempt: event.attempt,
      timestamp: startedAt,
      secrets: () => signingSecrets(deps, { shopId: event.shopId, mode: event.mode }),
    });
    result = await postIpn(url, request, { timeoutMs: deps.config.webhookTimeoutMs });
  } catch (error) {
    result = {
      succeeded: false,
      httpStatus: null,
      error: `the IPN could not be built: ${(error as Error).message}`,
      responseExcerpt: null,
      durationMs: 0,
    };
  }
  return recordEventAttempt(deps, event, displayUrl(url), startedAt, result);
}

async function recordEventAttempt(
  deps: NotifyDeps,
  event: ClaimedEvent,
  target: string,
  startedAt: Date,
  result: SendResult,
): Promise<EventOutcome> {
  const now = deps.clock.now();
  const outcome = await deps.db.transaction().execute(async (trx): Promise<EventOutcome> => {
    await insertDeliveryAttempt(
      trx,
      { eventId: event.id },
      {
        attempt: event.attempt,
        target,
        startedAt,
        durationMs: result.durationMs,
        succeeded: result.succeeded,
        httpStatus: result.httpStatus,
        error: result.error,
        responseExcerpt: result.responseExcerpt,
      },
    );
    if (result.succeeded) {
      await markEventDelivered(trx, event.id, now);
      return 'delivered';
    }
    const error = result.error ?? 'failed';
    if (isLastAttempt(event.attempt)) {
      const failed = await markEventAttemptFailed(trx, event.id, event.attempt, { error, failedAt: now });
      if (failed) await queueWebhookFailedAlert(trx, event, now);
      return 'failed';
    }
    await markEventAttemptFailed(trx, event.id, event.attempt, {
      error,
      nextAttemptAt: new Date(now.getTime() + retryDelayMs(event.attempt, deps.random)),
    });
    return 'retry';
  });
  const log = {
    event: event.id,
    type: event.type,
    attempt: event.attempt,
    target,
    status: result.httpStatus,
  };
  if (outcome === 'failed')
    deps.logger.error({ ...log, error: result.error }, 'IPN failed for good (dead letter)');
  else if (outcome === 'retry') deps.logger.warn({ ...log, error: result.error }, 'IPN attempt failed');
  else deps.logger.debug(log, 'IPN delivered');
  return outcome;
}
