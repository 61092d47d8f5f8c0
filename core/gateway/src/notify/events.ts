import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import type { DeliveryAttempt, QueuedEmail, StoredEvent } from '../domain/notification.js';
import { CaisseError } from '../errors/index.js';
import { listEmailAttempts, listEventAttempts } from '../store/delivery-attempts-repo.js';
import { listEmailsOfEvent } from '../store/email-outbox-repo.js';
import { findStoredEvent, replayStoredEvent } from '../store/event-delivery-repo.js';
import type { Database } from '../store/schema.js';
import type { ShopScope } from '../store/scope.js';

export interface EventDetails {
  event: StoredEvent;
  attempts: DeliveryAttempt[];
  emails: { email: QueuedEmail; attempts: DeliveryAttempt[] }[];
}

/** An event of the scope with every IPN attempt and the emails it gave rise to, or a 404. */
export async function getEventDetails(
  db: Kysely<Database>,
  scope: ShopScope,
  id: string,
): Promise<EventDetails> {
  const event = await findStoredEvent(db, scope, id);
  if (!event) throw new CaisseError('not_found', { resource: 'event', id });
  const [attempts, emails] = await Promise.all([listEventAttempts(db, id), listEmailsOfEvent(db, id)]);
  const withAttempts = await Promise.all(
    emails.map(async (email) => ({ email, attempts: await listEmailAttempts(db, email.id) })),
  );
  return { event, attempts, emails: withAttempts };
}

/**
 * Sends an event's IPN again, now, with a fresh retry schedule and the same id (REP2: replay from
 * the API now, the back office later). Whatever its state: delivered (the shop lost it), failed
 * (dead letter), no_endpoint (a URL has been set since), or still retrying (skip the wait).
 * The payload is the event as it was: a replay re-tells history, it does not invent a new state.
 */
export async function replayEvent(
  deps: { db: Kysely<Database>; clock: Clock },
  scope: ShopScope,
  id: string,
): Promise<EventDetails> {
  const replayed = await replayStoredEvent(deps.db, scope, id, deps.clock.now());
  if (!replayed) throw new CaisseError('not_found', { resource: 'event', id });
  return getEventDetails(deps.db, scope, id);
}
