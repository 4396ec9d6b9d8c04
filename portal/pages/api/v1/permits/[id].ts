import type { APIRoute } from 'astro';
import { recordAnswer } from '../../../../server/http/record-answer';
import { PermitResponseSchema } from '../../../../server/opendata/permit-schemas';
import { lookupPermit } from '../../../../server/permits/read';
import { permitTombstoneDetail } from '../../../../server/permits/tombstone';

/** GET /api/v1/permits/{id} — one valid public permit; 410 with the tombstone once withdrawn or expired. */
export const GET: APIRoute = async ({ params, request, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const id = params.id ?? '';
  const found = await lookupPermit(runtime.db, id);
  return recordAnswer(
    request,
    site,
    'permit',
    id,
    PermitResponseSchema,
    found.kind === 'missing'
      ? { kind: 'missing', detail: `没有编号为 ${id} 的行政许可公示。` }
      : found.kind === 'gone'
        ? {
            kind: 'gone',
            detail: permitTombstoneDetail(found.tombstone),
            fields: (({ status: recordStatus, ...rest }) => ({ recordStatus, ...rest }))(found.tombstone),
          }
        : {
            kind: 'found',
            updatedAt: found.updatedAt,
            body: (url) => ({ ...found.record, url, agencyUrl: `${site}/agencies/${found.record.agencyId}` }),
          },
  );
};
