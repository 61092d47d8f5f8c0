import { join } from 'node:path';

/** The repository root (bench/src/lib → ../../..). */
export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const BENCH = join(ROOT, 'bench');
export const RESULTS = join(BENCH, 'results');

/** The built CLIs: the benchmarks measure what production runs (`npm run build`, then node). */
export const GATEWAY_CLI = join(ROOT, 'core/gateway/dist/cli/main.js');
export const ACQUIRER_CLI = join(ROOT, 'mock-acquirer/dist/main.js');

/** Runs a TypeScript entry point of the bench in its own node process. */
export function tsEntry(relativeToSrc: string): string[] {
  return ['--import', 'tsx', join(BENCH, 'src', relativeToSrc)];
}
