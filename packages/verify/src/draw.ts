import { sha256 } from '@noble/hashes/sha2.js';
import { base64Decode, bytesToHex, concatBytes, hexToBytes, utf8Encode } from './base64url';

/**
 * 双随机 draw, reproducible by anyone from the published inputs and seed.
 *
 * Algorithm `sunlight-draw-v1`:
 *
 * 1. Commitment: before the draw the portal publishes `commitment = hex(SHA-256(seed))`, where the seed
 *    is 32 random bytes, and `inputsHash = hex(SHA-256(canonical JSON of the inputs))`. After the draw it
 *    publishes the seed, so anyone can check both hashes.
 * 2. Random stream: block i (i = 0, 1, 2, …) is `SHA-256(seed ‖ uint32_be(i))`; the stream is the
 *    concatenation of the blocks, read 4 bytes at a time as unsigned big-endian 32-bit integers.
 * 3. Uniform integer below n: read x; if `x ≥ 2^32 − (2^32 mod n)` discard it and read again; else `x mod n`.
 * 4. Enterprises: the candidate credit codes, de-duplicated and sorted by code point, are partially
 *    shuffled with Fisher–Yates (for i = 0 … k−1: j = i + uniform(n − i), swap a[i] and a[j]); the first
 *    k = min(enterpriseCount, n) are selected, in that order.
 * 5. Inspectors: for each selected enterprise in order, a fresh copy of the sorted inspector ids is
 *    partially shuffled the same way (same stream, continuing) and the first `inspectorsPerEnterprise`
 *    are assigned to it.
 */
export const DRAW_ALGORITHM_V1 = 'sunlight-draw-v1';
/**
 * Algorithm `sunlight-draw-v2`: as v1, except that the seed the stream is drawn from is not the committed
 * value but `SHA-256(secret ‖ root)`, where `secret` is the committed value (commitment = hex(SHA-256(secret)))
 * and `root` is the 32-byte root hash of the beacon: the first signed tree head of the portal's public log
 * (RFC 9162) whose tree contains the draw's commitment entry. The head is signed after the commitment and its
 * root depends on every entry before it, so whoever runs the portal cannot pick the seed after committing;
 * every attempt to influence the root is an entry in the public log.
 */
export const DRAW_ALGORITHM = 'sunlight-draw-v2';
export type DrawAlgorithm = typeof DRAW_ALGORITHM_V1 | typeof DRAW_ALGORITHM;
export const DRAW_ALGORITHM_NAMES: Readonly<Record<DrawAlgorithm, string>> = {
  [DRAW_ALGORITHM_V1]:
    'SHA-256 计数器模式伪随机数 + Fisher–Yates 部分洗牌（sunlight-draw-v1：种子由服务器在承诺时生成）',
  [DRAW_ALGORITHM]:
    'SHA-256 计数器模式伪随机数 + Fisher–Yates 部分洗牌；种子 = SHA-256(承诺的秘密值 ‖ 承诺之后签发的公开日志树头根哈希)（sunlight-draw-v2）',
};
/** The algorithm new draws use. */
export const DRAW_ALGORITHM_NAME = DRAW_ALGORITHM_NAMES[DRAW_ALGORITHM];

export interface DrawInputs {
  agencyId: string;
  itemCodes: string[];
  /** 执法对象库: candidate enterprises' credit codes. */
  enterprisePool: string[];
  /** 执法人员库: candidate inspectors' ids. */
  inspectorPool: string[];
  enterpriseCount: number;
  inspectorsPerEnterprise: number;
}

export interface DrawAssignment {
  enterpriseCreditCode: string;
  inspectorIds: string[];
}

export interface DrawResult {
  algorithm: DrawAlgorithm;
  assignments: DrawAssignment[];
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** De-duplicated, sorted by code point: the order the algorithm shuffles from. */
export function sortedPool(values: readonly string[]): string[] {
  return [...new Set(values)].sort(byCodePoint);
}

/** Inputs in canonical form: pools and items sorted and de-duplicated. */
export function normaliseDrawInputs(inputs: DrawInputs): DrawInputs {
  return {
    agencyId: inputs.agencyId,
    itemCodes: sortedPool(inputs.itemCodes),
    enterprisePool: sortedPool(inputs.enterprisePool),
    inspectorPool: sortedPool(inputs.inspectorPool),
    enterpriseCount: inputs.enterpriseCount,
    inspectorsPerEnterprise: inputs.inspectorsPerEnterprise,
  };
}

/** JSON with keys sorted and no whitespace (the inputs contain only strings, integers and arrays). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => byCodePoint(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function drawInputsHash(inputs: DrawInputs): string {
  return bytesToHex(sha256(utf8Encode(canonicalJson(normaliseDrawInputs(inputs)))));
}

function seedBytes(seedHex: string): Uint8Array {
  const seed = hexToBytes(seedHex);
  if (!seed || seed.length !== 32) throw new Error('种子应为64位十六进制（32字节）');
  return seed;
}

/** v2: what the draw's log entry hashes (its `sha256`), fixed when the draw is created. */
export function committedDrawForm(d: {
  id: string;
  agencyId: string;
  algorithm: string;
  commitment: string;
  inputsHash: string;
  createdAt: string;
}): Record<string, string> {
  const { id, agencyId, algorithm, commitment, inputsHash, createdAt } = d;
  return { id, agencyId, algorithm, commitment, inputsHash, createdAt };
}

/** v2: the seed the draw runs on, `hex(SHA-256(secret ‖ root))`, from the beacon head's base64 root hash. */
export function beaconSeed(secretHex: string, rootBase64: string): string {
  const root = base64Decode(rootBase64);
  if (!root || root.length !== 32) throw new Error('树头根哈希应为32字节的标准 base64');
  return bytesToHex(sha256(concatBytes(seedBytes(secretHex), root)));
}

/** `hex(SHA-256(seed))`, published before the draw. */
export function drawCommitment(seedHex: string): string {
  return bytesToHex(sha256(seedBytes(seedHex)));
}

/** The deterministic random stream of step 2–3. */
export class DrawRandom {
  private block = new Uint8Array(0);
  private offset = 0;
  private counter = 0;
  constructor(private readonly seed: Uint8Array) {}

  private nextUint32(): number {
    if (this.offset + 4 > this.block.length) {
      const c = this.counter++;
      this.block = sha256(
        concatBytes(this.seed, new Uint8Array([c >>> 24, (c >>> 16) & 255, (c >>> 8) & 255, c & 255])),
      );
      this.offset = 0;
    }
    const b = this.block;
    const o = this.offset;
    this.offset += 4;
    return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
  }

  /** Uniform integer in [0, n) by rejection sampling. */
  below(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new Error(`invalid range ${n}`);
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }

  /** Partial Fisher–Yates: the first k of a shuffled copy of `values`. */
  pick<T>(values: readonly T[], k: number): T[] {
    const a = [...values];
    const take = Math.min(k, a.length);
    for (let i = 0; i < take; i++) {
      const j = i + this.below(a.length - i);
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a.slice(0, take);
  }
}

/** Runs the draw. Same inputs and seed give the same result, in any JavaScript runtime. */
export function runDraw(inputs: DrawInputs, seedHex: string, algorithm: DrawAlgorithm = DRAW_ALGORITHM_V1): DrawResult {
  const n = normaliseDrawInputs(inputs);
  if (!Number.isInteger(n.enterpriseCount) || n.enterpriseCount < 1) throw new Error('抽取企业数应为正整数');
  if (!Number.isInteger(n.inspectorsPerEnterprise) || n.inspectorsPerEnterprise < 1) {
    throw new Error('每家企业的检查人员数应为正整数');
  }
  const random = new DrawRandom(seedBytes(seedHex));
  const enterprises = random.pick(n.enterprisePool, n.enterpriseCount);
  return {
    algorithm,
    assignments: enterprises.map((enterpriseCreditCode) => ({
      enterpriseCreditCode,
      inspectorIds: random.pick(n.inspectorPool, n.inspectorsPerEnterprise),
    })),
  };
}

export interface DrawCheck {
  commitmentMatches: boolean;
  inputsHashMatches: boolean;
  resultMatches: boolean;
  recomputed: DrawResult;
}

/**
 * What the browser check does: recompute both hashes and the result from the published record; for v2 from
 * the seed derived with the beacon's root (whose signature and link to the commitment are checked apart).
 */
export function checkDraw(published: {
  inputs: DrawInputs;
  seed: string;
  commitment: string;
  inputsHash: string;
  result: DrawResult;
  algorithm?: string;
  beacon?: { sha256_root_hash: string };
}): DrawCheck {
  const v2 = published.algorithm === DRAW_ALGORITHM;
  if (v2 && !published.beacon) throw new Error('sunlight-draw-v2 的抽取记录缺少信标树头（beacon）');
  const recomputed = v2
    ? runDraw(published.inputs, beaconSeed(published.seed, published.beacon!.sha256_root_hash), DRAW_ALGORITHM)
    : runDraw(published.inputs, published.seed);
  return {
    commitmentMatches: drawCommitment(published.seed) === published.commitment.toLowerCase(),
    inputsHashMatches: drawInputsHash(published.inputs) === published.inputsHash.toLowerCase(),
    resultMatches: canonicalJson(recomputed.assignments) === canonicalJson(published.result.assignments),
    recomputed,
  };
}
