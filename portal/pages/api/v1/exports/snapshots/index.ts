import { createHash } from 'node:crypto';
import type { APIRoute } from 'astro';
import { listSnapshots, refreshSnapshots, snapshotsModified } from '../../../../../server/opendata/snapshots';
import { SnapshotListSchema } from '../../../../../server/opendata/api-schemas';
import { answer } from '../../../../../server/http/answer';
import { conditional } from '../../../../../server/http/conditional';

/** GET /api/v1/exports/snapshots — daily full exports with their SHA-256, newest first; conditional. */
export const GET: APIRoute = async ({ request, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  await refreshSnapshots(runtime.db, runtime.config.dataDir, site);
  const listed = listSnapshots(runtime.config.dataDir);
  const snapshots = listed.map((s) => ({
    ...s,
    url: `${site}/api/v1/exports/snapshots/${s.file}`,
    checksumUrl: `${site}/api/v1/exports/snapshots/${s.file}.sha256`,
  }));
  // The list is its files and their checksums: the same list, the same tag.
  const digest = createHash('sha256')
    .update(JSON.stringify(listed.map((s) => [s.file, s.sha256, s.records])))
    .digest('hex')
    .slice(0, 20);
  const { headers, notModified } = conditional(
    request,
    { etag: `W/"snapshots-${digest}"`, lastModified: snapshotsModified(runtime.config.dataDir, listed) },
    { 'cache-control': 'public, no-cache' },
  );
  return notModified ?? answer(SnapshotListSchema, { snapshots }, { headers });
};
