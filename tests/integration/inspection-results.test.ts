import { beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '@sunlight/domain/china-time';
import { createToken, example } from '../helpers/ingest';
import { issueForFreshEnterprise, type IssuedFor } from '../helpers/inspections';
import { leaked, loadLeakCorpus, xlsxRows, type LeakVariant } from '../helpers/leak-corpus';
import { ownPortal } from '../helpers/own-portal';

// Results are public the moment they are recorded here; the delay itself is tested with a moving clock
// in portal/server/inspection-results/results.db.test.ts.
const portal = ownPortal({ SUNLIGHT_RESULT_DELAY_DAYS: '0' });
const base = portal.url;
let market: string;
let environment: string;
let task: IssuedFor;
let resultId = '';

const PHONE = '13987654321';
const ID_NO = '110101199003078515';
const itemCodes = (JSON.parse(example('inspection.json')) as { itemCodes: string[] }).itemCodes;
const body = () => ({
  result: '发现问题已责令改正',
  inspectedItemCodes: itemCodes.slice(0, 1),
  completedOn: todayInChina(),
  note: `现场发现价签缺失，已责令改正；经营者联系电话${PHONE}，身份证号${ID_NO}。`,
});
const post = (path: string, token: string | undefined, payload: unknown) =>
  fetch(`${base()}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(payload),
  });
const text = async (path: string) => (await fetch(`${base()}${path}`)).text();
/** The change feed's newest events (the sample's own fill the first thousands). */
const recentChanges = async () => {
  const { latest } = await (await fetch(`${base()}/api/v1/changes?since=0&limit=1`)).json();
  return `/api/v1/changes?since=${Math.max(0, Number(latest) - 50)}`;
};
/** Every public surface's text at once. */
const surfaces = async () =>
  [
    await text('/api/v1/inspection-results?pageSize=100'),
    await text('/inspection-results'),
    await text('/api/v1/exports/inspection-results.csv'),
    await text('/api/v1/exports/inspection-results.ndjson'),
    await text(await recentChanges()),
    await text('/feeds/disclosures.atom'),
    await text(`/api/v1/enterprises/${task.creditCode}`),
    await text(`/enterprises/${task.creditCode}`),
  ].join('\n');

beforeAll(async () => {
  market = await createToken(portal.dataDir(), 'market');
  environment = await createToken(portal.dataDir(), 'environment');
  task = await issueForFreshEnterprise(base(), market, '检查结果测试');
});

describe('the sample district publishes its inspection results', () => {
  it('lists published results with their draws, and some with the penalty that followed', async () => {
    const list = await (await fetch(`${base()}/api/v1/inspection-results?pageSize=100`)).json();
    expect(list.total).toBeGreaterThan(300);
    expect(list.items[0].url).toMatch(/\/inspection-results\/r[0-9a-z]{15}$/);
    const drawn = list.items.find((r: { drawUrl: string | null }) => r.drawUrl);
    expect(drawn).toBeTruthy();
    const drawPage = await (await fetch(drawn.drawUrl)).text();
    expect(drawPage).toContain(`/inspection-results/${drawn.id}`);
    const enterprise = await (await fetch(`${base()}/api/v1/enterprises/${drawn.enterpriseCreditCode}`)).json();
    expect(enterprise.inspectionResults.map((r: { id: string }) => r.id)).toContain(drawn.id);
    const followed = await (
      await fetch(`${base()}/api/v1/inspection-results?result=${encodeURIComponent('发现问题待后续处理')}&pageSize=100`)
    ).json();
    const withPenalty = followed.items.filter((r: { penaltyUrl: string | null }) => r.penaltyUrl);
    expect(withPenalty.length).toBeGreaterThan(0);
    expect((await fetch(withPenalty[0].penaltyUrl)).status).toBe(200);
  });

  it('filters the list page and refuses a bad filter in Chinese, naming the parameter', async () => {
    const page = await text(`/inspection-results?result=${encodeURIComponent('未发现问题')}`);
    expect(page).toContain('检查结果：未发现问题');
    const res = await fetch(`${base()}/api/v1/inspection-results?result=ok&dateFrom=2026-02-30`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    const problem = await res.json();
    expect(problem.errors.map((e: { parameter: string }) => e.parameter).sort()).toEqual(['dateFrom', 'result']);
    const bad = await fetch(`${base()}/inspection-results?dateFrom=yesterday`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('筛选条件有误');
  });
});

describe('an agency records the result of its inspection', () => {
  const at = () => `/api/v1/ingest/inspections/${task.inspectionId}/result`;

  it('another agency, no token, an unknown task or items outside the task are refused, and nothing is stored', async () => {
    const stolen = await post(at(), environment, body());
    expect(stolen.status).toBe(403);
    expect(stolen.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await post(at(), undefined, body())).status).toBe(401);
    expect((await post('/api/v1/ingest/inspections/jc-2099-nosuchtask/result', market, body())).status).toBe(404);
    const outside = await post(at(), market, { ...body(), inspectedItemCodes: ['JCSX-999999'] });
    expect(outside.status).toBe(422);
    expect((await outside.json()).errors[0]).toMatchObject({ field: 'inspectedItemCodes' });
    const future = await post(at(), market, { ...body(), completedOn: '2999-12-31' });
    expect(future.status).toBe(422);
    expect((await future.json()).detail).toContain('检查完成日期');
    expect(await surfaces()).not.toContain(task.inspectionId);
  });

  it('publishes it (delay 0 here) on page, API, export, change feed and Atom, without the personal data in the note', async () => {
    const res = await post(at(), market, body());
    expect(res.status).toBe(201);
    const out = await res.json();
    expect(out).toMatchObject({ outcome: 'created', status: 'published', inspectionId: task.inspectionId });
    resultId = out.id;
    const again = await post(at(), market, body());
    expect(again.status).toBe(200);
    expect((await again.json()).outcome).toBe('unchanged');

    const api = await (await fetch(out.apiUrl)).json();
    expect(api).toMatchObject({ id: resultId, result: '发现问题已责令改正', enterpriseCreditCode: task.creditCode });
    expect(api.note).toContain('价签缺失');
    const page = await text(`/inspection-results/${resultId}`);
    expect(page).toContain('发现问题已责令改正');
    const all = (await surfaces()) + page + JSON.stringify(api);
    for (const where of [await recentChanges(), '/feeds/disclosures.atom', '/api/v1/exports/inspection-results.csv']) {
      expect(await text(where), where).toContain(resultId);
    }
    expect(all).not.toContain(PHONE);
    expect(all).not.toContain(ID_NO);
    const changes = await (await fetch(`${base()}${await recentChanges()}`)).json();
    const mine = changes.events.filter((e: { id: string }) => e.id === resultId);
    expect(mine.map((e: { type: string; kind: string }) => `${e.type}:${e.kind}`)).toEqual([
      'inspection-result:published',
    ]);
  });

  it('a withdrawn result leaves every surface: 410 with the task number, date and reason only', async () => {
    const w = `${at()}/withdraw`;
    expect((await post(w, environment, { reason: '想撤回别人的检查结果' })).status).toBe(403);
    const ok = await post(w, market, { reason: '检查对象登记有误，撤回该结果' });
    expect(ok.status).toBe(200);
    expect((await post(w, market, { reason: '检查对象登记有误，撤回该结果' })).status).toBe(409);

    const api = await fetch(`${base()}/api/v1/inspection-results/${resultId}`);
    expect(api.status).toBe(410);
    const gone = await api.json();
    expect(gone).toMatchObject({ inspectionId: task.inspectionId, recordStatus: 'withdrawn' });
    expect(gone.reason).toContain('检查对象登记有误');
    const page = await fetch(`${base()}/inspection-results/${resultId}`);
    expect(page.status).toBe(410);
    const html = await page.text();
    expect(html).toContain('检查对象登记有误');
    const all = (await surfaces()) + html + JSON.stringify(gone);
    expect(all).not.toContain('价签缺失');
    expect(await text('/api/v1/exports/inspection-results.csv')).not.toContain(resultId);
    expect(await text('/api/v1/inspection-results?pageSize=100')).not.toContain(resultId);
    const changes = await (await fetch(`${base()}${await recentChanges()}`)).json();
    const mine = changes.events.filter((e: { id: string }) => e.id === resultId);
    expect(mine.map((e: { kind: string }) => e.kind)).toEqual(['published', 'withdrawn']);
    expect(mine.every((e: { record: unknown }) => e.record === null)).toBe(true);
    const atom = await text('/feeds/disclosures.atom');
    expect(atom).toContain('检查结果撤回');
  });
});

/**
 * Personal data written the way case officers write it (tests/fixtures/leak-corpus.tsv: spaced and
 * hyphenated ID numbers, old 15-digit ones, 0086 phones, e-mail, WeChat IDs, addresses, third parties'
 * names) in result notes: none of it on any public surface of the result, the Excel export included.
 */
describe('the leak corpus in inspection result notes', () => {
  const variants = loadLeakCorpus().filter(
    (v, i) => v.via === 'push' && v.party.kind === 'org' && v.expect === 'mask' && i % 4 === 0,
  );
  const planted: { v: LeakVariant; id: string }[] = [];

  beforeAll(async () => {
    for (const v of variants) {
      const issued = await issueForFreshEnterprise(base(), market, '结果泄露语料');
      const res = await post(`/api/v1/ingest/inspections/${issued.inspectionId}/result`, market, {
        ...body(),
        note: v.text.slice(0, 500),
      });
      expect(res.status, `${v.key}: ${await res.clone().text()}`).toBe(201);
      planted.push({ v, id: ((await res.json()) as { id: string }).id });
    }
  }, 300_000);

  it('no planted value appears on any surface of its result', async () => {
    expect(planted.length).toBeGreaterThanOrEqual(10);
    const rowsOf = (lines: string[]) => (id: string) => lines.filter((l) => l.includes(id)).join('\n');
    const csv = rowsOf((await text('/api/v1/exports/inspection-results.csv')).split('\n'));
    const ndjson = rowsOf((await text('/api/v1/exports/inspection-results.ndjson')).split('\n'));
    const xlsx = rowsOf(await xlsxRows(`${base()}/api/v1/exports/inspection-results.xlsx`));
    const leaks: string[] = [];
    let reached = 0;
    for (const { v, id } of planted) {
      const surfaces: [string, string][] = [
        ['page', await text(`/inspection-results/${id}`)],
        ['API', await text(`/api/v1/inspection-results/${id}`)],
        ['CSV export', csv(id)],
        ['NDJSON export', ndjson(id)],
        ['Excel export', xlsx(id)],
      ];
      for (const [name, body] of surfaces) {
        if (body.includes(id) || name === 'page') reached++;
        for (const secret of leaked(body, v.secrets)) leaks.push(`${v.key}: ${name} shows “${secret}”`);
      }
    }
    expect(leaks).toEqual([]);
    // every surface of every result was read, so the absence above means something
    expect(reached).toBe(planted.length * 5);
  });
});
