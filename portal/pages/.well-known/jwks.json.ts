import type { APIRoute } from 'astro';
import { publishedJwks } from '../../server/inspections/keys';

/**
 * GET /.well-known/jwks.json — the Ed25519 public keys (RFC 8037 OKP JWKs) that electronic inspection
 * certificates are signed with: the active key, and retired keys while certificates they signed are
 * still inside their window. Any JOSE library verifies a certificate's token with this alone.
 */
export const GET: APIRoute = async ({ locals }) => {
  const { runtime } = locals;
  return new Response(JSON.stringify(await publishedJwks(runtime.db)), {
    headers: {
      'content-type': 'application/jwk-set+json; charset=utf-8',
      'cache-control': 'public, max-age=300',
      'access-control-allow-origin': '*',
    },
  });
};
