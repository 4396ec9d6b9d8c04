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
  since: z.coerce
    .number({ error: 'since 应为上次返回的 nextCursor（非负整数）' })
    .int('since 应为整数')
    .min(0, 'since 不能为负数')
    .default(0)
    .describe('上次返回的 nextCursor；0 表示从头开始'),
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
