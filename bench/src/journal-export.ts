// Journal export: `GET /v1/operations.csv` streamed over 1,000,000 operations — rows/s and the
// gateway's peak RSS (constant memory is the point). The export is built on another branch
// (issue 4): until the route answers, this benchmark says "not available yet" in its output and
// JSON, without seeding.
import {
  ADMIN_URL,
  type BenchDatabase,
  createBenchDatabase,
  type DatabaseKind,
} from './lib/bench-database.js';
import { machineInfo } from './lib/machine.js';
import { databases, isMain } from './lib/options.js';
import { memoryOf, sampleMemory } from './lib/proc.js';
import { round1, table, writeResult } from './lib/results.js';
import { seedJournal } from './lib/seed-journal.js';
import type { Service } from './lib/service.js';
import { startAcquirer, startGatewayProcess } from './lib/stack.js';

const ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000);
const PATH = '/v1/operations.csv';

async function probe(gateway: Service, db: BenchDatabase): Promise<number> {
  const response = await fetch(gateway.url + PATH, {
    headers: { authorization: `Bearer ${db.shop.secretKey}` },
  });
  await response.body?.cancel();
  return response.status;
}

/** Streams the export, counting lines as they arrive; never holds the body. */
async function stream(gateway: Service, db: BenchDatabase) {
  const started = performance.now();
  const response = await fetch(gateway.url + PATH, {
    headers: { authorization: `Bearer ${db.shop.secretKey}` },
  });
  if (!response.ok || !response.body) throw new Error(`${PATH} answered ${response.status}`);
  let lines = 0;
  let bytes = 0;
  let firstByteMs: number | undefined;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    firstByteMs ??= performance.now() - started;
    bytes += chunk.byteLength;
    for (const byte of chunk) if (byte === 10) lines++;
  }
  return { lines, bytes, seconds: (performance.now() - started) / 1000, firstByteMs: firstByteMs ?? 0 };
}

async function runOn(kind: DatabaseKind, machine: Awaited<ReturnType<typeof machineInfo>>) {
  const db = await createBenchDatabase(kind, 'export');
  const acquirer = await startAcquirer(4);
  let gateway = await startGatewayProcess({ database: db, acquirerUrl: acquirer.url });
  const base = {
    benchmark: 'journal-export',
    date: new Date().toISOString(),
    machine,
    parameters: { database: kind, operations: ROWS, path: PATH },
  };
  try {
    const status = await probe(gateway, db);
    if (status === 404) {
      const reason = `not available yet: GET ${PATH} answered 404 (the journal export lands with issue 4)`;
      console.log(`journal export on ${kind}: ${reason}`);
      return writeResult(`journal-export-${kind}`, { ...base, available: false, reason });
    }
    await gateway.stop(); // PGlite is single-process: seed while no gateway holds it
    const seedS = await seedJournal(db, ROWS);
    console.log(`journal export on ${kind}: seeded ${ROWS} operations in ${round1(seedS)} s`);
    gateway = await startGatewayProcess({ database: db, acquirerUrl: acquirer.url });
    const rssBefore = memoryOf(gateway.pid)?.rssMb ?? 0;
    const memory = sampleMemory(gateway.pid, 100);
    const result = await stream(gateway, db);
    const sampledPeak = memory.stop();
    const peak = Math.max(sampledPeak, memoryOf(gateway.pid)?.peakMb ?? 0);
    const rows = result.lines - 1; // the header line
    const summary = {
      rows,
      rows_per_s: Math.round(rows / result.seconds),
      seconds: round1(result.seconds),
      first_byte_ms: round1(result.firstByteMs),
      mb: round1(result.bytes / 1024 / 1024),
      gateway_rss_before_mb: round1(rssBefore),
      gateway_peak_rss_mb: round1(peak),
      database: kind,
    };
    console.log(`\nJournal export on ${kind} (${PATH}, ${ROWS} operations seeded)`);
    console.log(table(Object.keys(summary), [Object.values(summary)]));
    return writeResult(`journal-export-${kind}`, {
      ...base,
      available: true,
      seed_s: round1(seedS),
      summary,
    });
  } finally {
    await gateway.stop();
    await acquirer.stop();
    await db.drop();
  }
}

export async function runJournalExportBenchmark(): Promise<string[]> {
  const kinds = await databases();
  const machine = await machineInfo(kinds.includes('postgres') ? ADMIN_URL : undefined);
  const written: string[] = [];
  for (const kind of kinds) written.push(await runOn(kind, machine));
  return written;
}

if (isMain(import.meta.url)) {
  for (const f of await runJournalExportBenchmark()) console.log(`wrote ${f}`);
}
