import { createHash } from 'node:crypto';
import { todayInChina } from '@sunlight/domain/validators/dates';
import { enrolBusiness, normaliseEnrolmentCode } from '../business-identity/local-enrolment';
import type { Config } from '../config';
import type { Db } from '../db/types';
import { issueInspection } from '../inspections/issue';
import { openKeyRing } from '../inspections/keys';

/**
 * The demo walkthrough (演示) a new user follows on the fictional sample: a certificate valid today and a
 * one-time enrolment code for the enterprise it names, so verify → check-in → rating can be tried without
 * editing JSON or running the operator's CLI. Only ever made when the loaded content declares itself
 * fictional (`site.json` `"fictional": true`); a real deployment never has one.
 */
export interface DemoWalkthrough {
  /** China date (YYYY-MM-DD) the certificate is valid on. */
  day: string;
  certificateNo: string;
  /** Path of the verify page with the certificate's token, as the QR code would give it. */
  verifyPath: string;
  enterpriseName: string | null;
  creditCode: string;
  /** The business identity the enrolment codes bind to (kept across renewals). */
  subjectId: string;
  /** The enrolment code, shown in clear because the whole walkthrough is fictional. */
  enrolmentCode: string;
}

const SETTING = 'demo-walkthrough';

/** The inspection task behind the demo certificate: the sample's example (content/examples/inspection.json). */
const TASK = {
  source: '上级交办',
  agencyId: 'market',
  inspectorIds: ['insp-market-005', 'insp-market-006'],
  enterpriseCreditCode: '91990116EALWUKXA9D',
  itemCodes: ['JCSX-000213', 'JCSX-000214'],
  approver: '郑示例',
  reason: '演示检查证：示例数据中的演示任务，用于试用核验、登记和评价（虚构）',
  capOverride: true,
} as const;

/** Whether the loaded content is the fictional sample (its site.json says so). */
export async function isSampleContent(db: Db): Promise<boolean> {
  const [row] = await db.query<{ data: { fictional?: boolean } }>(`SELECT data FROM settings WHERE key = 'site'`);
  return row?.data.fictional === true;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Start and end of a China calendar day as offset timestamps. */
function chinaDayWindow(day: string): { windowStart: string; windowEnd: string } {
  return { windowStart: `${day}T00:00:00+08:00`, windowEnd: `${day}T23:59:59+08:00` };
}

async function stillUsable(db: Db, demo: DemoWalkthrough, now: Date): Promise<boolean> {
  if (demo.day !== todayInChina(now.getTime())) return false;
  const [code] = await db.query<{ used_at: Date | null; expires_at: Date }>(
    `SELECT used_at, expires_at FROM business_enrolment_codes WHERE code_hash = $1`,
    [sha256(normaliseEnrolmentCode(demo.enrolmentCode))],
  );
  return !!code && !code.used_at && new Date(code.expires_at) > now;
}

/**
 * Today's walkthrough on the sample content, made (or renewed: a new day, or its code was used by a
 * device) on demand with the given clock; null on any other content, or when the sample lacks the task's
 * inspectors or items.
 */
export async function demoWalkthrough(db: Db, config: Config, now: Date = new Date()): Promise<DemoWalkthrough | null> {
  if (!(await isSampleContent(db))) return null;
  const [row] = await db.query<{ data: DemoWalkthrough }>(`SELECT data FROM settings WHERE key = $1`, [SETTING]);
  if (row && (await stillUsable(db, row.data, now))) return row.data;

  const day = todayInChina(now.getTime());
  const keys = await openKeyRing(config, db);
  const issued = await issueInspection(db, { ...TASK, ...chinaDayWindow(day) }, TASK.agencyId, {
    keys,
    siteUrl: config.siteUrl,
    now,
    idempotencyKey: `demo-walkthrough-${day}`,
  });
  if (!issued.ok) return null;
  const enrolled = await enrolBusiness(
    db,
    row?.data.subjectId
      ? { subjectId: row.data.subjectId, by: 'demo-walkthrough' }
      : { creditCode: TASK.enterpriseCreditCode, label: '演示（示例数据）', by: 'demo-walkthrough' },
    now,
  );
  if (!enrolled.ok) return null;
  const demo: DemoWalkthrough = {
    day,
    certificateNo: issued.body.certificateNo,
    verifyPath: `/verify/${issued.body.certificateNo}?t=${issued.body.token}`,
    enterpriseName: enrolled.enrolled.enterpriseName,
    creditCode: enrolled.enrolled.creditCode,
    subjectId: enrolled.enrolled.subjectId,
    enrolmentCode: enrolled.enrolled.code,
  };
  await db.query(
    `INSERT INTO settings (key, data, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data, updated_at = EXCLUDED.updated_at`,
    [SETTING, demo, now],
  );
  return demo;
}
