import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS } from './paths.js';

/** Writes bench/results/<name>-<date>.json and returns its path. */
export function writeResult(name: string, data: unknown): string {
  mkdirSync(RESULTS, { recursive: true });
  const stamp = new Date()
    .toISOString()
    .replace(/:/g, '-')
    .replace(/\.\d+Z$/, 'Z');
  const path = join(RESULTS, `${name}-${stamp}.json`);
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
  return path;
}

/** A plain-text table, columns padded; numbers right-aligned. */
export function table(headers: string[], rows: (string | number | null)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null ? '—' : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[], raw?: (string | number | null)[]) =>
    r
      .map((c, i) => (typeof raw?.[i] === 'number' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [
    line(cells[0]!),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map((r, i) => line(cells[i + 1]!, r)),
  ].join('\n');
}

export const round1 = (v: number) => Math.round(v * 10) / 10;
