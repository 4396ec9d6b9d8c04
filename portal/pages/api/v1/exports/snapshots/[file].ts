import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { APIRoute } from 'astro';
import { snapshotDir } from '../../../../../server/opendata/snapshots';
import { notModified } from '../../../../../server/http/conditional';
import { problem } from '../../../../../server/http/problem';
import { getRuntime } from '../../../../../server/runtime';

/** GET /api/v1/exports/snapshots/{file} — a daily snapshot (.csv) or its checksum (.csv.sha256). */
export const GET: APIRoute = async ({ params, request }) => {
  const runtime = await getRuntime();
  const file = params.file ?? '';
  if (!/^disclosures-\d{4}-\d{2}-\d{2}\.csv(\.sha256)?$/.test(file))
    return problem('not-found', runtime.config.siteUrl, `没有快照文件 ${file}`);
  const full = path.join(snapshotDir(runtime.config.dataDir), file);
  if (!fs.existsSync(full)) return problem('not-found', runtime.config.siteUrl, `没有快照文件 ${file}`);
  const stat = fs.statSync(full);
  const etag = `"${file}-${stat.size}-${Math.floor(stat.mtimeMs)}"`;
  const headers = {
    etag,
    'last-modified': stat.mtime.toUTCString(),
    'content-type': file.endsWith('.sha256') ? 'text/plain; charset=utf-8' : 'text/csv; charset=utf-8',
    'content-length': String(stat.size),
    'cache-control': 'public, max-age=86400, immutable',
  };
  if (notModified(request, etag, stat.mtime)) return new Response(null, { status: 304, headers });
  return new Response(Readable.toWeb(fs.createReadStream(full)) as ReadableStream, { headers });
};
