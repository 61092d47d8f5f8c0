import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '@caisse/gateway';
import {
  createTestGateway,
  pgliteTemplate,
  startWebhookReceiver,
  type TestGateway,
  testDatabaseKind,
  type WebhookReceiver,
} from '@caisse/gateway/testing';
import { post, routeIpnsTo } from './support/notifications.js';

const root = join(import.meta.dirname, '..', '..', '..');
const EVENTS = 12;
const BATCH = 8;

let gw: TestGateway;
let receiver: WebhookReceiver;
let dataDir: string | undefined;
const children: ChildProcess[] = [];

/** `caisse worker` in a child process, on the same database as the test. */
function startWorker(database: Record<string, string>): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...database,
    CAISSE_SECRET_KEY: '0'.repeat(64),
    CAISSE_ACQUIRER_URL: 'http://127.0.0.1:9',
    CAISSE_RELAY_BATCH_SIZE: String(BATCH),
    CAISSE_RELAY_CONCURRENCY: String(BATCH),
    CAISSE_WEBHOOK_TIMEOUT_MS: '3000',
    CAISSE_RELAY_LEASE_MS: '6000',
    CAISSE_RELAY_INTERVAL_MS: '100',
    CAISSE_SCHEDULER_INTERVAL_MS: '600000',
    LOG_LEVEL: 'error',
  };
  if (!database.DATABASE_URL) delete env.DATABASE_URL;
  const child = spawn(
    process.execPath,
    ['--conditions=caisse-source', '--import', 'tsx', join(root, 'core/gateway/src/cli/main.ts'), 'worker'],
    { env, cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  children.push(child);
  return child;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

async function until(condition: () => boolean, what: string, timeoutMs = 40_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  receiver = await startWebhookReceiver('hang');
  if (testDatabaseKind() === 'pglite') {
    // PGlite lives in one process: the test writes the events to a data directory, lets go of
    // it, and the worker processes open it after.
    dataDir = mkdtempSync(join(tmpdir(), 'caisse-crash-'));
    gw = await createTestGateway({
      store: await openStore({ kind: 'pglite', dataDir, loadDataDir: pgliteTemplate() }),
    });
  } else {
    gw = await createTestGateway();
  }
  await routeIpnsTo(gw, receiver.url);
}, 60_000);
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(children.map(exited));
  await receiver.close();
  if (!dataDir) await gw.close();
  else rmSync(dataDir, { recursive: true, force: true });
});

describe('a relay worker killed in the middle of a batch', () => {
  it('loses no IPN: the next worker sends what was in flight again, with the same ids', async () => {
    for (let i = 0; i < EVENTS; i++)
      await post(gw, '/v1/payments', { amount: 1000 + i, currency: 'EUR', reference: `CRASH-${i}` });
    const expected = (await gw.store.db.selectFrom('outbox').select('id').execute()).map((r) => r.id).sort();
    expect(expected).toHaveLength(EVENTS);
    const url = (gw.store as Store & { url?: string }).url;
    const database: Record<string, string> = dataDir ? { CAISSE_DATA_DIR: dataDir } : { DATABASE_URL: url! };
    if (dataDir) await gw.close();

    // Worker 1 claims a batch and hangs in the sends: it is killed there, before recording anything.
    const first = startWorker(database);
    await receiver.waitFor(BATCH, 30_000);
    first.kill('SIGKILL');
    await exited(first);
    const inFlight = receiver.received.map((r) => r.id!);
    expect(new Set(inFlight).size).toBe(BATCH);

    // Worker 2 sends the rest at once, and the killed worker's batch once its lease has run out.
    receiver.mode = 'ok';
    const second = startWorker(database);
    await until(
      () => new Set(receiver.acknowledged.map((r) => r.id)).size === EVENTS,
      'every IPN acknowledged',
    );
    second.kill('SIGTERM');
    await exited(second);
    expect(second.exitCode).toBe(0);

    const acknowledged = receiver.acknowledged.map((r) => r.id!);
    expect([...new Set(acknowledged)].sort()).toEqual(expected);
    for (const id of inFlight) expect(receiver.received.filter((r) => r.id === id)).toHaveLength(2);
    expect(acknowledged).toHaveLength(EVENTS); // each acknowledged once: nothing sent a third time

    const store = dataDir ? await openStore({ kind: 'pglite', dataDir }) : gw.store;
    try {
      const rows = await store.db.selectFrom('outbox').select(['id', 'status']).execute();
      expect(rows.every((r) => r.status === 'delivered')).toBe(true);
    } finally {
      if (dataDir) await store.close();
    }
  }, 90_000);
});
