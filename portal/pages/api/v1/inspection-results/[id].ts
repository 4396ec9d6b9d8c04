import type { APIRoute } from 'astro';
import { recordAnswer } from '../../../../server/http/record-answer';
import { withResultLinks } from '../../../../server/inspection-results/links';
import { lookupInspectionResult } from '../../../../server/inspection-results/read';
import { InspectionResultResponseSchema } from '../../../../server/opendata/api-schemas';

/** GET /api/v1/inspection-results/{id} — one public inspection result; 410 with the tombstone once withdrawn. */
export const GET: APIRoute = async ({ params, request, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const id = params.id ?? '';
  const found = await lookupInspectionResult(runtime.db, id);
  return recordAnswer(
    request,
    site,
    'inspection-result',
    id,
    InspectionResultResponseSchema,
    found.kind === 'missing'
      ? { kind: 'missing', detail: `没有编号为 ${id} 的公开检查结果。` }
      : found.kind === 'gone'
        ? {
            kind: 'gone',
            detail: `该检查结果已于 ${found.tombstone.date} 撤回：${found.tombstone.reason}`,
            fields: {
              inspectionId: found.tombstone.decisionNo,
              recordStatus: 'withdrawn',
              date: found.tombstone.date,
              reason: found.tombstone.reason,
            },
          }
        : {
            kind: 'found',
            updatedAt: found.updatedAt,
            body: () => withResultLinks({ ...found.record, penaltyId: found.penaltyId }, site),
          },
  );
};
