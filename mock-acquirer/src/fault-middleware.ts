import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { FaultTarget } from './fault-input.js';
import type { MockAcquirerState } from './state.js';

/** Applies the fault decided for this request before (or, for drop and error_after_process, after) processing. */
export function injectFaults(state: MockAcquirerState, target: FaultTarget): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const decision = state.faults.decide(target, req.get('x-mock-fault'));
    if (decision === null) return next();
    const apply = () => {
      switch (decision.kind) {
        case null:
          return next();
        case 'timeout':
          return state.hold(res);
        case 'error':
          res.status(503).json({ error: 'unavailable' });
          return;
        case 'drop':
        case 'error_after_process':
          res.locals['fault'] = decision.kind;
          return next();
        default: {
          const unknown: never = decision.kind;
          throw new Error(`unknown fault ${String(unknown)}`);
        }
      }
    };
    if (decision.latencyMs > 0) state.delay(decision.latencyMs, apply);
    else apply();
  };
}

/** Sends the answer, unless a fault says the operation was processed but the answer is lost. */
export function reply(res: Response, status: number, body: unknown): void {
  const fault = res.locals['fault'];
  if (fault === 'drop') {
    res.socket?.destroy();
    return;
  }
  if (fault === 'error_after_process') {
    res.status(500).json({ error: 'internal_error' });
    return;
  }
  res.status(status).json(body);
}
