import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContent, DEFAULT_CONTENT_DIR, type Problem } from './check.ts';

const lines = async (dir: string) =>
  (await readFile(join(dir, 'permits.ndjson'), 'utf8')).split('\n').filter((l) => l !== '');

interface SamplePermit {
  id: string;
  status: string;
  partyType: string;
  partyName: string;
  legalRepresentative?: string;
  validUntil: string;
  decisionNo: string;
  agencyId: string;
  partyIdNumber?: string;
}

describe('sample permits (permits.ndjson)', () => {
  it('are mostly valid on the sample reference date, with persons and operator-named shops to redact', async () => {
    const { referenceDate } = JSON.parse(await readFile(join(DEFAULT_CONTENT_DIR, 'sample-clock.json'), 'utf8')) as {
      referenceDate: string;
    };
    const permits = (await lines(DEFAULT_CONTENT_DIR)).map((l) => JSON.parse(l) as SamplePermit);
    expect(permits.length).toBeGreaterThanOrEqual(500);
    const valid = permits.filter((p) => p.status !== 'withdrawn' && p.validUntil >= referenceDate);
    expect(valid.length / permits.length).toBeGreaterThan(0.8);
    expect(permits.some((p) => p.validUntil < referenceDate)).toBe(true);
    expect(new Set(permits.map((p) => p.status))).toEqual(new Set(['published', 'corrected', 'withdrawn']));
    expect(permits.filter((p) => p.partyType === '自然人').every((p) => p.partyIdNumber)).toBe(true);
    expect(permits.some((p) => p.partyType === '个体工商户' && p.partyName === p.legalRepresentative)).toBe(true);
    expect(permits.every((p) => p.id.startsWith('p'))).toBe(true);
  });
});

describe('a broken copy of permits.ndjson', () => {
  let dir: string;
  let problems: Problem[];
  let first: SamplePermit;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sunlight-permits-'));
    await cp(DEFAULT_CONTENT_DIR, dir, { recursive: true });
    const rows = await lines(dir);
    first = JSON.parse(rows[0]!) as SamplePermit;
    const wrongId = { ...first, id: 'p000000000000000' };
    const duplicate = JSON.parse(rows[2]!) as SamplePermit;
    duplicate.decisionNo = (JSON.parse(rows[1]!) as SamplePermit).decisionNo;
    duplicate.agencyId = (JSON.parse(rows[1]!) as SamplePermit).agencyId;
    const noAgency = { ...(JSON.parse(rows[3]!) as SamplePermit), agencyId: 'nowhere' };
    const person = rows.map((l) => JSON.parse(l) as SamplePermit).find((p) => p.partyType === '自然人')!;
    delete person.partyIdNumber;
    const out = [
      JSON.stringify(wrongId),
      rows[1]!,
      JSON.stringify(duplicate),
      JSON.stringify(noAgency),
      JSON.stringify(person),
    ];
    await writeFile(join(dir, 'permits.ndjson'), out.join('\n') + '\n');
    problems = (await checkContent(dir)).filter((p) => p.file === 'permits.ndjson');
  }, 120_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names the line, field and fix of each problem', () => {
    const at = (line: number, field: string) => problems.find((p) => p.line === line && p.field === field);
    expect(at(1, 'id')?.message).toContain(`应为“${first.id}”`);
    expect(at(3, 'decisionNo')?.message).toContain('重复');
    expect(at(4, 'agencyId')).toBeDefined();
    expect(at(5, 'partyIdNumber')?.message).toContain('自然人');
  });
});
