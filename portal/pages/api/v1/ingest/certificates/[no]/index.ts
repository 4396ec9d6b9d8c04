import type { APIRoute } from 'astro';
import { checkCertificateNo } from '@sunlight/domain/validators/certificate-no';
import { agencyCertificate, certificateLinks } from '../../../../../../server/inspections/certificates';
import { problem } from '../../../../../../server/http/problem';
import { requireAgency } from '../../../../../../server/http/request';
import { AgencyCertificateSchema } from '../../../../../../server/opendata/api-schemas';
import { answer } from '../../../../../../server/http/answer';

/** GET /api/v1/ingest/certificates/{no} — the issuing agency's view, with the token and links (to reprint). */
export const GET: APIRoute = async ({ request, params, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const agency = await requireAgency(runtime, request);
  if (agency instanceof Response) return agency;
  const no = checkCertificateNo(params.no ?? '');
  if (!no.ok) return problem('not-found', site, no.message);
  const cert = await agencyCertificate(runtime.db, no.normalised);
  if (!cert) return problem('not-found', site, `没有编号为 ${no.normalised} 的电子检查证。`);
  if (cert.agencyId !== agency) return problem('forbidden', site, '该检查证由其他机关签发。');
  return answer(
    AgencyCertificateSchema,
    { ...cert, ...certificateLinks(site, cert.certificateNo, cert.token) },
    { headers: { 'cache-control': 'no-store' } },
  );
};
