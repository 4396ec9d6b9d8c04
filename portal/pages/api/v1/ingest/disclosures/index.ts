import type { APIRoute } from 'astro';
import { checkRecord, MAX_BATCH_LINES, storeBatch, type LineResult } from '../../../../../server/ingest/disclosures';
import { describeFieldErrors } from '../../../../../server/ingest/validation';
import { problem } from '../../../../../server/http/problem';
import { parseJson, readText, requireAgency } from '../../../../../server/http/request';
import { answer } from '../../../../../server/http/answer';
import { BatchResultSchema, IngestResultSchema } from '../../../../../server/opendata/api-schemas';

const MAX_BYTES = 64 * 1024 * 1024;

/**
 * POST /api/v1/ingest/disclosures — an agency pushes one decision (application/json) or a batch
 * (application/x-ndjson, one decision per line, up to 10,000). Idempotent on (agency, decision number).
 */
export const POST: APIRoute = async ({ request, locals }) => {
  const { runtime } = locals;
  const site = runtime.config.siteUrl;
  const agency = await requireAgency(runtime, request);
  if (agency instanceof Response) return agency;

  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const batch = type === 'application/x-ndjson' || type === 'application/ndjson';
  if (!batch && type !== 'application/json') {
    return problem(
      'unsupported-media-type',
      site,
      '请以 application/json（单条）或 application/x-ndjson（批量，每行一条）提交。',
    );
  }
  const text = await readText(request, MAX_BYTES);
  if (text === undefined)
    return problem(
      'payload-too-large',
      site,
      `请求体超过 ${MAX_BYTES / 1048576} MB，请分批提交（每批最多 ${MAX_BATCH_LINES} 条）。`,
    );

  if (!batch) {
    const parsed = parseJson(text);
    if (!parsed.ok) return problem('invalid-body', site, parsed.message);
    const checked = checkRecord(parsed.value, agency);
    if (!checked.ok) {
      const forbidden =
        checked.errors.length === 1 &&
        checked.errors[0]!.field === 'agencyId' &&
        /令牌属于/.test(checked.errors[0]!.message);
      return problem(forbidden ? 'forbidden' : 'validation-failed', site, describeFieldErrors(checked.errors), {
        errors: checked.errors,
      });
    }
    const [result] = (await storeBatch(runtime.db, [{ line: 1, input: checked.input }], site)) as [LineResult];
    void runtime.search.sync().catch(() => {});
    if (!result.ok)
      return problem('validation-failed', site, describeFieldErrors(result.errors), { errors: result.errors });
    if (result.outcome === 'refused') return problem('conflict', site, result.reason, { id: result.id });
    const { line: _line, ok: _ok, ...body } = result;
    if (result.outcome === 'held') {
      return answer(
        IngestResultSchema,
        { ...body, reviewUrl: `${site}/api/v1/ingest/disclosures/review` },
        { status: 202 },
      );
    }
    return answer(
      IngestResultSchema,
      { ...body, apiUrl: `${site}/api/v1/disclosures/${result.id}` },
      {
        status: result.outcome === 'created' ? 201 : 200,
        headers: result.outcome === 'created' ? { location: result.url } : {},
      },
    );
  }

  const lines = text.split('\n');
  if (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length > MAX_BATCH_LINES) {
    return problem('payload-too-large', site, `一批最多 ${MAX_BATCH_LINES} 行，本次 ${lines.length} 行；请分批提交。`);
  }
  const results: LineResult[] = [];
  const valid: { line: number; input: Parameters<typeof storeBatch>[1][number]['input'] }[] = [];
  for (const [i, raw] of lines.entries()) {
    const line = i + 1;
    if (!raw.trim()) continue;
    const parsed = parseJson(raw);
    if (!parsed.ok) {
      results.push({ line, ok: false, errors: [{ field: '(整行)', label: undefined, message: parsed.message }] });
      continue;
    }
    const checked = checkRecord(parsed.value, agency);
    if (checked.ok) valid.push({ line, input: checked.input });
    else {
      const decisionNo = (parsed.value as { decisionNo?: unknown } | null)?.decisionNo;
      results.push({
        line,
        ok: false,
        ...(typeof decisionNo === 'string' ? { decisionNo } : {}),
        errors: checked.errors,
      });
    }
  }
  results.push(...(await storeBatch(runtime.db, valid, site)));
  void runtime.search.sync().catch(() => {});
  results.sort((a, b) => a.line - b.line);
  const accepted = results.filter((r) => r.ok && r.outcome !== 'refused').length;
  const held = results.filter((r) => r.ok && r.outcome === 'held').length;
  return answer(BatchResultSchema, {
    lines: results.length,
    accepted,
    held,
    rejected: results.length - accepted,
    results,
  });
};
