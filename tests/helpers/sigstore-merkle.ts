import { createRequire } from 'node:module';
import { existsSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/**
 * An independent RFC 6962/9162 inclusion verifier: Sigstore's (@sigstore/verify, bundled with the system npm,
 * found through npm_execpath or PATH). It hashes the leaf itself and throws on a bad proof.
 */
function sigstoreMerkle(): { verifyMerkleInclusion: (entry: unknown, checkpoint: unknown) => void } {
  const candidates = [
    process.env.npm_execpath,
    ...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'npm')),
  ].filter((p): p is string => !!p && existsSync(p));
  for (const candidate of candidates) {
    const npmRoot = dirname(dirname(realpathSync(candidate)));
    const file = join(npmRoot, 'node_modules', '@sigstore', 'verify', 'dist', 'tlog', 'merkle.js');
    if (existsSync(file)) return createRequire(file)(file);
  }
  throw new Error('npm with its bundled @sigstore/verify not found (npm_execpath, PATH)');
}

/** True when Sigstore's verifier accepts `path` as proof of `leaf` (its bytes) at `index` in the tree `root` of `size`. */
export function sigstoreAcceptsInclusion(
  leaf: Uint8Array,
  index: number,
  size: number,
  path: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  const { verifyMerkleInclusion } = sigstoreMerkle();
  try {
    verifyMerkleInclusion(
      {
        canonicalizedBody: Buffer.from(leaf),
        inclusionProof: { logIndex: String(index), hashes: path.map((h) => Buffer.from(h)) },
      },
      { logSize: BigInt(size), logHash: Buffer.from(root) },
    );
    return true;
  } catch {
    return false;
  }
}
