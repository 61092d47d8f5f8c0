#!/usr/bin/env node
import { Command } from 'commander';
import { ConfigError, loadConfig } from '../config/config.js';
import { createShop } from '../engine/create-shop.js';
import { ensureVadsCredentials } from '../engine/vads-credentials.js';
import { createGateway, openConfiguredStore, resolveSecretKey, startGateway } from '../gateway.js';
import { startScheduler } from '../jobs/scheduler.js';
import { startRelay } from '../notify/worker.js';
import { migrateToLatest } from '../store/migrate.js';
import { SecretBox } from '../vault/secret-box.js';
import { runDev } from './dev.js';

const program = new Command()
  .name('caisse')
  .description('Caisse payment gateway. Settings come from the environment (see docs/en/configuration.md).')
  .showHelpAfterError();

program
  .command('serve')
  .description(
    'Start the gateway (API, pages) and, unless CAISSE_WORKER=false, the scheduler and the outbox relay.',
  )
  .action(async () => {
    const gateway = await startGateway({ config: loadConfig() });
    stopOnSignal(() => gateway.stop());
  });

program
  .command('worker')
  .description(
    'Run only the background work: the scheduler (deferred captures, expiries, recovery of unknown outcomes) and the outbox relay (IPNs, emails).',
  )
  .action(async () => {
    const config = loadConfig();
    const gateway = await createGateway({ config, worker: false });
    const scheduler = startScheduler(gateway.deps, config.CAISSE_SCHEDULER_INTERVAL_MS);
    const relay = startRelay(gateway.notify, config.CAISSE_RELAY_INTERVAL_MS);
    gateway.logger.info('worker started');
    stopOnSignal(async () => {
      await scheduler.stop();
      await relay.stop();
      gateway.notify.mailer?.close();
      await gateway.store.close();
    });
  });

program
  .command('migrate')
  .description('Bring the database schema up to date, then exit.')
  .action(async () => {
    const store = await openConfiguredStore(loadConfig());
    try {
      const result = await migrateToLatest(store.db);
      const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The schema is up to date.');
    } finally {
      await store.close();
    }
  });

const shop = program.command('shop').description('Manage shops.');
shop
  .command('create')
  .description('Create a shop and print its id and secret keys (shown once).')
  .requiredOption('--name <name>', 'the shop name')
  .option('--language <code>', 'default language of its pages and emails', 'fr')
  .option('--json', 'print JSON')
  .action(async (options: { name: string; language: string; json?: boolean }) => {
    const config = loadConfig();
    const store = await openConfiguredStore(config);
    try {
      await migrateToLatest(store.db);
      const created = await createShop(store.db, { name: options.name, defaultLanguage: options.language });
      const vads = await ensureVadsCredentials(
        { db: store.db, secretBox: new SecretBox(resolveSecretKey(config)) },
        created.id,
      );
      if (options.json) {
        console.log(
          JSON.stringify({
            id: created.id,
            name: created.name,
            keys: created.keys,
            vads: { site_id: vads.siteId, test_key: vads.testKey, production_key: vads.productionKey },
          }),
        );
      } else {
        console.log(`Shop ${created.name}: ${created.id}`);
        console.log(`  test secret key: ${created.keys.test}`);
        console.log(`  live secret key: ${created.keys.live}`);
        console.log('Keep the keys now: only their hashes are stored.');
        console.log(
          `  signed form: vads_site_id ${vads.siteId}; its TEST key in GET /v1/shop/settings with the test key, PRODUCTION with the live key`,
        );
      }
    } finally {
      await store.close();
    }
  });

program
  .command('dev')
  .description('Try Caisse: embedded database, mock acquirer and a demo shop (what `npm start` runs).')
  .action(() => runDev());

function stopOnSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = () => {
    if (stopping) process.exit(1);
    stopping = true;
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

program.parseAsync().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
