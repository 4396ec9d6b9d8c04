import { randomUUID } from 'node:crypto';
import type { EvaluationProblem, RatingDimension } from '@sunlight/domain/schemas/evaluation';
import { makeCertificateNo } from '@sunlight/domain/validators/certificate-no';
import type { Db } from '../db/types';

/**
 * A small fictional world for supervision tests, written straight into the tables the alert rules read
 * (inspections, certificates, check-ins, evaluations), so each test can build exactly the history it
 * needs — including histories the ingest API would refuse today (over the cap, past windows).
 */

export const AGENCIES = [
  { id: 'market', name: '示例市滨江新区市场监督管理局', short: '区市场监管局', category: 'C', field: '市场监管' },
  { id: 'ecology', name: '示例市滨江新区生态环境局', short: '区生态环境局', category: 'C', field: '生态环境' },
  { id: 'safety', name: '示例市滨江新区应急管理局', short: '区应急管理局', category: 'C', field: '安全生产' },
  { id: 'fire', name: '示例市滨江新区消防救援大队', short: '区消防救援大队', category: 'C', field: '消防安全' },
  { id: 'urban', name: '示例市滨江新区城市管理综合执法局', short: '区城管执法局', category: 'C', field: '城市管理' },
  { id: 'qingshi', name: '示例市滨江新区青石街道办事处', short: '青石街道', category: 'B', field: '综合执法' },
] as const;
export type AgencyId = (typeof AGENCIES)[number]['id'];

/** The cap each agency publishes for its field (inspections of one enterprise a year). */
export const CAP_PER_YEAR = 4;

export const itemOf = (agency: AgencyId) =>
  `JCSX-${String(AGENCIES.findIndex((a) => a.id === agency) + 1).padStart(6, '0')}`;

/** An 18-character credit code of the fictional division 990116 (format only; tests do not need the check character). */
export const enterpriseCode = (n: number) => `91990116MA${String(n).padStart(7, '0')}X`;

export async function loadSupervisionFixture(db: Db, enterprises = 50, years = [2025, 2026]): Promise<void> {
  for (const a of AGENCIES) {
    await db.query(
      `INSERT INTO agencies (id, name, short_name, category, data) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
      [
        a.id,
        a.name,
        a.short,
        a.category,
        JSON.stringify({ id: a.id, name: a.name, shortName: a.short, category: a.category }),
      ],
    );
    await db.query(
      `INSERT INTO inspection_items (code, agency_id, field, data) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING`,
      [itemOf(a.id), a.id, a.field, JSON.stringify({ code: itemOf(a.id), name: `${a.field}检查`, agencyId: a.id })],
    );
  }
  await db.query(
    `INSERT INTO enterprises (credit_code, name, type, region, data)
     SELECT '91990116MA' || lpad(n::text, 7, '0') || 'X', '示例' || n || '号有限公司', '企业', '青石街道', '{}'::jsonb
     FROM generate_series(1, $1::int) n ON CONFLICT DO NOTHING`,
    [enterprises],
  );
  const caps = AGENCIES.flatMap((a) =>
    years.map((year) => ({
      id: `cap-${a.id}-${year}`,
      agencyId: a.id,
      field: a.field,
      year,
      maxPerEnterprise: CAP_PER_YEAR,
      basis: '《示例市涉企行政检查规定》第五条',
    })),
  );
  await db.query(
    `INSERT INTO settings (key, data) VALUES ('inspection-caps', $1) ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data`,
    [JSON.stringify(caps)],
  );
  await db.query(
    `INSERT INTO signing_keys (kid, public_jwk, source) VALUES ('test-key', '{}'::jsonb, 'test') ON CONFLICT DO NOTHING`,
  );
}

let serial = 0;
const HOUR = 3_600_000;

export interface InspectionSpec {
  agency: AgencyId;
  enterprise: string;
  /** Window start. */
  start: Date;
  hours?: number;
  source?: string;
  status?: 'planned' | 'in_progress' | 'completed' | 'cancelled';
  approver?: string;
  flagged?: boolean;
  reason?: string;
  /** When the certificate was issued (default: the working day before the window, 10:00). */
  issuedAt?: Date;
  certificateStatus?: 'valid' | 'used' | 'expired' | 'revoked';
  /** No certificate at all. */
  noCertificate?: boolean;
  /** Register a check-in (事中登记) one hour into the window. */
  checkin?: boolean | { credentialsShown: boolean; at?: Date };
  evaluation?: {
    ratings?: Partial<Record<RatingDimension, number>>;
    problems?: EvaluationProblem[];
    comment?: string;
    at?: Date;
  };
}

export interface Inserted {
  inspectionId: string;
  certificateNo: string | null;
}

/** Issue time: the previous weekday at 10:00 China time. */
function defaultIssue(start: Date): Date {
  let t = start.getTime() - 24 * HOUR;
  for (;;) {
    const local = new Date(t + 8 * HOUR);
    const wd = local.getUTCDay();
    if (wd !== 0 && wd !== 6) {
      const d = local.toISOString().slice(0, 10);
      return new Date(Date.parse(`${d}T10:00:00+08:00`));
    }
    t -= 24 * HOUR;
  }
}

export async function insertInspection(db: Db, s: InspectionSpec): Promise<Inserted> {
  const n = ++serial;
  const id = `jc-t-${String(n).padStart(6, '0')}-${randomUUID().slice(0, 4)}`;
  const end = new Date(s.start.getTime() + (s.hours ?? 8) * HOUR);
  const status = s.status ?? 'completed';
  const data = {
    id,
    source: s.source ?? '双随机',
    agencyId: s.agency,
    inspectorIds: [`insp-${s.agency}-1`, `insp-${s.agency}-2`],
    enterpriseCreditCode: s.enterprise,
    itemCodes: [itemOf(s.agency)],
    windowStart: s.start.toISOString(),
    windowEnd: end.toISOString(),
    approver: s.approver ?? `${s.agency}审批人`,
    status,
    ...(s.reason ? { reason: s.reason } : {}),
  };
  await db.query(
    `INSERT INTO inspections (id, agency_id, enterprise_credit_code, source, status, window_start, window_end, data, flagged)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [id, s.agency, s.enterprise, data.source, status, s.start, end, JSON.stringify(data), s.flagged ?? false],
  );
  if (s.noCertificate) return { inspectionId: id, certificateNo: null };
  const issued = s.issuedAt ?? defaultIssue(s.start);
  const certificateNo = makeCertificateNo(new Date(issued.getTime() + 8 * HOUR).getUTCFullYear(), n);
  const checkin = s.checkin === undefined ? status === 'completed' : s.checkin;
  const certStatus =
    s.certificateStatus ??
    (status === 'cancelled' ? 'revoked' : checkin ? 'used' : end.getTime() < Date.now() ? 'expired' : 'valid');
  await db.query(
    `INSERT INTO certificates (certificate_no, inspection_id, agency_id, status, kid, token, issued_at, valid_from, valid_until,
       revoked_at, revocation_reason)
     VALUES ($1, $2, $3, $4, 'test-key', 'x.y.z', $5, $6, $7, $8, $9)`,
    [
      certificateNo,
      id,
      s.agency,
      certStatus,
      issued,
      s.start,
      end,
      certStatus === 'revoked' ? issued : null,
      certStatus === 'revoked' ? '检查任务已取消' : null,
    ],
  );
  if (checkin) {
    const c = typeof checkin === 'object' ? checkin : { credentialsShown: true };
    await db.query(
      `INSERT INTO checkins (client_id, certificate_no, credentials_shown, certificate_status, request_hash, response, created_at)
       VALUES ($1, $2, $3, 'valid', 'h', '{}'::jsonb, $4)`,
      [randomUUID(), certificateNo, c.credentialsShown, 'at' in c && c.at ? c.at : new Date(s.start.getTime() + HOUR)],
    );
  }
  if (s.evaluation) {
    const e = s.evaluation;
    const ratings = { lawfulness: 5, courtesy: 5, integrity: 5, efficiency: 5, overall: 5, ...e.ratings };
    const at = e.at ?? new Date(end.getTime() + 2 * HOUR);
    await db.query(
      `INSERT INTO evaluations (certificate_no, agency_id, ratings, problems, comment, revisions, created_at, updated_at, final_at)
       VALUES ($1, $2, $3, $4, $5, 1, $6, $6, $7)`,
      [
        certificateNo,
        s.agency,
        JSON.stringify(ratings),
        JSON.stringify([...(e.problems ?? [])].sort()),
        e.comment ?? null,
        at,
        new Date(at.getTime() + 7 * 24 * HOUR),
      ],
    );
  }
  return { inspectionId: id, certificateNo };
}

/** `2026-03-02T09:00:00+08:00` → Date */
export const cst = (iso: string) => new Date(iso.includes('T') ? `${iso}+08:00` : `${iso}T09:00:00+08:00`);
