/**
 * Inspection results of `sunlight content check`: a completed task that names the penalty that followed
 * (penaltyDecisionNo) should name a decision of the same agency in disclosures.ndjson. A warning, not an
 * error: a deployment's penalty may arrive through agency ingest rather than content.
 */
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Problem } from './check.ts';

async function* jsonLines(path: string): AsyncGenerator<{ line: number; value: Record<string, unknown> | null }> {
  if (!existsSync(path)) return;
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line += 1;
    if (text.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(text) as Record<string, unknown> | null };
    } catch {
      // reported by the record checks
    }
  }
}

export async function checkPenaltyReferences(dir: string): Promise<Problem[]> {
  const decisions = new Set<string>();
  for await (const { value } of jsonLines(join(dir, 'disclosures.ndjson')))
    if (typeof value?.agencyId === 'string' && typeof value.decisionNo === 'string')
      decisions.add(`${value.agencyId}|${value.decisionNo}`);
  const problems: Problem[] = [];
  for await (const { line, value } of jsonLines(join(dir, 'inspections.ndjson'))) {
    const no = value?.penaltyDecisionNo;
    if (typeof no !== 'string' || decisions.has(`${String(value?.agencyId)}|${no}`)) continue;
    problems.push({
      file: 'inspections.ndjson',
      line,
      recordId: typeof value?.id === 'string' ? value.id : undefined,
      field: 'penaltyDecisionNo',
      severity: 'warning',
      message: `后续处罚决定书文号“${no}”在disclosures.ndjson中不存在（或不是本机关的决定）：检查结果页将不链接到该处罚`,
    });
  }
  return problems;
}
