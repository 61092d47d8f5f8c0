import type { StoredEvent } from '../domain/notification.js';
import { type ClaimedEmail, leaseDueEmails } from '../store/email-outbox-repo.js';
import { type ClaimedEvent, leaseDueEvents, markEmailsQueued } from '../store/event-delivery-repo.js';
import type { NotifyDeps } from './context.js';
import { deliverEvent } from './deliver-event.js';
import { deliverEmail } from './emails/deliver-email.js';
import { queueEmailsFor } from './emails/queue-emails.js';

export interface RelayReport {
  /** Events and emails claimed in this round. */
  claimed: number;
  delivered: number;
  retried: number;
  failed: number;
  noEndpoint: number;
  /** Events whose format sends nothing (steps the signed-form protocol does not notify). */
  discarded: number;
  emailsSent: number;
  emailsRetried: number;
  emailsFailed: number;
  emailsSkipped: number;
  /** Sends whose outcome could not be recorded (database error): they come back when their lease ends. */
  errors: number;
}

function emptyReport(): RelayReport {
  return {
    claimed: 0,
    delivered: 0,
    retried: 0,
    failed: 0,
    noEndpoint: 0,
    discarded: 0,
    emailsSent: 0,
    emailsRetried: 0,
    emailsFailed: 0,
    emailsSkipped: 0,
    errors: 0,
  };
}

/** Runs `fn` over the items with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  });
  await Promise.all(workers);
}

/**
 * The events of one payment go one after the other, in the order they happened, so a receiver
 * that handles IPNs as they come sees `payment.processing` before `payment.captured`. Different
 * payments go in parallel.
 */
function byPayment(events: ClaimedEvent[]): ClaimedEvent[][] {
  const groups = new Map<string, ClaimedEvent[]>();
  for (const event of events) {
    const key = event.paymentId ?? event.id;
    const group = groups.get(key);
    if (group) group.push(event);
    else groups.set(key, [event]);
  }
  return [...groups.values()];
}

/**
 * One round of the outbox relay: claim the due events (SKIP LOCKED + lease, in a short transaction
 * that also queues the emails of events seen for the first time), send their IPNs with no
 * transaction open, record each attempt; then the same for the due emails. Any number of workers
 * may run rounds at once on one database: a claimed row is invisible to the others until its
 * lease ends.
 */
export async function runRelayTick(deps: NotifyDeps): Promise<RelayReport> {
  const report = emptyReport();
  await relayEvents(deps, report);
  await relayEmails(deps, report);
  return report;
}

async function relayEvents(deps: NotifyDeps, report: RelayReport): Promise<void> {
  const now = deps.clock.now();
  const leaseUntil = new Date(now.getTime() + deps.config.leaseMs);
  const claimed = await deps.db.transaction().execute(async (trx) => {
    const events = await leaseDueEvents(trx, now, leaseUntil, deps.config.batchSize);
    const fresh: StoredEvent[] = events.filter((e) => e.emailsQueuedAt === null);
    for (const event of fresh) await queueEmailsFor(trx, event, now);
    await markEmailsQueued(
      trx,
      fresh.map((e) => e.id),
      now,
    );
    return events;
  });
  report.claimed += claimed.length;
  await pool(byPayment(claimed), deps.config.concurrency, async (group) => {
    for (const event of group) {
      try {
        const outcome = await deliverEvent(deps, event);
        if (outcome === 'delivered') report.delivered++;
        else if (outcome === 'retry') report.retried++;
        else if (outcome === 'failed') report.failed++;
        else if (outcome === 'no_endpoint') report.noEndpoint++;
        else report.discarded++;
      } catch (error) {
        report.errors++;
        deps.logger.error(
          { err: error, event: event.id },
          'IPN outcome not recorded; retried after the lease',
        );
      }
    }
  });
}

async function relayEmails(deps: NotifyDeps, report: RelayReport): Promise<void> {
  const now = deps.clock.now();
  const leaseUntil = new Date(now.getTime() + deps.config.leaseMs);
  const claimed: ClaimedEmail[] = await deps.db
    .transaction()
    .execute((trx) => leaseDueEmails(trx, now, leaseUntil, deps.config.batchSize));
  report.claimed += claimed.length;
  await pool(claimed, deps.config.concurrency, async (email) => {
    try {
      const outcome = await deliverEmail(deps, email);
      if (outcome === 'sent') report.emailsSent++;
      else if (outcome === 'retry') report.emailsRetried++;
      else if (outcome === 'failed') report.emailsFailed++;
      else report.emailsSkipped++;
    } catch (error) {
      report.errors++;
      deps.logger.error(
        { err: error, email: email.id },
        'email outcome not recorded; retried after the lease',
      );
    }
  });
}

/**
 * Runs rounds until nothing is due (tests, and a worker catching up). Stops after `maxRounds`
 * so that a receiver failing instantly cannot spin it forever within one clock instant.
 */
export async function drainRelay(deps: NotifyDeps, maxRounds = 100): Promise<RelayReport> {
  const total = emptyReport();
  for (let round = 0; round < maxRounds; round++) {
    const report = await runRelayTick(deps);
    for (const key of Object.keys(total) as (keyof RelayReport)[]) total[key] += report[key];
    if (report.claimed === 0) break;
  }
  return total;
}
