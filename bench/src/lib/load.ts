import { spawn } from 'node:child_process';
import type { LoadResult, LoadSpec } from '../load/spec.js';
import { tsEntry } from './paths.js';

/** Runs a bench entry point in its own process and returns what it printed as `RESULT <json>`. */
export function runResultProcess<T>(entry: string, spec: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...tsEntry(entry), JSON.stringify(spec)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) return reject(new Error(`${entry} failed (${code}):\n${out}`));
      resolve(JSON.parse(line.slice('RESULT '.length)) as T);
    });
  });
}

/** Runs one load from a separate process: the load generator must not share the gateway's event loop. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return runResultProcess<LoadResult>('load/load-worker.ts', spec);
}
