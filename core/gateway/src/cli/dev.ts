import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startMockAcquirer } from '@caisse/mock-acquirer';
import { loadConfig } from '../config/config.js';
import { type DemoShopConfig, demoShopRouter } from '../demo/demo-shop.js';
import { createShop } from '../engine/create-shop.js';
import { ensureVadsCredentials } from '../engine/vads-credentials.js';
import { startGateway } from '../gateway.js';
import { findShop } from '../store/shops-repo.js';
import { startDevNotifications } from './dev-notifications.js';

interface DemoShop {
  id: string;
  name: string;
  testKey: string;
}

/**
 * `npm start`: the gateway on the embedded database, with the mock acquirer in the same process
 * and a demo shop created on the first run. The demo shop's test key is kept in the data
 * directory (a trial setup only: real shops see their keys once, at creation).
 */
export async function runDev(): Promise<void> {
  const env = { ...process.env };
  delete env.DATABASE_URL; // npm start is the embedded trial, whatever the shell exports
  const settings = loadConfig(env); // validates before anything starts
  const acquirer = await startMockAcquirer({ port: settings.CAISSE_MOCK_ACQUIRER_PORT }).catch(() =>
    startMockAcquirer({ port: 0 }),
  );
  env.CAISSE_ACQUIRER_URL = acquirer.url;
  const notifications = await startDevNotifications(env);
  const config = loadConfig(env);
  let demoConfig: DemoShopConfig | undefined;
  const gateway = await startGateway({
    config,
    routes: [demoShopRouter(() => demoConfig)],
    devRouter: notifications.router,
  });

  const demoFile = join(config.CAISSE_DATA_DIR, 'demo-shop.json');
  let demo: DemoShop | undefined = existsSync(demoFile)
    ? (JSON.parse(readFileSync(demoFile, 'utf8')) as DemoShop)
    : undefined;
  if (!demo || !(await findShop(gateway.store.db, demo.id))) {
    const created = await createShop(gateway.store.db, { name: 'Demo shop', defaultLanguage: 'fr' });
    demo = { id: created.id, name: created.name, testKey: created.keys.test };
    writeFileSync(demoFile, JSON.stringify(demo, null, 2), { mode: 0o600 });
  }

  const vads = await ensureVadsCredentials(gateway.deps, demo.id);
  demoConfig = {
    gatewayUrl: gateway.url,
    secretKey: demo.testKey,
    vadsSiteId: vads.siteId,
    vadsTestKey: vads.testKey,
  };

  const api = `${gateway.url}/v1`;
  const notificationLines = await notifications.attach(gateway, gateway.url, demo.id);
  console.log(`
Caisse is running on the embedded database (${config.CAISSE_DATA_DIR}) with the mock acquirer.

  API             ${api}
  API reference   ${gateway.url}/v1/docs
  Mock acquirer   ${acquirer.url}   (test cards: ${acquirer.url}/test-cards)
  Demo shop       ${gateway.url}/demo   (pays through the hosted payment page)

Demo shop ${demo.id}
secret_key=${demo.testKey}
vads_site_id=${vads.siteId}
vads_test_key=${vads.testKey}
${notificationLines.join('\n')}

Make a payment of 50.00 EUR, captured at shipment:
  curl -s ${api}/payments \\
    -H "Authorization: Bearer ${demo.testKey}" \\
    -H "Content-Type: application/json" \\
    -H "Idempotency-Key: $(date +%s%N)" \\
    -d '{"amount": 5000, "currency": "EUR", "reference": "ORDER-1", "typology": {"type": "on_shipment"},
         "card": {"number": "4242 4242 4242 4242", "exp_month": 12, "exp_year": 2030, "cvc": "123"}}'

Stop with Ctrl-C.`);

  let stopping = false;
  const stop = async () => {
    if (stopping) process.exit(1);
    stopping = true;
    await gateway.stop();
    await notifications.close();
    await acquirer.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
