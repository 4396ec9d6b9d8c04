import { describe, expect, it } from 'vitest';
import { Cache, perDatabase } from './cache';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('Cache', () => {
  it('keeps a value for its lifetime and no longer', () => {
    const c = clock();
    const cache = new Cache<string, number>({ ttlMs: 60_000, max: 10, now: c.now });
    cache.set('a', 1);
    c.advance(59_999);
    expect(cache.get('a')).toBe(1);
    c.advance(2);
    expect(cache.get('a')).toBeUndefined();
  });

  it('drops the least recently used entry when full', () => {
    const cache = new Cache<string, number>({ ttlMs: 60_000, max: 2 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
  });

  it('with a byte budget drops the least recently used until the rest fits, and keeps nothing larger than it', () => {
    const cache = new Cache<string, string>({ ttlMs: 60_000, max: 100, maxBytes: 10, sizeOf: (v) => v.length });
    cache.set('a', 'aaaa');
    cache.set('b', 'bbbb');
    cache.get('a');
    cache.set('c', 'cccc');
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['aaaa', undefined, 'cccc']);
    cache.set('d', 'd'.repeat(11));
    expect(cache.get('d')).toBeUndefined();
  });

  it('with a lifetime of 0 keeps nothing (every read goes to the database)', async () => {
    const cache = new Cache<string, number>({ ttlMs: 0, max: 10 });
    cache.set('a', 1);
    expect(cache.get('a')).toBeUndefined();
    let loads = 0;
    await cache.remember('a', async () => ++loads);
    await cache.remember('a', async () => ++loads);
    expect(loads).toBe(2);
  });

  it('keeps null as a value', async () => {
    const cache = new Cache<string, string | null>({ ttlMs: 60_000, max: 10 });
    let loads = 0;
    const load = async () => (loads++, null);
    expect(await cache.remember('unknown key', load)).toBeNull();
    expect(await cache.remember('unknown key', load)).toBeNull();
    expect(loads).toBe(1);
  });

  it('remember: callers asking meanwhile share one load; undefined and failures are not kept', async () => {
    const cache = new Cache<string, number>({ ttlMs: 60_000, max: 10 });
    const d = deferred<number>();
    let loads = 0;
    const load = () => (loads++, d.promise);
    const both = Promise.all([cache.remember('a', load), cache.remember('a', load)]);
    d.resolve(7);
    expect(await both).toEqual([7, 7]);
    expect(loads).toBe(1);
    expect(cache.get('a')).toBe(7);

    expect(await cache.remember('missing', async () => undefined)).toBeUndefined();
    expect(await cache.remember('missing', async () => 3)).toBe(3);

    await expect(cache.remember('broken', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.remember('broken', async () => 4)).toBe(4);
  });

  it('a value forgotten while it loads is not kept (a revocation during a lookup wins)', async () => {
    const cache = new Cache<string, string>({ ttlMs: 60_000, max: 10 });
    const d = deferred<string>();
    const stale = cache.remember('JCZ-1', () => d.promise);
    cache.delete('JCZ-1');
    d.resolve('valid');
    expect(await stale).toBe('valid');
    expect(await cache.remember('JCZ-1', async () => 'revoked')).toBe('revoked');
  });

  it('many: loads only the missing keys, in one call', async () => {
    const cache = new Cache<string, string>({ ttlMs: 60_000, max: 10 });
    cache.set('a', 'A');
    const asked: string[][] = [];
    const got = await cache.many(['a', 'b', 'c'], async (missing) => {
      asked.push(missing);
      return new Map(missing.map((k) => [k, k.toUpperCase()]));
    });
    expect(asked).toEqual([['b', 'c']]);
    expect([...got]).toEqual([
      ['a', 'A'],
      ['b', 'B'],
      ['c', 'C'],
    ]);
  });
});

describe('perDatabase', () => {
  it('gives each database handle its own cache', () => {
    const cacheOf = perDatabase(() => new Cache<string, number>({ ttlMs: 60_000, max: 10 }));
    const one = {};
    const other = {};
    cacheOf(one).set('k', 1);
    expect(cacheOf(one).get('k')).toBe(1);
    expect(cacheOf(other).get('k')).toBeUndefined();
  });
});
