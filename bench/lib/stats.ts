import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of a sample (ms), rounded to 0.01 ms. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

export function summarise(samples: number[]): LatencySummary {
  const s = [...samples].sort((a, b) => a - b);
  return {
    count: s.length,
    p50: r2(percentile(s, 50)),
    p95: r2(percentile(s, 95)),
    p99: r2(percentile(s, 99)),
    max: r2(s[s.length - 1] ?? NaN),
    mean: r2(s.reduce((a, b) => a + b, 0) / (s.length || 1)),
  };
}

export function byKind<K extends string>(kinds: K[], samples: number[]): Record<K, LatencySummary> {
  const groups = new Map<K, number[]>();
  kinds.forEach((k, i) => {
    const list = groups.get(k) ?? [];
    list.push(samples[i]!);
    groups.set(k, list);
  });
  return Object.fromEntries(
    [...groups].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, summarise(v)]),
  ) as Record<K, LatencySummary>;
}

export function machine() {
  const c = cpus();
  return {
    cpu: c[0]?.model ?? 'unknown',
    cores: c.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    v8: process.versions.v8,
    /** 1/5/15-minute load average when the results were written: above the core count, other work competed for the CPU. */
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

export const MiB = 2 ** 20;
export const mib = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;

/** Full GC (twice: weak callbacks and finalizers run in between). Needs node --expose-gc. */
export function fullGc(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return false;
  gc();
  gc();
  return true;
}

export function heapUsed(): number {
  fullGc();
  return process.memoryUsage().heapUsed;
}

/** Peak resident set size so far, in bytes (resourceUsage().maxRSS is in KiB). */
export function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

export function arg(name: string, fallback?: string): string | undefined {
  const argv = process.argv.slice(2);
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  const a = argv[i]!;
  if (a.includes('=')) return a.slice(a.indexOf('=') + 1);
  const next = argv[i + 1];
  return next === undefined || next.startsWith('--') ? 'true' : next;
}

export function intArg(name: string, fallback: number): number {
  const v = arg(name);
  if (v === undefined) return fallback;
  const n = Number(v.replace(/_/g, '').replace(/k$/i, '000').replace(/m$/i, '000000'));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got ${v}`);
  return n;
}

export function label(n: number): string {
  if (n % 1_000_000 === 0) return `${n / 1_000_000}m`;
  if (n % 1000 === 0) return `${n / 1000}k`;
  return String(n);
}

/** Line feeds in a chunk, counted natively: a byte-by-byte loop in JS costs a tenth of the export it measures. */
export function countLineFeeds(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}
