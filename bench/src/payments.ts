// Payments throughput and latency, beside the machine's limits measured in the same run.
// Gateway, mock acquirer and load generator are separate processes; see bench/README.md.

import { loadavg } from 'node:os';
import { join } from 'node:path';
import {
  ADMIN_URL,
  type BenchDatabase,
  createBenchDatabase,
  type DatabaseKind,
} from './lib/bench-database.js';
import { runLoad, runResultProcess } from './lib/load.js';
import { machineInfo } from './lib/machine.js';
import { databases, isMain, settings } from './lib/options.js';
import { RESULTS, tsEntry } from './lib/paths.js';
import { apiHeaders, paymentBody } from './lib/payment-request.js';
import { cpuSecondsOf, cpuSecondsOfAll, sampleMemory } from './lib/proc.js';
import { round1, table, writeResult } from './lib/results.js';
import { listeningOn, type Service, startService } from './lib/service.js';
import { startAcquirer, startGatewayProcess } from './lib/stack.js';
import type { StorageLimitSpec } from './limits/storage-limit.js';
import type { LoadResult, LoadSpec } from './load/spec.js';
import { loadPaymentSql } from './sql/replay.js';

const DEFAULT_POOL_SIZE = 20; // the gateway's DATABASE_POOL_SIZE default

interface Measure {
  throughput: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  errors: number;
}

interface CaisseRun extends Measure {
  gateway_rss_mb: number;
  /** Cores used on average during the run (CPU seconds / wall seconds). */
  cpu_cores: { gateway: number; acquirer: number; postgres: number | null };
  /** CPU time per payment: steadier than throughput on a shared machine. */
  cpu_ms_per_payment: { gateway: number; acquirer: number; postgres: number | null };
  /** The machine's 1-minute load average when the row started (other tenants show here). */
  load_1m: number;
  statuses: Record<string, number>;
}

interface StorageRun extends Measure {
  /** PostgreSQL's CPU time per replayed payment (null on PGlite: it runs inside the script). */
  postgres_cpu_ms_per_payment: number | null;
}

interface Row {
  concurrency: number;
  caisse: CaisseRun;
  http_limit: Measure;
  storage_limit: StorageRun;
  acquirer_limit: Measure;
  /** Caisse / min(HTTP limit, storage limit) at this concurrency. */
  ratio: number;
}

const measure = (r: LoadResult): Measure => ({
  throughput: r.throughput,
  p50_ms: r.latency_ms.p50,
  p95_ms: r.latency_ms.p95,
  p99_ms: r.latency_ms.p99,
  errors: r.errors,
});

function paymentLoad(url: string, secretKey: string, durationS: number, load: LoadSpec['load']): LoadSpec {
  return {
    url,
    method: 'POST',
    path: '/v1/payments',
    headers: apiHeaders(secretKey, 'bench-{{n}}'),
    body: paymentBody('order-{{n}}'),
    durationS,
    load,
  };
}

/** (a) and (c): the HTTP framework alone and the mock acquirer alone; they do not depend on the database. */
async function machineLimits(): Promise<{ http: Map<number, Measure>; acquirer: Map<number, Measure> }> {
  const http = new Map<number, Measure>();
  const acquirer = new Map<number, Measure>();
  const server = await startService({
    name: 'http limit server',
    args: tsEntry('limits/http-limit-server.ts'),
    ready: listeningOn,
  });
  try {
    for (const c of settings.concurrency) {
      const r = await runLoad(
        paymentLoad(server.url, 'sk_test_unused', settings.limitDurationS, {
          mode: 'closed',
          connections: c,
        }),
      );
      http.set(c, measure(r));
      console.log(`  HTTP limit        c=${c}: ${r.throughput}/s p99 ${r.latency_ms.p99} ms`);
    }
  } finally {
    await server.stop();
  }
  const mock = await startAcquirer(2);
  try {
    for (const c of settings.concurrency) {
      const r = await runLoad({
        url: mock.url,
        method: 'POST',
        path: '/v1/authorizations',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          reference: 'lim-{{n}}',
          merchant_id: 'bench',
          amount: 4200,
          currency: 'EUR',
          capture: true,
          card: { number: '4242424242424242', exp_month: 12, exp_year: 2030, cvc: '123' },
        }),
        durationS: settings.limitDurationS,
        load: { mode: 'closed', connections: c },
      });
      acquirer.set(c, measure(r));
      console.log(`  acquirer limit    c=${c}: ${r.throughput}/s p99 ${r.latency_ms.p99} ms`);
    }
  } finally {
    await mock.stop();
  }
  return { http, acquirer };
}

async function checkOnePayment(gateway: Service, db: BenchDatabase): Promise<void> {
  const response = await fetch(`${gateway.url}/v1/payments`, {
    method: 'POST',
    headers: apiHeaders(db.shop.secretKey, `check-${Date.now()}`),
    body: paymentBody('bench-check'),
  });
  const body = (await response.json()) as { status?: string };
  if (response.status !== 201 || body.status !== 'captured') {
    throw new Error(
      `the gateway does not take the benchmark payment: ${response.status} ${JSON.stringify(body)}`,
    );
  }
}

async function caisseRuns(db: BenchDatabase, poolSize: number) {
  const acquirer = await startAcquirer(1);
  const gateway = await startGatewayProcess({
    database: db,
    acquirerUrl: acquirer.url,
    env: { DATABASE_POOL_SIZE: String(poolSize) },
    nodeArgs: settings.profile ? ['--cpu-prof', `--cpu-prof-dir=${RESULTS}`] : [],
  });
  const runs = new Map<number, CaisseRun>();
  let halfLoad: LoadResult | undefined;
  try {
    await checkOnePayment(gateway, db);
    await runLoad(paymentLoad(gateway.url, db.shop.secretKey, 3, { mode: 'closed', connections: 8 })); // JIT warm-up
    for (const c of settings.concurrency) {
      const load = loadavg()[0]!;
      const memory = sampleMemory(gateway.pid);
      const before = {
        gateway: cpuSecondsOf(gateway.pid),
        acquirer: cpuSecondsOf(acquirer.pid),
        postgres: db.kind === 'postgres' ? cpuSecondsOfAll('postgres') : 0,
      };
      const r = await runLoad(
        paymentLoad(gateway.url, db.shop.secretKey, settings.durationS, { mode: 'closed', connections: c }),
      );
      const used = {
        gateway: cpuSecondsOf(gateway.pid) - before.gateway,
        acquirer: cpuSecondsOf(acquirer.pid) - before.acquirer,
        postgres: db.kind === 'postgres' ? cpuSecondsOfAll('postgres') - before.postgres : null,
      };
      const cores = (seconds: number) => Math.round((seconds / r.duration_s) * 100) / 100;
      const perPayment = (seconds: number) =>
        r.ok === 0 ? 0 : Math.round((seconds * 1000 * 100) / r.ok) / 100;
      runs.set(c, {
        ...measure(r),
        statuses: r.statuses,
        gateway_rss_mb: round1(memory.stop()),
        cpu_cores: {
          gateway: cores(used.gateway),
          acquirer: cores(used.acquirer),
          postgres: used.postgres === null ? null : cores(used.postgres),
        },
        cpu_ms_per_payment: {
          gateway: perPayment(used.gateway),
          acquirer: perPayment(used.acquirer),
          postgres: used.postgres === null ? null : perPayment(used.postgres),
        },
        load_1m: round1(load),
      });
      console.log(
        `  Caisse (${db.kind}) c=${c}: ${r.throughput}/s p50 ${r.latency_ms.p50} p99 ${r.latency_ms.p99} ms, errors ${r.errors}`,
      );
    }
    const max = Math.max(...[...runs.values()].map((r) => r.throughput));
    const rate = Math.max(1, Math.round(max / 2));
    halfLoad = await runLoad(
      paymentLoad(gateway.url, db.shop.secretKey, settings.durationS, { mode: 'rate', rate }),
    );
    console.log(
      `  Caisse (${db.kind}) at ${rate}/s: p50 ${halfLoad.latency_ms.p50} p99 ${halfLoad.latency_ms.p99} ms, errors ${halfLoad.errors}`,
    );
  } finally {
    await gateway.stop();
    await acquirer.stop();
  }
  return { runs, halfLoad: halfLoad! };
}

/**
 * (b): the captured statements of a payment, replayed on the same database (gateway stopped).
 * `batched`: the same transactions sent in one round trip each (a proposal, bench/README.md).
 */
async function storageLimit(
  db: BenchDatabase,
  poolSize: number,
  c: number,
  batched = false,
): Promise<StorageRun> {
  const before = db.kind === 'postgres' ? cpuSecondsOfAll('postgres') : 0;
  const r = await runResultProcess<LoadResult>('limits/storage-limit.ts', {
    database: db.location,
    shopId: db.shop.id,
    secretKey: db.shop.secretKey,
    connections: c,
    durationS: settings.limitDurationS,
    poolSize,
    batched,
  } satisfies StorageLimitSpec);
  const pgSeconds = db.kind === 'postgres' ? cpuSecondsOfAll('postgres') - before : null;
  // The replay's warm-up second is in the CPU time too.
  const payments = r.ok + (r.warmup_ok ?? 0);
  console.log(
    `  storage limit${batched ? ' (one round trip per transaction)' : ''} (${db.kind}) c=${c}: ${r.throughput}/s p99 ${r.latency_ms.p99} ms`,
  );
  return {
    ...measure(r),
    postgres_cpu_ms_per_payment:
      pgSeconds === null || payments === 0 ? null : Math.round((pgSeconds * 1000 * 100) / payments) / 100,
  };
}

async function storageLimits(db: BenchDatabase, poolSize: number): Promise<Map<number, StorageRun>> {
  const limits = new Map<number, StorageRun>();
  for (const c of settings.concurrency) limits.set(c, await storageLimit(db, poolSize, c));
  return limits;
}

export async function runPaymentsBenchmark(): Promise<string[]> {
  const kinds = await databases();
  const machine = await machineInfo(kinds.includes('postgres') ? ADMIN_URL : undefined);
  const written: string[] = [];
  console.log('payments: machine limits (HTTP framework alone, mock acquirer alone)');
  const shared = await machineLimits();
  for (const kind of kinds) {
    written.push(await runOn(kind, shared, machine));
  }
  return written;
}

async function runOn(
  kind: DatabaseKind,
  shared: Awaited<ReturnType<typeof machineLimits>>,
  machine: Awaited<ReturnType<typeof machineInfo>>,
): Promise<string> {
  const poolSize = kind === 'pglite' ? 1 : (settings.poolSize ?? DEFAULT_POOL_SIZE);
  const db = await createBenchDatabase(kind, 'payments');
  try {
    console.log(`payments on ${kind}: Caisse`);
    const { runs, halfLoad } = await caisseRuns(db, poolSize);
    console.log(`payments on ${kind}: storage limit`);
    const storage = await storageLimits(db, poolSize);
    const proposalConcurrency = settings.concurrency.includes(32) ? 32 : Math.max(...settings.concurrency);
    const oneRoundTrip = await storageLimit(db, poolSize, proposalConcurrency, true);
    const rows: Row[] = settings.concurrency.map((c) => {
      const caisse = runs.get(c)!;
      const limit = Math.min(shared.http.get(c)!.throughput, storage.get(c)!.throughput);
      return {
        concurrency: c,
        caisse,
        http_limit: shared.http.get(c)!,
        storage_limit: storage.get(c)!,
        acquirer_limit: shared.acquirer.get(c)!,
        ratio: Math.round((caisse.throughput / limit) * 1000) / 1000,
      };
    });
    const best = (pick: (r: Row) => number) => Math.max(...rows.map(pick));
    const paymentsPerS = best((r) => r.caisse.throughput);
    const limitPerS = Math.min(
      best((r) => r.http_limit.throughput),
      best((r) => r.storage_limit.throughput),
    );
    const summary = {
      payments_per_s: paymentsPerS,
      limit_per_s: limitPerS,
      ratio: Math.round((paymentsPerS / limitPerS) * 1000) / 1000,
      p50_ms_half_load: halfLoad.latency_ms.p50,
      p99_ms_half_load: halfLoad.latency_ms.p99,
      database: kind,
    };
    printPayments(kind, rows, halfLoad, summary);
    const asCaptured = storage.get(proposalConcurrency)!;
    console.log(
      `Proposal "one round trip per transaction" (storage limit, c=${proposalConcurrency}): ${oneRoundTrip.throughput}/s vs ${asCaptured.throughput}/s as captured` +
        (oneRoundTrip.postgres_cpu_ms_per_payment === null
          ? ''
          : `; PostgreSQL CPU ${oneRoundTrip.postgres_cpu_ms_per_payment} vs ${asCaptured.postgres_cpu_ms_per_payment} ms per payment`),
    );
    const sql = loadPaymentSql();
    return writeResult(`payments-${kind}`, {
      benchmark: 'payments',
      date: new Date().toISOString(),
      machine,
      parameters: {
        database: kind,
        duration_s: settings.durationS,
        limit_duration_s: settings.limitDurationS,
        concurrency: settings.concurrency,
        gateway_pool_size: poolSize,
        gateway: 'node core/gateway/dist/cli/main.js serve (LOG_LEVEL=info, scheduler on)',
        request: 'POST /v1/payments, 4242 4242 4242 4242, typology immediate, unique Idempotency-Key',
        sql_per_payment: {
          statements: sql.statements.length,
          transactions: sql.statements.filter((s) => s.sql === 'begin').length,
        },
        half_load_rate: halfLoad.target_rate,
        profile: settings.profile,
      },
      rows,
      proposals: {
        one_round_trip_per_transaction: {
          note: 'storage limit with each transaction sent as one multi-statement query (same SQL, same commits)',
          concurrency: proposalConcurrency,
          storage_limit: oneRoundTrip,
          storage_limit_as_captured: storage.get(proposalConcurrency),
        },
      },
      half_load: {
        rate: halfLoad.target_rate,
        throughput: halfLoad.throughput,
        p50_ms: halfLoad.latency_ms.p50,
        p95_ms: halfLoad.latency_ms.p95,
        p99_ms: halfLoad.latency_ms.p99,
        errors: halfLoad.errors,
      },
      summary,
    });
  } finally {
    await db.drop();
  }
}

function printPayments(
  kind: DatabaseKind,
  rows: Row[],
  halfLoad: LoadResult,
  summary: { payments_per_s: number; limit_per_s: number; ratio: number },
): void {
  console.log(`\nPayments on ${kind} (POST /v1/payments, immediate, ${settings.durationS} s per row)`);
  console.log(
    table(
      [
        'conc',
        'payments/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'errors',
        'RSS MB',
        'HTTP limit/s',
        'storage limit/s',
        'acquirer/s',
        'ratio',
      ],
      rows.map((r) => [
        r.concurrency,
        r.caisse.throughput,
        r.caisse.p50_ms,
        r.caisse.p95_ms,
        r.caisse.p99_ms,
        r.caisse.errors,
        r.caisse.gateway_rss_mb,
        r.http_limit.throughput,
        r.storage_limit.throughput,
        r.acquirer_limit.throughput,
        `${Math.round(r.ratio * 100)} %`,
      ]),
    ),
  );
  console.log(
    `At a fixed ${halfLoad.target_rate}/s (half the max): p50 ${halfLoad.latency_ms.p50} ms, p99 ${halfLoad.latency_ms.p99} ms, errors ${halfLoad.errors}`,
  );
  console.log(
    `Caisse ${summary.payments_per_s}/s = ${Math.round(summary.ratio * 100)} % of min(HTTP limit, storage limit) = ${summary.limit_per_s}/s\n`,
  );
}

if (isMain(import.meta.url)) {
  const files = await runPaymentsBenchmark();
  for (const f of files) console.log(`wrote ${join(f)}`);
}
