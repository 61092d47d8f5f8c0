#!/usr/bin/env node
// Runs the whole test suite: the no-database tests, the integration tests on PGlite, and the same
// integration tests on PostgreSQL when a server is reachable. In CI (CI=true or DATABASE_URL set)
// PostgreSQL is required: a suite that silently skips there is a failing suite.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const env = { ...process.env };

async function reachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    return error;
  } finally {
    await client.end().catch(() => {});
  }
}

const required = Boolean(env.DATABASE_URL) || env.CI === 'true';
const url = env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const result = await reachable(url);
let projects = ['no-db', 'pglite'];
if (result === true) {
  env.TEST_DATABASE_URL = url;
  projects.push('postgres', 'reliability');
} else if (required) {
  console.error(
    `PostgreSQL is required here (DATABASE_URL or CI) but ${url} is not reachable: ${result.message}`,
  );
  process.exit(1);
} else {
  console.warn(
    `\n*** PostgreSQL not reachable at ${url} (${result.message}): the PostgreSQL suites are SKIPPED. ***\n`,
  );
}

// Browser tests drive the system's Chromium (never a downloaded one). In CI a missing browser is a
// failure, not a skip: a suite that silently skips there is a failing suite.
const chromium = env.CHROMIUM_PATH || '/usr/bin/chromium';
let hasChromium = true;
try {
  accessSync(chromium, constants.X_OK);
} catch {
  hasChromium = false;
}
if (hasChromium) {
  env.CHROMIUM_PATH = chromium;
  projects.push('browser');
} else if (env.CI === 'true') {
  console.error(
    `Chromium is required in CI but ${chromium} is not there: apt-get install chromium (or set CHROMIUM_PATH).`,
  );
  process.exit(1);
} else {
  console.warn(
    `\n*** Chromium not found at ${chromium}: the browser suite is SKIPPED (set CHROMIUM_PATH). ***\n`,
  );
}

// An explicit --selectProjects wins over the defaults.
if (args.includes('--selectProjects')) projects = [];

const templates = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/test-templates.ts')], {
  env,
  stdio: 'inherit',
  cwd: root,
});
if (templates.status !== 0) process.exit(templates.status ?? 1);

const jest = spawnSync(
  process.execPath,
  [
    '--experimental-vm-modules',
    '--no-warnings=ExperimentalWarning',
    join(root, 'node_modules/jest/bin/jest.js'),
    ...(projects.length ? ['--selectProjects', ...projects] : []),
    ...args,
  ],
  { env, stdio: 'inherit', cwd: root },
);
process.exit(jest.status ?? 1);
