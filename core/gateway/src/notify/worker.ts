import type { NotifyDeps } from './context.js';
import { runRelayTick } from './relay.js';

/**
 * The relay loop of a worker process: a round, then the next one at once if that round was busy
 * (a backlog drains at full speed), else after `intervalMs`. Rounds never overlap in one process;
 * several processes cooperate through the database.
 */
export function startRelay(deps: NotifyDeps, intervalMs = 1000): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const loop = () => {
    if (stopped) return;
    let busy = false;
    running = runRelayTick(deps)
      .then((report) => {
        busy = report.claimed > 0;
      })
      .catch((error) => deps.logger.error({ err: error }, 'relay round failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, busy ? 0 : intervalMs).unref();
      });
  };
  timer = setTimeout(loop, 0).unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
