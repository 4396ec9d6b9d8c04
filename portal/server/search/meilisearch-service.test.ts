import { DEFAULT_PUBLICATION_RULES } from '@sunlight/domain/schemas/publication-rule';
import { disclosureInput } from '@sunlight/domain/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MeiliDouble } from '../../../search-indexer/test/meili-double';
import settings from '../../../search-indexer/settings/meilisearch.json' with { type: 'json' };
import {
  databaseKinds,
  insertFixtureAgency,
  openMigratedTestDatabase,
  type TestDatabase,
} from '../../../tests/helpers/databases';
import { loadConfig } from '../config';
import type { Db } from '../db/types';
import { endPublicLife, storeDisclosure } from '../disclosures/store';
import { SearchService } from './service';

/**
 * The search service against Meilisearch, with a protocol double of the server (search-indexer/test/
 * meili-double.ts) in place of a real one: failed and slow tasks, an index emptied or deleted behind the
 * service's back, and two processes of which only the lease holder writes.
 */
const ctx = () => ({
  rules: DEFAULT_PUBLICATION_RULES,
  today: '2026-11-22',
  now: new Date(),
  publishedOn: '2026-11-01',
});
const UID = settings.index;
const IDENTITY = `meilisearch:${UID}:v${settings.version}`;

describe.each(databaseKinds())('search service on Meilisearch (protocol double), %s', (kind) => {
  let tdb: TestDatabase;
  let db: Db;
  let double: MeiliDouble;
  const ids: string[] = [];
  const services: SearchService[] = [];
  const lines: string[] = [];
  const start = async (mayWrite = true) => {
    const config = loadConfig({ SUNLIGHT_DATA_DIR: '/tmp/unused', MEILI_HOST: double.host });
    const service = await SearchService.start(
      db,
      config,
      (l) => lines.push(l),
      () => mayWrite,
    );
    services.push(service);
    return service;
  };
  const storedSeq = async () =>
    (await db.query<{ seq: number }>('SELECT seq::int8 AS seq FROM search_cursors WHERE engine = $1', [IDENTITY]))[0]
      ?.seq;
  const documentWrites = () => double.writes().filter((r) => r.path.includes('/documents')).length;
  const publish = (n: number) =>
    db.transaction((tx) =>
      storeDisclosure(
        tx,
        disclosureInput({ decisionNo: `滨示市监罚〔2026〕${n}号`, decisionDate: '2026-10-20' }),
        ctx(),
      ),
    );

  beforeAll(async () => {
    double = await new MeiliDouble().start();
    ({ tdb, db } = await openMigratedTestDatabase(kind));
    await insertFixtureAgency(db);
    for (let i = 1; i <= 4; i++) ids.push((await publish(100 + i)).id);
  });
  afterAll(async () => {
    for (const s of services) await s.stop();
    await tdb?.dispose();
    await double?.stop();
  });

  it('builds a new index at start-up, keyed by id, and stores its position under the index and settings version', async () => {
    const search = await start();
    expect(double.ids(UID)).toEqual([...ids].sort());
    expect(double.indexes.get(UID)!.primaryKey).toBe('id');
    expect(await storedSeq()).toBe(search.position);
    expect(lines.some((l) => l.includes(`rebuilding ${IDENTITY}: no change-log position stored`))).toBe(true);
    await search.stop();
  });

  it('a withdrawal whose deletion fails keeps the position; the loop reports it and retries until it is gone', async () => {
    const search = await start();
    const before = search.position;
    await db.transaction((tx) => endPublicLife(tx, ids[0]!, 'withdrawn', '撤销', new Date()));
    double.failNext('documentDeletion', 'internal', 'simulated failure');
    await expect(search.sync()).rejects.toThrow(/\(delete 1 documents\) failed: internal: simulated failure/);
    expect(search.position).toBe(before);
    expect(await storedSeq()).toBe(before);
    expect(double.ids(UID)).toContain(ids[0]);

    double.failNext('documentDeletion', 'internal', 'simulated failure');
    search.startLoop(50);
    await vi.waitFor(() => expect(double.ids(UID)).not.toContain(ids[0]), { timeout: 5000, interval: 50 });
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`sync failed, will retry from change-log position ${before}: .*simulated failure`),
      ),
    );
    await vi.waitFor(async () => expect(await storedSeq()).toBeGreaterThan(before), { timeout: 5000, interval: 50 });
    await search.stop();
  });

  it('trusts an index that matches the database, and rebuilds one emptied or deleted behind its back', async () => {
    lines.length = 0;
    const writes = documentWrites();
    await (await start()).stop();
    expect(documentWrites()).toBe(writes);
    expect(lines.some((l) => l.includes('rebuilding'))).toBe(false);

    double.indexes.get(UID)!.docs.clear();
    await (await start()).stop();
    expect(lines).toContainEqual(
      expect.stringContaining(`rebuilding ${IDENTITY}: it holds 0 documents, the database 3`),
    );
    expect(double.ids(UID)).toEqual(ids.slice(1).sort());

    double.indexes.delete(UID);
    await (await start()).stop();
    expect(double.ids(UID)).toEqual(ids.slice(1).sort());
    expect(double.indexes.get(UID)!.primaryKey).toBe('id');
  });

  it('only the lease holder writes; another process follows the position it stores', async () => {
    const writer = await start(true);
    const before = double.writes().length;
    const reader = await start(false);
    const seen: number[] = [];
    reader.onAdvance((seq) => seen.push(seq));
    const added = await publish(201);
    await reader.sync();
    await expect(reader.rebuild()).rejects.toThrow(/jobs lease/);
    expect(double.writes().length).toBe(before);
    expect(reader.position).toBe(writer.position);
    await writer.sync();
    expect(double.ids(UID)).toContain(added.id);
    await reader.sync();
    expect(reader.position).toBe(writer.position);
    expect(seen).toEqual([writer.position]);
    await reader.stop();
    await writer.stop();
  });
});
