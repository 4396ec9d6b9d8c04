import type { APIRoute } from 'astro';
import { listSnapshots, refreshSnapshots } from '../../../../../server/opendata/snapshots';
import { SnapshotListSchema } from '../../../../../server/opendata/api-schemas';
import { answer } from '../../../../../server/http/answer';

/** GET /api/v1/exports/snapshots — daily full exports with their SHA-256, newest first. */
export const GET: APIRoute = async ({ locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  await refreshSnapshots(runtime.db, runtime.config.dataDir, site);
  const snapshots = listSnapshots(runtime.config.dataDir).map((s) => ({
    ...s,
    url: `${site}/api/v1/exports/snapshots/${s.file}`,
    checksumUrl: `${site}/api/v1/exports/snapshots/${s.file}.sha256`,
  }));
  return answer(SnapshotListSchema, { snapshots }, { headers: { 'cache-control': 'public, no-cache' } });
};
