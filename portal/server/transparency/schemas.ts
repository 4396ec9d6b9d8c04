import { z } from 'zod';

/** Shapes of the log's answers (RFC 9162 names) and queries: the routes answer in them, OpenAPI shows them. */
const base64Hash = z
  .string()
  .regex(/^[A-Za-z0-9+/]{43}=$/)
  .describe('32 字节哈希的标准 base64');
const size = (what: string) =>
  z.coerce
    .number({ error: `${what}应为整数` })
    .int(`${what}应为整数`)
    .min(0, `${what}不能为负数`)
    .max(Number.MAX_SAFE_INTEGER, `${what}过大`);

export const SignedTreeHeadSchema = z
  .object({
    tree_size: z.number().int().min(0).describe('树中的条目数'),
    timestamp: z.number().int().describe('签名时间，自 1970-01-01 起的毫秒数'),
    sha256_root_hash: base64Hash.describe('前 tree_size 个条目的 Merkle 树根哈希（RFC 9162 §2.1），标准 base64'),
    signature: z
      .string()
      .describe(
        '紧凑 JWS（EdDSA，kid 见 /.well-known/jwks.json），载荷为 {tree_size, timestamp, sha256_root_hash}，与本对象的三个字段相同',
      ),
  })
  .describe('签名树头（STH）');

export const InclusionQuerySchema = z.strictObject({
  id: z
    .string({ error: 'id 应为记录编号，如处罚决定页地址中的编号' })
    .min(1, 'id 不能为空')
    .max(100, 'id 过长')
    .describe('记录编号（处罚决定、行政许可或检查结果）'),
  tree_size: size('tree_size').min(1, 'tree_size 最小为1').optional().describe('树头大小；省略时用最新的签名树头'),
});

export const InclusionAnswerSchema = z
  .object({
    leaf_index: z.number().int().min(0).describe('该记录最近一次事件的条目序号（从 0 开始）'),
    tree_size: z.number().int().min(1),
    leaf: z.string().describe('条目原文（规范化 JSON 的 UTF-8 字节）的标准 base64；叶哈希 = SHA-256(0x00 ‖ 条目)'),
    inclusion_path: z.array(base64Hash).describe('审计路径（RFC 9162 §2.1.3），自叶向根'),
  })
  .describe('包含证明');

export const ConsistencyQuerySchema = z.strictObject({
  first: size('first').min(1, 'first 最小为1').describe('较早的树头大小'),
  second: size('second').min(1, 'second 最小为1').describe('较新的树头大小'),
});

export const ConsistencyAnswerSchema = z
  .object({ consistency_path: z.array(base64Hash).describe('一致性证明（RFC 9162 §2.1.4）') })
  .describe('一致性证明');

export const ENTRIES_MAX = 1000;
export const EntriesQuerySchema = z.strictObject({
  start: size('start').describe('第一个条目的序号（含）'),
  end: size('end').describe(`最后一个条目的序号（含）；一次最多 ${ENTRIES_MAX} 条`),
});

export const LogEntrySchema = z.object({
  leaf_index: z.number().int().min(0),
  leaf: z.string().describe('条目原文的标准 base64'),
  entry: z
    .object({
      v: z.literal(1),
      type: z.string().describe('记录类型：penalty、permit、inspection-result'),
      id: z.string(),
      event: z.string().describe('published、corrected、withdrawn、expired'),
      at: z.string(),
      sha256: z.string().nullable().describe('事件发生时公开内容（撤回或期满后为撤回记录）的规范化 JSON 的 SHA-256'),
    })
    .describe('条目原文解析后的内容'),
});

export const EntriesAnswerSchema = z.object({ entries: z.array(LogEntrySchema) }).describe('日志条目');
