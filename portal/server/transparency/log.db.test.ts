import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  base64Decode,
  leafHash,
  parseLeaf,
  rootFromLeafHashes,
  utf8Encode,
  verifyConsistency,
  verifyHeadsConsistent,
  verifyInclusion,
  verifyTreeHead,
  type Jwks,
} from '@sunlight/verify';
import { databaseKinds, migratedDatabaseForBlock } from '../../../tests/helpers/databases';
import { tempConfig } from '../../../tests/fixtures/inspections';
import { sigstoreAcceptsInclusion } from '../../../tests/helpers/sigstore-merkle';
import type { Db } from '../db/types';
import { openKeyRing, publishedJwks, type KeyRing } from '../inspections/keys';
import { appendChange, appendChanges, type ChangeEntry } from '../records/change-log';
import { consistencyProof, headOfSize, inclusionProof, signNewHead, toSignedTreeHead } from './tree';

const event = (i: number): ChangeEntry => ({
  type: i % 3 === 0 ? 'permit' : 'penalty',
  id: `rec-${i}`,
  kind: (['published', 'corrected', 'withdrawn', 'expired'] as const)[i % 4]!,
  reason: null,
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
});

async function allLeaves(db: Db): Promise<{ text: string; hash: Uint8Array }[]> {
  const rows = await db.query<{ leaf: string; hash: string }>(
    `SELECT leaf, encode(hash, 'hex') AS hash FROM log_leaves ORDER BY idx`,
  );
  return rows.map((r) => ({ text: r.leaf, hash: new Uint8Array(Buffer.from(r.hash, 'hex')) }));
}

describe.each(databaseKinds())('the public log on %s', (kind) => {
  const db = migratedDatabaseForBlock(kind);
  let keys: KeyRing;
  let jwks: Jwks;
  let temp: ReturnType<typeof tempConfig>;
  const sizes: number[] = [];

  beforeAll(async () => {
    temp = tempConfig();
    keys = await openKeyRing(temp.config, db());
    jwks = await publishedJwks(db());
    // Events one at a time and in bulk, with heads signed at uneven sizes (1, powers of two and between).
    let i = 0;
    for (const batch of [1, 1, 2, 3, 1, 8, 5, 11, 1, 16, 21]) {
      await db().transaction(async (tx) => {
        if (batch === 1) await appendChange(tx, event(i++));
        else
          await appendChanges(
            tx,
            Array.from({ length: batch }, () => event(i++)),
          );
      });
      const head = await signNewHead(db(), keys, new Date(Date.UTC(2026, 0, 2, 0, 0, i)));
      sizes.push(head!.treeSize);
    }
  });
  afterAll(() => temp?.dispose());

  it('stores one canonical leaf per event, in order, hashed as RFC 9162 §2.1', async () => {
    const leaves = await allLeaves(db());
    expect(leaves).toHaveLength(70);
    leaves.forEach((l, i) => {
      const parsed = parseLeaf(utf8Encode(l.text));
      expect(parsed).toMatchObject({ v: 1, id: `rec-${i}`, event: event(i).kind, at: event(i).at.toISOString() });
      expect(l.hash).toEqual(leafHash(utf8Encode(l.text)));
    });
  });

  it('signs each head over the root an independent computation gives, with a key the JWKS publishes', async () => {
    const hashes = (await allLeaves(db())).map((l) => l.hash);
    expect(sizes).toEqual([1, 2, 4, 7, 8, 16, 21, 32, 33, 49, 70]);
    for (const size of sizes) {
      const head = toSignedTreeHead((await headOfSize(db(), size))!);
      expect(base64Decode(head.sha256_root_hash)).toEqual(rootFromLeafHashes(hashes.slice(0, size)));
      expect(await verifyTreeHead(head, jwks)).toMatchObject({ ok: true });
      const forged = { ...head, sha256_root_hash: Buffer.alloc(32, 7).toString('base64') };
      expect(await verifyTreeHead(forged, jwks)).toMatchObject({ ok: false, failure: 'head_mismatch' });
    }
    expect(await signNewHead(db(), keys)).toBeUndefined();
  });

  it('proves every leaf in every head, accepted by our verifier and by Sigstore’s', async () => {
    const leaves = await allLeaves(db());
    for (const size of sizes) {
      const root = base64Decode(toSignedTreeHead((await headOfSize(db(), size))!).sha256_root_hash)!;
      for (let i = 0; i < size; i++) {
        const path = await inclusionProof(db(), i, size);
        expect(
          verifyInclusion({
            leafIndex: i,
            treeSize: size,
            leafHash: leaves[i]!.hash,
            inclusionPath: path,
            rootHash: root,
          }),
        ).toEqual({ ok: true });
        expect(sigstoreAcceptsInclusion(utf8Encode(leaves[i]!.text), i, size, path, root)).toBe(true);
      }
    }
  });

  it('proves every older head consistent with every newer one', async () => {
    for (const first of sizes) {
      for (const second of sizes.filter((s) => s >= first)) {
        const older = toSignedTreeHead((await headOfSize(db(), first))!);
        const newer = toSignedTreeHead((await headOfSize(db(), second))!);
        const path = await consistencyProof(db(), first, second);
        const p = {
          first,
          second,
          firstHash: base64Decode(older.sha256_root_hash)!,
          secondHash: base64Decode(newer.sha256_root_hash)!,
          consistencyPath: path,
        };
        expect(verifyConsistency(p), `${first} → ${second}`).toEqual({ ok: true });
        const encoded = path.map((h) => Buffer.from(h).toString('base64'));
        expect(await verifyHeadsConsistent({ older, newer, consistencyPath: encoded, jwks })).toMatchObject({
          ok: true,
        });
      }
    }
  });

  it('a leaf rewritten in the database no longer matches the signed heads', async () => {
    await db().query(`UPDATE log_leaves SET leaf = replace(leaf, 'rec-5', 'rec-X'),
      hash = sha256('\\x00'::bytea || convert_to(replace(leaf, 'rec-5', 'rec-X'), 'UTF8')) WHERE idx = 5`);
    const leaves = await allLeaves(db());
    const size = sizes.at(-1)!;
    const root = base64Decode(toSignedTreeHead((await headOfSize(db(), size))!).sha256_root_hash)!;
    expect(rootFromLeafHashes(leaves.map((l) => l.hash))).not.toEqual(root);
    // The stored nodes above it still hold the old hash, so a proof for a neighbour still verifies, but the
    // rewritten leaf's own proof does not: whoever checks that record finds out.
    const path = await inclusionProof(db(), 5, size);
    expect(
      verifyInclusion({ leafIndex: 5, treeSize: size, leafHash: leaves[5]!.hash, inclusionPath: path, rootHash: root }),
    ).toMatchObject({ ok: false, failure: 'root_mismatch' });
  });
});
