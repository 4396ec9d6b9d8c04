import type { APIRoute } from 'astro';
import { agencyJson, refusal } from '../../../../../../../server/inspections/http';
import { recordInspectionResult } from '../../../../../../../server/inspection-results/store';
import { InspectionResultIngestSchema } from '../../../../../../../server/opendata/api-schemas';
import { answer } from '../../../../../../../server/http/answer';

/**
 * POST /api/v1/ingest/inspections/{id}/result — the agency records the result of its inspection (or
 * corrects it). Public after the configured delay; the same body again answers `unchanged`.
 */
export const POST: APIRoute = async ({ request, params, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const req = await agencyJson(runtime, request);
  if (req instanceof Response) return req;
  const inspectionId = params.id ?? '';
  const out = await recordInspectionResult(runtime.db, inspectionId, req.agency, req.body, {
    delayDays: runtime.config.inspectionResultDelayDays,
  });
  if (!out.ok) return refusal(site, out);
  if (out.status !== 'scheduled') void runtime.search.sync().catch(() => {});
  const url = `${site}/inspection-results/${out.id}`;
  return answer(
    InspectionResultIngestSchema,
    {
      outcome: out.outcome,
      id: out.id,
      inspectionId,
      status: out.status,
      publishAt: out.publishAt,
      url,
      apiUrl: `${site}/api/v1/inspection-results/${out.id}`,
    },
    { status: out.outcome === 'created' ? 201 : 200, headers: { 'cache-control': 'no-store' } },
  );
};
