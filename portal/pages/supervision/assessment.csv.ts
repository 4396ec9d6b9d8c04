import type { APIRoute } from 'astro';
import { describeFieldErrors } from '@sunlight/domain/errors';
import { computeAlerts } from '../../server/supervision/alerts';
import { assess, assessmentCsv, rankWithin } from '../../server/supervision/assessment';
import { csvResponse } from '../../server/csv';
import { problem } from '../../server/http/problem';
import { parsePeriod } from '../../server/supervision/period';
import { NO_STORE, openWorkspace } from '../../server/supervision/web';

/** GET /supervision/assessment.csv?from&to[&category] — the ranked assessment as CSV (UTF-8 with BOM). */
export const GET: APIRoute = async (ctx) => {
  const opened = await openWorkspace(ctx);
  if (!opened.ok) return opened.response;
  const ws = opened.ws;
  const { period, errors } = parsePeriod(ctx.url.searchParams);
  if (errors.length) {
    return problem(
      'invalid-query',
      ws.runtime.config.siteUrl,
      describeFieldErrors(errors),
      { errors: errors.map((e) => ({ parameter: e.field, message: e.message })) },
      NO_STORE,
    );
  }
  const category = ['A', 'B', 'C', 'D'].find((c) => c === ctx.url.searchParams.get('category'));
  const alerts = await computeAlerts(ws.db, period, ws.settings.alerts);
  const all = await assess(ws.db, period, ws.settings, alerts);
  const rows = category ? rankWithin(all, category, ws.settings.assessment.minCoveredWeight) : all;
  await ws.log('export.assessment', null, {
    from: period.from,
    to: period.to,
    category: category ?? null,
    rows: rows.length,
  });
  const res = csvResponse(
    assessmentCsv(rows, period),
    `评议考核_${period.from}_${period.to}${category ? `_${category}类` : ''}.csv`,
    `assessment-${period.from}-${period.to}.csv`,
  );
  for (const [k, v] of Object.entries(NO_STORE)) res.headers.set(k, v);
  return res;
};
