import { describe, expect, it } from 'vitest';
import {
  articleParam,
  basisHref,
  basisListText,
  basisText,
  clampPage,
  cleanQuery,
  lawCodeParam,
  likePattern,
  paged,
  parsePage,
  pick,
  refLabel,
  slug,
  Where,
} from './common';
import { href, hasFilters, without } from './url';
import { BOM, csvCell, csvResponse, toCsv } from '../csv';
import { inspectorDisplayStatus } from './labels';
import { checkCertificateInput, normaliseCertificateNo } from './inspectors';

describe('GET parameters', () => {
  it('reads the page as a positive integer and anything else as page 1', () => {
    expect(parsePage('3')).toBe(3);
    expect(parsePage(' 2 ')).toBe(2);
    for (const bad of [null, undefined, '', '0', '-1', 'abc', '1.5', '9999999']) expect(parsePage(bad)).toBe(1);
  });

  it('clamps a page past the end to the last page, and an empty result to page 1', () => {
    expect(clampPage(9, 45, 20)).toBe(3);
    expect(clampPage(2, 45, 20)).toBe(2);
    expect(clampPage(5, 0, 20)).toBe(1);
  });

  it('cleans a search box value: half-width, trimmed, one space, at most 100 characters', () => {
    expect(cleanQuery('　ＣＦ－０００１ ')).toBe('CF-0001');
    expect(cleanQuery('食品   安全')).toBe('食品 安全');
    expect(cleanQuery('   ')).toBeUndefined();
    expect(cleanQuery(null)).toBeUndefined();
    expect(cleanQuery('字'.repeat(300))).toHaveLength(100);
  });

  it('accepts only values of a closed list, agency slugs, law codes and article numbers', () => {
    expect(pick('行政处罚', ['行政处罚', '行政许可'] as const)).toBe('行政处罚');
    expect(pick('行政处', ['行政处罚'] as const)).toBeUndefined();
    expect(slug('Market')).toBe('market');
    expect(slug('../etc')).toBeUndefined();
    expect(lawCodeParam('fl-0001')).toBe('FL-0001');
    expect(lawCodeParam('FL-1')).toBeUndefined();
    expect(articleParam('12')).toBe(12);
    expect(articleParam('0')).toBeUndefined();
    expect(articleParam('12a')).toBeUndefined();
  });

  it('takes the ILIKE wildcards in a query literally', () => {
    expect(likePattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});

describe('Where', () => {
  it('numbers parameters in order and replaces {} with the placeholder', () => {
    const w = new Where().add('a = {}', 1).add('b IS NULL').add('c @> {}::jsonb', '[]');
    expect(w.sql).toBe('WHERE a = $1 AND b IS NULL AND c @> $2::jsonb');
    expect(w.params).toEqual([1, '[]']);
    expect(new Where().sql).toBe('');
  });
});

describe('paging', () => {
  it('reports the positions shown', () => {
    expect(paged(['a', 'b'], 22, 2, 20)).toMatchObject({ pages: 2, from: 21, to: 22 });
    expect(paged([], 0, 1, 20)).toMatchObject({ pages: 1, from: 0, to: 0 });
  });
});

describe('legal basis references', () => {
  const titles = new Map([['FL-0001', '中华人民共和国行政处罚法']]);
  it('links an article into the law library', () => {
    expect(basisHref({ lawCode: 'FL-0001', article: 33 })).toBe('/laws/FL-0001#art-33');
  });
  it('labels article, paragraph and item in Chinese', () => {
    expect(refLabel({ lawCode: 'FL-0001', article: 33 })).toBe('第三十三条');
    expect(refLabel({ lawCode: 'FL-0001', article: 105, paragraph: 2, item: 3 })).toBe('第一百零五条第二款第三项');
  });
  it('names the law by title, or by code when the library lacks it', () => {
    expect(basisText({ lawCode: 'FL-0001', article: 12 }, titles)).toBe('《中华人民共和国行政处罚法》第十二条');
    expect(basisText({ lawCode: 'FL-9999', article: 1 }, titles)).toBe('FL-9999第一条');
    expect(
      basisListText(
        [
          { lawCode: 'FL-0001', article: 1 },
          { lawCode: 'FL-0001', article: 2 },
        ],
        titles,
      ),
    ).toBe('《中华人民共和国行政处罚法》第一条；《中华人民共和国行政处罚法》第二条');
  });
});

describe('stable list URLs', () => {
  it('leaves out empty parameters and page 1, in a fixed order', () => {
    expect(href('/powers', { q: '食品', type: undefined, agency: '', page: 1 })).toBe('/powers?q=%E9%A3%9F%E5%93%81');
    expect(href('/powers', { type: '行政处罚', page: 3 })).toBe(
      '/powers?type=%E8%A1%8C%E6%94%BF%E5%A4%84%E7%BD%9A&page=3',
    );
    expect(href('/laws/FL-0001', {}, 'art-3')).toBe('/laws/FL-0001#art-3');
  });
  it('removing a filter also resets the page', () => {
    expect(without({ q: 'a', type: 'b', page: 4 }, 'type')).toEqual({ q: 'a' });
    expect(hasFilters({ page: 3 })).toBe(false);
    expect(hasFilters({ q: 'x', page: 1 })).toBe(true);
  });
});

describe('CSV', () => {
  it('starts with a byte-order mark, ends lines with CRLF and quotes only when needed', () => {
    const csv = toCsv(
      ['编码', '名称'],
      [
        ['CF-000001', '含,逗号'],
        ['CF-000002', '含"引号"'],
        ['CF-000003', '两行\n文字'],
      ],
    );
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv).toBe(`${BOM}编码,名称\r\nCF-000001,"含,逗号"\r\nCF-000002,"含""引号"""\r\nCF-000003,"两行\n文字"\r\n`);
  });
  it('writes numbers, booleans and empty values plainly', () => {
    expect([1.5, 0, true, false, null, undefined, Number.NaN].map(csvCell)).toEqual([
      '1.5',
      '0',
      '是',
      '否',
      '',
      '',
      '',
    ]);
  });
  it('stops a spreadsheet from running a cell as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });
  it('is served as an attachment with a Chinese file name', async () => {
    const res = csvResponse(toCsv(['a'], [[1]]), '权责清单.csv', 'powers.csv');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="powers.csv"; filename*=UTF-8''${encodeURIComponent('权责清单.csv')}`,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe('enforcement certificates', () => {
  it('normalises what a person types', () => {
    expect(normaliseCertificateNo(' zf 9901-1601 000112 ')).toBe('ZF99011601000112');
    expect(normaliseCertificateNo('ＺＦ９９０１１６０１０００１１２')).toBe('ZF99011601000112');
  });
  it('tells an empty, a malformed and a well-formed number apart', () => {
    expect(checkCertificateInput('')).toEqual({ kind: 'empty' });
    expect(checkCertificateInput('ZF123')).toEqual({ kind: 'invalid', value: 'ZF123' });
    expect(checkCertificateInput('zf99011601000112')).toEqual({
      kind: 'valid-format',
      certificateNo: 'ZF99011601000112',
    });
  });
  it('shows a valid certificate past its date as expired, whatever its stored status says', () => {
    expect(inspectorDisplayStatus('valid', '2026-01-01', '2026-06-01')).toBe('expired');
    expect(inspectorDisplayStatus('valid', '2026-06-01', '2026-06-01')).toBe('valid');
    expect(inspectorDisplayStatus('suspended', '2030-01-01', '2026-06-01')).toBe('suspended');
    expect(inspectorDisplayStatus('revoked', '2020-01-01', '2026-06-01')).toBe('revoked');
  });
});
