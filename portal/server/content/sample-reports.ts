/**
 * Loads the fictional sample's 反映问题 (reports.ndjson) the way real ones arrive: each report is filed
 * through fileReport — the write path of POST /api/v1/reports and the portal's form, with its checks, its
 * work order and its duplicate detection — at the time the record names, from a sender address of its own
 * (one sample reporter is one sender). Then its work order moves on as a supervisor would move it
 * (transitionCase: 核查中, then 已办结 with a result or 不予处理 because the report was unfounded) and the
 * reply (回告) is written through replyToReports, which masks names and numbers like any public text.
 * What is already stored stands: a report whose clientId is known is not filed or moved again.
 *
 * Only a fictional sample (site.json `fictional: true` with sample-clock.json) may carry this file: a real
 * deployment's reports come from businesses and citizens, never from a content file.
 */
import type { SampleReport } from '@sunlight/domain/schemas/sample-report';
import type { Db } from '../db/types';
import { fileReport, replyToReports } from '../reports/store';
import { transitionCase } from '../supervision/cases';

/** Who moved the sample's work orders (in the audit log and the case history). */
export const SAMPLE_SUPERVISOR = { username: 'sample-content', role: 'supervisor' } as const;

export interface ReportLoad {
  reports: number;
  replies: number;
}

/** Stores the records (already validated and date-shifted); answers every refused record as a problem. */
export async function storeSampleReports(
  tx: Db,
  rows: readonly SampleReport[],
  file: string,
): Promise<{ counts: ReportLoad; problems: string[] }> {
  const problems: string[] = [];
  const counts: ReportLoad = { reports: 0, replies: 0 };
  for (const row of rows) {
    const [known] = await tx.query('SELECT 1 FROM reports WHERE client_id = $1', [row.report.clientId]);
    if (known) continue;
    const filed = await fileReport(tx, row.report, {
      now: new Date(row.receivedAt),
      clientAddress: `sample-reporter/${row.id}`,
    });
    if (!filed.ok) {
      const why =
        filed.status === 429
          ? '同一反映人一天内反映过多'
          : filed.errors.map((e) => `${e.label}：${e.message}`).join('；');
      problems.push(`${file} ${row.id}：反映被拒绝（${filed.status}）：${why}`);
      continue;
    }
    counts.reports++;
    const [link] = await tx.query<{ case_id: string; duplicate_of: string | null }>(
      'SELECT case_id, duplicate_of FROM reports WHERE receipt = $1',
      [filed.receipt.receipt],
    );
    // A repeat joins the first report's work order: that one's progress is the repeat's too.
    if (!link || link.duplicate_of) continue;
    const move = async (to: string, resolution: string | undefined, at: string) => {
      const o = await transitionCase(tx, link.case_id, { to, resolution }, SAMPLE_SUPERVISOR, new Date(at));
      if (!o.ok) problems.push(`${file} ${row.id}：工单不能改为${to}：${o.errors.map((e) => e.message).join('；')}`);
      return o.ok;
    };
    if (row.verifyingAt && !(await move('verifying', '已调取相关检查记录，开始核查。', row.verifyingAt))) continue;
    if (row.closed) {
      const { at, unfounded, resolution, reply } = row.closed;
      if (!(await move(unfounded ? 'dismissed' : 'closed', resolution, at))) continue;
      const replied = await replyToReports(tx, link.case_id, reply, SAMPLE_SUPERVISOR, new Date(at));
      if (!replied.ok)
        problems.push(`${file} ${row.id}：回告未保存：${replied.errors.map((e) => e.message).join('；')}`);
      else counts.replies += replied.replies;
    }
  }
  return { counts, problems };
}
