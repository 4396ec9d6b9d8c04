import { z } from 'zod';
import { creditCodeLenient, isoDateTime, recordId, req, slugId } from './common';
import { inspectionItemCode } from './inspection-item';

/** What a 双随机 draw was run on (hashed into `inputsHash`; see @sunlight/verify/draw). */
export const DrawInputsSchema = z.strictObject({
  agencyId: slugId(),
  itemCodes: z.array(inspectionItemCode()).min(1, '至少1个检查事项'),
  enterprisePool: z.array(creditCodeLenient()).min(1, '执法对象库不能为空'),
  inspectorPool: z.array(recordId()).min(1, '执法人员库不能为空'),
  enterpriseCount: z
    .number({ error: req('应为抽取企业数') })
    .int()
    .min(1),
  inspectorsPerEnterprise: z
    .number({ error: req('应为每家企业检查人员数') })
    .int()
    .min(1),
});

const hex64 = (what: string) =>
  z.string({ error: req(`应为${what}（64位十六进制）`) }).regex(/^[0-9a-f]{64}$/, `应为64位小写十六进制的${what}`);

/**
 * A revealed draw as a content file carries it (draws.ndjson): commitment, inputs, seed and result,
 * so that anyone can re-run it. The portal stores it as is; `sunlight content check` re-runs it.
 */
export const DrawRecordSchema = z.strictObject({
  id: recordId(),
  agencyId: slugId(),
  status: z.literal('revealed', { error: req('样例抽取记录应为已揭晓（revealed）') }),
  algorithm: z.string({ error: req('应为算法名称') }).min(1),
  criteria: z.record(z.string(), z.unknown()),
  inputs: DrawInputsSchema,
  inputsHash: hex64('输入摘要'),
  commitment: hex64('承诺值'),
  seed: hex64('随机种子'),
  result: z.strictObject({
    algorithm: z.string(),
    assignments: z.array(
      z.strictObject({ enterpriseCreditCode: creditCodeLenient(), inspectorIds: z.array(recordId()).min(1) }),
    ),
  }),
  createdAt: isoDateTime(),
  revealedAt: isoDateTime(),
});
export type DrawRecord = z.infer<typeof DrawRecordSchema>;

export const drawFieldLabels: Readonly<Record<string, string>> = {
  id: '抽取记录编号',
  agencyId: '执法主体',
  status: '状态',
  algorithm: '算法',
  criteria: '抽取条件',
  inputs: '抽取输入',
  'inputs.itemCodes': '检查事项',
  'inputs.enterprisePool': '执法对象库',
  'inputs.inspectorPool': '执法人员库',
  'inputs.enterpriseCount': '抽取企业数',
  'inputs.inspectorsPerEnterprise': '每家企业检查人员数',
  inputsHash: '输入摘要',
  commitment: '承诺值',
  seed: '随机种子',
  result: '抽取结果',
  createdAt: '抽取时间',
  revealedAt: '揭晓时间',
};
