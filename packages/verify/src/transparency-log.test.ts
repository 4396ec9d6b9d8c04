import { describe, expect, it } from 'vitest';
import { sigstoreAcceptsInclusion } from '../../../tests/helpers/sigstore-merkle';
import { base64Decode, base64Encode, bytesToHex, hexToBytes, utf8Encode } from './base64url';
import vectors from './testdata/transparency-dev-merkle.json';
import {
  consistencyPath,
  decodeHashPath,
  EMPTY_ROOT_HASH,
  encodeHashPath,
  inclusionPath,
  leafHash,
  nodeHash,
  perfectSubtrees,
  rootFromLeafHashes,
  subtreeHashFromPerfect,
  verifyConsistency,
  verifyInclusion,
  type SubtreeHash,
} from './transparency-log';

const hex = (text: string) => hexToBytes(text)!;
const b64 = (text: string) => base64Decode(text) ?? new Uint8Array(0);

// Independent implementation: transparency-dev/merkle (Google's RFC 6962 / 9162 reference, Go),
// testonly/constants.go at commit 417fb0c314750d94e53942e9f92e79b6d35915db: LeafInputs, NodeHashes, RootHashes.
const leafInputs = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const referenceLeafHashes = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
  '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
  '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
  'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
  '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
  'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
  '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
];
const referenceLevel1 = [
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
  '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
  'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
];
const referenceRoots = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** A log as the server would keep it: only perfect subtrees are stored; anything else is an error. */
function logOf(leaves: readonly Uint8Array[]) {
  const hashes = leaves.map(leafHash);
  const perfect = new Map<string, Uint8Array>();
  const store = (start: number, end: number): Uint8Array => {
    const h =
      end - start === 1 ? hashes[start]! : nodeHash(store(start, (start + end) / 2), store((start + end) / 2, end));
    perfect.set(`${start}-${end}`, h);
    return h;
  };
  for (const [s, e] of perfectSubtrees(0, hashes.length)) store(s, e);
  const lookups: string[] = [];
  const perfectHash: SubtreeHash = (start, end) => {
    const h = perfect.get(`${start}-${end}`);
    if (!h) throw new Error(`not a stored perfect subtree: [${start}, ${end})`);
    lookups.push(`${start}-${end}`);
    return h;
  };
  return { hashes, subtreeHash: subtreeHashFromPerfect(perfectHash), lookups };
}

const testLeaves = (n: number) => Array.from({ length: n }, (_, i) => utf8Encode(`执法公示事件 ${i}`));
const bigLog = logOf(testLeaves(70));
const roots = Array.from({ length: 71 }, (_, n) => rootFromLeafHashes(bigLog.hashes.slice(0, n)));
const rootOf = (n: number) => roots[n]!;
const flipped = (path: Uint8Array[], entry: number, byte: number) =>
  path.map((h, j) => (j === entry ? h.map((b, k) => (k === byte ? b ^ 1 : b)) : h));

describe('RFC 9162 tree hashing against transparency-dev/merkle', () => {
  const reference = logOf(leafInputs.map(hex));

  it('hashes leaves, nodes and roots of every size 0–8 as the reference does', () => {
    expect(reference.hashes.map(bytesToHex)).toEqual(referenceLeafHashes);
    expect([0, 2, 4, 6].map((i) => bytesToHex(nodeHash(reference.hashes[i]!, reference.hashes[i + 1]!)))).toEqual(
      referenceLevel1,
    );
    for (let n = 0; n <= 8; n++) {
      expect(bytesToHex(rootFromLeafHashes(reference.hashes.slice(0, n)))).toBe(referenceRoots[n]);
      if (n > 0) expect(bytesToHex(reference.subtreeHash(0, n))).toBe(referenceRoots[n]);
    }
    expect(bytesToHex(EMPTY_ROOT_HASH)).toBe(referenceRoots[0]);
  });

  // The reference compares equal-size tree heads byte for byte whatever their length; we refuse a
  // tree head that is not a 32-byte hash.
  const stricterThanReference = new Set(['consistency/additional/sizes-are-equal-one-and-proof-is-empty.json']);

  // testdata/{inclusion,consistency}/**/*.json of the same commit, copied unchanged into one file.
  it.each(vectors.inclusion.map((v) => [v.file, v] as const))('inclusion %s', (_, v) => {
    const proof = (v.proof ?? []).map(b64);
    const rootHash = b64(v.root);
    const result = verifyInclusion({
      leafIndex: v.leafIdx,
      treeSize: v.treeSize,
      leafHash: b64(v.leafHash),
      inclusionPath: proof,
      rootHash,
    });
    expect(result.ok).toBe(!v.wantErr);
  });

  it.each(vectors.consistency.map((v) => [v.file, v] as const))('consistency %s', (_, v) => {
    const proof = (v.proof ?? []).map(b64);
    const [firstHash, secondHash] = [b64(v.root1), b64(v.root2)];
    const result = verifyConsistency({
      first: v.size1,
      second: v.size2,
      firstHash,
      secondHash,
      consistencyPath: proof,
    });
    if (stricterThanReference.has(v.file)) expect(result).toEqual({ ok: false, failure: 'bad_hash_length' });
    else expect(result.ok).toBe(!v.wantErr);
  });

  it('generates exactly the proofs of the reference happy paths over the eight leaves', () => {
    const inclusions = vectors.inclusion.filter(
      (v) => !v.wantErr && b64(v.root).length > 0 && bytesToHex(b64(v.root)) === referenceRoots[v.treeSize],
    );
    const consistencies = vectors.consistency.filter((v) => !v.wantErr && v.size1 < v.size2);
    expect([inclusions.length, consistencies.length]).toEqual([5, 4]);
    for (const v of inclusions) {
      expect(bytesToHex(b64(v.leafHash))).toBe(referenceLeafHashes[v.leafIdx]);
      expect(encodeHashPath(inclusionPath(v.leafIdx, v.treeSize, reference.subtreeHash))).toEqual(v.proof ?? []);
    }
    for (const v of consistencies) {
      expect([bytesToHex(b64(v.root1)), bytesToHex(b64(v.root2))]).toEqual([
        referenceRoots[v.size1],
        referenceRoots[v.size2],
      ]);
      expect(encodeHashPath(consistencyPath(v.size1, v.size2, reference.subtreeHash))).toEqual(v.proof ?? []);
    }
  });
});

describe('proofs for every tree size 1–70', () => {
  it('inclusion: every index verifies; a flipped byte, another index, another tree head or a cut path fail', () => {
    for (let n = 1; n <= 70; n++) {
      const rootHash = rootOf(n);
      for (let i = 0; i < n; i++) {
        bigLog.lookups.length = 0;
        const path = inclusionPath(i, n, bigLog.subtreeHash);
        const leaf = bigLog.hashes[i]!;
        expect(bigLog.lookups.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(n)) + 1);
        const check = (over: Partial<Parameters<typeof verifyInclusion>[0]>) =>
          verifyInclusion({ leafIndex: i, treeSize: n, leafHash: leaf, inclusionPath: path, rootHash, ...over }).ok;
        expect(check({}), `${i} in ${n}`).toBe(true);
        path.forEach((_, j) => expect(check({ inclusionPath: flipped(path, j, (i + j) % 32) })).toBe(false));
        expect(check({ leafHash: flipped([leaf], 0, 31)[0] })).toBe(false);
        expect(check({ rootHash: flipped([rootHash], 0, 0)[0] })).toBe(false);
        for (const j of [i - 1, i + 1, n]) if (j >= 0) expect(check({ leafIndex: j }), `index ${j}`).toBe(false);
        for (const m of [i + 1, n - 1, n + 1, 2 * n]) {
          if (m > i && m !== n && m <= 70) expect(check({ treeSize: m, rootHash: rootOf(m) }), `size ${m}`).toBe(false);
        }
        if (path.length > 0) expect(check({ inclusionPath: path.slice(0, -1) })).toBe(false);
        expect(check({ inclusionPath: [...path, rootHash] })).toBe(false);
      }
    }
  });

  it('consistency: every (m, n) verifies; a flipped byte, other sizes, swapped heads or a cut path fail', () => {
    for (let n = 1; n <= 70; n++) {
      const secondHash = rootOf(n);
      for (let m = 1; m <= n; m++) {
        const firstHash = rootOf(m);
        const path = consistencyPath(m, n, bigLog.subtreeHash);
        const check = (over: Partial<Parameters<typeof verifyConsistency>[0]>) =>
          verifyConsistency({ first: m, second: n, firstHash, secondHash, consistencyPath: path, ...over }).ok;
        expect(check({}), `${m} → ${n}`).toBe(true);
        path.forEach((_, j) => expect(check({ consistencyPath: flipped(path, j, (m + j) % 32) })).toBe(false));
        expect(check({ firstHash: flipped([firstHash], 0, 5)[0] })).toBe(false);
        expect(check({ secondHash: flipped([secondHash], 0, 5)[0] })).toBe(false);
        for (const k of [m - 1, m + 1]) {
          if (k >= 1 && k <= 70) expect(check({ first: k, firstHash: rootOf(k) }), `first ${k}`).toBe(false);
        }
        for (const k of [n - 1, n + 1]) {
          if (k >= 1 && k <= 70) expect(check({ second: k, secondHash: rootOf(k) }), `second ${k}`).toBe(false);
        }
        if (m < n) {
          expect(check({ firstHash: secondHash, secondHash: firstHash })).toBe(false);
          expect(check({ consistencyPath: path.slice(0, -1) })).toBe(false);
        }
        expect(check({ consistencyPath: [...path, secondHash] })).toBe(false);
      }
    }
  });

  it('refuses out-of-range sizes instead of guessing', () => {
    const h = rootOf(1);
    expect(
      verifyInclusion({ leafIndex: 0, treeSize: 0, leafHash: h, inclusionPath: [], rootHash: EMPTY_ROOT_HASH }),
    ).toEqual({ ok: false, failure: 'out_of_range' });
    expect(verifyInclusion({ leafIndex: -1, treeSize: 1, leafHash: h, inclusionPath: [], rootHash: h }).ok).toBe(false);
    expect(verifyInclusion({ leafIndex: 0.5, treeSize: 1, leafHash: h, inclusionPath: [], rootHash: h }).ok).toBe(
      false,
    );
    expect(
      verifyInclusion({ leafIndex: 0, treeSize: 1, leafHash: h, inclusionPath: [], rootHash: h.slice(1) }),
    ).toEqual({
      ok: false,
      failure: 'bad_hash_length',
    });
    expect(
      verifyConsistency({ first: 0, second: 1, firstHash: EMPTY_ROOT_HASH, secondHash: h, consistencyPath: [] }).ok,
    ).toBe(false);
    expect(() => inclusionPath(3, 3, bigLog.subtreeHash)).toThrow(RangeError);
    expect(() => consistencyPath(0, 3, bigLog.subtreeHash)).toThrow(RangeError);
    expect(() => consistencyPath(4, 3, bigLog.subtreeHash)).toThrow(RangeError);
  });

  it('names the failing check', () => {
    const path = inclusionPath(5, 9, bigLog.subtreeHash);
    const base = { leafIndex: 5, treeSize: 9, leafHash: bigLog.hashes[5]!, inclusionPath: path, rootHash: rootOf(9) };
    expect(verifyInclusion({ ...base, inclusionPath: path.slice(1) })).toEqual({
      ok: false,
      failure: 'path_too_short',
    });
    expect(verifyInclusion({ ...base, inclusionPath: [...path, path[0]!] })).toEqual({
      ok: false,
      failure: 'path_too_long',
    });
    expect(verifyInclusion({ ...base, rootHash: rootOf(8) })).toEqual({ ok: false, failure: 'root_mismatch' });
    const cpath = consistencyPath(6, 9, bigLog.subtreeHash);
    const cbase = { first: 6, second: 9, firstHash: rootOf(6), secondHash: rootOf(9), consistencyPath: cpath };
    expect(verifyConsistency({ ...cbase, firstHash: rootOf(5) })).toEqual({
      ok: false,
      failure: 'first_root_mismatch',
    });
    expect(verifyConsistency({ ...cbase, secondHash: rootOf(8) })).toEqual({
      ok: false,
      failure: 'second_root_mismatch',
    });
  });
});

describe('perfect subtrees', () => {
  it('decomposes [0, n) into the binary digits of n, largest first', () => {
    expect(perfectSubtrees(0, 13)).toEqual([
      [0, 8],
      [8, 12],
      [12, 13],
    ]);
    expect(perfectSubtrees(0, 64)).toEqual([[0, 64]]);
    for (let n = 1; n <= 70; n++) {
      const parts = perfectSubtrees(0, n);
      expect(parts.map(([s, e]) => e - s).reduce((a, b) => a + b, 0)).toBe(n);
      expect(parts.length).toBe(n.toString(2).replace(/0/g, '').length);
    }
  });
});

// Second independent implementation: Sigstore's RFC 6962 inclusion verifier (tests/helpers/sigstore-merkle.ts).
describe('cross-check with @sigstore/verify', () => {
  const sigstore = sigstoreAcceptsInclusion;

  it('accepts every proof we generate for sizes 1–70 and refuses a tampered one', () => {
    const leaves = testLeaves(70);
    for (let n = 1; n <= 70; n++) {
      for (let i = 0; i < n; i++) {
        const path = inclusionPath(i, n, bigLog.subtreeHash);
        expect(sigstore(leaves[i]!, i, n, path, rootOf(n)), `${i} in ${n}`).toBe(true);
        if (path.length > 0) expect(sigstore(leaves[i]!, i, n, flipped(path, 0, 7), rootOf(n))).toBe(false);
      }
    }
  });
});

describe('paths as JSON carries them', () => {
  it('standard base64 round-trips and agrees with Buffer', () => {
    for (let n = 0; n <= 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 89 + n * 7) % 256);
      const text = base64Encode(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(base64Decode(text)).toEqual(bytes);
    }
  });

  it('refuses base64url, missing or extra padding and non-canonical forms', () => {
    for (const bad of ['QQ', 'QQ=', 'QQ===', 'Q===', 'QR==', 'Pz8_', 'Pz8-', 'Q Q=', '=QQ=', 'QQ==QQ==']) {
      expect(base64Decode(bad), bad).toBeUndefined();
    }
    expect(base64Decode('Pz8/')).toEqual(Uint8Array.of(63, 63, 63));
  });

  it('decodes a path only when every entry is a 32-byte hash', () => {
    const path = inclusionPath(3, 70, bigLog.subtreeHash);
    const json = JSON.parse(JSON.stringify({ inclusion_path: encodeHashPath(path) })) as { inclusion_path: string[] };
    expect(decodeHashPath(json.inclusion_path)).toEqual(path);
    expect(decodeHashPath([...json.inclusion_path, base64Encode(new Uint8Array(31))])).toBeUndefined();
    expect(decodeHashPath(['not base64!'])).toBeUndefined();
    expect(decodeHashPath([])).toEqual([]);
  });
});
