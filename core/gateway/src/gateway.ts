import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Express, Router } from 'express';
import type { Logger } from 'pino';
import type { AcquirerConnector } from './acquirer/connector.js';
import { HttpAcquirerConnector } from './acquirer/mock-connector.js';
import { HttpMockExtensions } from './acquirer/mock-extensions.js';
import { type Config, ConfigError } from './config/config.js';
import type { Mode } from './domain/channel.js';
import { type Clock, systemClock } from './domain/clock.js';
import { authenticatePayment } from './engine/authenticate-payment.js';
import { type AuthorizationSteps, DEFAULT_AUTHORIZATION_STEPS } from './engine/authorization-steps.js';
import { DEFAULT_ENGINE_CONFIG, type EngineDeps } from './engine/context.js';
import { createApp } from './http/app.js';
import { nextActionFor, pageUrlFor } from './http/pay/next-action.js';
import { startScheduler } from './jobs/scheduler.js';
import { createLogger } from './log/logger.js';
import type { NotifyDeps } from './notify/context.js';
import { createSmtpMailer, type Mailer } from './notify/emails/mailer.js';
import type { IpnFormatChooser } from './notify/ipn-format.js';
import { vadsAwareIpnFormatChooser } from './notify/vads-ipn-format.js';
import { startRelay } from './notify/worker.js';
import { openStore, type Store } from './store/database.js';
import { migrateToLatest } from './store/migrate.js';
import { deriveKey } from './vault/keys.js';
import { SecretBox } from './vault/secret-box.js';

export interface GatewayOptions {
  config: Config;
  logger?: Logger | undefined;
  clock?: Clock | undefined;
  /** An opened store (tests pass a pre-migrated one); default: from the config. */
  store?: Store | undefined;
  /** Test-mode acquirer; default: HTTP connector to CAISSE_ACQUIRER_URL. */
  testAcquirer?: AcquirerConnector | undefined;
  liveAcquirer?: AcquirerConnector | undefined;
  steps?: AuthorizationSteps | undefined;
  /** Test-mode 3-D Secure directory server and redirect means; default: the mock acquirer's. */
  testExtensions?: HttpMockExtensions | undefined;
  /** More HTTP routes (the demo shop of `npm start`). */
  routes?: Router[] | undefined;
  /** Start the scheduler and the outbox relay in this process (default: CAISSE_WORKER). */
  worker?: boolean | undefined;
  /** Email transport; default: SMTP from CAISSE_SMTP_*, or none. */
  mailer?: Mailer | undefined;
  /**
   * Wire format of each event's IPN; default: the signed form's `vads_*` IPN for payments that came
   * through it, Standard Webhooks JSON for the rest.
   */
  ipnFormatFor?: IpnFormatChooser | undefined;
  /** Development pages mounted at /dev (npm start only). */
  devRouter?: Router | undefined;
}

export interface Gateway {
  app: Express;
  deps: EngineDeps;
  store: Store;
  logger: Logger;
  /** Tells the gateway where it listens, unless CAISSE_PUBLIC_URL says where buyers reach it. */
  setPublicUrl(url: string): void;
  /** The outbox relay's deps (IPN, emails). */
  notify: NotifyDeps;
}

export async function openConfiguredStore(config: Config): Promise<Store> {
  return config.DATABASE_URL
    ? openStore({ kind: 'postgres', url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE })
    : openStore({ kind: 'pglite', dataDir: config.CAISSE_DATA_DIR });
}

/**
 * The master secret every key is derived from (vault/keys.ts). With PostgreSQL it must be configured (every gateway process must share
 * it); with PGlite, a single-process trial setup, it is generated once into the data directory.
 */
export function resolveSecretKey(config: Config): Buffer {
  if (config.CAISSE_SECRET_KEY) return Buffer.from(config.CAISSE_SECRET_KEY, 'hex');
  if (config.DATABASE_URL) {
    throw new ConfigError(
      'CAISSE_SECRET_KEY is required with DATABASE_URL (all gateway processes must share it): openssl rand -hex 32',
    );
  }
  const path = join(config.CAISSE_DATA_DIR, 'secret.key');
  if (!existsSync(path)) {
    mkdirSync(config.CAISSE_DATA_DIR, { recursive: true });
    writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
}

/** Builds the gateway (store migrated, engine wired, HTTP app) without listening. */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const { config } = options;
  const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL });
  const store = options.store ?? (await openConfiguredStore(config));
  await migrateToLatest(store.db);

  const testAcquirer =
    options.testAcquirer ??
    (config.CAISSE_ACQUIRER_URL
      ? new HttpAcquirerConnector({
          url: config.CAISSE_ACQUIRER_URL,
          apiKey: config.CAISSE_ACQUIRER_API_KEY,
          timeoutMs: config.CAISSE_ACQUIRER_TIMEOUT_MS,
        })
      : undefined);
  if (!testAcquirer)
    throw new ConfigError('CAISSE_ACQUIRER_URL is required: test mode runs against the mock acquirer.');
  const liveAllowed = store.kind === 'postgres' || config.CAISSE_ALLOW_LIVE_ON_PGLITE;
  const liveAcquirer = !liveAllowed
    ? undefined
    : (options.liveAcquirer ??
      (config.CAISSE_LIVE_ACQUIRER_URL
        ? new HttpAcquirerConnector({
            url: config.CAISSE_LIVE_ACQUIRER_URL,
            apiKey: config.CAISSE_LIVE_ACQUIRER_API_KEY,
            timeoutMs: config.CAISSE_ACQUIRER_TIMEOUT_MS,
          })
        : undefined));

  const testExtensions =
    options.testExtensions ??
    (config.CAISSE_ACQUIRER_URL
      ? new HttpMockExtensions({
          url: config.CAISSE_ACQUIRER_URL,
          apiKey: config.CAISSE_ACQUIRER_API_KEY,
          timeoutMs: config.CAISSE_ACQUIRER_TIMEOUT_MS,
        })
      : undefined);
  const liveExtensions =
    liveAcquirer && config.CAISSE_LIVE_ACQUIRER_URL
      ? new HttpMockExtensions({
          url: config.CAISSE_LIVE_ACQUIRER_URL,
          apiKey: config.CAISSE_LIVE_ACQUIRER_API_KEY,
          timeoutMs: config.CAISSE_ACQUIRER_TIMEOUT_MS,
        })
      : undefined;
  const extensions = (mode: Mode) => (mode === 'test' ? testExtensions : liveExtensions);
  // Until the server listens, the configured public URL or the one it will listen at.
  let publicUrl = config.CAISSE_PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`;

  const master = resolveSecretKey(config);
  const deps: EngineDeps = {
    db: store.db,
    acquirer: (mode: Mode) => (mode === 'test' ? testAcquirer : liveAcquirer),
    clock: options.clock ?? systemClock,
    fingerprintKey: deriveKey(master, 'card-fingerprint'),
    secretBox: new SecretBox(master),
    config: {
      ...DEFAULT_ENGINE_CONFIG,
      authorizationValidityDays: config.CAISSE_AUTHORIZATION_VALIDITY_DAYS,
      pageTtlMinutes: config.CAISSE_PAGE_TTL_MINUTES,
      inquiryDelayMs: config.CAISSE_INQUIRY_DELAY_MS,
      settlementDeadlineMs: config.CAISSE_SETTLEMENT_DEADLINE_MS,
    },
    logger,
    steps: options.steps ?? DEFAULT_AUTHORIZATION_STEPS,
    publicUrl: () => publicUrl,
    threeDSServer: extensions,
    redirectMeans: extensions,
    notificationKey: deriveKey(master, 'acquirer-notification'),
    pageKey: deriveKey(master, 'page-csrf'),
  };
  deps.nextActionFor = (payment) => nextActionFor(deps, payment);
  deps.pageUrlFor = (payment) => pageUrlFor(deps, payment);
  if (!options.steps) {
    deps.steps = {
      risk: DEFAULT_AUTHORIZATION_STEPS.risk,
      threeDS: (input) => authenticatePayment(deps, input),
    };
  }
  if (config.CAISSE_RELAY_LEASE_MS < 2 * config.CAISSE_WEBHOOK_TIMEOUT_MS) {
    throw new ConfigError(
      'CAISSE_RELAY_LEASE_MS must be at least twice CAISSE_WEBHOOK_TIMEOUT_MS: a lease ending during a send would let another worker send the same IPN.',
    );
  }
  const notify: NotifyDeps = {
    db: store.db,
    clock: deps.clock,
    logger,
    secretBox: deps.secretBox,
    config: {
      webhookTimeoutMs: config.CAISSE_WEBHOOK_TIMEOUT_MS,
      leaseMs: config.CAISSE_RELAY_LEASE_MS,
      batchSize: config.CAISSE_RELAY_BATCH_SIZE,
      concurrency: config.CAISSE_RELAY_CONCURRENCY,
      mailFrom: config.CAISSE_MAIL_FROM,
      publicUrl: config.CAISSE_PUBLIC_URL,
    },
    mailer:
      options.mailer ??
      (config.CAISSE_SMTP_HOST
        ? createSmtpMailer({
            host: config.CAISSE_SMTP_HOST,
            port: config.CAISSE_SMTP_PORT,
            secure: config.CAISSE_SMTP_SECURE,
            user: config.CAISSE_SMTP_USER,
            password: config.CAISSE_SMTP_PASSWORD,
            timeoutMs: config.CAISSE_SMTP_TIMEOUT_MS,
          })
        : undefined),
    ipnFormatFor:
      options.ipnFormatFor ?? vadsAwareIpnFormatChooser({ db: store.db, secretBox: deps.secretBox }),
    random: Math.random,
  };
  const app = createApp(deps, store, {
    idempotencyLockMs: config.CAISSE_IDEMPOTENCY_LOCK_MS,
    accessLog: config.CAISSE_ACCESS_LOG,
    routes: options.routes,
    devRouter: options.devRouter,
    apiKeyCacheMs: config.CAISSE_API_KEY_CACHE_MS,
  });
  return {
    app,
    deps,
    store,
    logger,
    notify,
    setPublicUrl: (url: string) => {
      if (!config.CAISSE_PUBLIC_URL) publicUrl = url;
    },
  };
}

export interface RunningGateway extends Gateway {
  server: Server;
  url: string;
  stop(): Promise<void>;
}

/** Creates the gateway, listens, and runs the scheduler in-process unless disabled. */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const gateway = await createGateway(options);
  const { config } = options;
  const server = await new Promise<Server>((resolve, reject) => {
    const s = gateway.app.listen(config.PORT, config.HOST, () => resolve(s));
    s.once('error', reject);
  });
  server.keepAliveTimeout = 65_000;
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
  gateway.setPublicUrl(url);
  const worker = options.worker ?? config.CAISSE_WORKER;
  const scheduler = worker ? startScheduler(gateway.deps, config.CAISSE_SCHEDULER_INTERVAL_MS) : undefined;
  const relay = worker ? startRelay(gateway.notify, config.CAISSE_RELAY_INTERVAL_MS) : undefined;
  gateway.logger.info({ url, database: gateway.store.kind }, 'gateway listening');
  return {
    ...gateway,
    server,
    url,
    async stop() {
      await scheduler?.stop();
      await relay?.stop();
      gateway.notify.mailer?.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const force = setTimeout(() => server.closeAllConnections(), 5000).unref();
      await closed;
      clearTimeout(force);
      if (!options.store) await gateway.store.close();
    },
  };
}
