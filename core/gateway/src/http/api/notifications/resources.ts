import type { DeliveryAttempt, QueuedEmail, StoredEvent } from '../../../domain/notification.js';
import type { EmailSettingsView } from '../../../notify/email-settings.js';
import type { EventDetails } from '../../../notify/events.js';
import type { NotificationSettings, RevealedSecrets } from '../../../notify/notification-settings.js';

/** Public JSON of events and settings (snake_case, ISO dates), as documented in schemas.ts. */

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toAttemptResource(a: DeliveryAttempt) {
  return {
    attempt: a.attempt,
    target: a.target,
    started_at: a.startedAt.toISOString(),
    duration_ms: Math.round(a.durationMs),
    succeeded: a.succeeded,
    http_status: a.httpStatus,
    error: a.error,
    response_excerpt: a.responseExcerpt,
  };
}

export function toEmailResource(email: QueuedEmail, attempts: DeliveryAttempt[]) {
  return {
    id: email.id,
    object: 'email' as const,
    template: email.template,
    recipient: email.recipient,
    language: email.language,
    status: email.status,
    attempts: email.attempts,
    sent_at: iso(email.sentAt),
    last_error: email.lastError,
    delivery_attempts: attempts.map(toAttemptResource),
  };
}

export function toEventResource(event: StoredEvent, details?: Omit<EventDetails, 'event'>) {
  return {
    id: event.id,
    object: 'event' as const,
    type: event.type,
    created_at: event.createdAt.toISOString(),
    source: event.source,
    mode: event.mode,
    payment_id: event.paymentId,
    data: event.payload.data,
    delivery: {
      status: event.status,
      attempts: event.attempts,
      next_attempt_at: event.status === 'pending' ? event.nextAttemptAt.toISOString() : null,
      delivered_at: iso(event.deliveredAt),
      failed_at: iso(event.failedAt),
      last_error: event.lastError,
    },
    ...(details
      ? {
          delivery_attempts: details.attempts.map(toAttemptResource),
          emails: details.emails.map(({ email, attempts }) => toEmailResource(email, attempts)),
        }
      : {}),
  };
}

export function toNotificationSettingsResource(s: NotificationSettings) {
  return {
    object: 'notification_settings' as const,
    mode: s.mode,
    url: s.url,
    secret_rotated_at: s.secretRotatedAt.toISOString(),
    previous_secret_expires_at: iso(s.previousSecretExpiresAt),
  };
}

export function toWebhookSecretResource(mode: string, s: RevealedSecrets) {
  return {
    object: 'webhook_secret' as const,
    mode,
    secret: s.secret,
    previous_secret: s.previousSecret,
    previous_secret_expires_at: iso(s.previousSecretExpiresAt),
  };
}

export function toEmailSettingsResource(s: EmailSettingsView) {
  return {
    object: 'email_settings' as const,
    buyer_enabled: s.buyerEnabled,
    merchant_enabled: s.merchantEnabled,
    merchant_address: s.merchantAddress,
    templates: s.templates.map((t) => ({
      template: t.template,
      language: t.language,
      subject: t.subject,
      html: t.html,
      text: t.text,
      updated_at: t.updatedAt.toISOString(),
    })),
  };
}
