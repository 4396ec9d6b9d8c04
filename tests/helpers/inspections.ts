import fs from 'node:fs';
import path from 'node:path';
import { example } from './ingest';
import { ROOT } from './server';

/** China time ISO string of an instant. */
export function chinaIso(t: number): string {
  return `${new Date(Math.floor(t / 1000) * 1000 + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

/**
 * Enterprises of the sample that the sample never inspected: each test issues for its own, so the
 * annual caps never interfere between tests.
 */
export const freshEnterprises: string[] = (() => {
  const dir = path.join(ROOT, 'content/sample');
  const inspected = new Set(
    fs
      .readFileSync(path.join(dir, 'inspections.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { enterpriseCreditCode: string }).enterpriseCreditCode),
  );
  return fs
    .readFileSync(path.join(dir, 'enterprises.ndjson'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { creditCode: string }).creditCode)
    .filter((c) => !inspected.has(c));
})();

/**
 * The committed example task (content/examples/inspection.json) with its window moved to start
 * `startMs` from now and last `lengthMs`, and any field overridden.
 */
export function inspectionExample(
  overrides: Record<string, unknown> = {},
  startMs = -3_600_000,
  lengthMs = 2 * 86_400_000,
): Record<string, unknown> {
  const body = JSON.parse(example('inspection.json')) as Record<string, unknown>;
  const start = Date.now() + startMs;
  return { ...body, windowStart: chinaIso(start), windowEnd: chinaIso(start + lengthMs), ...overrides };
}

export interface Issued {
  certificateNo: string;
  token: string;
  kid: string;
  verifyUrl: string;
  printUrl: string;
  qrSvgUrl: string;
  qrPngUrl: string;
  apiUrl: string;
  validFrom: string;
  validUntil: string;
  flagged: boolean;
  inspectionId: string;
}
