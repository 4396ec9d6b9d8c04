import type { APIRoute } from 'astro';
import { verifyCertificate } from '../../../../../server/inspections/verify';
import { VerificationSchema } from '@sunlight/api-client/schemas';
import { answer } from '../../../../../server/http/answer';

/**
 * GET /api/v1/certificates/{no}?t=<jws> — the verification the page /verify/{no} shows, as JSON:
 * `status` valid | not_yet_valid | used | expired | revoked | not_genuine. Always 200: a certificate
 * that is not genuine is a result, not an error. Without `t` only the number is looked up. Under
 * `node bin/serve.mjs` GET is answered before Astro (`server/inspections/verify-fast-path.ts`, same
 * function); this route serves HEAD and `astro dev`.
 */
export const GET: APIRoute = async ({ params, url, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const token = url.searchParams.get('t') ?? undefined;
  const result = await verifyCertificate(runtime.db, site, params.no ?? '', token || undefined);
  return answer(
    VerificationSchema,
    { ...result, url: `${site}/verify/${result.certificateNo}` },
    { headers: { 'cache-control': 'no-store' } },
  );
};
