import { inspectorStatusLabels } from '@sunlight/domain/schemas/inspector';
import type { BasisRef } from '@sunlight/domain/schemas/common';
import { checkCertificateNo } from '@sunlight/domain/validators/certificate-no';
import {
  certificateStatusText,
  parseCompactJws,
  verifyCertificateToken,
  type CertificateStatus,
} from '@sunlight/verify';
import type { PublicVerification } from '@sunlight/verify/public-verification';
import { basisHref, refLabel } from '../catalogue/common';
import type { Db } from '../db/types';
import { Cache, CONTENT_TTL_MS, perDatabase } from '../cache';
import { VerificationKeys } from './keys';
import { toChinaIso } from './time';

export type { PublicVerification };

interface CertRow {
  certificate_no: string;
  inspection_id: string;
  agency_id: string;
  status: 'valid' | 'used' | 'expired' | 'revoked';
  issued_at: Date;
  valid_from: Date;
  valid_until: Date;
  revoked_at: Date | null;
  revocation_reason: string | null;
}

/** The parts of a certificate's description that do not change with its status (cached briefly). */
interface Details {
  agency_name: string;
  source: string;
  enterprise_credit_code: string;
  draw_id: string | null;
  inspectors: {
    id: string;
    name: string | null;
    certificateNo: string | null;
    status: string | null;
    validUntil: string | null;
  }[];
  items: {
    code: string;
    name: string | null;
    basis: (BasisRef & { title: string | null })[] | null;
  }[];
}

const CERT_SQL = `SELECT certificate_no, inspection_id, agency_id, status, issued_at, valid_from, valid_until, revoked_at,
       revocation_reason FROM certificates WHERE certificate_no = $1`;

const DETAILS_SQL = `
SELECT a.name AS agency_name, i.source, i.enterprise_credit_code,
       (SELECT d.id FROM draws d WHERE d.id = i.data->>'drawId') AS draw_id,
       (SELECT coalesce(jsonb_agg(jsonb_build_object('id', x.id, 'name', p.name, 'certificateNo', p.certificate_no,
                                                     'status', p.status, 'validUntil', p.data->>'validUntil') ORDER BY x.ord), '[]'::jsonb)
          FROM jsonb_array_elements_text(i.data->'inspectorIds') WITH ORDINALITY x(id, ord)
          LEFT JOIN inspectors p ON p.id = x.id) AS inspectors,
       (SELECT coalesce(jsonb_agg(jsonb_build_object('code', x.code, 'name', it.data->>'name', 'basis',
                 (SELECT jsonb_agg(b.ref || jsonb_build_object('title', l.title) ORDER BY b.ord)
                    FROM jsonb_array_elements(it.data->'basis') WITH ORDINALITY b(ref, ord)
                    LEFT JOIN laws l ON l.code = b.ref->>'lawCode')) ORDER BY x.ord), '[]'::jsonb)
          FROM jsonb_array_elements_text(i.data->'itemCodes') WITH ORDINALITY x(code, ord)
          LEFT JOIN inspection_items it ON it.code = x.code) AS items
FROM inspections i
JOIN agencies a ON a.id = i.agency_id
WHERE i.id = $1`;

/**
 * Certificate rows (status, revocation) by number. Every write to a certificate goes through
 * `forgetCertificate`, so with PGlite, where this process is the only writer (CLI commands run inside it
 * through the admin socket), the cache is exact. With PostgreSQL another process may revoke: entries
 * then live one second, so a revocation shows everywhere within a second. Unknown numbers are never
 * cached. `SUNLIGHT_CERTIFICATE_CACHE_MS` overrides the lifetime (0: read the database every time, as
 * `npm run bench:verify` does for its second figure).
 */
const rowCache = perDatabase((db: Db) => {
  const configured = process.env.SUNLIGHT_CERTIFICATE_CACHE_MS;
  const ttlMs =
    configured !== undefined && configured !== '' ? Number(configured) : db.kind === 'PGlite' ? 60_000 : 1_000;
  return new Cache<string, CertRow>({ ttlMs, max: 50_000 });
});

function certificateRow(db: Db, no: string): Promise<CertRow | undefined> {
  return rowCache(db).remember(no, async () => (await db.query<CertRow>(CERT_SQL, [no]))[0]);
}

/** Call after any change to a certificate row (revocation, check-in), with the root database handle. */
export function forgetCertificate(db: Db, no: string): void {
  rowCache(db).delete(no);
}

/** Officers, items, basis and agency of an inspection: content data, reused for up to a minute. */
const detailsCache = perDatabase(() => new Cache<string, Details>({ ttlMs: CONTENT_TTL_MS, max: 20_000 }));

function details(db: Db, inspectionId: string): Promise<Details | undefined> {
  return detailsCache(db).remember(inspectionId, async () => (await db.query<Details>(DETAILS_SQL, [inspectionId]))[0]);
}

function notGenuine(
  certificateNo: string,
  reason: NonNullable<PublicVerification['reason']>,
  detail: string,
  checkedBy: PublicVerification['checkedBy'],
): PublicVerification {
  const t = certificateStatusText.not_genuine;
  return {
    certificateNo,
    status: 'not_genuine',
    genuine: false,
    label: t.label,
    headline: t.headline,
    advice: t.advice,
    reason,
    detail,
    checkedBy,
  };
}

/** Effective status at `now`: revoked, then the window (a used certificate after its window reads as used). */
export function effectiveStatus(
  stored: CertRow['status'],
  validFrom: Date,
  validUntil: Date,
  now: number,
): Exclude<CertificateStatus, 'not_genuine'> {
  if (stored === 'revoked') return 'revoked';
  if (now >= validUntil.getTime()) return stored === 'used' ? 'used' : 'expired';
  if (stored === 'expired') return 'expired';
  if (now < validFrom.getTime()) return 'not_yet_valid';
  return 'valid';
}

/**
 * The one verification path of the portal. With a token: the signature is checked by @sunlight/verify
 * against every key this deployment ever used, the claims must match the stored certificate, and a
 * bad token is "not genuine" whatever the number. Without a token: the number is looked up.
 */
export async function verifyCertificate(
  db: Db,
  siteUrl: string,
  rawNo: string,
  token: string | undefined,
  now: number = Date.now(),
): Promise<PublicVerification> {
  const checkedBy = token ? 'signature' : 'number';
  const parsedNo = checkCertificateNo(rawNo);
  if (!parsedNo.ok) return notGenuine(rawNo, 'bad_number', parsedNo.message, checkedBy);
  const no = parsedNo.normalised;

  let verifiedKid: string | undefined;
  if (token) {
    const jws = parseCompactJws(token);
    const kid = jws.ok && typeof jws.jws.header.kid === 'string' ? jws.jws.header.kid : undefined;
    const jwks = await VerificationKeys.of(db).forKid(kid);
    const v = await verifyCertificateToken(token, jwks, { certificateNo: no, now });
    if (!v.genuine) return notGenuine(no, v.reason, v.message, checkedBy);
    verifiedKid = v.kid;
    const row = await certificateRow(db, no);
    if (!row) return notGenuine(no, 'unknown_number', `本系统没有编号为 ${no} 的电子检查证。`, checkedBy);
    if (
      row.agency_id !== v.agencyId ||
      row.valid_from.getTime() / 1000 !== v.claims.nbf ||
      row.valid_until.getTime() / 1000 !== v.claims.exp
    ) {
      return notGenuine(no, 'claims_mismatch', '二维码中的签名内容与登记的检查证不一致。', checkedBy);
    }
    const d = await details(db, row.inspection_id);
    if (!d) return notGenuine(no, 'unknown_number', `本系统没有编号为 ${no} 的电子检查证。`, checkedBy);
    return describe(row, d, siteUrl, now, checkedBy, verifiedKid);
  }
  const row = await certificateRow(db, no);
  const d = row && (await details(db, row.inspection_id));
  if (!row || !d) {
    return notGenuine(
      no,
      'unknown_number',
      `本系统没有编号为 ${no} 的电子检查证：请核对编号；如果编号无误，这不是真实的检查证。`,
      checkedBy,
    );
  }
  return describe(row, d, siteUrl, now, checkedBy, undefined);
}

function describe(
  row: CertRow,
  d: Details,
  siteUrl: string,
  now: number,
  checkedBy: PublicVerification['checkedBy'],
  kid: string | undefined,
): PublicVerification {
  const status = effectiveStatus(row.status, row.valid_from, row.valid_until, now);
  const t = certificateStatusText[status];
  return {
    certificateNo: row.certificate_no,
    status,
    genuine: true,
    label: t.label,
    headline: t.headline,
    advice: t.advice,
    checkedBy,
    ...(kid ? { signature: { alg: 'EdDSA' as const, kid } } : {}),
    certificate: {
      issuedAt: toChinaIso(row.issued_at),
      validFrom: toChinaIso(row.valid_from),
      validUntil: toChinaIso(row.valid_until),
      ...(row.revoked_at ? { revokedAt: toChinaIso(row.revoked_at) } : {}),
      ...(row.revocation_reason ? { revocationReason: row.revocation_reason } : {}),
    },
    agency: { id: row.agency_id, name: d.agency_name, url: `${siteUrl}/agencies/${row.agency_id}` },
    source: d.source,
    inspectors: d.inspectors.map((p) => ({
      name: p.name ?? '（未登记的人员）',
      certificateNo: p.certificateNo ?? '',
      ...(p.certificateNo ? { url: `${siteUrl}/inspectors/${p.certificateNo}` } : {}),
      status: p.status ?? 'unknown',
      statusLabel: p.status
        ? (inspectorStatusLabels[p.status as keyof typeof inspectorStatusLabels] ?? p.status)
        : '未登记',
      validUntil: p.validUntil,
    })),
    items: d.items.map((it) => ({
      code: it.code,
      name: it.name ?? '（未公布的检查事项）',
      url: `${siteUrl}/inspection-items/${it.code}`,
      basis: (it.basis ?? []).map((b) => ({
        lawCode: b.lawCode,
        article: b.article,
        title: b.title,
        label: `${b.title ? `《${b.title}》` : b.lawCode}${refLabel(b)}`,
        url: `${siteUrl}${basisHref(b)}`,
      })),
    })),
    ...(d.draw_id ? { draw: { id: d.draw_id, url: `${siteUrl}/draws/${d.draw_id}` } } : {}),
    ...(kid ? { enterpriseHint: d.enterprise_credit_code.slice(-4) } : {}),
  };
}
