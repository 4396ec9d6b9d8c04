/**
 * Loads the fictional sample's check-ins and evaluations (feedback.ndjson) the way real ones arrive: each
 * inspected sample enterprise gets a business identity (business_subjects, marked as fictional sample data)
 * enrolled through the local enrolment adapter, its device credential is minted by exchanging the one-time
 * code, and every check-in and evaluation is submitted with that credential and the certificate's own QR
 * token through submitCheckIn / submitEvaluation — the mini-program's write path, with its checks (the
 * identity must be the inspected enterprise's, evaluations only inside their period, comments sanitised,
 * idempotent by clientId) — at the time the record names. What is already stored stands: a check-in whose
 * clientId is known and an evaluation of a certificate that has one are not submitted again. The credentials are revoked afterwards: nobody
 * holds their secrets, and nobody can speak for a sample business later.
 *
 * Only a fictional sample (site.json `fictional: true` with sample-clock.json) may carry this file: a real
 * deployment's evaluations come from the businesses themselves, never from a content file.
 */
import { randomUUID } from 'node:crypto';
import type { SampleFeedback } from '@sunlight/domain/schemas/sample-feedback';
import type { Db } from '../db/types';
import { exchangeEnrolmentCode, enrolBusiness } from '../business-identity/local-enrolment';
import { submitCheckIn, submitEvaluation, type BusinessOutcome } from '../inspections/evaluations';

export const SAMPLE_SUBJECT_LABEL = '虚构示例数据（示例企业身份，content/sample/feedback.ndjson）';
export const SAMPLE_SUBJECT_CREATOR = 'sample-content';

export interface FeedbackLoad {
  checkins: number;
  evaluations: number;
  subjects: number;
  /** Refused attempts to speak for the business without its credential (recorded for supervisors). */
  impostors: number;
}

/** What the impostor of the sample claims: full marks for the agency's own inspection. */
const IMPOSTOR_RATINGS = { lawfulness: 5, courtesy: 5, integrity: 5, efficiency: 5, overall: 5 };

/** Stores the records (already validated and date-shifted); throws with every refused record listed. */
export async function storeSampleFeedback(
  tx: Db,
  rows: readonly SampleFeedback[],
  file: string,
  now: Date,
): Promise<{ counts: FeedbackLoad; problems: string[] }> {
  const problems: string[] = [];
  const credentials = new Map<string, { proof: string; id: string }>();
  const counts: FeedbackLoad = { checkins: 0, evaluations: 0, subjects: 0, impostors: 0 };
  const refused = (row: SampleFeedback, what: string, o: BusinessOutcome) => {
    if (!o.ok) problems.push(`${file} ${row.id}：${what}被拒绝（${o.kind}）：${o.detail}`);
  };
  for (const row of rows) {
    const [cert] = await tx.query<{ certificate_no: string; token: string; credit_code: string }>(
      `SELECT c.certificate_no, c.token, i.enterprise_credit_code AS credit_code
       FROM certificates c JOIN inspections i ON i.id = c.inspection_id WHERE c.inspection_id = $1`,
      [row.inspectionId],
    );
    if (!cert) {
      problems.push(`${file} ${row.id}：检查任务 ${row.inspectionId} 没有电子检查证，无法登记或评价`);
      continue;
    }
    if (row.subjectId !== `bs-sample-${cert.credit_code}`) {
      problems.push(`${file} ${row.id}：企业身份 ${row.subjectId} 不是被检查企业（${cert.credit_code}）的示例身份`);
      continue;
    }
    if (row.impostor) {
      // Stored once: a later version of the file does not record the same attempt again.
      const [seen] = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM business_proof_failures WHERE certificate_no = $1 AND at = $2`,
        [cert.certificate_no, new Date(row.impostor.at)],
      );
      if (!seen!.n) {
        const submit = row.impostor.action === 'checkin' ? submitCheckIn : submitEvaluation;
        const attempt =
          row.impostor.action === 'checkin'
            ? { clientId: randomUUID(), token: cert.token, credentialsShown: true }
            : { clientId: randomUUID(), ratings: IMPOSTOR_RATINGS, problems: [], token: cert.token };
        const o = await submit(tx, cert.certificate_no, attempt, { now: new Date(row.impostor.at) });
        if (o.ok || o.kind !== 'business-proof-failed')
          problems.push(`${file} ${row.id}：冒用尝试应被拒绝并记录，实际${o.ok ? '被接受' : `被拒绝（${o.kind}）`}`);
        else counts.impostors++;
      }
    }
    if (!row.checkIn && !row.evaluation) continue;
    let device = credentials.get(row.subjectId);
    if (!device) {
      const first = [row.checkIn?.at, row.evaluation?.at].filter((x) => x !== undefined).sort()[0]!;
      const inserted = await tx.query(
        `INSERT INTO business_subjects (id, credit_code, adapter, label, created_by, created_at)
         VALUES ($1, $2, 'local-enrolment', $3, $4, $5::timestamptz - interval '1 day')
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [row.subjectId, cert.credit_code, SAMPLE_SUBJECT_LABEL, SAMPLE_SUBJECT_CREATOR, first],
      );
      counts.subjects += inserted.length;
      const enrolled = await enrolBusiness(tx, { subjectId: row.subjectId, by: SAMPLE_SUBJECT_CREATOR }, now);
      if (!enrolled.ok) {
        problems.push(`${file} ${row.id}：${enrolled.message}`);
        continue;
      }
      const exchanged = await exchangeEnrolmentCode(tx, { code: enrolled.enrolled.code, deviceId: randomUUID() }, now);
      if (!exchanged.ok) {
        problems.push(`${file} ${row.id}：${exchanged.message}`);
        continue;
      }
      device = { proof: exchanged.device.credential, id: exchanged.device.credential.split('.')[1]! };
      credentials.set(row.subjectId, device);
    }
    // Loaded before (a later version of the file, or a business of the demo rated it meanwhile): what is
    // stored stands. A business's word is never replaced by a content file.
    const [done] = await tx.query<{ checked_in: boolean; evaluated: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM checkins WHERE client_id = $1) AS checked_in,
              EXISTS (SELECT 1 FROM evaluations WHERE certificate_no = $2) AS evaluated`,
      [row.checkIn?.clientId ?? randomUUID(), cert.certificate_no],
    );
    if (row.checkIn && !done!.checked_in) {
      const o = await submitCheckIn(
        tx,
        cert.certificate_no,
        {
          clientId: row.checkIn.clientId,
          token: cert.token,
          credentialsShown: row.checkIn.credentialsShown,
          proof: device.proof,
        },
        { now: new Date(row.checkIn.at) },
      );
      refused(row, '事中登记', o);
      if (o.ok && !o.replayed) counts.checkins++;
    }
    if (row.evaluation && !done!.evaluated) {
      const { at, ...content } = row.evaluation;
      const o = await submitEvaluation(
        tx,
        cert.certificate_no,
        { ...content, token: cert.token, proof: device.proof },
        { now: new Date(at) },
      );
      refused(row, '事后评价', o);
      if (o.ok && !o.replayed) counts.evaluations++;
    }
  }
  if (credentials.size > 0) {
    await tx.query(`UPDATE business_credentials SET revoked_at = $2 WHERE id = ANY($1) AND revoked_at IS NULL`, [
      [...credentials.values()].map((d) => d.id),
      now,
    ]);
  }
  return { counts, problems };
}
