import type { APIRoute } from 'astro';
import { agencyJson, refusal } from '../../../../../../../server/inspections/http';
import { withdrawInspectionResult } from '../../../../../../../server/inspection-results/store';
import { InspectionResultWithdrawnSchema } from '../../../../../../../server/opendata/api-schemas';
import { answer } from '../../../../../../../server/http/answer';

/** POST /api/v1/ingest/inspections/{id}/result/withdraw — 撤回检查结果，理由公开 */
export const POST: APIRoute = async ({ request, params, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const req = await agencyJson(runtime, request);
  if (req instanceof Response) return req;
  const inspectionId = params.id ?? '';
  const out = await withdrawInspectionResult(runtime.db, inspectionId, req.agency, req.body);
  if (!out.ok) return refusal(site, out);
  void runtime.search.sync().catch(() => {});
  const t = out.tombstone;
  return answer(
    InspectionResultWithdrawnSchema,
    {
      id: out.id,
      inspectionId,
      status: 'withdrawn',
      tombstone: { decisionNo: t.decisionNo, status: 'withdrawn', date: t.date, reason: t.reason },
    },
    { headers: { 'cache-control': 'no-store' } },
  );
};
