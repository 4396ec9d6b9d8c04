import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { APIRoute } from 'astro';
import { refreshSnapshots, snapshotDir } from '../../../../../server/opendata/snapshots';
import { conditional } from '../../../../../server/http/conditional';
import { problem } from '../../../../../server/http/problem';

/** GET /api/v1/exports/snapshots/{file} — a daily snapshot (.csv) or its checksum (.csv.sha256). */
export const GET: APIRoute = async ({ params, request, locals }) => {
  const { runtime } = locals;
  const file = params.file ?? '';
  if (!/^disclosures-\d{4}-\d{2}-\d{2}\.csv(\.sha256)?$/.test(file))
    return problem('not-found', runtime.config.siteUrl, `没有快照文件 ${file}`);
  // A snapshot that holds a since withdrawn or expired record is rewritten or withdrawn before it is served.
  await refreshSnapshots(runtime.db, runtime.config.dataDir, runtime.config.siteUrl);
  const full = path.join(snapshotDir(runtime.config.dataDir), file);
  if (!fs.existsSync(full))
    return problem(
      'not-found',
      runtime.config.siteUrl,
      `没有快照文件 ${file}（含已撤回或公示期已满记录的旧快照不再提供，请从 /api/v1/exports/snapshots 取最新快照）`,
    );
  const stat = fs.statSync(full);
  const { headers, notModified } = conditional(
    request,
    { etag: `"${file}-${stat.size}-${Math.floor(stat.mtimeMs)}"`, lastModified: stat.mtime },
    {
      'content-type': file.endsWith('.sha256') ? 'text/plain; charset=utf-8' : 'text/csv; charset=utf-8',
      'content-length': String(stat.size),
      // Not immutable: the day's file is rewritten when a record in it is withdrawn.
      'cache-control': 'public, no-cache',
    },
  );
  if (notModified) return notModified;
  return new Response(Readable.toWeb(fs.createReadStream(full)) as ReadableStream, { headers });
};
