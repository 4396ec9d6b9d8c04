import type { ContentFileKey } from '@sunlight/domain/content-files';
import { articleLabel } from '@sunlight/domain/numerals';
import { fieldRef, isObject, str, type Collector, type Labels, type Raw, type Where } from './problems';

/** Credit codes compare without spaces and dashes, in upper case. */
export const normalCreditCode = (code: string) => code.replace(/[\s\u3000-]/g, '').toUpperCase();

/**
 * What the files checked so far hold, for the cross references of the files after them: reference records
 * by id, the enterprises' credit codes and each inspection's agency.
 */
export class References {
  readonly byFile = new Map<ContentFileKey, Map<string, Raw>>();
  readonly enterpriseCodes = new Set<string>();
  readonly inspectionAgency = new Map<string, string>();
  private articleSets: Map<string, Set<number>> | undefined;

  constructor(private readonly out: Collector) {}

  ids(file: ContentFileKey): Map<string, Raw> {
    return this.byFile.get(file) ?? new Map();
  }

  /** Article numbers per law code. */
  private articles(): Map<string, Set<number>> {
    if (this.articleSets) return this.articleSets;
    this.articleSets = new Map();
    for (const [code, law] of this.ids('laws')) {
      const set = new Set<number>();
      if (Array.isArray(law['articles']))
        for (const a of law['articles']) if (isObject(a) && typeof a['number'] === 'number') set.add(a['number']);
      this.articleSets.set(code, set);
    }
    return this.articleSets;
  }

  agency(w: Where, labels: Labels, pathName: string, value: unknown): void {
    const id = str(value);
    const agencies = this.ids('agencies');
    if (id === undefined || agencies.has(id)) return;
    const examples = [...agencies.keys()].slice(0, 3).join('、');
    this.out.add(
      w,
      pathName,
      `${fieldRef(labels, pathName)}：执法主体“${id}”不存在，应为agencies.json中已有的主体标识${examples ? `，如${examples}` : ''}`,
    );
  }

  basis(w: Where, labels: Labels, pathName: string, value: unknown): void {
    if (!Array.isArray(value)) return;
    value.forEach((ref, i) => {
      if (!isObject(ref)) return;
      const code = str(ref['lawCode']);
      const article = ref['article'];
      if (code === undefined || typeof article !== 'number') return;
      const set = this.articles().get(code);
      const p = `${pathName}[${i}]`;
      if (set === undefined) {
        this.out.add(
          w,
          `${p}.lawCode`,
          `${fieldRef(labels, `${p}.lawCode`)}：法律法规编码“${code}”在laws.json中不存在，应为已入库的编码，如FL-0001`,
        );
      } else if (!set.has(article)) {
        const title = str(this.ids('laws').get(code)?.['title']) ?? code;
        const nums = [...set].sort((a, b) => a - b);
        this.out.add(
          w,
          `${p}.article`,
          `${fieldRef(labels, `${p}.article`)}：《${title}》（${code}）没有${Number.isInteger(article) && article > 0 ? articleLabel(article) : `第${article}条`}，应为该法已收录的条号（${nums[0] ?? '-'}–${nums[nums.length - 1] ?? '-'}）`,
        );
      }
    });
  }

  /** A power code (权责事项) that must be in powers.json. */
  power(w: Where, labels: Labels, pathName: string, value: unknown): void {
    const code = str(value);
    if (code === undefined || this.ids('powers').has(code)) return;
    this.out.add(
      w,
      pathName,
      `${fieldRef(labels, pathName)}：权责事项“${code}”在powers.json中不存在，应为其中已有的编码`,
    );
  }
}
