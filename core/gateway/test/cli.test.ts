import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestStore, testDatabaseKind } from '@caisse/gateway/testing';
import { jest } from '@jest/globals';

const root = join(import.meta.dirname, '..', '..', '..');
const cli = ['--conditions=caisse-source', '--import', 'tsx', join(root, 'core/gateway/src/cli/main.ts')];

function caisse(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [...cli, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

/** The database this project tests: a temporary PGlite directory, or a fresh PostgreSQL database. */
async function databaseEnv(): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  if (testDatabaseKind() === 'postgres') {
    const store = await openTestStore('postgres');
    await store.db.destroy().catch(() => {});
    return {
      env: { DATABASE_URL: store.url!, CAISSE_SECRET_KEY: 'ab'.repeat(32) },
      cleanup: () => store.close().catch(() => {}),
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'caisse-cli-'));
  return {
    env: { CAISSE_DATA_DIR: dir },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

describe('the caisse CLI', () => {
  jest.setTimeout(60_000);

  it('migrates, then says the schema is up to date', async () => {
    const { env, cleanup } = await databaseEnv();
    try {
      const first = caisse(['migrate'], env);
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(/Applied: .*|The schema is up to date\./);
      const second = caisse(['migrate'], env);
      expect(second.stdout).toContain('The schema is up to date.');
    } finally {
      await cleanup();
    }
  });

  it('creates a shop and prints its id and both keys once, as JSON', async () => {
    const { env, cleanup } = await databaseEnv();
    try {
      const out = caisse(['shop', 'create', '--name', 'Boulangerie Lenoir', '--json'], env);
      expect(out.stderr).toBe('');
      expect(out.status).toBe(0);
      const shop = JSON.parse(out.stdout) as {
        id: string;
        name: string;
        keys: { test: string; live: string };
      };
      expect(shop.id).toMatch(/^shop_[0-9A-Za-z]{24}$/);
      expect(shop.name).toBe('Boulangerie Lenoir');
      expect(shop.keys.test).toMatch(/^sk_test_[0-9A-Za-z]{32}$/);
      expect(shop.keys.live).toMatch(/^sk_live_[0-9A-Za-z]{32}$/);
    } finally {
      await cleanup();
    }
  });

  it('refuses a bad setting with a message naming the variable', () => {
    const out = caisse(['migrate'], { PORT: 'eighty', CAISSE_DATA_DIR: join(tmpdir(), 'never-used') });
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('PORT');
    expect(out.stderr).toContain('whole number');
  });

  it('refuses a shop without a name', () => {
    const out = caisse(['shop', 'create'], { CAISSE_DATA_DIR: join(tmpdir(), 'never-used') });
    expect(out.status).not.toBe(0);
    expect(out.stderr).toContain('--name');
  });
});

// `npm start` always runs on the embedded database, so its smoke test belongs to the PGlite run.
if (testDatabaseKind() === 'pglite') {
  describe('npm start (caisse dev)', () => {
    jest.setTimeout(60_000);
    let child: ChildProcess | undefined;
    let dir: string;
    afterAll(() => {
      child?.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    });

    it('serves the API with a demo shop whose printed key and curl example make a payment', async () => {
      dir = mkdtempSync(join(tmpdir(), 'caisse-dev-'));
      child = spawn(process.execPath, [...cli, 'dev'], {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          PORT: '0',
          CAISSE_DATA_DIR: dir,
          CAISSE_MOCK_ACQUIRER_PORT: '0',
        },
      });
      let output = '';
      child.stdout?.on('data', (chunk) => (output += chunk));
      child.stderr?.on('data', (chunk) => (output += chunk));
      while (!output.includes('Stop with Ctrl-C')) {
        if (child.exitCode !== null) throw new Error(`caisse dev exited: ${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const key = /secret_key=(sk_test_\w+)/.exec(output)?.[1];
      const api = /API\s+(http:\/\/\S+\/v1)/.exec(output)?.[1];
      const payload = /-d '([\s\S]+?)'/.exec(output)?.[1];
      expect(key && api && payload).toBeTruthy();
      const res = await fetch(`${api}/payments`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          'idempotency-key': 'smoke-1',
        },
        body: payload!,
      });
      expect(res.status).toBe(201);
      expect(((await res.json()) as { status: string }).status).toBe('authorized');
    });
  });
}
