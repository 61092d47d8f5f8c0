import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../store/database.js';

/** The repository root, found from this file (src/testing → ../../../..). */
function repoRoot(): string {
  return join(import.meta.dirname, '..', '..', '..', '..');
}

export type TestDatabaseKind = 'pglite' | 'postgres';

/** The pre-migrated PGlite database (scripts/test-templates.ts), to load into a new one. */
export function pgliteTemplate(): Blob {
  const cache = join(repoRoot(), '.test-cache');
  return new Blob([readFileSync(readFileSync(join(cache, 'pglite-template'), 'utf8'))]);
}

export function testDatabaseKind(): TestDatabaseKind {
  return process.env.CAISSE_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

/**
 * A fresh, migrated database for one test file: PGlite loaded from the pre-migrated dump, or a new
 * PostgreSQL database copied from the migrated template (scripts/test-templates.ts makes both).
 * `close()` drops it.
 */
export async function openTestStore(
  kind: TestDatabaseKind = testDatabaseKind(),
): Promise<Store & { url?: string }> {
  const cache = join(repoRoot(), '.test-cache');
  if (kind === 'pglite') {
    return openStore({ kind: 'pglite', dataDir: 'memory://', loadDataDir: pgliteTemplate() });
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`.');
  const template = readFileSync(join(cache, 'postgres-template'), 'utf8').trim();
  const name = `caisse_t_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`create database "${name}" template "${template}"`);
        break;
      } catch (error) {
        // "source database is being accessed by other users": another file is copying it right now.
        if (attempt >= 20) throw error;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const store = await openStore({ kind: 'postgres', url: url.toString(), poolSize: 10 });
  return {
    ...store,
    url: url.toString(),
    async close() {
      await store.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists "${name}" with (force)`).catch(() => {});
      await dropper.end();
    },
  };
}
