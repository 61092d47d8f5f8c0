// Regenerates bench/src/sql/payment-sql.json from the real gateway (PostgreSQL when reachable,
// else PGlite). Run it after changing the SQL a payment sends; the e2e test says when.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { ROOT } from '../lib/paths.js';
import { capturePaymentSql } from './capture.js';

const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const reachable = await new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 })
  .connect()
  .then(
    (c) => c.end().then(() => true),
    () => false,
  );
const captured = await capturePaymentSql(reachable ? { kind: 'postgres', adminUrl } : { kind: 'pglite' });
const path = join(import.meta.dirname, 'payment-sql.json');
writeFileSync(path, `${JSON.stringify(captured, null, 2)}\n`);
spawnSync(
  process.execPath,
  [join(ROOT, 'node_modules/@biomejs/biome/bin/biome'), 'format', '--write', path],
  {
    stdio: 'inherit',
  },
);
const transactions = captured.statements.filter((s) => s.sql === 'begin').length;
console.log(
  `${path}: ${captured.statements.length} statements (${transactions} transactions) per payment, captured on ${reachable ? 'PostgreSQL' : 'PGlite'}`,
);
