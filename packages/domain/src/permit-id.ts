import { createHash } from 'node:crypto';

/**
 * The stable public id of a permit: the same (agency, 文书号) always gets the same id, prefixed 'p'
 * (penalties are 'd'). Agency ingest and the sample generator both derive it here.
 */
export function permitId(agencyId: string, decisionNo: string): string {
  const hash = createHash('sha256').update(`permit\n${agencyId}\n${decisionNo}`).digest();
  let n = 0n;
  for (const byte of hash.subarray(0, 10)) n = (n << 8n) | BigInt(byte);
  return `p${n.toString(36).padStart(15, '0').slice(0, 15)}`;
}
