/**
 * Draw references of `sunlight content check`: every drawId an inspection cites must be a draw in
 * draws.ndjson of the same agency whose result picked that enterprise, and every draw must re-run to
 * its published result (commitment, inputs hash, result: the same check the /draws page runs).
 */
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DrawRecordSchema, type DrawRecord } from '@sunlight/domain/schemas/draw';
import { checkDraw, DRAW_ALGORITHM_V1 } from '@sunlight/verify/draw';
import type { Problem } from './check.ts';

/** An inspection that cites a draw, where it stands in inspections.ndjson. */
export interface DrawCitation {
  line: number;
  inspectionId: string | undefined;
  drawId: string;
  agencyId: string | undefined;
  enterpriseCreditCode: string | undefined;
}

const FILE = 'draws.ndjson';

/** Each JSON line of `path` (if the file exists) with its line number; malformed lines are left to the record checks. */
export async function* jsonLines(path: string): AsyncGenerator<{ line: number; value: unknown }> {
  if (!existsSync(path)) return;
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line += 1;
    if (text.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(text) };
    } catch {
      // reported by the record checks
    }
  }
}

/**
 * Checks the draws of content directory `dir` and the inspections citing them. Schema problems of either
 * file are reported by the record checks; records that fail their schema are skipped here.
 */
export async function checkDrawReferences(dir: string): Promise<Problem[]> {
  const citations: DrawCitation[] = [];
  for await (const { line, value } of jsonLines(join(dir, 'inspections.ndjson'))) {
    const r = value as Partial<Record<'id' | 'drawId' | 'agencyId' | 'enterpriseCreditCode', unknown>> | null;
    if (typeof r?.drawId !== 'string') continue;
    const s = (v: unknown) => (typeof v === 'string' ? v : undefined);
    citations.push({
      line,
      inspectionId: s(r.id),
      drawId: r.drawId,
      agencyId: s(r.agencyId),
      enterpriseCreditCode: s(r.enterpriseCreditCode),
    });
  }
  const problems: Problem[] = [];
  const error = (p: Omit<Problem, 'severity'>) => problems.push({ ...p, severity: 'error' });
  const draws = new Map<string, DrawRecord>();
  for await (const { line, value } of jsonLines(join(dir, FILE))) {
    const parsed = DrawRecordSchema.safeParse(value);
    if (!parsed.success) continue;
    const d = parsed.data;
    const at = { file: FILE, line, recordId: d.id };
    if (draws.has(d.id)) error({ ...at, field: 'id', message: `抽取记录编号“${d.id}”重复，应唯一` });
    draws.set(d.id, d);
    let check: ReturnType<typeof checkDraw> | undefined;
    if (d.algorithm !== DRAW_ALGORITHM_V1 || d.result.algorithm !== DRAW_ALGORITHM_V1)
      error({
        ...at,
        field: 'algorithm',
        message: `字段「算法」(algorithm)应为“${DRAW_ALGORITHM_V1}”：内容文件中的抽取带着自己的种子（没有公开日志可作信标）`,
      });
    else
      try {
        check = checkDraw({ ...d, result: { algorithm: DRAW_ALGORITHM_V1, assignments: d.result.assignments } });
      } catch (e) {
        error({ ...at, field: 'inputs', message: `无法按公开算法重新运行该抽取：${(e as Error).message}` });
      }
    if (check && !check.commitmentMatches)
      error({
        ...at,
        field: 'commitment',
        message: '字段「承诺值」(commitment)与随机种子的SHA-256不符，公众核验会失败',
      });
    if (check && !check.inputsHashMatches)
      error({
        ...at,
        field: 'inputsHash',
        message: '字段「输入摘要」(inputsHash)与公布的抽取输入不符，公众核验会失败',
      });
    if (check && !check.resultMatches)
      error({
        ...at,
        field: 'result',
        message: '字段「抽取结果」(result)与按种子重新运行的结果不符，公众核验会失败',
      });
  }
  for (const c of citations) {
    const at = {
      file: 'inspections.ndjson',
      line: c.line,
      ...(c.inspectionId !== undefined ? { recordId: c.inspectionId } : {}),
      field: 'drawId',
    };
    const draw = draws.get(c.drawId);
    if (draw === undefined) {
      error({
        ...at,
        message: `字段「双随机抽取记录编号」(drawId)：抽取记录“${c.drawId}”在draws.ndjson中不存在；双随机检查必须引用已公开的抽取记录`,
      });
    } else if (draw.agencyId !== c.agencyId) {
      error({
        ...at,
        message: `字段「双随机抽取记录编号」(drawId)：抽取记录“${c.drawId}”属于“${draw.agencyId}”，不是检查主体“${String(c.agencyId)}”的抽取`,
      });
    } else if (!draw.result.assignments.some((a) => a.enterpriseCreditCode === c.enterpriseCreditCode)) {
      error({
        ...at,
        message: `字段「双随机抽取记录编号」(drawId)：抽取记录“${c.drawId}”的结果中没有被检查企业“${String(c.enterpriseCreditCode)}”`,
      });
    }
  }
  return problems;
}
