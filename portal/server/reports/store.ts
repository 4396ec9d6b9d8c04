import { createHash, randomInt } from 'node:crypto';
import { chinaDate } from '@sunlight/domain/china-time';
import { fieldErrors, type FieldError } from '@sunlight/domain/errors';
import {
  REPORT_LOOKBACK_DAYS,
  ReportInputSchema,
  reportFieldLabels,
  reportKindLabels,
  reportStatusLabels,
  UNKNOWN_AGENCY,
  type ReportInput,
  type ReportReceipt,
  type ReportStatus,
} from '@sunlight/domain/schemas/report';
import type { Db } from '../db/types';
import { redactText } from '../disclosures/redact';
import { audit } from '../supervision/audit';
import { insertCase, type CaseStatus } from '../supervision/cases';
import { supervisionSettings } from '../supervision/settings';

/** Reports one sender may file in 24 hours; more is refused with 429 and counted nowhere. */
export const REPORTS_PER_CLIENT_PER_DAY = 5;
/** The same report (kind, agency, description) within this many days joins the first one's work order. */
export const DUPLICATE_WINDOW_DAYS = 30;

/** Crockford base32 without I, L, O, U: read aloud and copied by hand without confusion. */
const RECEIPT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECEIPT_PATTERN = /^FY\d{8}-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;

function newReceipt(now: Date): string {
  const pick = () => Array.from({ length: 5 }, () => RECEIPT_ALPHABET[randomInt(32)]).join('');
  return `FY${chinaDate(now).replace(/-/g, '')}-${pick()}-${pick()}`;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Case status → what the reporter sees. 不予处理 is shown as closed, not founded. */
export const statusOfCase: Record<CaseStatus, ReportStatus> = {
  pending: 'received',
  verifying: 'verifying',
  closed: 'closed',
  dismissed: 'unfounded',
};

export type FileOutcome =
  | { ok: true; status: 201 | 200; receipt: ReportReceipt; replayed: boolean }
  | { ok: false; status: 422; errors: FieldError[] }
  | { ok: false; status: 409; errors: FieldError[] }
  | { ok: false; status: 429; retryAfterSeconds: number };

export interface FileContext {
  now: Date;
  /** The sender's network address (as trusted from the proxy settings); only its hash is kept. */
  clientAddress: string;
}

const normalised = (s: string) => s.replace(/\s+/g, '').toLowerCase();

function caseDescription(r: ReportInput, agencyName: string | null, receipt: string): string {
  return [
    `回执编号：${receipt}`,
    `问题类型：${reportKindLabels[r.kind]}`,
    `执法主体：${agencyName ?? '反映人不清楚'}`,
    `发生时间：${r.occurredAt}`,
    `地点：${r.place}`,
    r.officer ? `执法人员：${r.officer}` : null,
    r.certificateNo ? `电子检查证编号：${r.certificateNo}` : null,
    `情况说明：${r.description}`,
  ]
    .filter((x) => x !== null)
    .join('\n');
}

/**
 * Files a report: checks it, links it to a certificate or inspection when one is named, and opens a work
 * order for supervisors in the same transaction. Idempotent by clientId; the same report sent again (by
 * anyone, within the window) gets its own receipt but joins the first one's work order.
 */
export async function fileReport(db: Db, body: unknown, ctx: FileContext): Promise<FileOutcome> {
  const parsed = ReportInputSchema.safeParse(body);
  if (!parsed.success) return { ok: false, status: 422, errors: fieldErrors(parsed.error, reportFieldLabels) };
  const r = parsed.data;
  const fingerprint = sha256(`${r.kind}\n${r.agencyId}\n${normalised(r.description)}`);
  const existing = await receiptByClientId(db, r.clientId);
  if (existing) {
    if (existing.fingerprint !== fingerprint) {
      return {
        ok: false,
        status: 409,
        errors: [
          {
            field: 'clientId',
            label: reportFieldLabels.clientId,
            message: '这个提交编号已用于另一份反映；请为新的反映生成新的提交编号',
          },
        ],
      };
    }
    return { ok: true, status: 200, receipt: (await readReceipt(db, existing.receipt))!, replayed: true };
  }

  const errors: FieldError[] = [];
  const at = Date.parse(r.occurredAt);
  if (at > ctx.now.getTime() + 10 * 60_000) {
    errors.push({ field: 'occurredAt', label: reportFieldLabels.occurredAt, message: '发生时间不能晚于现在' });
  } else if (at < ctx.now.getTime() - REPORT_LOOKBACK_DAYS * 86_400_000) {
    errors.push({
      field: 'occurredAt',
      label: reportFieldLabels.occurredAt,
      message: `只受理${REPORT_LOOKBACK_DAYS}天内发生的检查；更早的情况请向司法局执法监督部门书面反映`,
    });
  }
  let agencyId = r.agencyId === UNKNOWN_AGENCY ? null : r.agencyId;
  let agencyName: string | null = null;
  if (agencyId) {
    const [a] = await db.query<{ name: string }>('SELECT name FROM agencies WHERE id = $1', [agencyId]);
    if (!a) {
      errors.push({
        field: 'agencyId',
        label: reportFieldLabels.agencyId,
        message: '请从公开名单中选择执法主体；不清楚是哪个单位时选择“不清楚”（unknown）',
      });
    } else agencyName = a.name;
  }
  if (errors.length) return { ok: false, status: 422, errors };

  let inspectionId: string | null = null;
  if (r.certificateNo) {
    const [c] = await db.query<{ inspection_id: string; agency_id: string }>(
      'SELECT inspection_id, agency_id FROM certificates WHERE certificate_no = $1',
      [r.certificateNo.replace(/\s+/g, '')],
    );
    if (c) {
      inspectionId = c.inspection_id;
      if (!agencyId) agencyId = c.agency_id;
    }
  }

  const inspectorId = r.officer ? await identifyOfficer(db, r.officer, agencyId) : null;

  const clientKey = sha256(`report-sender\n${ctx.clientAddress}`);
  const dayAgo = new Date(ctx.now.getTime() - 86_400_000);
  const [{ n: recent } = { n: 0 }] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM reports WHERE client_key = $1 AND received_at > $2',
    [clientKey, dayAgo],
  );
  if (recent >= REPORTS_PER_CLIENT_PER_DAY) return { ok: false, status: 429, retryAfterSeconds: 3600 };

  const deadlineDays = (await supervisionSettings(db)).cases.defaultDeadlineDays;
  const receipt = await db.transaction(async (tx) => {
    const receipt = newReceipt(ctx.now);
    const since = new Date(ctx.now.getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000);
    const [first] = await tx.query<{ receipt: string; case_id: string }>(
      `SELECT receipt, case_id FROM reports WHERE fingerprint = $1 AND received_at > $2 AND duplicate_of IS NULL
       ORDER BY received_at LIMIT 1`,
      [fingerprint, since],
    );
    const deadline = chinaDate(new Date(ctx.now.getTime() + deadlineDays * 86_400_000));
    const caseId =
      first?.case_id ??
      (await insertCase(
        tx,
        {
          title: `反映问题：${reportKindLabels[r.kind]}（${agencyName ?? '执法主体不明'}）`,
          description: caseDescription(r, agencyName, receipt),
          agencyId,
          enterpriseCreditCode: null,
          assignee: null,
          deadline,
          reportReceipt: receipt,
        },
        { username: '公众反映', role: null },
        ctx.now,
      ));
    await tx.query(
      `INSERT INTO reports (receipt, client_id, kind, agency_id, occurred_at, place, description, officer,
         certificate_no, inspection_id, contact, client_key, fingerprint, duplicate_of, case_id, received_at, inspector_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [
        receipt,
        r.clientId,
        r.kind,
        agencyId,
        r.occurredAt,
        r.place,
        r.description,
        r.officer ?? null,
        r.certificateNo ?? null,
        inspectionId,
        r.contact ?? null,
        clientKey,
        fingerprint,
        first?.receipt ?? null,
        caseId,
        ctx.now,
        inspectorId,
      ],
    );
    return receipt;
  });
  return { ok: true, status: 201, receipt: (await readReceipt(db, receipt))!, replayed: false };
}

/**
 * The certified officer a report names: by 执法证号 anywhere in the text, else by a full name that matches
 * exactly one officer (of the reported agency when it is known). Null when unsure.
 */
async function identifyOfficer(db: Db, text: string, agencyId: string | null): Promise<string | null> {
  const no = /ZF\d{14}/i.exec(text.replace(/\s+/g, ''))?.[0]?.toUpperCase();
  if (no) {
    const [byNo] = await db.query<{ id: string }>('SELECT id FROM inspectors WHERE certificate_no = $1', [no]);
    if (byNo) return byNo.id;
  }
  const name = text.replace(/[\s（(].*$/, '').trim();
  if (name.length < 2) return null;
  const rows = await db.query<{ id: string }>(
    'SELECT id FROM inspectors WHERE name = $1 AND ($2::text IS NULL OR agency_id = $2) LIMIT 2',
    [name, agencyId],
  );
  return rows.length === 1 ? rows[0]!.id : null;
}

async function receiptByClientId(db: Db, clientId: string) {
  const [row] = await db.query<{ receipt: string; fingerprint: string }>(
    'SELECT receipt, fingerprint FROM reports WHERE client_id = $1',
    [clientId],
  );
  return row;
}

/** What the receipt holder sees: progress and reply only, never the contact, sender or description. */
export async function readReceipt(db: Db, receipt: string): Promise<ReportReceipt | undefined> {
  if (!RECEIPT_PATTERN.test(receipt)) return undefined;
  const [row] = await db.query<{
    receipt: string;
    kind: ReportReceipt['kind'];
    agency_id: string | null;
    agency_name: string | null;
    received_at: Date;
    case_status: CaseStatus;
    deadline: string | null;
    reply: string | null;
    replied_at: Date | null;
  }>(
    `SELECT r.receipt, r.kind, r.agency_id, a.name AS agency_name, r.received_at, c.status AS case_status,
            to_char(c.deadline, 'YYYY-MM-DD') AS deadline, r.reply, r.replied_at
     FROM reports r JOIN supervision_cases c ON c.id = r.case_id LEFT JOIN agencies a ON a.id = r.agency_id
     WHERE r.receipt = $1`,
    [receipt],
  );
  if (!row) return undefined;
  const status = statusOfCase[row.case_status];
  return {
    receipt: row.receipt,
    kind: row.kind,
    kindLabel: reportKindLabels[row.kind],
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    receivedAt: new Date(row.received_at).toISOString(),
    status,
    statusLabel: reportStatusLabels[status],
    deadline: row.deadline,
    reply: row.reply,
    repliedAt: row.replied_at ? new Date(row.replied_at).toISOString() : null,
  };
}

/** A report on a work order, as supervisors see it (with the contact; never shown to an agency). */
export interface CaseReport {
  receipt: string;
  receivedAt: Date;
  contact: string | null;
  officer: string | null;
  certificateNo: string | null;
  inspectionId: string | null;
  /** The named officer, when identified: links to the public officer page. */
  inspector: { id: string; name: string; certificateNo: string } | null;
  duplicateOf: string | null;
  reply: string | null;
  /** Photos attached (see photos.ts), numbered 1…n. */
  photos: number;
}

export async function reportsOfCase(db: Db, caseId: string): Promise<CaseReport[]> {
  const rows = await db.query<{
    receipt: string;
    received_at: Date;
    contact: string | null;
    officer: string | null;
    certificate_no: string | null;
    inspection_id: string | null;
    duplicate_of: string | null;
    reply: string | null;
    photos: number;
    inspector_id: string | null;
    inspector_name: string | null;
    inspector_no: string | null;
  }>(
    `SELECT r.receipt, r.received_at, r.contact, r.officer, r.certificate_no, r.inspection_id, r.duplicate_of, r.reply,
            (SELECT count(*)::int FROM report_photos p WHERE p.receipt = r.receipt) AS photos,
            r.inspector_id, i.name AS inspector_name, i.certificate_no AS inspector_no
     FROM reports r LEFT JOIN inspectors i ON i.id = r.inspector_id
     WHERE r.case_id = $1 ORDER BY r.received_at`,
    [caseId],
  );
  return rows.map((r) => ({
    receipt: r.receipt,
    receivedAt: new Date(r.received_at),
    contact: r.contact,
    officer: r.officer,
    certificateNo: r.certificate_no,
    inspectionId: r.inspection_id,
    inspector:
      r.inspector_id && r.inspector_name && r.inspector_no
        ? { id: r.inspector_id, name: r.inspector_name, certificateNo: r.inspector_no }
        : null,
    duplicateOf: r.duplicate_of,
    reply: r.reply,
    photos: r.photos,
  }));
}

export const MAX_REPLY = 2000;

/**
 * The supervisor's reply (回告) to every report on a work order. Whoever holds a receipt reads it, so it
 * is redacted like public text: a name or number written in it is masked before it is stored.
 */
export async function replyToReports(
  db: Db,
  caseId: string,
  text: string,
  actor: { username: string; role: string; ip?: string | null },
  now: Date,
): Promise<{ ok: true; replies: number } | { ok: false; errors: { field: string; message: string }[] }> {
  const body = text.replace(/\r\n?/g, '\n').trim();
  if (!body) return { ok: false, errors: [{ field: 'reply', message: '请填写回告内容' }] };
  if (body.length > MAX_REPLY)
    return { ok: false, errors: [{ field: 'reply', message: `回告不超过 ${MAX_REPLY} 个字` }] };
  const [linked] = await db.query('SELECT 1 FROM reports WHERE case_id = $1 LIMIT 1', [caseId]);
  if (!linked)
    return { ok: false, errors: [{ field: 'reply', message: '这个工单不是由反映问题生成的，没有可以回告的人' }] };
  const reply = redactText(body, { personNames: [] });
  const replies = await db.transaction(async (tx) => {
    const rows = await tx.query<{ receipt: string }>(
      'UPDATE reports SET reply = $2, replied_at = $3 WHERE case_id = $1 RETURNING receipt',
      [caseId, reply, now],
    );
    await audit(
      tx,
      {
        actor: actor.username,
        role: actor.role,
        action: 'case.reply',
        targetType: 'case',
        targetId: caseId,
        detail: { text: reply, receipts: rows.length },
        ip: actor.ip ?? null,
      },
      now,
    );
    return rows.length;
  });
  return { ok: true, replies };
}
