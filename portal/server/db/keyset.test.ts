import { describe, expect, it } from 'vitest';
import { keysetBatches, type KeyRanges } from './keyset';

/** A table of keys k0001…kNNNN read in batches, noting how many reads are in flight at once. */
function table(n: number, batch: number) {
  const keys = Array.from({ length: n }, (_, i) => `k${String(i + 1).padStart(4, '0')}`);
  const stats = { reads: 0, inFlight: 0, maxInFlight: 0, splitReads: 0 };
  const page = async (after: string, upTo?: string) => {
    stats.reads++;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    await new Promise((r) => setTimeout(r, 1));
    stats.inFlight--;
    const rest = keys.filter((k) => k > after && (upTo === undefined || k <= upTo));
    return (upTo === undefined ? rest.slice(0, batch) : rest).map((id) => ({ id }));
  };
  const splits = async (after: string) => {
    stats.splitReads++;
    const rest = keys.filter((k) => k > after).slice(0, batch * 3);
    return rest.filter((_, i) => (i + 1) % batch === 0);
  };
  return { keys, page, splits, stats };
}

async function all<T>(gen: AsyncGenerator<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const b of gen) out.push(b);
  return out;
}

describe('keysetBatches', () => {
  it('reads every row once, in key order, one batch ahead', async () => {
    const t = table(2500, 1000);
    const batches = await all(keysetBatches(t.page));
    expect(batches.map((b) => b.length)).toEqual([1000, 1000, 500]);
    expect(batches.flat().map((r) => r.id)).toEqual(t.keys);
    expect(t.stats.maxInFlight).toBe(1);
  });

  it.each([2, 3])(
    'with key ranges reads every row once, in key order, %i batches at once and never more',
    async (ahead) => {
      for (const n of [0, 999, 1000, 7000, 7321]) {
        const t = table(n, 1000);
        const ranges: KeyRanges = { splits: t.splits, ahead };
        const batches = await all(keysetBatches(t.page, ranges));
        expect(batches.flat().map((r) => r.id)).toEqual(t.keys);
        expect(batches.every((b) => b.length > 0 && b.length <= 1000)).toBe(true);
        expect(t.stats.maxInFlight).toBeLessThanOrEqual(ahead);
        if (n >= 7000) expect(t.stats.maxInFlight).toBe(ahead);
      }
    },
  );

  it('keeps rows added inside a range after it was marked out', async () => {
    const t = table(3000, 1000);
    const page = async (after: string, upTo?: string) => {
      const rows = await t.page(after, upTo);
      // k1500a arrives after the splits were read: its range (k1000, k2000] now holds 1,001 rows.
      return after === 'k1000' && upTo ? [...rows.slice(0, 500), { id: 'k1500a' }, ...rows.slice(500)] : rows;
    };
    const ids = (await all(keysetBatches(page, { splits: t.splits, ahead: 2 }))).flat().map((r) => r.id);
    expect(ids).toHaveLength(3001);
    expect(ids).toContain('k1500a');
  });

  it('stops reading when the caller stops', async () => {
    const t = table(20_000, 1000);
    const gen = keysetBatches(t.page, { splits: t.splits, ahead: 2 });
    await gen.next();
    await gen.return(undefined);
    await new Promise((r) => setTimeout(r, 20));
    expect(t.stats.reads).toBeLessThanOrEqual(3);
  });
});
