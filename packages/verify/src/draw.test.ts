import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  beaconSeed,
  checkDraw,
  DRAW_ALGORITHM,
  drawCommitment,
  drawInputsHash,
  DrawRandom,
  runDraw,
  type DrawInputs,
} from './draw';

const seed = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
const inputs: DrawInputs = {
  agencyId: 'market',
  itemCodes: ['JCSX-000002', 'JCSX-000001'],
  enterprisePool: Array.from({ length: 40 }, (_, i) => `91990116${String(i).padStart(10, '0')}`).reverse(),
  inspectorPool: ['insp-market-003', 'insp-market-001', 'insp-market-002', 'insp-market-004'],
  enterpriseCount: 5,
  inspectorsPerEnterprise: 2,
};

describe('draw sunlight-draw-v1', () => {
  it('gives the same result for the same inputs and seed, whatever the pools’ order', () => {
    const one = runDraw(inputs, seed);
    const two = runDraw({ ...inputs, enterprisePool: [...inputs.enterprisePool].sort() }, seed);
    expect(two).toEqual(one);
    expect(one.assignments).toHaveLength(5);
    expect(new Set(one.assignments.map((a) => a.enterpriseCreditCode)).size).toBe(5);
    for (const a of one.assignments) {
      expect(a.inspectorIds).toHaveLength(2);
      expect(new Set(a.inspectorIds).size).toBe(2);
    }
  });

  it('is pinned: a published draw stays reproducible across versions', () => {
    expect(
      runDraw(inputs, seed).assignments.map(
        (a) => a.enterpriseCreditCode.slice(-2) + ':' + a.inspectorIds.map((i) => i.slice(-1)).join(''),
      ),
    ).toMatchInlineSnapshot(`
      [
        "06:14",
        "32:42",
        "05:42",
        "04:41",
        "14:14",
      ]
    `);
  });

  it('changes with the seed', () => {
    const other = seed.replace(/^00/, '01');
    expect(runDraw(inputs, other)).not.toEqual(runDraw(inputs, seed));
  });

  it('commits to the seed with SHA-256, and hashes the canonical inputs', () => {
    expect(drawCommitment(seed)).toBe(createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex'));
    expect(drawInputsHash({ ...inputs, itemCodes: ['JCSX-000001', 'JCSX-000002'] })).toBe(drawInputsHash(inputs));
    expect(drawInputsHash({ ...inputs, enterpriseCount: 6 })).not.toBe(drawInputsHash(inputs));
  });

  it('checkDraw confirms a genuine record and catches an altered one', () => {
    const result = runDraw(inputs, seed);
    const published = { inputs, seed, commitment: drawCommitment(seed), inputsHash: drawInputsHash(inputs), result };
    expect(checkDraw(published)).toMatchObject({
      commitmentMatches: true,
      inputsHashMatches: true,
      resultMatches: true,
    });
    const chosen = new Set(result.assignments.map((a) => a.enterpriseCreditCode));
    const swapped = structuredClone(result);
    swapped.assignments[0]!.enterpriseCreditCode = inputs.enterprisePool.find((c) => !chosen.has(c))!;
    expect(checkDraw({ ...published, result: swapped }).resultMatches).toBe(false);
    expect(checkDraw({ ...published, seed: seed.replace(/f$/, 'e') }).commitmentMatches).toBe(false);
  });

  it('draws uniformly (every position equally likely, within sampling error)', () => {
    const counts = new Array(7).fill(0) as number[];
    const random = new DrawRandom(new Uint8Array(32).fill(7));
    for (let i = 0; i < 70_000; i++) counts[random.below(7)]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('takes the whole pool when it is smaller than the count', () => {
    const r = runDraw({ ...inputs, enterprisePool: ['A', 'B'], enterpriseCount: 5 }, seed);
    expect(r.assignments.map((a) => a.enterpriseCreditCode).sort()).toEqual(['A', 'B']);
  });
});

describe('draw sunlight-draw-v2 (seed from the committed secret and a later log head)', () => {
  const root = (byte: number) => Buffer.alloc(32, byte).toString('base64');
  it('runs on SHA-256(secret ‖ root): another head gives another result, as the spec computes it', () => {
    const expected = createHash('sha256').update(Buffer.from(seed, 'hex')).update(Buffer.alloc(32, 1)).digest('hex');
    expect(beaconSeed(seed, root(1))).toBe(expected);
    const one = runDraw(inputs, beaconSeed(seed, root(1)), DRAW_ALGORITHM);
    const two = runDraw(inputs, beaconSeed(seed, root(2)), DRAW_ALGORITHM);
    expect(one.algorithm).toBe('sunlight-draw-v2');
    expect(one.assignments).not.toEqual(two.assignments);
  });
  it('the check recomputes with the beacon; a result computed from another head, or without one, fails', () => {
    const published = {
      inputs,
      seed,
      commitment: drawCommitment(seed),
      inputsHash: drawInputsHash(inputs),
      algorithm: DRAW_ALGORITHM,
      result: runDraw(inputs, beaconSeed(seed, root(1)), DRAW_ALGORITHM),
    };
    expect(checkDraw({ ...published, beacon: { sha256_root_hash: root(1) } }).resultMatches).toBe(true);
    expect(checkDraw({ ...published, beacon: { sha256_root_hash: root(2) } }).resultMatches).toBe(false);
    expect(() => checkDraw(published)).toThrow(/beacon/);
  });
});
