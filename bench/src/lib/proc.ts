import { readdirSync, readFileSync } from 'node:fs';

/** Resident memory of a process, in MB, from /proc (Linux): current and peak (VmHWM). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux this runs on

/**
 * CPU seconds (user + system) a process has used so far; with `children`, plus what its exited
 * and reaped children used (PostgreSQL's postmaster reaps the backends of closed connections).
 */
export function cpuSecondsOf(pid: number, children = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces: split after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const own = Number(fields[11]) + Number(fields[12]);
    const reaped = children ? Number(fields[13]) + Number(fields[14]) : 0;
    return (own + reaped) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by every process named `name` and their reaped children (all of PostgreSQL). */
export function cpuSecondsOfAll(name: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (comm !== name) continue;
      total += cpuSecondsOf(Number(entry), true);
    } catch {
      // the process ended between readdir and read
    }
  }
  return total;
}

/** Samples a process's RSS every `everyMs` until stopped; returns the peak seen. */
export function sampleMemory(pid: number, everyMs = 200): { stop(): number } {
  let peak = memoryOf(pid)?.rssMb ?? 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, memoryOf(pid)?.rssMb ?? 0);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, memoryOf(pid)?.rssMb ?? 0);
    },
  };
}
