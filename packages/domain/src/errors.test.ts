import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  chineseErrorMap,
  describeFieldErrors,
  describeIssue,
  fieldErrors,
  formatIssues,
  labelFor,
  parameterErrors,
  suggestField,
  useChineseErrors,
  validate,
} from './errors';
import { agencyFieldLabels, AgencySchema } from './schemas/agency';
import { disclosureFieldLabels, DisclosureInputSchema } from './schemas/disclosure';
import { powerItemFieldLabels } from './schemas/power-item';
import { disclosureInput } from './testing/fixtures';
import { sourcesMatching } from './testing/sources';

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

describe('field and parameter errors (problem+json `errors`, forms)', () => {
  const Body = z.strictObject({ reason: z.string().min(5), refs: z.array(z.strictObject({ article: z.number() })) });
  const labels = { reason: '撤回理由', refs: '依据', 'refs.article': '条' };

  it('one entry per field with its Chinese label and a Chinese message; one per unknown key', () => {
    const r = Body.safeParse({ reason: 'x', refs: [{ article: 'a' }], reasn: 'y' });
    expect(r.success).toBe(false);
    const errors = fieldErrors(r.error!, labels);
    expect(errors).toEqual([
      { field: 'reason', label: '撤回理由', message: '至少5个字符' },
      { field: 'refs[0].article', label: '条', message: '应为数字' },
      { field: 'reasn', label: undefined, message: '未定义的字段“reasn”，请删除或改正拼写（字段名见接口文档）' },
    ]);
    expect(describeFieldErrors(errors)).toBe(
      '「撤回理由」(reason)：至少5个字符；「条」(refs[0].article)：应为数字；(reasn)：未定义的字段“reasn”，请删除或改正拼写（字段名见接口文档）',
    );
  });

  it('the whole body when the problem is not one field', () => {
    const r = Body.safeParse('text');
    expect(fieldErrors(r.error!)).toEqual([{ field: '(整条记录)', label: undefined, message: '应为对象' }]);
  });

  it('query parameters: named by the parameter, list items too, unknown ones refused', () => {
    const Query = z.strictObject({
      status: z.array(z.enum(['published', 'corrected'])),
      page: z.coerce.number().int(),
    });
    const r = Query.safeParse({ status: ['gone'], page: 'x', pg: '2' });
    const errors = parameterErrors(r.error!, { status: '状态', page: '页码' });
    expect(errors.map((e) => [e.parameter, e.label])).toEqual([
      ['status', '状态'],
      ['page', '页码'],
      ['pg', undefined],
    ]);
    expect(errors[2]!.message).toBe('不支持的参数：pg');
    expect(describeFieldErrors(errors)).toContain('「页码」(page)：');
  });
});

describe('one field-error formatter', () => {
  it('no other source file turns zod issues into field errors or joins them into a detail itself', () => {
    const own = /unrecognized_keys|\(\$\{e\.(field|parameter)\}\)|\$\{e\.(field|parameter)\}：/;
    expect(sourcesMatching(own, 'packages/domain/src/errors.ts')).toEqual([]);
  });
});
