// `npm run bench`: builds the workspaces (the benchmarks measure the built gateway, as production
// runs it), then runs every benchmark on PostgreSQL and PGlite and writes bench/results/*.json.
import { spawnSync } from 'node:child_process';
import { runHostedPageBenchmark } from './hosted-page.js';
import { runJournalExportBenchmark } from './journal-export.js';
import { ROOT } from './lib/paths.js';
import { runPaymentsBenchmark } from './payments.js';

const started = Date.now();
console.log('bench: building (npm run build)');
const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const written = [
  ...(await runPaymentsBenchmark()),
  ...(await runHostedPageBenchmark()),
  ...(await runJournalExportBenchmark()),
];
console.log(`\nbench: done in ${Math.round((Date.now() - started) / 1000)} s`);
for (const file of written) console.log(`  wrote ${file}`);
