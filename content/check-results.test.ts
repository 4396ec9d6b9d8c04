import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkContent, DEFAULT_CONTENT_DIR } from './check.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('inspection results in content', () => {
  it('the sample names only follow-up penalties that exist, and a result naming a missing one is reported', async () => {
    const clean = await checkContent(DEFAULT_CONTENT_DIR);
    expect(clean.filter((p) => p.field === 'penaltyDecisionNo')).toEqual([]);

    const dir = await mkdtemp(join(tmpdir(), 'sunlight-results-'));
    dirs.push(dir);
    await cp(DEFAULT_CONTENT_DIR, dir, { recursive: true });
    const lines = (await readFile(join(dir, 'inspections.ndjson'), 'utf8')).trim().split('\n');
    const at = lines.findIndex((l) => (JSON.parse(l) as { penaltyDecisionNo?: string }).penaltyDecisionNo);
    expect(at).toBeGreaterThanOrEqual(0);
    const record = JSON.parse(lines[at]!) as { id: string; penaltyDecisionNo: string };
    record.penaltyDecisionNo = '滨示无此罚〔2025〕1号';
    lines[at] = JSON.stringify(record);
    await writeFile(join(dir, 'inspections.ndjson'), lines.join('\n') + '\n');
    const problems = (await checkContent(dir)).filter((p) => p.field === 'penaltyDecisionNo');
    expect(problems).toEqual([expect.objectContaining({ line: at + 1, recordId: record.id, severity: 'warning' })]);
    expect(problems[0]!.message).toContain('滨示无此罚〔2025〕1号');
  });
});
