import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type MockAcquirer, startMockAcquirer } from '@caisse/mock-acquirer';
import type { Router } from 'express';
import pino from 'pino';
import type { AcquirerConnector } from '../acquirer/connector.js';
import { HttpAcquirerConnector } from '../acquirer/mock-connector.js';
import { loadConfig } from '../config/config.js';
import type { Clock } from '../domain/clock.js';
import type { EngineConfig } from '../engine/context.js';
import { type CreatedShop, createShop } from '../engine/create-shop.js';
import { createGateway, type Gateway } from '../gateway.js';
import type { NotifyConfig } from '../notify/context.js';
import type { Store } from '../store/database.js';
import { openTestStore, type TestDatabaseKind } from './test-store.js';

export interface TestGatewayOptions {
  clock?: Clock;
  /** A running mock acquirer to share; default: a new one on a random port. */
  acquirer?: MockAcquirer;
  /** Wraps the connector (tests count or break calls). */
  wrapAcquirer?: (connector: AcquirerConnector) => AcquirerConnector;
  engine?: Partial<EngineConfig>;
  /** Relay settings (timeouts, lease, batch size). */
  notify?: Partial<NotifyConfig>;
  acquirerTimeoutMs?: number;
  database?: TestDatabaseKind;
  /** A store to use instead of a fresh test database (e.g. PGlite on a directory a child process opens next). */
  store?: Store;
  env?: Record<string, string>;
  /**
   * Listen on a random port (and use it as the public URL): needed when something outside calls
   * the gateway back — the mock acquirer's 3-D Secure RReq and redirect outcomes, a browser.
   */
  listen?: boolean;
  /** More HTTP routes (the demo shop). */
  routes?: Router[];
}

export interface TestGateway extends Gateway {
  acquirer: MockAcquirer;
  shop: CreatedShop;
  /** Authorization header of the shop's test key. */
  auth: { Authorization: string };
  /** Where it listens (with `listen`), else undefined. */
  url: string | undefined;
  close(): Promise<void>;
}

/**
 * A gateway on a fresh migrated database (PGlite or PostgreSQL, per CAISSE_TEST_DB), against a real
 * mock-acquirer HTTP server, with one shop. No scheduler runs: tests tick it by hand.
 */
export async function createTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const acquirer = options.acquirer ?? (await startMockAcquirer({ port: 0, seed: 42 }));
  const store = options.store ?? (await openTestStore(options.database));
  const config = loadConfig({
    CAISSE_ACQUIRER_URL: acquirer.url,
    CAISSE_SECRET_KEY: '0'.repeat(64),
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  let connector: AcquirerConnector = new HttpAcquirerConnector({
    url: acquirer.url,
    timeoutMs: options.acquirerTimeoutMs ?? 2000,
  });
  if (options.wrapAcquirer) connector = options.wrapAcquirer(connector);
  const gateway = await createGateway({
    config,
    store,
    clock: options.clock,
    testAcquirer: connector,
    worker: false,
    routes: options.routes,
    logger: pino({ level: process.env.CAISSE_TEST_LOG ?? 'silent' }),
  });
  Object.assign(gateway.deps.config, options.engine ?? {});
  Object.assign(gateway.notify.config, options.notify ?? {});
  const shop = await createShop(store.db, { name: 'Test shop' });
  let server: Server | undefined;
  let url: string | undefined;
  if (options.listen) {
    server = await new Promise<Server>((resolve, reject) => {
      const s = gateway.app.listen(0, '127.0.0.1', () => resolve(s));
      s.once('error', reject);
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    gateway.setPublicUrl(url);
  }
  return {
    ...gateway,
    acquirer,
    shop,
    auth: { Authorization: `Bearer ${shop.keys.test}` },
    url,
    async close() {
      gateway.notify.mailer?.close();
      if (server) {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
      }
      await store.close();
      if (!options.acquirer) await acquirer.close();
    },
  };
}
