import { createServer } from 'node:net';
import { join } from 'node:path';
import { gatewayReady, listeningOn, type Service, startService } from '../../../bench/src/lib/service.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
/** Processes run from source (the suite must not depend on a prior build), as `npm start` does. */
const SOURCE = ['--conditions=caisse-source', '--import', 'tsx'];

export type { Service };

/** A mock-acquirer process; its stdout/stderr go to `logFile`. */
export function startAcquirerProcess(seed: number, logFile: string): Promise<Service> {
  return startService({
    name: 'mock acquirer',
    args: [...SOURCE, join(ROOT, 'mock-acquirer/src/main.ts'), '--port', '0', '--seed', String(seed)],
    cwd: ROOT,
    ready: listeningOn,
    logFile,
  });
}

/**
 * A gateway process (`caisse serve`, scheduler on), logging at debug level with one line per
 * request into `logFile`: the secrets check reads it afterwards.
 */
export function startGatewayProcess(options: {
  databaseUrl: string;
  acquirerUrl: string;
  port: number;
  logFile: string;
  env?: Record<string, string>;
}): Promise<Service> {
  return startService({
    name: `gateway :${options.port}`,
    args: [...SOURCE, join(ROOT, 'core/gateway/src/cli/main.ts'), 'serve'],
    cwd: ROOT,
    env: {
      DATABASE_URL: options.databaseUrl,
      DATABASE_POOL_SIZE: '10',
      CAISSE_SECRET_KEY: 'ab'.repeat(32),
      CAISSE_ACQUIRER_URL: options.acquirerUrl,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'debug',
      CAISSE_ACCESS_LOG: 'true',
      // Recovery at test speed: ticks every 100 ms, first inquiry after 200 ms, a dead request's
      // idempotency key taken over after 1 s.
      CAISSE_SCHEDULER_INTERVAL_MS: '100',
      CAISSE_INQUIRY_DELAY_MS: '200',
      CAISSE_IDEMPOTENCY_LOCK_MS: '1000',
      CAISSE_ACQUIRER_TIMEOUT_MS: '1000',
      CAISSE_SETTLEMENT_DEADLINE_MS: '60000',
      ...options.env,
    },
    ready: gatewayReady,
    logFile: options.logFile,
    timeoutMs: 60_000,
  });
}

/** A port free right now, for a gateway that must come back on the same address after a crash. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** kill -9: no shutdown hook runs, in-flight requests and transactions die mid-way. */
export async function crash(service: Service): Promise<void> {
  const exited = new Promise<void>((resolve) => service.process.once('exit', () => resolve()));
  if (service.process.exitCode === null && service.process.signalCode === null) {
    service.process.kill('SIGKILL');
    await exited;
  }
  await service.stop();
}
