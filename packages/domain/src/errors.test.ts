import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  chineseErrorMap,
  describeIssue,
  formatIssues,
  labelFor,
  suggestField,
  useChineseErrors,
  validate,
} from './errors';
import { agencyFieldLabels, AgencySchema } from './schemas/agency';
import { disclosureFieldLabels, DisclosureInputSchema } from './schemas/disclosure';
import { powerItemFieldLabels } from './schemas/power-item';
import { disclosureInput } from './testing/fixtures';

describe('formatIssues', () => {
  it('names file, record, id, Chinese label and path, and says what is valid', () => {
    const r = AgencySchema.safeParse({ id: 'scjgj' });
    expect(r.success).toBe(false);
    if (r.success) return;
    const lines = formatIssues(r.error, {
      file: 'content/sample/agencies.json',
      record: 3,
      id: 'scjgj',
      labels: agencyFieldLabels,
    });
    expect(lines).toContain(
      'content/sample/agencies.json 第3条（id=scjgj）字段「执法主体名称」(name)：必填，不能缺少；应为文本',
    );
    expect(lines).toContainEqual(
      expect.stringContaining('字段「层级」(level)：必填，不能缺少；应为以下之一：区级、街道、镇、开发区'),
    );
    expect(lines.length).toBe(r.error.issues.length);
  });

  it('accepts a ready-made locator such as an NDJSON line', () => {
    const r = DisclosureInputSchema.safeParse(disclosureInput({ decisionDate: '2024-02-30' }));
    if (r.success) throw new Error('expected failure');
    expect(formatIssues(r.error, { file: 'batch.ndjson', record: '第12行', labels: disclosureFieldLabels })).toEqual([
      'batch.ndjson 第12行字段「处罚决定日期」(decisionDate)：应为YYYY-MM-DD格式的真实日期，如2025-03-18',
    ]);
  });

  it('labels nested array paths by their dotted name', () => {
    expect(labelFor(['basis', 2, 'lawCode'], powerItemFieldLabels)).toBe('法律法规编码');
    expect(labelFor(['responsibilities', 1], powerItemFieldLabels)).toBe('责任事项');
    expect(labelFor(['nothing'], powerItemFieldLabels)).toBeUndefined();
  });

  it('suggests the intended field for a misspelt key', () => {
    const r = DisclosureInputSchema.safeParse({ ...disclosureInput(), fineAmout: 6 });
    if (r.success) throw new Error('expected failure');
    expect(formatIssues(r.error, { labels: disclosureFieldLabels })).toEqual([
      '记录：有未定义的字段“fineAmout”（是否应为“fineAmount”，即「罚款金额（万元）」？），请删除或改正拼写',
    ]);
    expect(suggestField('xyzzy', ['name', 'code'])).toBeUndefined();
  });

  it('falls back to the path when no label is known', () => {
    const r = z.strictObject({ n: z.number() }).safeParse({ n: 'x' });
    if (r.success) throw new Error('expected failure');
    expect(formatIssues(r.error)).toEqual(['字段「n」(n)：应为数字']);
  });
});

describe('Chinese default messages', () => {
  const schema = z.strictObject({
    name: z.string().min(2),
    tags: z.array(z.string()).max(1),
    kind: z.enum(['a', 'b']),
    at: z.iso.datetime(),
  });
  const bad = { tags: ['x', 'y'], kind: 'c', at: 'yesterday', extra: 1 };

  it('translates zod defaults when formatting', () => {
    const r = schema.safeParse(bad);
    if (r.success) throw new Error('expected failure');
    expect(r.error.issues.map(describeIssue)).toEqual([
      '必填，不能缺少',
      '不超过1项',
      '应为以下之一：a、b',
      expect.stringContaining('ISO 8601'),
      '有未定义的字段：extra',
    ]);
  });

  it('chineseErrorMap gives Chinese messages at parse time', () => {
    const r = schema.safeParse({ ...bad, name: 'x' }, { error: chineseErrorMap });
    if (r.success) throw new Error('expected failure');
    expect(r.error.issues.map((i) => i.message)).toEqual([
      '至少2个字符',
      '不超过1项',
      '应为以下之一：a、b',
      expect.stringContaining('ISO 8601'),
      '有未定义的字段：extra',
    ]);
  });

  it('validate returns data or every message', () => {
    expect(validate(AgencySchema, {}, { labels: agencyFieldLabels })).toMatchObject({
      ok: false,
      messages: expect.arrayContaining([expect.stringContaining('「办公地址」')]),
    });
    const ok = validate(DisclosureInputSchema, disclosureInput());
    expect(ok.ok).toBe(true);
  });
});

describe('useChineseErrors', () => {
  afterEach(() => z.config({ customError: undefined }));
  it('makes Chinese the global default', () => {
    useChineseErrors();
    const r = z.object({ n: z.number().max(3) }).safeParse({ n: 4 });
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual(['应不大于3']);
  });
});
