import type { APIRoute } from 'astro';
import { describeFieldErrors } from '../../../../../server/ingest/validation';
import { checkPermit, storePermitBatch, type PermitLineResult } from '../../../../../server/ingest/permits';
import { MAX_BATCH_LINES } from '../../../../../server/ingest/disclosures';
import { problem } from '../../../../../server/http/problem';
import { parseJson, readText, requireAgency } from '../../../../../server/http/request';
import { answer } from '../../../../../server/http/answer';
import { PermitBatchResultSchema, PermitIngestResultSchema } from '../../../../../server/opendata/permit-schemas';
import type { PermitInput } from '@sunlight/domain/schemas/permit';

const MAX_BYTES = 64 * 1024 * 1024;

/**
 * POST /api/v1/ingest/permits — an agency pushes one permit (application/json) or a batch
 * (application/x-ndjson, one permit per line, up to 10,000). Idempotent on (agency, 文书号).
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
    const checked = checkPermit(parsed.value, agency);
    if (!checked.ok) {
      const forbidden = checked.errors.length === 1 && /令牌属于/.test(checked.errors[0]!.message);
      return problem(forbidden ? 'forbidden' : 'validation-failed', site, describeFieldErrors(checked.errors), {
        errors: checked.errors,
      });
    }
    const [result] = (await storePermitBatch(runtime.db, [{ line: 1, input: checked.input }], site)) as [
      PermitLineResult,
    ];
    void runtime.search.sync().catch(() => {});
    if (!result.ok)
      return problem('validation-failed', site, describeFieldErrors(result.errors), { errors: result.errors });
    if (result.outcome === 'refused') return problem('conflict', site, result.reason, { id: result.id });
    const { line: _line, ok: _ok, ...body } = result;
    return answer(
      PermitIngestResultSchema,
      { ...body, apiUrl: `${site}/api/v1/permits/${result.id}` },
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
  const results: PermitLineResult[] = [];
  const valid: { line: number; input: PermitInput }[] = [];
  for (const [i, raw] of lines.entries()) {
    const line = i + 1;
    if (!raw.trim()) continue;
    const parsed = parseJson(raw);
    if (!parsed.ok) {
      results.push({ line, ok: false, errors: [{ field: '(整行)', label: undefined, message: parsed.message }] });
      continue;
    }
    const checked = checkPermit(parsed.value, agency);
    if (checked.ok) valid.push({ line, input: checked.input });
    else {
      const v = parsed.value as { decisionNo?: unknown; XK_WSH?: unknown } | null;
      const decisionNo = v?.decisionNo ?? v?.XK_WSH;
      results.push({
        line,
        ok: false,
        ...(typeof decisionNo === 'string' ? { decisionNo } : {}),
        errors: checked.errors,
      });
    }
  }
  results.push(...(await storePermitBatch(runtime.db, valid, site)));
  void runtime.search.sync().catch(() => {});
  results.sort((a, b) => a.line - b.line);
  const accepted = results.filter((r) => r.ok && r.outcome !== 'refused').length;
  return answer(PermitBatchResultSchema, {
    lines: results.length,
    accepted,
    rejected: results.length - accepted,
    results,
  });
};
