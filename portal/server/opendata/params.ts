import { z } from 'zod';
import { isRealIsoDate } from '@sunlight/domain/validators/dates';
import { parameterErrors, type ParameterError } from '@sunlight/domain/errors';

const date = (label: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}应为YYYY-MM-DD格式，如2025-03-18`)
    .refine((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || isRealIsoDate(s), `${label}不是真实存在的日期`)
    .optional();

export const ExportQuerySchema = z.strictObject({
  agency: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,39}$/, '执法机关应为机关编号，如market')
    .optional(),
  dateFrom: date('决定日期起'),
  dateTo: date('决定日期止'),
});

export const ChangesQuerySchema = z.strictObject({
  since: z
    .string()
    .regex(
      /^(0|[1-9]\d{0,14})$/,
      'since 应原样传回上次返回的 nextCursor（一串数字，不要自行计算或改写）；从头同步用 since=0，或从全量导出重新同步',
    )
    .default('0')
    .transform(Number)
    .describe(
      '上次返回的 nextCursor，原样传回（不透明的游标，重启后依然有效）；0 表示从头开始。超出最新位置的游标回答 409（cursor-ahead）',
    ),
  limit: z.coerce
    .number({ error: 'limit 应为1到1000的整数' })
    .int('limit 应为整数')
    .min(1, 'limit 最小为1')
    .max(1000, 'limit 最大为1000')
    .default(1000)
    .describe('每次最多返回的事件数'),
  agency: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,39}$/, '执法机关应为机关编号，如market')
    .optional(),
});

export function parseParams<S extends z.ZodType>(
  schema: S,
  params: URLSearchParams,
): { ok: true; value: z.output<S> } | { ok: false; errors: ParameterError[] } {
  const obj: Record<string, string> = {};
  for (const [k, v] of params) if (v !== '') obj[k] = v;
  const res = schema.safeParse(obj);
  if (res.success) return { ok: true, value: res.data };
  return { ok: false, errors: parameterErrors(res.error) };
}
