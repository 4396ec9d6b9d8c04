import { sha256 } from '@noble/hashes/sha2.js';
import { base64Decode, base64Encode, concatBytes, equalBytes } from './base64url';

/**
 * Merkle tree hashing and proofs of the transparency log, exactly as RFC 9162 §2.1 (Certificate
 * Transparency 2.0, same tree as RFC 6962): SHA-256, leaf hash `H(0x00 ‖ leaf)`, node hash
 * `H(0x01 ‖ left ‖ right)`. Sizes and indexes are plain numbers (safe up to 2^53); no bitwise
 * operators, which would wrap at 2^31.
 */

export const HASH_SIZE = 32;

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT_HASH: Uint8Array = sha256(new Uint8Array(0));

export function leafHash(leaf: Uint8Array): Uint8Array {
  return sha256(concatBytes(Uint8Array.of(0), leaf));
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(concatBytes(Uint8Array.of(1), left, right));
}

/** k: the largest power of two smaller than n (n > 1), where RFC 9162 splits D[0:n]. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[0:n]) from the leaf hashes (RFC 9162 §2.1.1). */
export function rootFromLeafHashes(hashes: readonly Uint8Array[]): Uint8Array {
  if (hashes.length === 0) return EMPTY_ROOT_HASH;
  if (hashes.length === 1) return hashes[0]!;
  const k = splitPoint(hashes.length);
  return nodeHash(rootFromLeafHashes(hashes.slice(0, k)), rootFromLeafHashes(hashes.slice(k)));
}

/** MTH(D[start:end]); the proofs below only ask for ranges that are subtrees of the tree. */
export type SubtreeHash = (start: number, end: number) => Uint8Array;

/**
 * [start, end) as perfect subtrees (size a power of two, start a multiple of it), greedily from the
 * left. For [0, n) they are the bits of n, largest first: the compact range a log keeps while appending.
 */
export function perfectSubtrees(start: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  while (start < end) {
    let size = 1;
    while (start % (size * 2) === 0 && start + size * 2 <= end) size *= 2;
    out.push([start, start + size]);
    start += size;
  }
  return out;
}

/**
 * A SubtreeHash for every range the proofs ask for, built from stored perfect subtrees only. Those
 * ranges start at a multiple of a power of two ≥ their length, so their perfect subtrees shrink from
 * left to right and MTH is the right fold of them.
 */
export function subtreeHashFromPerfect(perfectHash: SubtreeHash): SubtreeHash {
  return (start, end) => {
    const parts = perfectSubtrees(start, end).map(([s, e]) => perfectHash(s, e));
    let hash = parts.pop()!;
    while (parts.length > 0) hash = nodeHash(parts.pop()!, hash);
    return hash;
  };
}

function assertSize(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer`);
}

/** PATH(m, D[0:n]) of RFC 9162 §2.1.3.1, leaf level first. */
export function inclusionPath(index: number, size: number, subtreeHash: SubtreeHash): Uint8Array[] {
  assertSize('index', index);
  assertSize('size', size);
  if (index >= size) throw new RangeError('index must be smaller than size');
  const topDown: Uint8Array[] = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      topDown.push(subtreeHash(start + k, end));
      end = start + k;
    } else {
      topDown.push(subtreeHash(start, start + k));
      start += k;
    }
  }
  return topDown.reverse();
}

/** PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true) of RFC 9162 §2.1.4.1; empty when m = n. */
export function consistencyPath(first: number, second: number, subtreeHash: SubtreeHash): Uint8Array[] {
  assertSize('first', first);
  assertSize('second', second);
  if (first === 0 || first > second) throw new RangeError('first must be in 1..second');
  const path: Uint8Array[] = [];
  const subproof = (m: number, start: number, end: number, complete: boolean): void => {
    if (m === end - start) {
      if (!complete) path.push(subtreeHash(start, end));
      return;
    }
    const k = splitPoint(end - start);
    if (m <= k) {
      subproof(m, start, start + k, complete);
      path.push(subtreeHash(start + k, end));
    } else {
      subproof(m - k, start + k, end, false);
      path.push(subtreeHash(start, start + k));
    }
  };
  subproof(first, 0, second, true);
  return path;
}

export type ProofFailure =
  /** leaf_index ≥ tree_size, or first > second, or first = 0 < second. */
  | 'out_of_range'
  /** A hash (leaf, root or path entry) is not 32 bytes. */
  | 'bad_hash_length'
  /** The path has more entries than the sizes allow (`sn` reached 0 early). */
  | 'path_too_long'
  /** The path ends before reaching the root (`sn` is not 0), or is empty where one is needed. */
  | 'path_too_short'
  | 'root_mismatch'
  /** Consistency: the path does not rebuild the first tree head. */
  | 'first_root_mismatch'
  /** Consistency: the path does not rebuild the second tree head. */
  | 'second_root_mismatch';

export type ProofResult = { ok: true } | { ok: false; failure: ProofFailure };

/** What a person is told when a proof fails. */
export const proofFailureText: Readonly<Record<ProofFailure, string>> = {
  out_of_range: '证明中的序号或日志大小不合法',
  bad_hash_length: '证明中的哈希值长度不正确（应为 32 字节）',
  path_too_long: '证明路径过长，与日志大小不符',
  path_too_short: '证明路径过短，与日志大小不符',
  root_mismatch: '由证明算出的根哈希与签名的树头不一致',
  first_root_mismatch: '由证明算出的旧树根哈希与旧树头不一致',
  second_root_mismatch: '由证明算出的新树根哈希与新树头不一致',
};

const fail = (failure: ProofFailure): ProofResult => ({ ok: false, failure });

const isOdd = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);
const isPowerOfTwo = (n: number) => {
  while (n > 1 && n % 2 === 0) n /= 2;
  return n === 1;
};
const allHashes = (hashes: readonly Uint8Array[]) => hashes.every((h) => h.length === HASH_SIZE);

/** RFC 9162 §2.1.3.2: does `inclusionPath` prove `leafHash` at `leafIndex` in the tree `rootHash` of `treeSize`? */
export function verifyInclusion(p: {
  leafIndex: number;
  treeSize: number;
  leafHash: Uint8Array;
  inclusionPath: readonly Uint8Array[];
  rootHash: Uint8Array;
}): ProofResult {
  if (!Number.isSafeInteger(p.leafIndex) || !Number.isSafeInteger(p.treeSize) || p.leafIndex < 0) {
    return fail('out_of_range');
  }
  if (p.leafIndex >= p.treeSize) return fail('out_of_range');
  if (!allHashes([p.leafHash, p.rootHash, ...p.inclusionPath])) return fail('bad_hash_length');
  let fn = p.leafIndex;
  let sn = p.treeSize - 1;
  let r = p.leafHash;
  for (const h of p.inclusionPath) {
    if (sn === 0) return fail('path_too_long');
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(h, r);
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      r = nodeHash(r, h);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  if (sn !== 0) return fail('path_too_short');
  return equalBytes(r, p.rootHash) ? { ok: true } : fail('root_mismatch');
}

/**
 * RFC 9162 §2.1.4.2: does `consistencyPath` prove the tree `secondHash` of size `second` extends
 * the tree `firstHash` of size `first`? Equal sizes need an empty path and equal hashes; a proof
 * from the empty tree is meaningless and refused (as the transparency-dev reference does).
 */
export function verifyConsistency(p: {
  first: number;
  second: number;
  firstHash: Uint8Array;
  secondHash: Uint8Array;
  consistencyPath: readonly Uint8Array[];
}): ProofResult {
  const { first, second } = p;
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0) return fail('out_of_range');
  if (first > second || first === 0) return fail('out_of_range');
  if (!allHashes([p.firstHash, p.secondHash, ...p.consistencyPath])) return fail('bad_hash_length');
  if (first === second) {
    if (p.consistencyPath.length > 0) return fail('path_too_long');
    return equalBytes(p.firstHash, p.secondHash) ? { ok: true } : fail('second_root_mismatch');
  }
  if (p.consistencyPath.length === 0) return fail('path_too_short');
  // Step 1: when first is a power of two its tree head is a node of the path, left implicit.
  const path = isPowerOfTwo(first) ? [p.firstHash, ...p.consistencyPath] : p.consistencyPath;
  let fn = first - 1;
  let sn = second - 1;
  while (isOdd(fn)) [fn, sn] = [half(fn), half(sn)];
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return fail('path_too_long');
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = nodeHash(sr, c);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  if (sn !== 0) return fail('path_too_short');
  if (!equalBytes(fr, p.firstHash)) return fail('first_root_mismatch');
  return equalBytes(sr, p.secondHash) ? { ok: true } : fail('second_root_mismatch');
}

/** A proof path as the JSON endpoints carry it: standard base64 strings (`inclusion_path`, `consistency_path`). */
export function encodeHashPath(hashes: readonly Uint8Array[]): string[] {
  return hashes.map(base64Encode);
}

/** Undefined unless every entry is canonical standard base64 of exactly 32 bytes. */
export function decodeHashPath(texts: readonly string[]): Uint8Array[] | undefined {
  const hashes = texts.map(base64Decode);
  return hashes.every((h): h is Uint8Array => h?.length === HASH_SIZE) ? hashes : undefined;
}
