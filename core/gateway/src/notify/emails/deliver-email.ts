import { insertDeliveryAttempt, listEventAttempts } from '../../store/delivery-attempts-repo.js';
import { type ClaimedEmail, markEmailAttemptFailed, markEmailSent } from '../../store/email-outbox-repo.js';
import { findEmailTemplateOverride } from '../../store/email-settings-repo.js';
import { findStoredEventById } from '../../store/event-delivery-repo.js';
import { findShop } from '../../store/shops-repo.js';
import type { NotifyDeps } from '../context.js';
import { isLastAttempt, retryDelayMs } from '../retry-schedule.js';
import { MailError } from './mailer.js';
import { type RenderedEmail, renderEmail } from './render.js';
import { buildEmailView, type EmailView } from './view-model.js';

export type EmailOutcome = 'sent' | 'retry' | 'failed' | 'skipped';

/** Builds what a queued email says, from its event as stored (the payment as it was then). */
async function composeEmail(deps: NotifyDeps, email: ClaimedEmail): Promise<RenderedEmail> {
  const [event, shop, override] = await Promise.all([
    findStoredEventById(deps.db, email.eventId),
    findShop(deps.db, email.shopId),
    findEmailTemplateOverride(deps.db, email.shopId, email.template, email.language),
  ]);
  if (!event || !shop) throw new Error(`event ${email.eventId} or shop ${email.shopId} is gone`);
  const payment = event.payload.data.payment;
  let view: EmailView;
  if (email.template === 'webhook_failed') {
    const attempts = await listEventAttempts(deps.db, event.id);
    const last = attempts.at(-1);
    view = buildEmailView({
      template: 'webhook_failed',
      language: email.language,
      shopName: shop.name,
      payment: payment ?? null,
      mode: event.mode,
      event: { id: event.id, type: event.type },
      url: last?.target ?? null,
      attempts: attempts.length,
      lastError: last?.error ?? event.lastError,
    });
  } else if (email.template === 'payment_link') {
    view = buildEmailView({
      template: 'payment_link',
      language: email.language,
      shopName: shop.name,
      payment,
    });
  } else {
    view = buildEmailView({
      template: email.template,
      language: email.language,
      shopName: shop.name,
      payment,
    });
  }
  try {
    return renderEmail(view, override);
  } catch (error) {
    // An override that compiled when saved but breaks on this data: the default still informs the reader.
    deps.logger.warn(
      { err: error, email: email.id, template: email.template },
      'email override failed: default used',
    );
    return renderEmail(view);
  }
}

/**
 * One attempt at one email (CF1, CF2), outside any transaction. A refused address (5xx) fails at
 * once; an unreachable or busy server (4xx, network) is retried on the IPN schedule. No SMTP
 * server configured: `skipped`. Nothing here can fail a payment: the payment was recorded long ago.
 */
export async function deliverEmail(deps: NotifyDeps, email: ClaimedEmail): Promise<EmailOutcome> {
  if (!deps.mailer) {
    await markEmailAttemptFailed(deps.db, email.id, email.attempt, {
      status: 'skipped',
      countAttempt: false,
      error: 'no SMTP server configured (CAISSE_SMTP_HOST)',
    });
    return 'skipped';
  }
  const startedAt = deps.clock.now();
  const started = performance.now();
  let response: string | null = null;
  let failure: MailError | undefined;
  try {
    const rendered = await composeEmail(deps, email);
    const result = await deps.mailer.send({
      from: deps.config.mailFrom,
      to: email.recipient,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      messageId: `<${email.id}@caisse>`,
      headers: {
        'X-Caisse-Event': email.eventId,
        'Content-Language': email.language,
      },
    });
    response = result.response;
  } catch (error) {
    failure = error instanceof MailError ? error : new MailError((error as Error).message, false, null);
  }
  const durationMs = performance.now() - started;
  const now = deps.clock.now();
  const outcome = await deps.db.transaction().execute(async (trx): Promise<EmailOutcome> => {
    await insertDeliveryAttempt(
      trx,
      { emailId: email.id },
      {
        attempt: email.attempt,
        target: email.recipient,
        startedAt,
        durationMs,
        succeeded: !failure,
        httpStatus: null,
        error: failure ? failure.message : null,
        responseExcerpt: response,
      },
    );
    if (!failure) {
      await markEmailSent(trx, email.id, now);
      return 'sent';
    }
    if (failure.permanent || isLastAttempt(email.attempt)) {
      await markEmailAttemptFailed(trx, email.id, email.attempt, {
        status: 'failed',
        countAttempt: true,
        error: failure.message,
      });
      return 'failed';
    }
    await markEmailAttemptFailed(trx, email.id, email.attempt, {
      error: failure.message,
      nextAttemptAt: new Date(now.getTime() + retryDelayMs(email.attempt, deps.random)),
    });
    return 'retry';
  });
  if (failure) {
    deps.logger[outcome === 'failed' ? 'error' : 'warn'](
      { email: email.id, template: email.template, attempt: email.attempt, error: failure.message },
      outcome === 'failed' ? 'email failed for good' : 'email attempt failed',
    );
  }
  return outcome;
}
