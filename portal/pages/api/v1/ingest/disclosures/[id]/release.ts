import type { APIRoute } from 'astro';
import { releaseHeld } from '../../../../../../server/disclosures/review';
import { problem } from '../../../../../../server/http/problem';
import { readAgencyJson } from '../../../../../../server/http/request';
import { IngestResultSchema } from '../../../../../../server/opendata/api-schemas';
import { answer } from '../../../../../../server/http/answer';

/**
 * POST /api/v1/ingest/disclosures/{id}/release — the agency releases a held decision:
 * `{"fields": {"violationFacts": "更正后的文本"}}`, one entry per doubted field.
 */
export const POST: APIRoute = async ({ request, params, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const input = await readAgencyJson(runtime, request);
  if (input instanceof Response) return input;
  const body = input.body as { fields?: unknown } | null;
  const result = await releaseHeld(runtime.db, params.id ?? '', body?.fields, { agencyId: input.agency });
  void runtime.search.sync().catch(() => {});
  if (!result.ok) return problem(result.kind, site, result.detail, result.errors ? { errors: result.errors } : {});
  const out = result.outcome;
  return answer(
    IngestResultSchema,
    { ...out, url: `${site}/disclosures/${out.id}` },
    { status: out.outcome === 'held' ? 202 : 200 },
  );
};
