import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { EngineDeps, PaymentView, RequestContext } from '../../engine/context.js';
import { resumePayment } from '../../engine/resume-payment.js';
import { CaisseError, isCaisseError } from '../../errors/index.js';
import {
  claimIdempotencyKey,
  findIdempotencyKey,
  finishIdempotencyKey,
  type HeldKey,
  type IdempotencyRecord,
  releaseIdempotencyKey,
  takeOverIdempotencyKey,
  unlockIdempotencyKey,
} from '../../store/idempotency-repo.js';
import { scopeOf } from './auth.js';
import { problemOf } from './problem.js';

export interface HandlerResult {
  status: number;
  body: unknown;
}

/** A route's work, given the use-case context (with the idempotency key, when sent). */
export type IdempotentHandler = (req: Request, ctx: RequestContext) => Promise<HandlerResult>;

export interface IdempotencyOptions {
  /** How long a started request holds its key before a retry may take it over (its process died). */
  lockMs: number;
  /** How long a retry waits for a concurrent request with the same key before answering 409. */
  waitMs: number;
  /** Renders a resumed payment (after a crash) as this route's answer. */
  render(view: PaymentView): HandlerResult;
}

const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/** Canonical JSON (sorted keys), so the same body sent with other key order is the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function requestHash(req: Request): string {
  return createHash('sha256')
    .update(`${req.method} ${req.path}\n${canonical(req.body ?? {})}`)
    .digest('hex');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Idempotency-Key on every POST/PATCH (DESIGN §4): same key + same request → the same status and
 * body; same key + another request → 409 `idempotency_key_reused`; a concurrent duplicate waits for
 * the first, then gets its answer. The key is bound to the payment in the first transaction that
 * changes it, so a retry after a crash resumes that payment (settling any pending acquirer call
 * by inquiry) instead of repeating the effect. Requests refused before any effect (validation,
 * 409 on state) release the key: they changed nothing and may be retried.
 */
export function idempotent(
  deps: EngineDeps,
  options: IdempotencyOptions,
  handler: IdempotentHandler,
): RequestHandler {
  return async (req, res) => {
    const scope = scopeOf(res);
    const key = req.get('idempotency-key');
    const ctx: RequestContext = { scope, source: 'api' };
    if (key === undefined) {
      const result = await handler(req, ctx);
      res.status(result.status).json(result.body);
      return;
    }
    if (!KEY_FORMAT.test(key)) throw new CaisseError('invalid_idempotency_key', { field: 'Idempotency-Key' });
    const hash = requestHash(req);
    const now = () => deps.clock.now();
    const lockUntil = () => new Date(now().getTime() + options.lockMs);

    const claimKey = () =>
      claimIdempotencyKey(deps.db, scope, {
        key,
        method: req.method,
        path: req.path,
        requestHash: hash,
        lockedUntil: lockUntil(),
        now: now(),
      });
    let claim = await claimKey();
    let held: HeldKey | undefined = claim.claimed ? claim.held : undefined;
    const deadline = Date.now() + options.waitMs;
    while (!claim.claimed) {
      const existing: IdempotencyRecord = claim.existing;
      if (existing.requestHash !== hash) throw new CaisseError('idempotency_key_reused');
      if (existing.status === 'finished') {
        res.setHeader('Idempotent-Replayed', 'true');
        if (existing.responseStatus === 202 && existing.paymentId) {
          // The first answer said "outcome pending": a retry gets the outcome as it stands now.
          const result = options.render(await resumePayment(deps, scope, existing.paymentId));
          res.status(result.status).json(result.body);
          return;
        }
        sendStored(res, existing);
        return;
      }
      if (existing.lockedUntil && existing.lockedUntil <= now()) {
        // Its request died, or is only slow: from here on it can no longer bind the key (fenced).
        const taken = await takeOverIdempotencyKey(deps.db, scope, existing, now(), lockUntil());
        if (taken) {
          if (taken.paymentId) {
            // The first request changed the payment: finish its work, answer with the result.
            const result = options.render(await resumePayment(deps, scope, taken.paymentId));
            await finishIdempotencyKey(deps.db, scope, taken.held, { ...result, now: now() });
            res.status(result.status).json(result.body);
            return;
          }
          held = taken.held;
          break; // it changed nothing (and now cannot): run the request now
        }
      }
      if (Date.now() >= deadline) throw new CaisseError('idempotency_key_in_use');
      await sleep(25);
      const again = await findIdempotencyKey(deps.db, scope, key);
      claim = again ? { claimed: false, existing: again } : await claimKey();
      if (claim.claimed) held = claim.held;
    }
    if (!held) throw new Error('idempotency: no key held after the claim loop'); // unreachable
    ctx.idempotencyKey = held;

    let result: HandlerResult;
    try {
      result = await handler(req, ctx);
    } catch (error) {
      const record = await findIdempotencyKey(deps.db, scope, key);
      if (!record?.paymentId) {
        await releaseIdempotencyKey(deps.db, scope, held); // nothing changed: the key is free again
      } else if (isCaisseError(error)) {
        // The request changed the payment before failing (e.g. a declined capture is journaled): keep its answer.
        await finishIdempotencyKey(deps.db, scope, held, {
          status: error.status,
          body: problemOf(error),
          now: now(),
        });
      } else {
        // An unexpected failure after the payment changed: a retry must resume it (settle by inquiry), now.
        await unlockIdempotencyKey(deps.db, scope, held, now());
      }
      throw error;
    }
    const text = JSON.stringify(result.body);
    await finishIdempotencyKey(deps.db, scope, held, { status: result.status, body: text, now: now() });
    res.status(result.status).type('application/json').send(text);
  };
}

function sendStored(res: Response, record: IdempotencyRecord): void {
  const status = record.responseStatus ?? 200;
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  res
    .status(status)
    .type(type)
    .send(record.responseBody ?? '');
}
