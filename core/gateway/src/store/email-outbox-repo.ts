import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Mode } from '../domain/channel.js';
import type { EmailStatus, EmailTemplate, Language, QueuedEmail } from '../domain/notification.js';
import type { Database, EmailOutboxTable } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

function toQueuedEmail(row: Selectable<EmailOutboxTable>): QueuedEmail {
  return {
    id: row.id,
    shopId: row.shop_id,
    mode: row.mode as Mode,
    eventId: row.event_id,
    paymentId: row.payment_id,
    template: row.template as EmailTemplate,
    recipient: row.recipient,
    language: row.language as Language,
    status: row.status as EmailStatus,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    sentAt: row.sent_at,
    lastError: row.last_error,
    createdAt: row.created_at,
  };
}

export type NewEmail = Pick<
  QueuedEmail,
  'id' | 'shopId' | 'mode' | 'eventId' | 'paymentId' | 'template' | 'recipient' | 'language' | 'createdAt'
>;

/**
 * Queues an email unless its twin is already queued (one confirmation of each kind per payment).
 * Returns whether it was queued.
 */
export async function queueEmail(db: Db, email: NewEmail): Promise<boolean> {
  const result = await db
    .insertInto('email_outbox')
    .values({
      id: email.id,
      shop_id: email.shopId,
      mode: email.mode,
      event_id: email.eventId,
      payment_id: email.paymentId,
      template: email.template,
      recipient: email.recipient,
      language: email.language,
      next_attempt_at: email.createdAt,
      created_at: email.createdAt,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export interface ClaimedEmail extends QueuedEmail {
  attempt: number;
}

/** Same lease as the events (see leaseDueEvents), in the caller's short transaction. */
export async function leaseDueEmails(
  trx: Transaction<Database>,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<ClaimedEmail[]> {
  const rows = await trx
    .selectFrom('email_outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .orderBy('seq')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  if (rows.length === 0) return [];
  await trx
    .updateTable('email_outbox')
    .set((eb) => ({ next_attempt_at: leaseUntil, attempts: eb('attempts', '+', 1) }))
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((row) => ({ ...toQueuedEmail(row), attempt: row.attempts + 1 }));
}

export async function markEmailSent(db: Db, id: string, now: Date): Promise<void> {
  await db
    .updateTable('email_outbox')
    .set({ status: 'sent', sent_at: now, last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/** Like markEventAttemptFailed: next attempt, dead letter (`failed`) or `skipped`, guarded by the lease token. */
export async function markEmailAttemptFailed(
  db: Db,
  id: string,
  attempt: number,
  outcome:
    | { error: string; nextAttemptAt: Date }
    | { error: string; status: 'failed' | 'skipped'; countAttempt: boolean },
): Promise<void> {
  const set =
    'status' in outcome
      ? {
          status: outcome.status,
          last_error: outcome.error,
          ...(outcome.countAttempt ? {} : { attempts: attempt - 1 }),
        }
      : { next_attempt_at: outcome.nextAttemptAt, last_error: outcome.error };
  await db
    .updateTable('email_outbox')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('attempts', '=', attempt)
    .execute();
}

export async function listEmailsOfEvent(db: Db, eventId: string): Promise<QueuedEmail[]> {
  const rows = await db
    .selectFrom('email_outbox')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy('seq')
    .execute();
  return rows.map(toQueuedEmail);
}

export async function listEmailsOfPayment(db: Db, paymentId: string): Promise<QueuedEmail[]> {
  const rows = await db
    .selectFrom('email_outbox')
    .selectAll()
    .where('payment_id', '=', paymentId)
    .orderBy('seq')
    .execute();
  return rows.map(toQueuedEmail);
}
