import { type DatabaseKind, postgresReachable } from './bench-database.js';

/** Settings from the environment, so `npm run bench` needs none and a quick run is one variable away. */
export const settings = {
  durationS: Number(process.env.BENCH_DURATION_S ?? 20),
  limitDurationS: Number(process.env.BENCH_LIMIT_DURATION_S ?? 10),
  concurrency: (process.env.BENCH_CONCURRENCY ?? '1,8,32,128').split(',').map(Number),
  poolSize: process.env.BENCH_POOL_SIZE ? Number(process.env.BENCH_POOL_SIZE) : undefined,
  profile: process.env.BENCH_PROFILE === '1',
};

/** The databases to run on: BENCH_DATABASES, default both (PostgreSQL skipped, loudly, when unreachable). */
export async function databases(): Promise<DatabaseKind[]> {
  const wanted = (process.env.BENCH_DATABASES ?? 'postgres,pglite').split(',') as DatabaseKind[];
  if (wanted.includes('postgres') && !(await postgresReachable())) {
    console.warn('*** PostgreSQL is not reachable (DATABASE_URL): its runs are SKIPPED. ***');
    return wanted.filter((k) => k !== 'postgres');
  }
  return wanted;
}

/** True when the module is the process's entry point (node 20 has no import.meta.main). */
export function isMain(metaUrl: string): boolean {
  return process.argv[1] !== undefined && metaUrl.endsWith(process.argv[1].replace(/\\/g, '/'));
}
