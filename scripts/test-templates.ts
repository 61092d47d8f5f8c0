// Prepares the pre-migrated databases the integration tests start from (DESIGN §6: PGlite takes
// ~2 s to initdb, so each test file loads a migrated dump instead; PostgreSQL test databases are
// created from a migrated template database).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from '../core/gateway/src/store/migrate.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(root, '.test-cache');
mkdirSync(cache, { recursive: true });

const migrationsDir = join(root, 'core/gateway/src/store/migrations');
const hash = createHash('sha256');
for (const file of readdirSync(migrationsDir).sort())
  hash.update(file).update(readFileSync(join(migrationsDir, file)));
hash.update(readFileSync(join(root, 'core/gateway/src/store/migrate.ts')));
const version = hash.digest('hex').slice(0, 16);

const dump = join(cache, `pglite-${version}.tar.gz`);
if (!existsSync(dump)) {
  const pglite = await PGlite.create('memory://');
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ ...createPgConfig(pglite), max: 1 } as pg.PoolConfig),
    }),
  });
  await migrateToLatest(db);
  await db.destroy();
  const blob = await pglite.dumpDataDir('gzip');
  const tmp = `${dump}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
  renameSync(tmp, dump); // atomic: a concurrent run never reads half a dump
  await pglite.close();
  console.log(`test template: PGlite dump ${dump}`);
}
writeFileSync(join(cache, 'pglite-template'), dump);

const adminUrl = process.env.TEST_DATABASE_URL;
if (adminUrl) {
  const template = `caisse_test_template_${version}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // Several test runs may start at once (developers, CI): one creates the template, the others wait.
  await admin.query("select pg_advisory_lock(hashtext('caisse_test_template'))");
  const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
  if (exists.rowCount === 0) {
    await admin.query(`create database "${template}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${template}`;
    const db = new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString(), max: 1 }) }),
    });
    await migrateToLatest(db);
    await db.destroy();
    console.log(`test template: PostgreSQL database ${template}`);
  }
  // Drop the test databases a crashed run left behind: their names carry their creation time
  // (caisse_t_<epoch seconds>_<random>); anything older than two hours is no live run's.
  const leftovers = await admin.query("select datname from pg_database where datname ~ '^caisse_t_[0-9]+_'");
  const cutoff = Date.now() / 1000 - 2 * 3600;
  for (const row of leftovers.rows as { datname: string }[]) {
    if (Number(row.datname.split('_')[2]) < cutoff)
      await admin.query(`drop database if exists "${row.datname}" with (force)`);
  }
  await admin.query("select pg_advisory_unlock(hashtext('caisse_test_template'))");
  await admin.end();
  writeFileSync(join(cache, 'postgres-template'), template);
}
