import { describe, expect, it } from 'vitest';
import { chapters, findArticle, linkArticleRefs, parseChineseNumeral } from './laws';
import type { LegalBasis } from '@sunlight/domain/schemas/legal-basis';

describe('Chinese numerals in article references', () => {
  it('reads the numerals used in article numbers', () => {
    const cases: [string, number][] = [
      ['一', 1],
      ['十', 10],
      ['十二', 12],
      ['二十', 20],
      ['三十三', 33],
      ['一百', 100],
      ['一百零五', 105],
      ['一百二十五', 125],
      ['一千零一十', 1010],
      ['两百', 200],
    ];
    for (const [text, n] of cases) expect(parseChineseNumeral(text), text).toBe(n);
  });
  it('rejects what is not a numeral', () => {
    for (const bad of ['', '第十条', '12', '零']) expect(parseChineseNumeral(bad), bad).toBeUndefined();
  });
});

describe('linking 本法第X条 inside article text', () => {
  it('links references to articles the page has and leaves the rest as text', () => {
    const parts = linkArticleRefs(
      '违反本法第七条规定的，依照本条例第十二条处罚；本法第九十九条另有规定的除外。',
      new Set([7, 12]),
    );
    expect(parts).toEqual([
      { text: '违反本法' },
      { text: '第七条', article: 7 },
      { text: '规定的，依照本条例' },
      { text: '第十二条', article: 12 },
      { text: '处罚；本法第九十九条另有规定的除外。' },
    ]);
    expect(parts.map((p) => p.text).join('')).toBe(
      '违反本法第七条规定的，依照本条例第十二条处罚；本法第九十九条另有规定的除外。',
    );
  });
  it('returns the whole text when nothing refers to another article', () => {
    expect(linkArticleRefs('为了规范行政处罚的设定和实施，制定本法。', new Set([1]))).toEqual([
      { text: '为了规范行政处罚的设定和实施，制定本法。' },
    ]);
  });
});

describe('articles and chapters', () => {
  const law = {
    articles: [
      { number: 1, label: '第一条', chapter: '第一章 总则', text: 'a' },
      { number: 2, label: '第二条', chapter: '第一章 总则', text: 'b' },
      { number: 30, label: '第三十条', chapter: '第五章 法律责任', text: 'c' },
      { number: 40, label: '第四十条', text: 'd' },
    ],
  } as LegalBasis;
  it('groups consecutive articles of one chapter', () => {
    expect(chapters(law.articles).map((c) => [c.title, c.articles.length])).toEqual([
      ['第一章 总则', 2],
      ['第五章 法律责任', 1],
      [undefined, 1],
    ]);
  });
  it('finds an article with its neighbours', () => {
    const found = findArticle(law, 30);
    expect(found?.prev?.number).toBe(2);
    expect(found?.next?.number).toBe(40);
    expect(findArticle(law, 3)).toBeUndefined();
  });
});
