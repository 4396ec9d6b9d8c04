import fs from 'node:fs';
import { chinaIso } from '@sunlight/domain/china-time';
import path from 'node:path';
import { example } from './ingest';
import { ROOT } from './server';

export { chinaIso };

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

export interface IssuedFor extends Issued {
  creditCode: string;
}

/**
 * Issues a real certificate (window open now) through the portal at `portalUrl` for a sample enterprise the
 * sample never inspected, trying another one when an annual cap or a busy portal refuses.
 */
export async function issueForFreshEnterprise(
  portalUrl: string,
  bearer: string,
  approverPrefix: string,
): Promise<IssuedFor> {
  let last = '';
  for (let attempt = 0; attempt < 6; attempt++) {
    const creditCode = freshEnterprises[Math.floor(Math.random() * freshEnterprises.length)]!;
    const res = await fetch(`${portalUrl}/api/v1/ingest/inspections`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      // A one-off approver: the supervision workspace's "many certificates from one approver" alert is
      // about real patterns, and other tests read it while certificates are issued here.
      body: JSON.stringify(
        inspectionExample({
          enterpriseCreditCode: creditCode,
          approver: `${approverPrefix}${Math.random().toString(36).slice(2, 8)}`,
        }),
      ),
    });
    const body = (await res.json().catch(() => ({}))) as Issued;
    if (res.status === 201) return { ...body, creditCode };
    last = `${res.status} ${JSON.stringify(body)}`;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`could not issue a certificate: ${last}`);
}
