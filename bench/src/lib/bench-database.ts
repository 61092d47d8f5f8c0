import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { GATEWAY_CLI } from './paths.js';

export type DatabaseKind = 'postgres' | 'pglite';

export interface BenchDatabase {
  kind: DatabaseKind;
  /** The gateway's environment for this database. */
  env: Record<string, string>;
  /** For the storage limit: where the data is. */
  location: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  shop: { id: string; secretKey: string };
  drop(): Promise<void>;
}

export const SECRET_KEY = 'be'.repeat(32);
export const ADMIN_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A fresh database for one benchmark run — a new PostgreSQL database on the server of DATABASE_URL,
 * or a new PGlite directory — migrated, with one shop, through the built CLI. `drop()` removes it.
 */
export async function createBenchDatabase(kind: DatabaseKind, name: string): Promise<BenchDatabase> {
  let env: Record<string, string>;
  let location: BenchDatabase['location'];
  let drop: () => Promise<void>;
  if (kind === 'postgres') {
    const database = `caisse_bench_${name}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`create database "${database}"`);
    await admin.end();
    const url = new URL(ADMIN_URL);
    url.pathname = `/${database}`;
    env = { DATABASE_URL: url.toString(), CAISSE_SECRET_KEY: SECRET_KEY };
    location = { kind, url: url.toString() };
    drop = async () => {
      const dropper = new pg.Client({ connectionString: ADMIN_URL });
      await dropper.connect();
      await dropper.query(`drop database if exists "${database}" with (force)`);
      await dropper.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), `caisse-bench-${name}-`));
    env = { CAISSE_DATA_DIR: dir, CAISSE_SECRET_KEY: SECRET_KEY };
    location = { kind, dataDir: dir };
    drop = async () => rmSync(dir, { recursive: true, force: true });
  }
  try {
    cli(['migrate'], env);
    const shop = JSON.parse(cli(['shop', 'create', '--name', 'Bench shop', '--json'], env)) as {
      id: string;
      keys: { test: string };
    };
    return { kind, env, location, shop: { id: shop.id, secretKey: shop.keys.test }, drop };
  } catch (error) {
    await drop();
    throw error;
  }
}

function cli(args: string[], env: Record<string, string>): string {
  const out = spawnSync(process.execPath, [GATEWAY_CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(`caisse ${args.join(' ')} failed: ${out.stderr || out.stdout}`);
  return out.stdout;
}

/** The PostgreSQL server's version, or null when not reachable. */
export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
