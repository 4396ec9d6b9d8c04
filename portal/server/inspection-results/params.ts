import { z } from 'zod';
import { INSPECTION_SOURCES } from '@sunlight/domain/schemas/inspection';
import { INSPECTION_RESULTS } from '@sunlight/domain/schemas/inspection-result';
import { ExportQuerySchema } from '../opendata/params';
import type { ResultFilter } from './read';

/** Filters of the result list and exports: agency, result, source and completion dates (dateFrom/dateTo). */
export const ResultExportQuerySchema = ExportQuerySchema.extend({
  result: z
    .enum(INSPECTION_RESULTS, { error: `检查结果（result）应为以下之一：${INSPECTION_RESULTS.join('、')}` })
    .optional()
    .describe('检查结果'),
  source: z
    .enum(INSPECTION_SOURCES, { error: `任务来源（source）应为以下之一：${INSPECTION_SOURCES.join('、')}` })
    .optional()
    .describe('任务来源'),
});

export const RESULT_PAGE_SIZE = 20;

export const ResultListQuerySchema = ResultExportQuerySchema.extend({
  page: z.coerce
    .number({ error: 'page 应为正整数' })
    .int('page 应为整数')
    .min(1, 'page 最小为1')
    .max(10_000, 'page 最大为10000')
    .default(1),
  pageSize: z.coerce
    .number({ error: 'pageSize 应为1到100的整数' })
    .int('pageSize 应为整数')
    .min(1, 'pageSize 最小为1')
    .max(100, 'pageSize 最大为100')
    .default(RESULT_PAGE_SIZE),
});

export function resultFilter(q: z.output<typeof ResultExportQuerySchema>): ResultFilter {
  return { agency: q.agency, dateFrom: q.dateFrom, dateTo: q.dateTo, result: q.result, source: q.source };
}
