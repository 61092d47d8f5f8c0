import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultRates, NextFaultSpec } from './fault-input.js';
import { createMockAcquirerApp } from './server.js';
import { loadSnapshot, saveSnapshot } from './snapshot.js';
import { createMockAcquirerState, type LedgerView } from './state.js';

export interface StartMockAcquirerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** 127.0.0.1 by default. */
  host?: string;
  /** Seeds ids and fault draws; random when absent (read it back from `seed`). */
  seed?: number;
  /** Require `Authorization: Bearer <apiKey>` on every request but /health and /test-cards. */
  apiKey?: string;
  /** JSON file the state is loaded from at start (if it exists) and written to on close. */
  snapshot?: string;
}

/** A running mock acquirer, driven in-process by tests and benchmarks. */
export interface MockAcquirer {
  /** Base URL, such as http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  port: number;
  seed: number;
  ledger(): LedgerView;
  faults: {
    set(rates: FaultRates): void;
    next(spec: NextFaultSpec): void;
    clear(): void;
  };
  reset(): void;
  /** Stops listening, ends held and pending requests, then writes the snapshot if any. */
  close(): Promise<void>;
}

/**
 * Starts a mock acquirer on its own HTTP server.
 *
 * @example
 * const acquirer = await startMockAcquirer({ seed: 42 });
 * await fetch(`${acquirer.url}/v1/authorizations`, { method: 'POST', ... });
 * expect(acquirer.ledger().authorizations[0]?.captured).toBe(0);
 * await acquirer.close();
 */
export async function startMockAcquirer(options: StartMockAcquirerOptions = {}): Promise<MockAcquirer> {
  const state = createMockAcquirerState({ seed: options.seed, apiKey: options.apiKey });
  if (options.snapshot !== undefined) await loadSnapshot(options.snapshot, state.ledger);
  const server = createServer(createMockAcquirerApp(state));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  const close = async () => {
    state.shutdown();
    await new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      // Held (timeout) and keep-alive connections would otherwise keep close() waiting.
      server.closeAllConnections();
    });
    if (options.snapshot !== undefined) await saveSnapshot(options.snapshot, state.ledger);
  };

  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    seed: state.seed,
    ledger: () => state.view(),
    faults: {
      set: (rates) => {
        state.faults.set(rates);
      },
      next: (spec) => state.faults.next(spec),
      clear: () => state.faults.clear(),
    },
    reset: () => state.reset(),
    close: () => {
      closing ??= close();
      return closing;
    },
  };
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
