import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { compileErrors, validate } from '@readme/openapi-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '@sunlight/domain/china-time';
import { bindBusinessDevice } from '../helpers/business';
import { runSunlight } from '../helpers/cli';
import { createToken, example } from '../helpers/ingest';
import { freshEnterprises, inspectionExample, type Issued } from '../helpers/inspections';
import { ownPortal } from '../helpers/own-portal';
import { ROOT } from '../helpers/server';

/**
 * The OpenAPI document against the code and the running portal: every route file is documented, the
 * document is valid OpenAPI 3.1, and every documented operation is called (on a portal of its own, since
 * calls push, withdraw, revoke and draw) with a valid request and with a failing one; each answer's status
 * must be documented and its body must match the documented schema (problem+json for the failures).
 */
type Json = Record<string, any>;

const PAGES = path.join(ROOT, 'portal/pages');
const ROUTE_DIRS = ['api', '.well-known', 'feeds'];

/** `portal/pages/api/v1/certificates/[no]/qr.svg.ts` → `/api/v1/certificates/{no}/qr.svg`, with its exported methods. */
function routeFiles(): { path: string; methods: string[] }[] {
  const out: { path: string; methods: string[] }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.ts')) {
        const route = `/${path.relative(PAGES, full).split(path.sep).join('/')}`
          .replace(/\.ts$/, '')
          .replace(/\/index$/, '')
          .replace(/\[(\w+)\]/g, '{$1}');
        const source = fs.readFileSync(full, 'utf8');
        const methods = [
          ...[...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!),
          ...[...source.matchAll(/export const \{([^}]+)\}/g)].flatMap((m) => m[1]!.split(',').map((s) => s.trim())),
        ];
        out.push({ path: route, methods: methods.map((m) => m.toLowerCase()) });
      }
    }
  };
  for (const d of ROUTE_DIRS) walk(path.join(PAGES, d));
  return out;
}

interface Call {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Sent as is (with `contentType`). */
  raw?: string | Uint8Array;
  contentType?: string;
  status: number;
  /** The operation this call is documented under, when not the one being exercised. */
  operation?: string;
}

const portal = ownPortal();
let server: { url: string; dataDir: string };
let doc: Json;
let ajv: InstanceType<typeof Ajv2020>;
const s = {
  market: '',
  other: '',
  disclosureId: '',
  creditCode: '',
  certificate: {} as Issued,
  proof: '',
  enrolmentCode: '',
  secondCertificate: '',
  pushed: '',
  treeSize: 0,
  corrected: '',
  held: '',
  drawId: '',
  snapshot: '',
  receipt: '',
  resultId: '',
  resultInspectionId: '',
  permitId: '',
  pushedPermit: '',
  reportClientId: '',
};
/** The smallest JPEG the photo route takes: start, a frame header, a scan, the end. */
const TINY_JPEG = new Uint8Array([
  0xff, 0xd8, 0xff, 0xc0, 0, 11, 8, 0, 1, 0, 1, 1, 1, 0x11, 0, 0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0, 0x12, 0xff, 0xd9,
]);
const reportBody = (extra: Record<string, unknown> = {}) => ({
  clientId: randomUUID(),
  kind: 'no_code',
  agencyId: 'market',
  occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
  place: '示例路1号',
  description: `检查人员未出示执法证和电子检查证。${randomUUID()}`,
  ...extra,
});
const BAD_KEY = { 'x-api-key': 'slp_no-such-partner-key' };
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
const disclosure = (serial: number, extra: Record<string, unknown> = {}) => ({
  ...JSON.parse(example('disclosure.json')),
  decisionNo: `滨江市监罚〔2026〕${9300 + serial}号`,
  ...extra,
});
const permit = (serial: number, extra: Record<string, unknown> = {}) => ({
  ...JSON.parse(example('permit.json')),
  decisionNo: `滨江市监许〔2026〕${9300 + serial}号`,
  ...extra,
});
const DOUBTFUL = '经查，当事人销售过期食品，现场记录有一串数字98765432101234，来源不明。';

/** A valid call and a failing one (or more) per documented operation, in the order they run. */
const exercises: Record<string, () => { ok: Call[]; errors: Call[] }> = {
  searchDisclosures: () => ({
    ok: [{ path: '/api/v1/disclosures?q=食品&field=市场监管&pageSize=2&facets=agency,year', status: 200 }],
    errors: [{ path: '/api/v1/disclosures?dateFrom=yesterday', status: 400 }],
  }),
  searchDisclosuresJson: () => ({
    ok: [{ method: 'POST', path: '/api/v1/disclosures/search', body: { q: '食品', category: ['罚款'] }, status: 200 }],
    errors: [
      {
        method: 'POST',
        path: '/api/v1/disclosures/search',
        raw: '{"q":',
        contentType: 'application/json',
        status: 400,
      },
    ],
  }),
  searchRecords: () => ({
    ok: [{ path: '/api/v1/search?q=食品&type=penalty,permit&pageSize=2&facets=type,agency', status: 200 }],
    errors: [{ path: '/api/v1/search?type=licence', status: 400 }],
  }),
  searchRecordsJson: () => ({
    ok: [{ method: 'POST', path: '/api/v1/search', body: { q: '食品', type: ['inspection-result'] }, status: 200 }],
    errors: [
      { method: 'POST', path: '/api/v1/search', body: { type: 'penalties' }, status: 400 },
      { method: 'POST', path: '/api/v1/search', raw: '{"q":', contentType: 'application/json', status: 400 },
    ],
  }),
  getDisclosure: () => ({
    ok: [{ path: `/api/v1/disclosures/${s.disclosureId}`, status: 200 }],
    errors: [{ path: '/api/v1/disclosures/no-such-id', status: 404 }],
  }),
  getEnterprise: () => ({
    ok: [{ path: `/api/v1/enterprises/${s.creditCode}`, status: 200 }],
    errors: [{ path: '/api/v1/enterprises/9199-not-a-code', status: 400 }],
  }),
  listPermits: () => ({
    ok: [{ path: '/api/v1/permits?category=普通&pageSize=2&page=2', status: 200 }],
    errors: [{ path: '/api/v1/permits?category=普通许可', status: 400 }],
  }),
  getPermit: () => ({
    ok: [{ path: `/api/v1/permits/${s.permitId}`, status: 200 }],
    errors: [{ path: '/api/v1/permits/no-such-id', status: 404 }],
  }),
  exportPermitsCsv: () => ({
    ok: [{ path: '/api/v1/exports/permits.csv?agency=market', status: 200 }],
    errors: [{ path: '/api/v1/exports/permits.csv?dateFrom=2026-02-30', status: 400 }],
  }),
  exportPermitsNdjson: () => ({
    ok: [{ path: '/api/v1/exports/permits.ndjson?category=普通', status: 200 }],
    errors: [{ path: '/api/v1/exports/permits.ndjson?page=2', status: 400 }],
  }),
  exportPermitsXlsx: () => ({
    ok: [{ path: '/api/v1/exports/permits.xlsx?agency=market', status: 200 }],
    errors: [{ path: '/api/v1/exports/permits.xlsx?dateFrom=2026-02-30', status: 400 }],
  }),
  exportXlsx: () => ({
    ok: [{ path: '/api/v1/exports/disclosures.xlsx?agency=market', status: 200 }],
    errors: [{ path: '/api/v1/exports/disclosures.xlsx?colour=red', status: 400 }],
  }),
  exportInspectionResultsXlsx: () => ({
    ok: [{ path: '/api/v1/exports/inspection-results.xlsx', status: 200 }],
    errors: [{ path: '/api/v1/exports/inspection-results.xlsx?source=随便', status: 400 }],
  }),
  listChanges: () => ({
    ok: [
      { path: '/api/v1/changes?since=0&limit=5', status: 200 },
      // Every record type's events, each record checked against the documented schema.
      { path: '/api/v1/changes?since=0', status: 200 },
    ],
    errors: [
      { path: '/api/v1/changes?since=abc', status: 400 },
      { path: '/api/v1/changes?since=999999999999', status: 409 },
    ],
  }),
  exportCsv: () => ({
    ok: [{ path: '/api/v1/exports/disclosures.csv?agency=market', status: 200 }],
    errors: [{ path: '/api/v1/exports/disclosures.csv?dateFrom=2026-02-30', status: 400 }],
  }),
  exportNdjson: () => ({
    ok: [{ path: '/api/v1/exports/disclosures.ndjson?dateFrom=2026-01-01', status: 200 }],
    errors: [{ path: '/api/v1/exports/disclosures.ndjson?colour=red', status: 400 }],
  }),
  listSnapshots: () => ({
    ok: [{ path: '/api/v1/exports/snapshots', status: 200 }],
    errors: [{ path: '/api/v1/exports/snapshots', headers: BAD_KEY, status: 401 }],
  }),
  getSnapshot: () => ({
    ok: [
      { path: `/api/v1/exports/snapshots/${s.snapshot}`, status: 200 },
      { path: `/api/v1/exports/snapshots/${s.snapshot}.sha256`, status: 200 },
    ],
    errors: [{ path: '/api/v1/exports/snapshots/disclosures-1999-01-01.csv', status: 404 }],
  }),
  atomFeed: () => ({
    ok: [{ path: '/feeds/disclosures.atom', status: 200 }],
    errors: [{ path: '/feeds/disclosures.atom', headers: BAD_KEY, status: 401 }],
  }),
  agencyAtomFeed: () => ({
    ok: [{ path: '/feeds/agencies/market.atom', status: 200 }],
    errors: [{ path: '/feeds/agencies/no-such-agency.atom', status: 404 }],
  }),
  verifyCertificate: () => ({
    ok: [
      { path: `/api/v1/certificates/${s.certificate.certificateNo}?t=${s.certificate.token}`, status: 200 },
      { path: `/api/v1/certificates/${s.certificate.certificateNo}`, status: 200 },
    ],
    errors: [{ path: `/api/v1/certificates/${s.certificate.certificateNo}`, headers: BAD_KEY, status: 401 }],
  }),
  certificateQrSvg: () => ({
    ok: [{ path: `/api/v1/certificates/${s.certificate.certificateNo}/qr.svg?t=${s.certificate.token}`, status: 200 }],
    errors: [{ path: `/api/v1/certificates/${s.certificate.certificateNo}/qr.svg`, status: 401 }],
  }),
  certificateQrPng: () => ({
    ok: [
      {
        path: `/api/v1/certificates/${s.certificate.certificateNo}/qr.png?size=200`,
        headers: bearer(s.market),
        status: 200,
      },
    ],
    errors: [
      { path: `/api/v1/certificates/${s.certificate.certificateNo}/qr.png`, headers: bearer(s.other), status: 403 },
    ],
  }),
  publicKeys: () => ({ ok: [{ path: '/.well-known/jwks.json', status: 200 }], errors: [] }),
  bindBusinessDevice: () => ({
    ok: [
      {
        method: 'POST',
        path: '/api/v1/business/enrolments',
        body: { code: s.enrolmentCode, deviceId: randomUUID() },
        status: 201,
      },
    ],
    errors: [
      {
        method: 'POST',
        path: '/api/v1/business/enrolments',
        body: { code: 'ABCD-EFGH-JKLM-NPQR', deviceId: randomUUID() },
        status: 403,
      },
      { method: 'POST', path: '/api/v1/business/enrolments', body: { code: 'x', deviceId: 'y' }, status: 422 },
    ],
  }),
  checkIn: () => {
    const body = { clientId: randomUUID(), token: s.certificate.token, credentialsShown: true };
    const at = `/api/v1/certificates/${s.certificate.certificateNo}/checkins`;
    return {
      ok: [{ method: 'POST', path: at, body: { ...body, proof: s.proof }, status: 201 }],
      errors: [{ method: 'POST', path: at, body: { ...body, clientId: randomUUID() }, status: 401 }],
    };
  },
  readCheckIns: () => ({
    ok: [],
    errors: [
      { path: `/api/v1/certificates/${s.certificate.certificateNo}/checkins`, status: 401 },
      { path: `/api/v1/certificates/${s.certificate.certificateNo}/checkins`, headers: bearer(s.market), status: 403 },
    ],
  }),
  evaluate: () => {
    const at = `/api/v1/certificates/${s.certificate.certificateNo}/evaluations`;
    const body = {
      clientId: randomUUID(),
      token: s.certificate.token,
      proof: s.proof,
      ratings: { lawfulness: 5, courtesy: 4, integrity: 5, efficiency: 4, overall: 5 },
      problems: ['repeated'],
      comment: '检查人员出示了证件。',
    };
    return {
      ok: [
        { method: 'POST', path: at, body, status: 201 },
        { method: 'POST', path: at, body: { ...body, clientId: randomUUID(), comment: '补充意见。' }, status: 200 },
      ],
      errors: [{ method: 'POST', path: at, raw: JSON.stringify(body), contentType: 'application/xml', status: 415 }],
    };
  },
  readEvaluations: () => ({
    ok: [],
    errors: [
      { path: `/api/v1/certificates/${s.certificate.certificateNo}/evaluations`, status: 401 },
      {
        path: `/api/v1/certificates/${s.certificate.certificateNo}/evaluations`,
        headers: bearer(s.market),
        status: 403,
      },
    ],
  }),
  fileReport: () => ({
    ok: [{ method: 'POST', path: '/api/v1/reports', body: reportBody(), status: 201 }],
    errors: [{ method: 'POST', path: '/api/v1/reports', body: reportBody({ kind: 'spam' }), status: 422 }],
  }),
  addReportPhoto: () => {
    const at = `/api/v1/reports/${s.receipt}/photos`;
    return {
      ok: [
        {
          method: 'POST',
          path: at,
          raw: TINY_JPEG,
          contentType: 'image/jpeg',
          headers: { 'x-client-id': s.reportClientId },
          status: 201,
        },
      ],
      errors: [
        {
          method: 'POST',
          path: at,
          raw: TINY_JPEG,
          contentType: 'image/jpeg',
          headers: { 'x-client-id': randomUUID() },
          status: 404,
        },
        {
          method: 'POST',
          path: at,
          raw: '<svg/>',
          contentType: 'image/svg+xml',
          headers: { 'x-client-id': s.reportClientId },
          status: 415,
        },
      ],
    };
  },
  readReport: () => ({
    ok: [{ path: `/api/v1/reports/${s.receipt}`, status: 200 }],
    errors: [{ path: '/api/v1/reports/FY20260101-00000-00000', status: 404 }],
  }),
  listAgencies: () => ({
    ok: [{ path: '/api/v1/agencies', status: 200 }],
    errors: [{ path: '/api/v1/agencies', headers: BAD_KEY, status: 401 }],
  }),
  openApiDocument: () => ({
    ok: [{ path: '/api/v1/openapi.json', status: 200 }],
    errors: [{ path: '/api/v1/openapi.json', headers: BAD_KEY, status: 401 }],
  }),
  ingestDisclosures: () => ({
    ok: [
      {
        method: 'POST',
        path: '/api/v1/ingest/disclosures',
        headers: bearer(s.market),
        body: disclosure(1),
        status: 201,
      },
      {
        method: 'POST',
        path: '/api/v1/ingest/disclosures',
        headers: bearer(s.market),
        raw: [disclosure(2), disclosure(3, { violationFacts: DOUBTFUL })].map((r) => JSON.stringify(r)).join('\n'),
        contentType: 'application/x-ndjson',
        status: 200,
      },
    ],
    errors: [
      { method: 'POST', path: '/api/v1/ingest/disclosures', body: disclosure(1), status: 401 },
      {
        method: 'POST',
        path: '/api/v1/ingest/disclosures',
        headers: bearer(s.market),
        body: { decisionNo: 'x' },
        status: 422,
      },
    ],
  }),
  correctDisclosure: () => ({
    ok: [
      {
        method: 'POST',
        path: `/api/v1/ingest/disclosures/${s.corrected}/correct`,
        headers: bearer(s.market),
        body: {
          ...disclosure(2),
          violationType: '经营超过保质期的食品（更正）',
          correctionNote: '更正违法行为类型的笔误',
        },
        status: 200,
      },
    ],
    errors: [
      {
        method: 'POST',
        path: `/api/v1/ingest/disclosures/${s.corrected}/correct`,
        headers: bearer(s.market),
        body: disclosure(2),
        status: 422,
      },
    ],
  }),
  withdrawDisclosure: () => {
    const at = `/api/v1/ingest/disclosures/${s.pushed}/withdraw`;
    const body = { type: '撤销', reason: '复议机关决定撤销该处罚决定' };
    return {
      ok: [{ method: 'POST', path: at, headers: bearer(s.market), body, status: 200 }],
      errors: [
        { method: 'POST', path: at, headers: bearer(s.market), body, status: 409 },
        { method: 'POST', path: at, headers: bearer(s.other), body, status: 403 },
        // The withdrawn record's own address now answers with its tombstone.
        { path: `/api/v1/disclosures/${s.pushed}`, status: 410, operation: 'getDisclosure' },
      ],
    };
  },
  ingestPermits: () => ({
    ok: [
      { method: 'POST', path: '/api/v1/ingest/permits', headers: bearer(s.market), body: permit(1), status: 201 },
      {
        method: 'POST',
        path: '/api/v1/ingest/permits',
        headers: bearer(s.market),
        raw: [permit(2), permit(3)].map((r) => JSON.stringify(r)).join('\n'),
        contentType: 'application/x-ndjson',
        status: 200,
      },
    ],
    errors: [
      { method: 'POST', path: '/api/v1/ingest/permits', body: permit(1), status: 401 },
      { method: 'POST', path: '/api/v1/ingest/permits', headers: bearer(s.other), body: permit(1), status: 403 },
      {
        method: 'POST',
        path: '/api/v1/ingest/permits',
        headers: bearer(s.market),
        body: { decisionNo: 'x' },
        status: 422,
      },
    ],
  }),
  correctPermit: () => ({
    ok: [
      {
        method: 'POST',
        path: `/api/v1/ingest/permits/${s.pushedPermit}/correct`,
        headers: bearer(s.market),
        body: { ...permit(1), permitContent: '经营项目：热食类食品制售。', correctionNote: '更正许可内容的笔误' },
        status: 200,
      },
    ],
    errors: [
      {
        method: 'POST',
        path: `/api/v1/ingest/permits/${s.pushedPermit}/correct`,
        headers: bearer(s.market),
        body: permit(1),
        status: 422,
      },
    ],
  }),
  withdrawPermit: () => {
    const at = `/api/v1/ingest/permits/${s.pushedPermit}/withdraw`;
    const body = { type: '注销', reason: '被许可人申请注销该许可' };
    return {
      ok: [{ method: 'POST', path: at, headers: bearer(s.market), body, status: 200 }],
      errors: [
        { method: 'POST', path: at, headers: bearer(s.market), body, status: 409 },
        { method: 'POST', path: at, headers: bearer(s.other), body, status: 403 },
        { path: `/api/v1/permits/${s.pushedPermit}`, status: 410, operation: 'getPermit' },
      ],
    };
  },
  listHeldDisclosures: () => ({
    ok: [{ path: '/api/v1/ingest/disclosures/review', headers: bearer(s.market), status: 200 }],
    errors: [{ path: '/api/v1/ingest/disclosures/review', headers: bearer('not-a-token'), status: 401 }],
  }),
  releaseHeldDisclosure: () => {
    const at = `/api/v1/ingest/disclosures/${s.held}/release`;
    const body = { fields: { violationFacts: '经查，当事人销售超过保质期的食品，样品编号已核实为非个人信息。' } };
    return {
      ok: [{ method: 'POST', path: at, headers: bearer(s.market), body, status: 200 }],
      errors: [{ method: 'POST', path: at, headers: bearer(s.market), body, status: 404 }],
    };
  },
  issueInspection: () => {
    const body = inspectionExample({ enterpriseCreditCode: freshEnterprises[1], approver: '开放接口测试审批人' });
    const key = randomUUID();
    const at = '/api/v1/ingest/inspections';
    return {
      ok: [
        { method: 'POST', path: at, headers: { ...bearer(s.market), 'idempotency-key': key }, body, status: 201 },
        { method: 'POST', path: at, headers: { ...bearer(s.market), 'idempotency-key': key }, body, status: 200 },
      ],
      errors: [
        { method: 'POST', path: at, headers: bearer(s.market), body: { ...body, itemCodes: [] }, status: 422 },
        { method: 'POST', path: at, body, status: 401 },
      ],
    };
  },
  getIssuedCertificate: () => ({
    ok: [
      { path: `/api/v1/ingest/certificates/${s.certificate.certificateNo}`, headers: bearer(s.market), status: 200 },
    ],
    errors: [
      { path: `/api/v1/ingest/certificates/${s.certificate.certificateNo}`, headers: bearer(s.other), status: 403 },
    ],
  }),
  revokeCertificate: () => {
    const at = `/api/v1/ingest/certificates/${s.secondCertificate}/revoke`;
    return {
      ok: [{ method: 'POST', path: at, headers: bearer(s.market), body: { reason: '任务取消' }, status: 200 }],
      errors: [{ method: 'POST', path: at, headers: bearer(s.market), body: {}, status: 422 }],
    };
  },
  createDraw: () => ({
    ok: [
      {
        method: 'POST',
        path: '/api/v1/ingest/draws',
        headers: bearer(s.market),
        body: { itemCodes: ['JCSX-000213', 'JCSX-000214'], enterpriseCount: 2, region: '青石街道' },
        status: 201,
      },
    ],
    errors: [
      {
        method: 'POST',
        path: '/api/v1/ingest/draws',
        headers: bearer(s.market),
        body: { enterpriseCount: 0 },
        status: 422,
      },
    ],
  }),
  revealDraw: () => ({
    ok: [{ method: 'POST', path: `/api/v1/ingest/draws/${s.drawId}/reveal`, headers: bearer(s.market), status: 200 }],
    errors: [
      { method: 'POST', path: `/api/v1/ingest/draws/${s.drawId}/reveal`, headers: bearer(s.other), status: 403 },
    ],
  }),
  getDraw: () => ({
    ok: [{ path: `/api/v1/draws/${s.drawId}`, status: 200 }],
    errors: [{ path: '/api/v1/draws/no-such-draw', status: 404 }],
  }),
  listInspectionResults: () => ({
    ok: [{ path: '/api/v1/inspection-results?agency=market&pageSize=2', status: 200 }],
    errors: [{ path: '/api/v1/inspection-results?result=合格', status: 400 }],
  }),
  getInspectionResult: () => ({
    ok: [{ path: `/api/v1/inspection-results/${s.resultId}`, status: 200 }],
    errors: [{ path: '/api/v1/inspection-results/rnosuchresult000', status: 404 }],
  }),
  exportInspectionResultsCsv: () => ({
    ok: [{ path: '/api/v1/exports/inspection-results.csv?source=双随机', status: 200 }],
    errors: [{ path: '/api/v1/exports/inspection-results.csv?dateFrom=2026-02-30', status: 400 }],
  }),
  exportInspectionResultsNdjson: () => ({
    ok: [{ path: '/api/v1/exports/inspection-results.ndjson?agency=market', status: 200 }],
    errors: [{ path: '/api/v1/exports/inspection-results.ndjson?source=随便', status: 400 }],
  }),
  recordInspectionResult: () => {
    const at = `/api/v1/ingest/inspections/${s.certificate.inspectionId}/result`;
    const task = JSON.parse(example('inspection.json')) as { itemCodes: string[] };
    const body = { result: '未发现问题', inspectedItemCodes: task.itemCodes.slice(0, 1), completedOn: todayInChina() };
    return {
      ok: [
        { method: 'POST', path: at, headers: bearer(s.market), body, status: 201 },
        { method: 'POST', path: at, headers: bearer(s.market), body, status: 200 },
      ],
      errors: [
        { method: 'POST', path: at, headers: bearer(s.other), body, status: 403 },
        {
          method: 'POST',
          path: at,
          headers: bearer(s.market),
          body: { ...body, completedOn: '2999-01-01' },
          status: 422,
        },
        {
          method: 'POST',
          path: '/api/v1/ingest/inspections/jc-no-such/result',
          headers: bearer(s.market),
          body,
          status: 404,
        },
        { method: 'POST', path: at, body, status: 401 },
      ],
    };
  },
  withdrawInspectionResult: () => {
    const at = `/api/v1/ingest/inspections/${s.resultInspectionId}/result/withdraw`;
    const body = { reason: '检查对象登记有误，撤回该检查结果' };
    return {
      ok: [{ method: 'POST', path: at, headers: bearer(s.market), body, status: 200 }],
      errors: [
        { method: 'POST', path: at, headers: bearer(s.market), body, status: 409 },
        { method: 'POST', path: at, headers: bearer(s.other), body, status: 403 },
        { method: 'POST', path: at, headers: bearer(s.market), body: {}, status: 422 },
        // The withdrawn result's own address now answers with its tombstone.
        { path: `/api/v1/inspection-results/${s.resultId}`, status: 410, operation: 'getInspectionResult' },
      ],
    };
  },
  getSignedTreeHead: () => ({
    ok: [{ path: '/api/v1/log/sth', status: 200 }],
    errors: [{ path: '/api/v1/log/sth', headers: BAD_KEY, status: 401 }],
  }),
  getInclusionProof: () => ({
    ok: [{ path: `/api/v1/log/inclusion?id=${s.pushed}`, status: 200 }],
    errors: [
      { path: '/api/v1/log/inclusion?id=no-such-record', status: 404 },
      { path: `/api/v1/log/inclusion?id=${s.pushed}&tree_size=abc`, status: 400 },
    ],
  }),
  getConsistencyProof: () => ({
    ok: [{ path: `/api/v1/log/consistency?first=${s.treeSize}&second=${s.treeSize}`, status: 200 }],
    errors: [
      { path: '/api/v1/log/consistency?first=2&second=1', status: 400 },
      { path: '/api/v1/log/consistency?first=1&second=999999999', status: 404 },
    ],
  }),
  listLogEntries: () => ({
    ok: [{ path: '/api/v1/log/entries?start=0&end=9', status: 200 }],
    errors: [
      { path: '/api/v1/log/entries?start=999999999&end=999999999', status: 404 },
      { path: '/api/v1/log/entries?start=-1&end=3', status: 400 },
    ],
  }),
};

/** Operations with no failing request to send: the key set is public and answers every GET. */
const NO_ERROR_ANSWER = new Set(['publicKeys']);

const operationsOf = (d: Json) =>
  Object.entries<Json>(d.paths).flatMap(([p, item]) =>
    Object.entries<Json>(item).map(([method, op]) => ({ path: p, method, op })),
  );

const compiled = new Map<Json, ReturnType<typeof ajv.compile>>();
function schemaErrors(schema: Json, body: unknown): string[] {
  let check = compiled.get(schema);
  if (!check) compiled.set(schema, (check = ajv.compile({ ...schema, components: doc.components })));
  return check(body) ? [] : (check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

/** Sends the call and checks status, media type and body against the operation's documented answer. */
async function send(operationId: string, call: Call): Promise<{ status: number; body: any }> {
  const op = operationsOf(doc).find((o) => o.op.operationId === (call.operation ?? operationId))!.op;
  const headers: Record<string, string> = { ...call.headers };
  let payload: string | Uint8Array<ArrayBuffer> | undefined;
  if (call.raw !== undefined) {
    payload = typeof call.raw === 'string' ? call.raw : new Uint8Array(call.raw);
    headers['content-type'] = call.contentType ?? 'application/json';
  } else if (call.body !== undefined || call.method === 'POST') {
    payload = call.body === undefined ? undefined : JSON.stringify(call.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(server.url + encodeURI(call.path), {
    method: call.method ?? 'GET',
    headers,
    ...(payload !== undefined ? { body: payload } : {}),
  });
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
  const text = await res.text();
  const what = `${operationId} ${call.method ?? 'GET'} ${call.path} → ${res.status}`;
  expect(res.status, `${what}: ${text.slice(0, 300)}`).toBe(call.status);
  const documented = op.responses[String(res.status)];
  expect(documented, `${what}: status not documented`).toBeDefined();
  const media = documented.content?.[type];
  expect(media, `${what}: ${type} not among ${Object.keys(documented.content ?? {}).join(', ')}`).toBeDefined();
  let body: unknown = text;
  if (/^application\/([\w.-]+\+)?json$/.test(type)) {
    body = JSON.parse(text);
    expect(schemaErrors(media.schema, body), what).toEqual([]);
  }
  if (type === 'application/x-ndjson') {
    // Each line against the documented line schema (the one GET /api/v1/<type>/{id} answers in).
    expect(media['x-itemSchema'], `${what}: no line schema`).toBeDefined();
    const lines = text.split('\n').filter(Boolean);
    expect(lines.length, `${what}: no lines to check`).toBeGreaterThan(0);
    for (const [n, line] of lines.entries())
      expect(schemaErrors(media['x-itemSchema'], JSON.parse(line)), `${what} line ${n + 1}`).toEqual([]);
  }
  if (res.status >= 400) expect(type, what).toBe('application/problem+json');
  return { status: res.status, body };
}

beforeAll(async () => {
  server = { url: portal.url(), dataDir: portal.dataDir() };
  const env = { SUNLIGHT_DATA_DIR: server.dataDir, DATABASE_URL: '' };
  s.market = await createToken(server.dataDir, 'market');
  s.other = await createToken(server.dataDir, 'wanghai');
  doc = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
  ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as (a: unknown) => void)(ajv);
  ajv.addSchema({ $id: 'openapi', components: doc.components });

  const hit = (
    await (await fetch(`${server.url}/api/v1/disclosures?partyType=法人及非法人组织&pageSize=50`)).json()
  ).hits.find((h: Json) => h.type === 'penalty');
  s.disclosureId = hit.id;
  s.creditCode = hit.partyCreditCode;
  const filedReport = reportBody();
  s.reportClientId = filedReport.clientId;
  s.receipt = (
    await (
      await fetch(`${server.url}/api/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(filedReport),
      })
    ).json()
  ).receipt;
  s.permitId = (await (await fetch(`${server.url}/api/v1/permits?pageSize=1`)).json()).permits[0].id;
  const issued = await fetch(`${server.url}/api/v1/ingest/inspections`, {
    method: 'POST',
    headers: { ...bearer(s.market), 'content-type': 'application/json' },
    body: JSON.stringify(inspectionExample({ enterpriseCreditCode: freshEnterprises[0], approver: '开放接口测试' })),
  });
  expect(issued.status).toBe(201);
  s.certificate = (await issued.json()) as Issued;
  s.proof = (await bindBusinessDevice(server.url, env, freshEnterprises[0]!)).proof;
  const enrol = await runSunlight(['business', 'enrol', freshEnterprises[2]!], env);
  expect(enrol.code, enrol.stderr).toBe(0);
  s.enrolmentCode = enrol.stdout.trim();
  const snap = await runSunlight(['snapshots', 'write'], env);
  expect(snap.code, snap.stderr).toBe(0);
}, 240_000);

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document by a standard validator', async () => {
    const res = await validate(structuredClone(doc) as never);
    expect(res.valid, res.valid ? '' : compileErrors(res)).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('documents every route file with every method it exports, and nothing that does not exist', () => {
    const files = routeFiles();
    const missing = files.flatMap((f) => f.methods.filter((m) => !doc.paths[f.path]?.[m]).map((m) => `${m} ${f.path}`));
    expect(missing).toEqual([]);
    const documented = operationsOf(doc).map((o) => `${o.method} ${o.path}`);
    const real = new Set(files.flatMap((f) => f.methods.map((m) => `${m} ${f.path}`)));
    expect(documented.filter((d) => !real.has(d))).toEqual([]);
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  it('describes every operation, declares its security and names its server and contact', () => {
    expect(doc.servers).toEqual([{ url: server.url }]);
    expect(doc.info.contact.url).toBe(`${server.url}/open-data`);
    for (const { path: p, op } of operationsOf(doc)) {
      expect(op.description, `${op.operationId} description`).toMatch(/\S{8}/);
      const limited = (p.startsWith('/api/v1/') || p.startsWith('/feeds/')) && !p.startsWith('/api/v1/ingest/');
      expect(op.security, `${op.operationId} security`).toEqual(
        p.startsWith('/api/v1/ingest/')
          ? [{ agencyToken: [] }]
          : limited && Object.keys(op.responses).includes('429')
            ? [{}, { partnerKey: [] }]
            : [],
      );
      const problems = Object.entries<Json>(op.responses).filter(([status]) => Number(status) >= 400);
      for (const [status, r] of problems)
        expect(Object.keys(r.content ?? {}), `${op.operationId} ${status}`).toEqual(['application/problem+json']);
    }
  });

  it('has a request for every documented operation (and none for an undocumented one)', () => {
    expect(Object.keys(exercises).sort()).toEqual(
      operationsOf(doc)
        .map((o) => o.op.operationId)
        .sort(),
    );
  });
});

describe('every documented operation answers as documented', () => {
  // Runs in the order of `exercises`: later calls use what earlier ones created.
  for (const [operationId, exercise] of Object.entries(exercises)) {
    it(operationId, async () => {
      const { ok, errors } = exercise();
      for (const call of ok) {
        const { body } = await send(operationId, call);
        if (operationId === 'ingestDisclosures' && call.raw === undefined) s.pushed = body.id;
        if (operationId === 'ingestDisclosures' && call.raw !== undefined) {
          s.corrected = body.results[0].id;
          s.held = body.results[1].id;
          expect(body.results.map((r: Json) => r.outcome)).toEqual(['created', 'held']);
        }
        if (operationId === 'ingestPermits' && call.raw === undefined) s.pushedPermit = body.id;
        if (operationId === 'issueInspection') s.secondCertificate = body.certificateNo;
        if (operationId === 'createDraw') s.drawId = body.id;
        if (operationId === 'listSnapshots') s.snapshot = body.snapshots[0].file;
        if (operationId === 'getSignedTreeHead') s.treeSize = body.tree_size;
        if (operationId === 'listInspectionResults' && !s.resultId) {
          s.resultId = body.items[0].id;
          s.resultInspectionId = body.items[0].inspectionId;
        }
      }
      if (!NO_ERROR_ANSWER.has(operationId))
        expect(errors.length, `${operationId}: no failing request`).toBeGreaterThan(0);
      for (const call of errors) await send(operationId, call);
    });
  }
});
