import { checkCertificateNo } from '@sunlight/domain/validators/certificate-no';
import { buildVerifyUrl } from '@sunlight/verify/url';
import { problem } from '../http/problem';
import { authenticate } from '../ingest/tokens';
import type { Runtime } from '../runtime';
import { agencyCertificate } from './certificates';
import { verifyCertificate } from './verify';

/**
 * The verify URL a QR image may encode, or the problem to return. The token is not public (it is what
 * the inspected enterprise proves itself with), so the image is served only to the issuing agency's
 * bearer token, or to whoever already holds a genuine token for this number (`?t=`).
 */
export async function qrTarget(runtime: Runtime, request: Request, rawNo: string): Promise<string | Response> {
  const site = runtime.config.siteUrl;
  const no = checkCertificateNo(rawNo);
  if (!no.ok) return problem('not-found', site, no.message);
  const auth = request.headers.get('authorization');
  if (auth) {
    const agency = await authenticate(runtime.db, auth);
    const cert = agency ? await agencyCertificate(runtime.db, no.normalised) : undefined;
    if (!agency)
      return problem('unauthorized', site, '无效的访问令牌。', {}, { 'www-authenticate': 'Bearer realm="sunlight"' });
    if (!cert) return problem('not-found', site, `没有编号为 ${no.normalised} 的电子检查证。`);
    if (cert.agencyId !== agency) return problem('forbidden', site, '该检查证由其他机关签发。');
    return buildVerifyUrl(site, cert.certificateNo, cert.token);
  }
  const token = new URL(request.url).searchParams.get('t');
  if (!token) {
    return problem(
      'unauthorized',
      site,
      '二维码含有检查证令牌：请带上 ?t=<令牌>，或以签发机关的令牌（Authorization: Bearer）请求。',
      {},
      {
        'www-authenticate': 'Bearer realm="sunlight"',
      },
    );
  }
  const v = await verifyCertificate(runtime.db, site, no.normalised, token);
  if (!v.genuine) return problem('certificate-not-genuine', site, v.detail ?? '令牌无效');
  return buildVerifyUrl(site, no.normalised, token);
}
