import { abandonExpiredPage } from '../engine/abandon-payment.js';
import { capturePayment } from '../engine/capture-payment.js';
import type { EngineDeps } from '../engine/context.js';
import { expireAuthorization } from '../engine/expire-authorization.js';
import { recoverOperation } from '../engine/recover-operation.js';
import { isCaisseError } from '../errors/index.js';
import { purgeHeldCards } from '../store/held-cards-repo.js';
import { purgeIdempotencyKeys } from '../store/idempotency-repo.js';
import { claimDuePendingOperations } from '../store/operations-repo.js';
import {
  findDueCaptures,
  findExpiredAuthorizations,
  findExpiredPages,
  findPaymentById,
} from '../store/payments-repo.js';

export interface TickReport {
  captured: number;
  expired: number;
  recovered: number;
  purgedKeys: number;
  errors: number;
  /** Payment pages left unused past their expiry (issue 3). */
  abandoned: number;
}

const BATCH = 100;
const IDEMPOTENCY_RETENTION_MS = 48 * 3600_000;

/**
 * One pass of the scheduler: settle unknown acquirer outcomes, capture deferred payments whose
 * date has come, expire lapsed authorisations, abandon expired payment pages, purge held cards
 * and old idempotency keys. Every step re-checks
 * under the payment's row lock, so several gateway processes can tick at once without doubling
 * anything; the recovery step claims its work with SKIP LOCKED.
 */
export async function runSchedulerTick(deps: EngineDeps): Promise<TickReport> {
  const report: TickReport = {
    captured: 0,
    expired: 0,
    recovered: 0,
    purgedKeys: 0,
    errors: 0,
    abandoned: 0,
  };
  const now = deps.clock.now();
  const guard = async (what: string, id: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
      return true;
    } catch (error) {
      // A refused capture or a lost race is an outcome, not a crash: log and go on with the batch.
      if (!isCaisseError(error)) report.errors++;
      deps.logger[isCaisseError(error) ? 'info' : 'error'](
        { err: error, id },
        `scheduler: ${what} did not complete`,
      );
      return false;
    }
  };

  const claimed = await claimDuePendingOperations(deps.db, now, new Date(now.getTime() + 30_000), BATCH);
  for (const item of claimed) {
    if (
      await guard('recovery', item.operationId, () => recoverOperation(deps, item.operationId, item.attempts))
    ) {
      report.recovered++;
    }
  }

  for (const id of await findDueCaptures(deps.db, now, BATCH)) {
    const payment = await findPaymentById(deps.db, id);
    if (!payment) continue;
    const ctx = { scope: { shopId: payment.shopId, mode: payment.mode }, source: 'scheduler' as const };
    if (await guard('deferred capture', id, () => capturePayment(deps, ctx, { paymentId: id })))
      report.captured++;
  }

  for (const id of await findExpiredAuthorizations(deps.db, now, BATCH)) {
    const view = await expireAuthorization(deps, id).catch(() => undefined);
    if (view?.payment.status === 'expired') report.expired++;
  }

  for (const id of await findExpiredPages(deps.db, now, BATCH)) {
    const view = await abandonExpiredPage(deps, id).catch((error: unknown) => {
      report.errors++;
      deps.logger.error({ err: error, id }, 'scheduler: abandonment did not complete');
      return undefined;
    });
    if (view?.payment.status === 'abandoned') report.abandoned++;
  }
  // Held cards are dropped with their step; this catches a step the buyer walked away from.
  await purgeHeldCards(deps.db, now);

  report.purgedKeys = await purgeIdempotencyKeys(deps.db, new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS));
  return report;
}

/** Runs a tick, waits `intervalMs`, runs the next, until stopped: ticks never overlap in one process. */
export function startScheduler(deps: EngineDeps, intervalMs = 1000): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const loop = () => {
    if (stopped) return;
    running = runSchedulerTick(deps)
      .catch((error) => deps.logger.error({ err: error }, 'scheduler tick failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, intervalMs).unref();
      });
  };
  timer = setTimeout(loop, intervalMs).unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
