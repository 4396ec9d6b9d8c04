import type { APIRoute } from 'astro';
import { lookupDisclosure } from '../../../../server/disclosures/read';
import { tombstoneDetail } from '../../../../server/disclosures/tombstone';
import { recordAnswer } from '../../../../server/http/record-answer';
import { DisclosureResponseSchema } from '../../../../server/opendata/api-schemas';

/** GET /api/v1/disclosures/{id} — one public decision; 410 with the tombstone once withdrawn or expired. */
export const GET: APIRoute = async ({ params, request, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const id = params.id ?? '';
  const found = await lookupDisclosure(runtime.db, id);
  return recordAnswer(
    request,
    site,
    'penalty',
    id,
    DisclosureResponseSchema,
    found.kind === 'missing'
      ? { kind: 'missing', detail: `没有编号为 ${id} 的处罚决定公示。` }
      : found.kind === 'gone'
        ? {
            kind: 'gone',
            detail: tombstoneDetail(found.tombstone),
            fields: (({ status: recordStatus, ...rest }) => ({ recordStatus, ...rest }))(found.tombstone),
          }
        : {
            kind: 'found',
            updatedAt: found.updatedAt,
            body: (url) => ({ ...found.record, url, agencyUrl: `${site}/agencies/${found.record.agencyId}` }),
          },
  );
};
