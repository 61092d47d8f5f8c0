// The load generator, run in its own process so its CPU is not the gateway's. It reads a LoadSpec
// (JSON, argv[2]) and prints `RESULT <LoadResult JSON>` as its last line.
// - closed loop: autocannon (N connections, each sends its next request when answered); every
//   latency is kept to give exact percentiles (autocannon's own table has no p95);
// - fixed arrival rate: our own open-loop scheduler over node:http. autocannon's rate limit sends
//   each connection's quota for a second in a burst, which measures bursts, not a steady rate;
//   here request i is due at t0 + i/rate and its latency counts from that instant, so a stalled
//   server cannot hide its queueing (no coordinated omission).
import { Agent, request } from 'node:http';
import autocannon from 'autocannon';
import { type LoadResult, type LoadSpec, summarise } from './spec.js';

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec;
const prefix = `${process.pid.toString(36)}x${Date.now().toString(36)}x`;
let counter = 0;
const token = () => `${prefix}${(counter++).toString(36)}`;
const fill = (template: string, n: string) => template.replaceAll('{{n}}', n);
const personalise = () => {
  const n = token();
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(spec.headers)) headers[k] = fill(v, n);
  return { headers, body: spec.body === undefined ? undefined : fill(spec.body, n) };
};

function closedLoop(connections: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        connections,
        duration: spec.durationS,
        timeout: 10,
        requests: [
          {
            method: spec.method,
            path: spec.path,
            setupRequest: (req) => ({ ...req, ...personalise() }),
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const failures = result.errors + result.timeouts + (result.non2xx ?? 0);
        resolve({
          mode: 'closed',
          connections,
          target_rate: null,
          duration_s: result.duration,
          requests: ok + failures,
          ok,
          errors: failures,
          statuses: {
            ...statuses,
            ...(result.errors ? { error: result.errors } : {}),
            ...(result.timeouts ? { timeout: result.timeouts } : {}),
          },
          throughput: Math.round((ok / result.duration) * 10) / 10,
          latency_ms: summarise(latencies),
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) ok++;
    });
  });
}

function openLoop(rate: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const target = new URL(spec.path, spec.url);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let inFlight = 0;
  let sent = 0;
  let allSent = false;
  const started = performance.now();
  const end = started + spec.durationS * 1000;
  return new Promise((resolve) => {
    const finish = () => {
      const duration = (performance.now() - started) / 1000;
      const ok = latencies.length;
      agent.destroy();
      resolve({
        mode: 'rate',
        connections: null,
        target_rate: rate,
        duration_s: Math.round(duration * 100) / 100,
        requests: sent,
        ok,
        errors,
        statuses,
        throughput: Math.round((ok / spec.durationS) * 10) / 10,
        latency_ms: summarise(latencies),
      });
    };
    const fire = (due: number) => {
      const { headers, body } = personalise();
      inFlight++;
      sent++;
      const req = request(
        target,
        {
          method: spec.method,
          agent,
          headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            const code = String(res.statusCode);
            statuses[code] = (statuses[code] ?? 0) + 1;
            if (code.startsWith('2')) latencies.push(performance.now() - due);
            else errors++;
            if (--inFlight === 0 && allSent) finish();
          });
        },
      );
      req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        errors++;
        statuses.error = (statuses.error ?? 0) + 1;
        if (--inFlight === 0 && allSent) finish();
      });
      req.end(body);
    };
    const interval = 1000 / rate;
    let next = started;
    const tick = () => {
      const now = performance.now();
      while (next <= now && next < end) {
        fire(next);
        next += interval;
      }
      if (next < end) {
        setTimeout(tick, Math.max(0, next - performance.now() - 0.5));
        return;
      }
      allSent = true;
      if (inFlight === 0) finish();
    };
    tick();
  });
}

const result =
  spec.load.mode === 'closed' ? await closedLoop(spec.load.connections) : await openLoop(spec.load.rate);
console.log(`RESULT ${JSON.stringify(result)}`);
