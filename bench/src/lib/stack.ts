import type { BenchDatabase } from './bench-database.js';
import { ACQUIRER_CLI, GATEWAY_CLI } from './paths.js';
import { gatewayReady, listeningOn, type Service, startService } from './service.js';

/** The mock acquirer as its own process (0 ms added latency, no faults). */
export function startAcquirer(seed = 1): Promise<Service> {
  return startService({
    name: 'mock acquirer',
    args: [ACQUIRER_CLI, '--port', '0', '--seed', String(seed)],
    ready: listeningOn,
  });
}

export interface GatewayProcessOptions {
  database: BenchDatabase;
  acquirerUrl: string;
  env?: Record<string, string>;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  logFile?: string;
}

/** The gateway as production runs it: the built CLI, `caisse serve`, with node. */
export function startGatewayProcess(options: GatewayProcessOptions): Promise<Service> {
  return startService({
    name: 'gateway',
    args: [...(options.nodeArgs ?? []), GATEWAY_CLI, 'serve'],
    env: {
      ...options.database.env,
      CAISSE_ACQUIRER_URL: options.acquirerUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ...options.env,
    },
    ready: gatewayReady,
    logFile: options.logFile,
  });
}
