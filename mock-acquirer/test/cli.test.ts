import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

describe('caisse-mock-acquirer command', () => {
  it('prints its URL and seed, serves, and exits cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', main, '--port', '0', '--seed', '7'], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const [line] = (await once(child.stdout, 'data')) as [Buffer];
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+) \(seed 7\)/.exec(line.toString());
      expect(match).not.toBeNull();
      const health = await fetch(`${match?.[1]}/health`);
      expect(await health.json()).toEqual({ status: 'ok' });
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  }, 20_000);
});
