import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface Service {
  name: string;
  process: ChildProcess;
  pid: number;
  url: string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface ServiceOptions {
  name: string;
  args: string[];
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Finds the URL in an output line once the service listens. */
  ready: (line: string) => string | undefined;
  /** Appends stdout and stderr here; otherwise only the last lines are kept for error messages. */
  logFile?: string;
  timeoutMs?: number;
}

/** Starts a node process and resolves when it says it listens (its URL read from its output). */
export function startService(options: ServiceOptions): Promise<Service> {
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', ...options.env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: WriteStream | undefined = options.logFile
    ? createWriteStream(options.logFile, { flags: 'a' })
    : undefined;
  const tail: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  return new Promise<Service>((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      child.kill('SIGKILL');
      reject(
        new Error(
          `${options.name} did not start within ${options.timeoutMs ?? 30_000} ms:\n${tail.join('\n')}`,
        ),
      );
    }, options.timeoutMs ?? 30_000);
    const onLine = (line: string) => {
      log?.write(`${line}\n`);
      tail.push(line);
      if (tail.length > 40) tail.shift();
      if (done) return;
      const url = options.ready(line);
      if (!url) return;
      done = true;
      clearTimeout(timer);
      resolve({
        name: options.name,
        process: child,
        pid: child.pid!,
        url,
        async stop(graceMs = 10_000) {
          if (child.exitCode === null && child.signalCode === null) {
            child.kill('SIGTERM');
            const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
            await exited;
            clearTimeout(force);
          }
          await new Promise<void>((r) => (log ? log.end(r) : r()));
        },
      });
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('exit', (code, signal) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      reject(new Error(`${options.name} exited (${code ?? signal}) before listening:\n${tail.join('\n')}`));
    });
  });
}

/** Reads the URL from the gateway's pino line `gateway listening`. */
export function gatewayReady(line: string): string | undefined {
  if (!line.includes('gateway listening')) return undefined;
  try {
    return (JSON.parse(line) as { url?: string }).url;
  } catch {
    return undefined;
  }
}

/** Reads the URL from a line such as `... listening on http://127.0.0.1:4100 ...`. */
export function listeningOn(line: string): string | undefined {
  return /listening on (http:\/\/[^\s]+)/.exec(line)?.[1];
}
