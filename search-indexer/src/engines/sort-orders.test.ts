import { describe, expect, it } from 'vitest';
import { fixtureDocs } from '../../test/fixture';
import { parseQuery, type SearchQuery, type SearchQueryInput } from '../query';
import type { SearchDoc } from '../types';
import { EmbeddedEngine } from './embedded';

function q(input: SearchQueryInput): SearchQuery {
  const parsed = parseQuery(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.query;
}

/** The full expected order, computed independently of the engine. */
function expected(docs: SearchDoc[], key: (d: SearchDoc) => number, desc: boolean): string[] {
  const ord = new Map(docs.map((d, i) => [d.id, i]));
  return [...docs]
    .sort((a, b) => (desc ? 1 : -1) * (key(b) - key(a) || ord.get(b.id)! - ord.get(a.id)!))
    .map((d) => d.id);
}

describe('cached sort orders of a broad query follow small updates (the change feed)', () => {
  const date = (d: SearchDoc) => Date.parse(d.decisionDate);

  it('a new, changed or removed decision takes its place in date and amount order at once', async () => {
    const docs = fixtureDocs(3000); // over 2,000 matches: the engine walks its cached global orders
    const engine = new EmbeddedEngine();
    await engine.upsert(docs);
    const first = async (sort: SearchQuery['sort'], pageSize = 50) =>
      (await engine.search(q({ sort, pageSize, highlight: false }))).hits.map((h) => h.id);
    // Warm both caches.
    expect(await first('date_desc')).toEqual(expected(docs, date, true).slice(0, 50));
    expect(await first('amount_desc')).toEqual(expected(docs, (d) => d.fineYuan, true).slice(0, 50));

    const newest = { ...docs[10]!, id: 'doc-new', decisionDate: '2026-12-31', year: 2026, fineYuan: 1 };
    const richest = { ...docs[20]!, version: docs[20]!.version + 1, fineYuan: 9_999_999 };
    await engine.upsert([newest, richest]);
    await engine.remove([docs[30]!.id]);
    const now = [...docs.filter((d) => d.id !== richest.id && d.id !== docs[30]!.id), newest, richest];

    expect((await first('date_desc'))[0]).toBe('doc-new');
    expect((await first('amount_desc'))[0]).toBe(richest.id);
    expect(await first('date_desc')).toEqual(expected(now, date, true).slice(0, 50));
    expect(await first('date_asc')).toEqual(expected(now, date, false).slice(0, 50));
    expect(await first('amount_desc')).toEqual(expected(now, (d) => d.fineYuan, true).slice(0, 50));
    expect(await first('amount_asc')).toEqual(expected(now, (d) => d.fineYuan, false).slice(0, 50));
    const all = (await engine.search(q({ sort: 'date_desc', pageSize: 100, highlight: false }))).total;
    expect(all).toBe(now.length);
  });
});
