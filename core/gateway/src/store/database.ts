import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type StoreKind = 'pglite' | 'postgres';

export interface Store {
  readonly db: Kysely<Database>;
  readonly kind: StoreKind;
  /** Round-trips to the database; used by /ready. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type StoreOptions =
  | { kind: 'postgres'; url: string; poolSize?: number | undefined }
  | {
      kind: 'pglite';
      /** Directory for the data, or 'memory://' for a throwaway database. */
      dataDir: string;
      /** A pre-migrated database (PGlite dumpDataDir) to start from: tests use it to skip initdb. */
      loadDataDir?: Blob | File | undefined;
    };

/**
 * Opens the store. Both kinds go through one pg.Pool and Kysely, so type parsing, transactions and
 * cursors behave the same; PGlite through its node-postgres adapter with a single connection
 * (it is single-user), which is also why no transaction may be held across an HTTP call.
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 20 });
    // An idle client's network error must not crash the process; the next checkout reconnects.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgres',
      ping: async () => void (await sql`select 1`.execute(db)),
      close: () => db.destroy(),
    };
  }

  const memory = options.dataDir.startsWith('memory://');
  const lock = memory ? undefined : lockDataDir(options.dataDir);
  try {
    const pglite = await PGlite.create(memory ? 'memory://' : resolve(options.dataDir), {
      loadDataDir: options.loadDataDir,
    });
    const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 } as pg.PoolConfig);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'pglite',
      ping: async () => void (await sql`select 1`.execute(db)),
      close: async () => {
        await db.destroy();
        await pglite.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/**
 * PGlite has no cross-process lock: two processes on one data directory would corrupt it.
 * A lock file with our pid guards it; a stale lock (its process is gone) is taken over.
 */
function lockDataDir(dataDir: string): { release(): void } {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'caisse.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { release: () => rmSync(path, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(path, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new Error(
          `The data directory ${resolve(dataDir)} is in use by process ${pid}. ` +
            'Stop it, or use DATABASE_URL to share a PostgreSQL server between processes.',
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not lock ${path}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function dataDirExists(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'));
}
