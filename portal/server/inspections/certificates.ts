import type { Certificate } from '@sunlight/domain/schemas/certificate';
import { makeCertificateNo } from '@sunlight/domain/validators/certificate-no';
import type { CertificateClaims } from '@sunlight/verify';
import { buildVerifyUrl } from '@sunlight/verify/url';
import { certificateIssuedForm, certificateRevokedForm, logEvents } from '../transparency/leaves';
import type { Db } from '../db/types';
import type { KeyRing, SigningKey } from './keys';
import { chinaYear, seconds, toChinaIso } from './time';
import { forgetCertificate } from './verify';

export interface CertificateFields {
  certificateNo: string;
  agencyId: string;
  validFrom: Date;
  validUntil: Date;
  issuedAt: Date;
}

export function claimsOf(c: CertificateFields): CertificateClaims {
  return {
    sub: c.certificateNo,
    agn: c.agencyId,
    nbf: seconds(c.validFrom),
    exp: seconds(c.validUntil),
    iat: seconds(c.issuedAt),
  };
}

/** Next certificate number of the year (`JCZ-YYYY-NNNNNNN-C`), inside the caller's transaction. */
export async function nextCertificateNo(tx: Db, issuedAt: Date): Promise<string> {
  const year = chinaYear(issuedAt);
  const [row] = await tx.query<{ last: number }>(
    `INSERT INTO certificate_serials (year, last) VALUES ($1, 1)
     ON CONFLICT (year) DO UPDATE SET last = certificate_serials.last + 1 RETURNING last`,
    [year],
  );
  return makeCertificateNo(year, row!.last);
}

export interface IssuedCertificate {
  certificateNo: string;
  token: string;
  kid: string;
}

/** The inspection task stored together with its certificate (one statement with the serial number). */
export interface NewInspection {
  enterpriseCreditCode: string;
  source: string;
  data: object;
  flagged: boolean;
  idempotencyKey: string | null;
}

/**
 * Stores the inspection (when given), takes the next serial number, signs and stores the certificate,
 * in the caller's transaction.
 */
export async function issueCertificate(
  tx: Db,
  keys: KeyRing,
  key: SigningKey,
  c: Omit<CertificateFields, 'certificateNo'> & { inspectionId: string; inspection?: NewInspection },
): Promise<IssuedCertificate> {
  const year = chinaYear(c.issuedAt);
  let serial: number;
  if (c.inspection) {
    const i = c.inspection;
    const [row] = await tx.query<{ last: number }>(
      `WITH task AS (
         INSERT INTO inspections (id, agency_id, enterprise_credit_code, source, status, window_start, window_end, data,
                                  flagged, idempotency_key, created_at, updated_at)
         VALUES ($2, $3, $4, $5, 'planned', $6, $7, $8, $9, $10, $11, $11))
       INSERT INTO certificate_serials (year, last) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last = certificate_serials.last + 1 RETURNING last`,
      [
        year,
        c.inspectionId,
        c.agencyId,
        i.enterpriseCreditCode,
        i.source,
        c.validFrom,
        c.validUntil,
        JSON.stringify(i.data),
        i.flagged,
        i.idempotencyKey,
        c.issuedAt,
      ],
    );
    serial = row!.last;
  } else {
    const [row] = await tx.query<{ last: number }>(
      `INSERT INTO certificate_serials (year, last) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last = certificate_serials.last + 1 RETURNING last`,
      [year],
    );
    serial = row!.last;
  }
  const certificateNo = makeCertificateNo(year, serial);
  const { token, kid } = keys.sign(claimsOf({ ...c, certificateNo }), key);
  await tx.query(
    `INSERT INTO certificates (certificate_no, inspection_id, agency_id, status, kid, token, issued_at, valid_from, valid_until)
     VALUES ($1, $2, $3, 'valid', $4, $5, $6, $7, $8)`,
    [certificateNo, c.inspectionId, c.agencyId, kid, token, c.issuedAt, c.validFrom, c.validUntil],
  );
  await logEvents(tx, [
    {
      type: 'certificate',
      id: certificateNo,
      event: 'published',
      at: c.issuedAt,
      form: certificateIssuedForm(certificateNo, token),
    },
  ]);
  return { certificateNo, token, kid };
}

/**
 * Loads the sample certificates of content/ through the same signing path: each is signed at load
 * time with this deployment's active key (the `kid` in the file is a placeholder). Existing numbers
 * are left alone; serial counters move past the loaded numbers.
 */
export async function seedCertificates(tx: Db, keys: KeyRing, rows: readonly Certificate[]): Promise<number> {
  const key = await keys.ensureRegistered(tx);
  const records = rows.map((c) => {
    const fields: CertificateFields = {
      certificateNo: c.certificateNo,
      agencyId: c.agencyId,
      validFrom: new Date(c.validFrom),
      validUntil: new Date(c.validUntil),
      issuedAt: new Date(c.issuedAt),
    };
    const { token, kid } = keys.sign(claimsOf(fields), key);
    return {
      no: c.certificateNo,
      inspection: c.inspectionId,
      agency: c.agencyId,
      status: c.status,
      kid,
      token,
      issued: c.issuedAt,
      from: c.validFrom,
      until: c.validUntil,
      revokedAt: c.revokedAt ?? (c.status === 'revoked' ? c.issuedAt : null),
      reason: c.revocationReason ?? null,
    };
  });
  let inserted = 0;
  for (let i = 0; i < records.length; i += 500) {
    const res = await tx.query(
      `INSERT INTO certificates (certificate_no, inspection_id, agency_id, status, kid, token, issued_at, valid_from,
                                 valid_until, revoked_at, revocation_reason)
       SELECT e->>'no', e->>'inspection', e->>'agency', e->>'status', e->>'kid', e->>'token', (e->>'issued')::timestamptz,
              (e->>'from')::timestamptz, (e->>'until')::timestamptz, (e->>'revokedAt')::timestamptz, e->>'reason'
       FROM jsonb_array_elements($1::jsonb) e
       WHERE EXISTS (SELECT 1 FROM inspections i WHERE i.id = e->>'inspection')
       ON CONFLICT DO NOTHING
       RETURNING certificate_no`,
      [JSON.stringify(records.slice(i, i + 500))],
    );
    inserted += res.length;
    const added = new Set(res.map((r) => (r as { certificate_no: string }).certificate_no));
    const logged = records.slice(i, i + 500).filter((r) => added.has(r.no));
    await logEvents(tx, [
      ...logged.map((r) => ({
        type: 'certificate' as const,
        id: r.no,
        event: 'published' as const,
        at: new Date(r.issued),
        form: certificateIssuedForm(r.no, r.token),
      })),
      ...logged
        .filter((r) => r.status === 'revoked')
        .map((r) => ({
          type: 'certificate' as const,
          id: r.no,
          event: 'withdrawn' as const,
          at: new Date(r.revokedAt!),
          form: certificateRevokedForm(r.no, new Date(r.revokedAt!), r.reason ?? ''),
        })),
    ]);
  }
  await tx.query(
    `INSERT INTO certificate_serials (year, last)
     SELECT substr(certificate_no, 5, 4)::int, max(substr(certificate_no, 10, 7)::int) FROM certificates GROUP BY 1
     ON CONFLICT (year) DO UPDATE SET last = GREATEST(certificate_serials.last, EXCLUDED.last)`,
  );
  return inserted;
}

export interface CertificateLinks {
  verifyUrl: string;
  printUrl: string;
  qrSvgUrl: string;
  qrPngUrl: string;
  apiUrl: string;
}

/** Addresses of a certificate. The token is in the QR code and the verify URL; keep it with the task. */
export function certificateLinks(siteUrl: string, certificateNo: string, token: string): CertificateLinks {
  return {
    verifyUrl: buildVerifyUrl(siteUrl, certificateNo, token),
    printUrl: `${siteUrl}/verify/${certificateNo}/print?t=${token}`,
    qrSvgUrl: `${siteUrl}/api/v1/certificates/${certificateNo}/qr.svg?t=${token}`,
    qrPngUrl: `${siteUrl}/api/v1/certificates/${certificateNo}/qr.png?t=${token}`,
    apiUrl: `${siteUrl}/api/v1/certificates/${certificateNo}?t=${token}`,
  };
}

export interface AgencyCertificateView {
  certificateNo: string;
  inspectionId: string;
  agencyId: string;
  status: Certificate['status'];
  kid: string;
  token: string;
  issuedAt: string;
  validFrom: string;
  validUntil: string;
  revokedAt?: string;
  revocationReason?: string;
}

/** The issuing agency's view (with the token, for reprinting): never served without its bearer token. */
export async function agencyCertificate(db: Db, no: string): Promise<AgencyCertificateView | undefined> {
  const [r] = await db.query<{
    certificate_no: string;
    inspection_id: string;
    agency_id: string;
    status: Certificate['status'];
    kid: string;
    token: string;
    issued_at: Date;
    valid_from: Date;
    valid_until: Date;
    revoked_at: Date | null;
    revocation_reason: string | null;
  }>('SELECT * FROM certificates WHERE certificate_no = $1', [no]);
  if (!r) return undefined;
  return {
    certificateNo: r.certificate_no,
    inspectionId: r.inspection_id,
    agencyId: r.agency_id,
    status: r.status,
    kid: r.kid,
    token: r.token,
    issuedAt: toChinaIso(r.issued_at),
    validFrom: toChinaIso(r.valid_from),
    validUntil: toChinaIso(r.valid_until),
    ...(r.revoked_at ? { revokedAt: toChinaIso(r.revoked_at) } : {}),
    ...(r.revocation_reason ? { revocationReason: r.revocation_reason } : {}),
  };
}

export type RevokeOutcome =
  | { ok: true; changed: boolean; certificate: AgencyCertificateView }
  | { ok: false; kind: 'not-found' | 'forbidden'; detail: string };

/** Revokes a certificate of the token's agency; the task is cancelled unless it already took place. */
export async function revokeCertificate(
  db: Db,
  no: string,
  agencyId: string,
  reason: string,
  now = new Date(),
): Promise<RevokeOutcome> {
  const outcome = await db.transaction(async (tx): Promise<RevokeOutcome> => {
    const [row] = await tx.query<{ agency_id: string; status: string; inspection_id: string }>(
      'SELECT agency_id, status, inspection_id FROM certificates WHERE certificate_no = $1 FOR UPDATE',
      [no],
    );
    if (!row) return { ok: false, kind: 'not-found', detail: `没有编号为 ${no} 的电子检查证。` };
    if (row.agency_id !== agencyId) {
      return { ok: false, kind: 'forbidden', detail: `检查证 ${no} 由其他机关签发，只有签发机关可以撤销。` };
    }
    let changed = false;
    if (row.status !== 'revoked') {
      await tx.query(
        `UPDATE certificates SET status = 'revoked', revoked_at = $2, revocation_reason = $3, updated_at = $2
         WHERE certificate_no = $1`,
        [no, now, reason],
      );
      await tx.query(
        `UPDATE inspections SET status = 'cancelled', data = data || '{"status":"cancelled"}'::jsonb, updated_at = $2
         WHERE id = $1 AND status = 'planned'`,
        [row.inspection_id, now],
      );
      await logEvents(tx, [
        { type: 'certificate', id: no, event: 'withdrawn', at: now, form: certificateRevokedForm(no, now, reason) },
      ]);
      changed = true;
    }
    return { ok: true, changed, certificate: (await agencyCertificate(tx, no))! };
  });
  forgetCertificate(db, no);
  return outcome;
}
