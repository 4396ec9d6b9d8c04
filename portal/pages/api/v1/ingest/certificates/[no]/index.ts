import type { APIRoute } from 'astro';
import { agencyCertificate, certificateLinks } from '../../../../../../server/inspections/certificates';
import { problem } from '../../../../../../server/http/problem';
import { agencyCertificateNo } from '../../../../../../server/inspections/http';
import { AgencyCertificateSchema } from '../../../../../../server/opendata/api-schemas';
import { answer } from '../../../../../../server/http/answer';

/** GET /api/v1/ingest/certificates/{no} — the issuing agency's view, with the token and links (to reprint). */
export const GET: APIRoute = async ({ request, params, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const req = await agencyCertificateNo(runtime, request, params.no);
  if (req instanceof Response) return req;
  const cert = await agencyCertificate(runtime.db, req.no);
  if (!cert) return problem('not-found', site, `没有编号为 ${req.no} 的电子检查证。`);
  if (cert.agencyId !== req.agency) return problem('forbidden', site, '该检查证由其他机关签发。');
  return answer(
    AgencyCertificateSchema,
    { ...cert, ...certificateLinks(site, cert.certificateNo, cert.token) },
    { headers: { 'cache-control': 'no-store' } },
  );
};
