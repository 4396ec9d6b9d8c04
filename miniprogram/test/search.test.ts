import { describe, expect, it } from 'vitest';
import { parseQueryString } from '@sunlight/search-indexer/query';
import { resolveConfig } from '../src/lib/config';
import { emptySearch, formatYuan, parseSearchAnswer, toQuery, toQueryString } from '../src/lib/search';

const NOW = Date.parse('2026-11-22T10:00:00+08:00');

describe('公示查询 speaks the portal query model', () => {
  it('builds query strings the model parses to the same query', () => {
    const forms = [
      emptySearch(),
      { ...emptySearch(), q: '  食品 经营 ' },
      {
        q: '91990116E1HKN4XBFH',
        field: '市场监管',
        category: '罚款',
        period: '1y' as const,
        sort: 'date_desc' as const,
        page: 3,
      },
      { ...emptySearch(), period: '3y' as const, sort: 'amount_desc' as const },
    ];
    for (const form of forms) {
      const qs = toQueryString(toQuery(form, NOW));
      const parsed = parseQueryString(qs);
      expect(parsed.ok, qs).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.query.pageSize).toBe(10);
      expect(parsed.query.highlight).toBe(false);
      expect(parsed.query.q).toBe(form.q.trim().replace(/\s+/g, ' '));
      if (form.field) expect(parsed.query.field).toEqual([form.field]);
      if (form.category) expect(parsed.query.category).toEqual([form.category]);
      expect(parsed.query.sort).toBe(form.sort);
      expect(parsed.query.page).toBe(form.page);
    }
  });

  it('turns periods into a decision-date lower bound (China date)', () => {
    expect(toQuery({ ...emptySearch(), period: '1y' }, NOW).dateFrom).toBe('2025-11-22');
    expect(toQuery({ ...emptySearch(), period: '3y' }, NOW).dateFrom).toBe('2023-11-22');
    expect(toQuery(emptySearch(), NOW).dateFrom).toBeUndefined();
  });

  it('reads an answer defensively', () => {
    expect(parseSearchAnswer(null)).toEqual({ total: 0, page: 1, pageSize: 10, hits: [] });
    const a = parseSearchAnswer({
      total: 1,
      page: 1,
      pageSize: 10,
      hits: [{ id: 'cf-1', partyName: '某公司', categories: ['罚款'], fineYuan: 51000 }],
    });
    expect(a.hits[0]).toMatchObject({ id: 'cf-1', partyName: '某公司', decisionNo: '', fineYuan: 51000 });
    expect(formatYuan(51000)).toBe('5.1 万元');
    expect(formatYuan(800)).toBe('800 元');
    expect(formatYuan(0)).toBe('');
  });
});

describe('configuration', () => {
  it('defaults to the local portal and accepts its QR codes', () => {
    expect(resolveConfig({})).toMatchObject({
      apiBase: 'http://localhost:4321',
      siteOrigins: ['http://localhost:4321'],
    });
  });

  it('takes the build-time address, and an h5 run-time override before it', () => {
    const build = { apiBase: 'https://api.example.gov.cn/', siteUrls: ['https://sunlight.example.gov.cn'] };
    expect(resolveConfig(build)).toMatchObject({
      apiBase: 'https://api.example.gov.cn',
      siteOrigins: ['https://sunlight.example.gov.cn', 'https://api.example.gov.cn'],
    });
    expect(resolveConfig(build, { apiBase: 'http://127.0.0.1:4411' })).toMatchObject({
      apiBase: 'http://127.0.0.1:4411',
      siteOrigins: ['https://sunlight.example.gov.cn', 'http://127.0.0.1:4411'],
    });
  });
});
