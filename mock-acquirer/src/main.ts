#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startMockAcquirer } from './start.js';

const usage = `Usage: caisse-mock-acquirer [--port <n>] [--host <h>] [--seed <n>] [--snapshot <file>]

  --port      port to listen on (default: $PORT or 4100; 0 picks a free one)
  --host      interface to bind (default: 127.0.0.1)
  --seed      seed for ids and fault draws (default: random, printed at start)
  --snapshot  JSON file to load the state from at start and save it to on exit
Environment: MOCK_ACQUIRER_API_KEY requires "Authorization: Bearer <key>" on API calls.`;

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    console.error(`--${name} must be a non-negative integer, got ${value}\n\n${usage}`);
    process.exit(2);
  }
  return parsed;
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    seed: { type: 'string' },
    snapshot: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const acquirer = await startMockAcquirer({
  port: integer(values.port ?? process.env['PORT'], 'port') ?? 4100,
  host: values.host ?? '127.0.0.1',
  seed: integer(values.seed, 'seed'),
  apiKey: process.env['MOCK_ACQUIRER_API_KEY'] || undefined,
  snapshot: values.snapshot,
});
console.log(`caisse-mock-acquirer listening on ${acquirer.url} (seed ${acquirer.seed})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    acquirer.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('caisse-mock-acquirer: could not close cleanly', error);
        process.exit(1);
      },
    );
  });
}
