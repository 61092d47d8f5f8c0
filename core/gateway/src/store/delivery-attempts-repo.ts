import type { Kysely, Selectable, Transaction } from 'kysely';
import { type DeliveryAttempt, RESPONSE_EXCERPT_MAX } from '../domain/notification.js';
import type { Database, DeliveryAttemptsTable } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

function toAttempt(row: Selectable<DeliveryAttemptsTable>): DeliveryAttempt {
  return {
    attempt: row.attempt,
    target: row.target,
    startedAt: row.started_at,
    durationMs: row.duration_ms,
    succeeded: row.succeeded,
    httpStatus: row.http_status,
    error: row.error,
    responseExcerpt: row.response_excerpt,
  };
}

/** Appends one attempt to the log of an event (IPN) or an email. */
export async function insertDeliveryAttempt(
  db: Db,
  of: { eventId: string } | { emailId: string },
  attempt: DeliveryAttempt,
): Promise<void> {
  await db
    .insertInto('delivery_attempts')
    .values({
      event_id: 'eventId' in of ? of.eventId : null,
      email_id: 'emailId' in of ? of.emailId : null,
      attempt: attempt.attempt,
      target: attempt.target,
      started_at: attempt.startedAt,
      duration_ms: Math.max(0, Math.round(attempt.durationMs)),
      succeeded: attempt.succeeded,
      http_status: attempt.httpStatus,
      error: attempt.error === null ? null : attempt.error.slice(0, 2000),
      response_excerpt:
        attempt.responseExcerpt === null ? null : attempt.responseExcerpt.slice(0, RESPONSE_EXCERPT_MAX),
    })
    .execute();
}

export async function listEventAttempts(db: Db, eventId: string): Promise<DeliveryAttempt[]> {
  const rows = await db
    .selectFrom('delivery_attempts')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy('seq')
    .execute();
  return rows.map(toAttempt);
}

/** Whether an event's IPN was ever tried (a replay's first send then is not the event's first). */
export async function hasEventAttempts(db: Db, eventId: string): Promise<boolean> {
  const row = await db
    .selectFrom('delivery_attempts')
    .select('seq')
    .where('event_id', '=', eventId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function listEmailAttempts(db: Db, emailId: string): Promise<DeliveryAttempt[]> {
  const rows = await db
    .selectFrom('delivery_attempts')
    .selectAll()
    .where('email_id', '=', emailId)
    .orderBy('seq')
    .execute();
  return rows.map(toAttempt);
}
