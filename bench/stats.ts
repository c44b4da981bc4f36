/** Small timing helpers for the benchmark scripts (figures, not pass/fail). */
import { performance } from 'node:perf_hooks';

export function time<T>(fn: () => T): { ms: number; result: T } {
  const start = performance.now();
  const result = fn();
  return { ms: performance.now() - start, result };
}

/** Runs fn `runs` times and returns the median and p95 in milliseconds. */
export function sample(runs: number, fn: (i: number) => void): { median: number; p95: number; max: number } {
  const times: number[] = [];
  // start each series from a clean heap (npm run bench passes --expose-gc), so
  // one series does not pay for the garbage of the previous one
  (globalThis as { gc?: () => void }).gc?.();
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    median: times[Math.floor(times.length / 2)],
    p95: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)],
    max: times[times.length - 1],
  };
}

export function fmt(ms: number): string {
  return `${ms.toFixed(2)} ms`;
}

export function line(label: string, value: string, budget?: string): void {
  console.log(`  ${label.padEnd(58)} ${value.padStart(12)}${budget ? `   (budget ${budget})` : ''}`);
}

/**
 * Like {@link sample}, in CPU time of this process (user + system): the figure
 * without the other processes of a busy machine (wall time on a loaded
 * machine measures the machine, not the code).
 */
export function cpuSample(runs: number, fn: (i: number) => void): { median: number; p95: number; max: number } {
  const times: number[] = [];
  (globalThis as { gc?: () => void }).gc?.();
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    fn(i);
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return {
    median: times[Math.floor(times.length / 2)],
    p95: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)],
    max: times[times.length - 1],
  };
}
