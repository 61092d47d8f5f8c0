import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ROOT } from './paths.js';

export interface Machine {
  cpus: number;
  cpu_model: string;
  memory_mb: number;
  os: string;
  node: string;
  postgres: string | null;
  postgres_settings: Record<string, string> | null;
  pglite: string;
  /** 1, 5 and 15-minute load averages at the start: a busy neighbour shows here. */
  loadavg: number[];
}

/** What the numbers were measured on: they mean nothing without it. */
export async function machineInfo(databaseUrl: string | undefined): Promise<Machine> {
  let postgres: string | null = null;
  let settings: Record<string, string> | null = null;
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      postgres = (await client.query<{ v: string }>('select version() as v')).rows[0]!.v;
      const rows = await client.query<{ name: string; setting: string }>(
        `select name, setting from pg_settings where name in
           ('fsync', 'synchronous_commit', 'shared_buffers', 'wal_sync_method', 'max_connections')`,
      );
      settings = Object.fromEntries(rows.rows.map((r) => [r.name, r.setting]));
    } finally {
      await client.end();
    }
  }
  const pgliteVersion = (
    JSON.parse(readFileSync(join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  return {
    cpus: cpus().length,
    cpu_model: cpus()[0]?.model ?? 'unknown',
    memory_mb: Math.round(totalmem() / 1024 / 1024),
    os: `${type()} ${release()}`,
    node: process.version,
    postgres,
    postgres_settings: settings,
    pglite: pgliteVersion,
    loadavg: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
