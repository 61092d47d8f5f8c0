// Summarises a V8 .cpuprofile (node --cpu-prof): self time per function and per package, so a
// benchmark run says where the gateway's CPU goes. Usage: node --import tsx profile/summarize.ts <file>
import { readFileSync } from 'node:fs';
import { isMain } from '../lib/options.js';
import { table } from '../lib/results.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a script belongs: a package name, the gateway's own folder, or node itself. */
export function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const own = /\/(core\/gateway|mock-acquirer)\/(?:dist|src)\/([^/]+)/.exec(url);
  if (own) return `caisse:${own[2]!.replace(/\.js$|\.ts$/, '')}`;
  return url;
}

export function summarise(profile: CpuProfile, top = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(id, (self.get(id) ?? 0) + dt);
    total += dt;
  });
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  for (const [id, us] of self) {
    const { callFrame } = byId.get(id)!;
    const file = callFrame.url
      .replace(/^.*\/node_modules\//, '')
      .replace(/^file:\/\/.*\/(core|mock-acquirer)\//, '$1/');
    const key = `${callFrame.functionName || '(anonymous)'} ${file}:${callFrame.lineNumber + 1}`;
    functions.set(key, (functions.get(key) ?? 0) + us);
    const pkg = packageOf(callFrame.url, callFrame.functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + us);
  }
  const pct = (us: number) => Math.round((us / total) * 1000) / 10;
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    total_ms: Math.round(total / 1000),
    packages: sorted(packages).map(([name, us]) => ({ name, percent: pct(us) })),
    functions: sorted(functions).map(([name, us]) => ({ name, percent: pct(us) })),
  };
}

if (isMain(import.meta.url)) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: summarize.ts <file.cpuprofile>');
  const s = summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  console.log(`${file}: ${s.total_ms} ms sampled\n`);
  console.log(
    table(
      ['package', 'self %'],
      s.packages.map((p) => [p.name, p.percent]),
    ),
  );
  console.log();
  console.log(
    table(
      ['function', 'self %'],
      s.functions.map((f) => [f.name, f.percent]),
    ),
  );
}
