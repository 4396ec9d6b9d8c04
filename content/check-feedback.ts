/**
 * Sample check-ins and evaluations (feedback.ndjson) in `sunlight content check`: only a fictional sample may
 * carry them; each is about an inspection that has a certificate that was not revoked, spoken by the sample
 * identity of the inspected enterprise, inside the periods the portal accepts (a check-in during the window,
 * an evaluation from the window's start until 30 days after its end), before the sample's reference date;
 * client ids are unique. Schema problems are reported by the record checks; such records are skipped here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CertificateSchema } from '@sunlight/domain/schemas/certificate';
import { InspectionSchema } from '@sunlight/domain/schemas/inspection';
import { SampleFeedbackSchema, sampleFeedbackFieldLabels as L } from '@sunlight/domain/schemas/sample-feedback';
import { parseIsoDateTime } from '@sunlight/domain/validators/dates';
import type { Problem } from './check.ts';
import { jsonLines } from './check-draws.ts';

const FILE = 'feedback.ndjson';
/** Evaluations are taken until this many days after the window (portal/server/inspections/evaluations.ts). */
const EVALUATION_PERIOD_DAYS = 30;
const DAY = 86_400_000;

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined; // reported by the document checks
  }
}

export async function checkFeedbackReferences(dir: string): Promise<Problem[]> {
  const problems: Problem[] = [];
  const path = join(dir, FILE);
  if (!existsSync(path)) return problems;
  const error = (p: Omit<Problem, 'severity'>) => problems.push({ ...p, severity: 'error' });

  const site = readJson(join(dir, 'site.json')) as { fictional?: unknown } | undefined;
  const clock = readJson(join(dir, 'sample-clock.json')) as { referenceDate?: unknown } | undefined;
  if (site?.fictional !== true || typeof clock?.referenceDate !== 'string') {
    error({
      file: FILE,
      message:
        '企业登记和评价只能出现在虚构的示例数据中（site.json 的 fictional 为 true，且有 sample-clock.json）；真实部署的登记和评价只能由企业本人在小程序中提交，请删除此文件',
    });
    return problems;
  }
  const reference = Date.parse(`${clock.referenceDate}T00:00:00+08:00`);

  const inspections = new Map<string, { status: string; enterprise: string }>();
  for await (const { value } of jsonLines(join(dir, 'inspections.ndjson'))) {
    const r = InspectionSchema.safeParse(value);
    if (r.success) inspections.set(r.data.id, { status: r.data.status, enterprise: r.data.enterpriseCreditCode });
  }
  const certificates = new Map<string, { status: string; from: number; until: number }>();
  for await (const { value } of jsonLines(join(dir, 'certificates.ndjson'))) {
    const r = CertificateSchema.safeParse(value);
    if (r.success)
      certificates.set(r.data.inspectionId, {
        status: r.data.status,
        from: parseIsoDateTime(r.data.validFrom),
        until: parseIsoDateTime(r.data.validUntil),
      });
  }

  const clientIds = new Map<string, string>();
  for await (const { line, value } of jsonLines(path)) {
    const r = SampleFeedbackSchema.safeParse(value);
    if (!r.success) continue;
    const f = r.data;
    const at = (field: string, message: string) => error({ file: FILE, line, recordId: f.id, field, message });
    const inspection = inspections.get(f.inspectionId);
    const cert = certificates.get(f.inspectionId);
    if (!inspection) {
      at('inspectionId', `${L.inspectionId}：检查任务“${f.inspectionId}”在inspections.ndjson中不存在`);
      continue;
    }
    if (!cert || cert.status === 'revoked' || inspection.status === 'cancelled') {
      at(
        'inspectionId',
        `${L.inspectionId}：检查任务“${f.inspectionId}”没有有效签发的电子检查证（未签发、已撤销或任务已取消），企业无法登记或评价`,
      );
      continue;
    }
    if (f.subjectId !== `bs-sample-${inspection.enterprise}`)
      at(
        'subjectId',
        `${L.subjectId}：应为被检查企业的示例身份 bs-sample-${inspection.enterprise}；只有被检查企业可以登记和评价`,
      );
    for (const [kind, sub] of [
      ['checkIn', f.checkIn],
      ['evaluation', f.evaluation],
    ] as const) {
      if (!sub) continue;
      const other = clientIds.get(sub.clientId);
      if (other !== undefined)
        at(
          `${kind}.clientId`,
          `${L[`${kind}.clientId`]}：“${sub.clientId}”已用于 ${other}，每次提交的客户端编号应唯一`,
        );
      else clientIds.set(sub.clientId, `${f.id} ${kind}`);
      const t = parseIsoDateTime(sub.at);
      if (t >= reference)
        at(`${kind}.at`, `${L[`${kind}.at`]}：应早于示例参考日期 ${clock.referenceDate}（示例中的“今天”）`);
    }
    if (f.checkIn) {
      const t = parseIsoDateTime(f.checkIn.at);
      if (t < cert.from || t > cert.until)
        at('checkIn.at', `${L['checkIn.at']}：应在检查证有效期（检查时间窗）内，即检查进行时登记`);
    }
    if (f.evaluation) {
      const t = parseIsoDateTime(f.evaluation.at);
      if (t < cert.from || t > cert.until + EVALUATION_PERIOD_DAYS * DAY)
        at(
          'evaluation.at',
          `${L['evaluation.at']}：应在检查开始后、检查结束后${EVALUATION_PERIOD_DAYS}日内（门户只在此期间接受评价）`,
        );
    }
  }
  return problems;
}
