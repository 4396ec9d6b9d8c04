import type { APIRoute } from 'astro';
import { csvResponse, toCsv } from '../server/csv';
import { parseYear, statistics, STATISTICS_CSV_HEADERS, statisticsCsvRows } from '../server/catalogue/statistics';

/** GET /statistics.csv?year=2025 — every table of /statistics for one year (default: the newest). */
export const GET: APIRoute = async ({ url, locals }) => {
  const { trend, year: stats } = await statistics(locals.runtime.db, parseYear(url.searchParams.get('year')));
  if (!stats) {
    return new Response(
      `没有 ${url.searchParams.get('year') ?? ''} 年的统计数据。可用年份：${trend.map((t) => t.year).join('、')}\n`,
      { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } },
    );
  }
  return csvResponse(
    toCsv(STATISTICS_CSV_HEADERS, statisticsCsvRows(stats)),
    `执法统计-${stats.year}.csv`,
    `statistics-${stats.year}.csv`,
  );
};
