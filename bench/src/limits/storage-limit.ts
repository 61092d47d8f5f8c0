// The storage limit: exactly the statements and commits one payment costs (captured from the real
// gateway, bench/src/sql/payment-sql.json), replayed in a closed loop at a given concurrency on the
// same database, with the gateway's pool size. No HTTP, no acquirer, no application logic: what
// the database alone allows. Prints `RESULT <LoadResult JSON>`.
import { createHash } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import type { LoadResult } from '../load/spec.js';
import { summarise } from '../load/spec.js';
import { loadPaymentSql, paymentStatements, replayPayment, replayPaymentBatched } from '../sql/replay.js';

export interface StorageLimitSpec {
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  shopId: string;
  secretKey: string;
  connections: number;
  durationS: number;
  poolSize: number;
  /** Replay each transaction in one round trip (the proposal measured in bench/README.md). */
  batched?: boolean;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as StorageLimitSpec;
let pglite: PGlite | undefined;
let pool: pg.Pool;
if (spec.database.kind === 'postgres') {
  pool = new pg.Pool({ connectionString: spec.database.url, max: spec.poolSize });
} else {
  pglite = await PGlite.create(spec.database.dataDir);
  pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 } as pg.PoolConfig);
}
const next = paymentStatements(loadPaymentSql(), {
  id: spec.shopId,
  keyHash: createHash('sha256').update(spec.secretKey).digest(),
});

async function run(durationMs: number, record: boolean) {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: unknown;
  const end = performance.now() + durationMs;
  const worker = async () => {
    while (performance.now() < end) {
      const started = performance.now();
      try {
        await (spec.batched ? replayPaymentBatched(pool, next()) : replayPayment(pool, next()));
        if (record) latencies.push(performance.now() - started);
      } catch (error) {
        errors++;
        firstError ??= error;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: spec.connections }, worker));
  return { latencies, errors, firstError, duration: (performance.now() - started) / 1000 };
}

const warmup = await run(1000, true); // warm-up: connections opened, plans cached
const { latencies, errors, firstError, duration } = await run(spec.durationS * 1000, true);
if (firstError) console.error('storage limit: first error:', firstError);
const result: LoadResult = {
  mode: 'closed',
  connections: spec.connections,
  target_rate: null,
  duration_s: Math.round(duration * 100) / 100,
  requests: latencies.length + errors,
  ok: latencies.length,
  errors,
  statuses: {},
  throughput: Math.round((latencies.length / duration) * 10) / 10,
  latency_ms: summarise(latencies),
  warmup_ok: warmup.latencies.length,
};
await pool.end();
await pglite?.close();
console.log(`RESULT ${JSON.stringify(result)}`);
