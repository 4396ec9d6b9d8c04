/**
 * `sunlight content check`: validates every record of a content directory
 * against its schema, then checks the cross references between files, and
 * returns EVERY problem found (never stops at the first).
 *
 * Direct use: npx tsx content/check.ts [DIR]   (default: content/sample)
 */
import { createReadStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { z } from 'zod';
import { chineseErrorMap, formatIssues, formatPath } from '@sunlight/domain/errors';
import { articleLabel } from '@sunlight/domain/numerals';
import { AgencySchema, agencyFieldLabels } from '@sunlight/domain/schemas/agency';
import { CertificateSchema, certificateFieldLabels } from '@sunlight/domain/schemas/certificate';
import { DisclosureRecordSchema, disclosureFieldLabels, lintDisclosure } from '@sunlight/domain/schemas/disclosure';
import { DiscretionItemSchema, discretionItemFieldLabels } from '@sunlight/domain/schemas/discretion-item';
import { EnforcementItemSchema, enforcementItemFieldLabels } from '@sunlight/domain/schemas/enforcement-item';
import { EnterpriseSchema, enterpriseFieldLabels, lintEnterprise } from '@sunlight/domain/schemas/enterprise';
import { InspectionSchema, inspectionFieldLabels } from '@sunlight/domain/schemas/inspection';
import { InspectionCapSchema, inspectionCapFieldLabels } from '@sunlight/domain/schemas/inspection-cap';
import { InspectionItemSchema, inspectionItemFieldLabels } from '@sunlight/domain/schemas/inspection-item';
import { InspectorSchema, inspectorFieldLabels } from '@sunlight/domain/schemas/inspector';
import { LegalBasisSchema, legalBasisFieldLabels } from '@sunlight/domain/schemas/legal-basis';
import { PowerItemSchema, powerItemFieldLabels } from '@sunlight/domain/schemas/power-item';
import { PublicationRulesSchema, publicationRuleFieldLabels } from '@sunlight/domain/schemas/publication-rule';
import { SiteSchema, siteFieldLabels } from '@sunlight/domain/schemas/site';
import { checkDrawReferences, type DrawCitation } from './check-draws.ts';
import {
  SupervisionSettingsSchema,
  supervisionSettingsFieldLabels,
} from '@sunlight/domain/schemas/supervision-settings';

export interface Problem {
  /** File name inside the content directory, e.g. `agencies.json`. */
  file: string;
  /** 1-based line of an NDJSON file. */
  line?: number;
  /** 0-based position of the record in a JSON array file. */
  index?: number;
  /** The record's id or code, when it has one. */
  recordId?: string;
  /** Dotted path of the offending field, e.g. `basis[1].article`. */
  field?: string;
  /** Chinese: names the field and says what a valid value looks like. */
  message: string;
  /** Errors fail the check; warnings (e.g. legacy credit codes not yet flagged) are reported only. */
  severity: 'error' | 'warning';
}

export interface CheckOptions {
  /**
   * Where to load reference files (agencies, laws, powers, …) that `dir` does not contain, e.g. when checking
   * the output of `sunlight generate`, which holds only disclosures and enterprises. Default: none (missing
   * reference files are errors).
   */
  referenceDir?: string;
}

export const DEFAULT_CONTENT_DIR = fileURLToPath(new URL('./sample/', import.meta.url));

type Raw = Record<string, unknown>;
type Labels = Readonly<Record<string, string>>;

interface Where {
  file: string;
  line?: number;
  index?: number;
  recordId?: string;
}

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

class Collector {
  readonly problems: Problem[] = [];

  add(where: Where, field: string | undefined, message: string, severity: Problem['severity'] = 'error'): void {
    const p: Problem = { file: where.file, message, severity };
    if (where.line !== undefined) p.line = where.line;
    if (where.index !== undefined) p.index = where.index;
    if (where.recordId !== undefined) p.recordId = where.recordId;
    if (field !== undefined && field !== '') p.field = field;
    this.problems.push(p);
  }

  /** Validates one record; reports every issue; returns whether it is valid. */
  schema(where: Where, schema: z.ZodType, data: unknown, labels: Labels): boolean {
    const result = schema.safeParse(data, { error: chineseErrorMap });
    if (result.success) return true;
    const lines = formatIssues(result.error, { labels });
    result.error.issues.forEach((issue, i) => this.add(where, formatPath(issue.path), lines[i] ?? issue.message));
    return false;
  }
}

/** Label + path, as the domain formatter writes it, for cross-reference messages. */
function fieldRef(labels: Labels, path: string): string {
  const parts = path.replace(/\[\d+\]/g, '').split('.');
  const names: string[] = [];
  for (let n = 1; n <= parts.length; n++) {
    const label = labels[parts.slice(0, n).join('.')];
    if (label !== undefined) names.push(label);
  }
  return `字段「${names.length > 0 ? names.join('·') : path}」(${path})`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- file loading

interface FileSpec {
  name: string;
  optional?: boolean;
}

/** Record sets that are never borrowed from the reference directory. */
const RECORD_SETS = new Set([
  'enterprises.ndjson',
  'disclosures.ndjson',
  'inspections.ndjson',
  'certificates.ndjson',
  'draws.ndjson',
]);

async function locate(dir: string, spec: FileSpec, opts: CheckOptions, out: Collector): Promise<string | undefined> {
  const here = join(dir, spec.name);
  if (await exists(here)) return here;
  if (opts.referenceDir !== undefined && RECORD_SETS.has(spec.name)) {
    // a generated set (sunlight generate) holds only enterprises and disclosures
    if (spec.name === 'inspections.ndjson' || spec.name === 'certificates.ndjson') return undefined;
  } else if (opts.referenceDir !== undefined) {
    const there = join(opts.referenceDir, spec.name);
    if (await exists(there)) return there;
  }
  if (!spec.optional)
    out.add(
      { file: spec.name },
      undefined,
      `缺少文件${spec.name}：内容目录必须包含该文件（可运行 npx tsx content/generator/sample.ts 生成示例）`,
    );
  return undefined;
}

/** Loads a JSON file; reports a parse error and returns undefined on failure. */
async function loadJson(path: string, file: string, out: Collector): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    out.add({ file }, undefined, `无法读取文件：${(e as Error).message}`);
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    out.add({ file }, undefined, `不是有效的JSON：${(e as Error).message}；文件应为一个JSON数组或对象`);
    return undefined;
  }
}

async function loadArray(path: string | undefined, file: string, out: Collector): Promise<unknown[]> {
  if (path === undefined) return [];
  const data = await loadJson(path, file, out);
  if (data === undefined) return [];
  if (!Array.isArray(data)) {
    out.add({ file }, undefined, '文件内容应为JSON数组（[ {...}, {...} ]），每个元素是一条记录');
    return [];
  }
  return data;
}

/** Streams an NDJSON file line by line (constant memory); malformed lines are reported and skipped. */
async function eachLine(
  path: string | undefined,
  file: string,
  out: Collector,
  fn: (record: unknown, line: number) => void,
): Promise<void> {
  if (path === undefined) return;
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line += 1;
    if (text.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch (e) {
      out.add(
        { file, line },
        undefined,
        `第${line}行不是有效的JSON（${(e as Error).message}）；NDJSON文件每行应为一个完整的JSON对象`,
      );
      continue;
    }
    fn(record, line);
  }
}

// ---------------------------------------------------------------- the check

export async function checkContent(dir: string = DEFAULT_CONTENT_DIR, opts: CheckOptions = {}): Promise<Problem[]> {
  const root = resolve(dir);
  const out = new Collector();
  const path = (name: string, optional = false) => locate(root, { name, optional }, opts, out);

  // ---- site and publication rules (whole-file schemas)
  const sitePath = await path('site.json');
  if (sitePath) {
    const site = await loadJson(sitePath, 'site.json', out);
    if (site !== undefined) out.schema({ file: 'site.json' }, SiteSchema, site, siteFieldLabels);
  }
  // Optional: without it the supervision workspace runs on the schema's defaults.
  const supervisionPath = await path('supervision.json', true);
  if (supervisionPath) {
    const settings = await loadJson(supervisionPath, 'supervision.json', out);
    if (settings !== undefined)
      out.schema({ file: 'supervision.json' }, SupervisionSettingsSchema, settings, supervisionSettingsFieldLabels);
  }
  const rulesPath = await path('publication-rules.json');
  if (rulesPath) {
    const rules = await loadJson(rulesPath, 'publication-rules.json', out);
    if (rules !== undefined) {
      const result = PublicationRulesSchema.safeParse(rules, { error: chineseErrorMap });
      if (!result.success) {
        const lines = formatIssues(result.error, { labels: publicationRuleFieldLabels });
        result.error.issues.forEach((issue, i) => {
          const [first, ...rest] = issue.path;
          const where: Where = { file: 'publication-rules.json' };
          if (typeof first === 'number') {
            where.index = first;
            const id = Array.isArray(rules) && isObject(rules[first]) ? str((rules[first] as Raw)['id']) : undefined;
            if (id !== undefined) where.recordId = id;
          }
          out.add(where, formatPath(typeof first === 'number' ? rest : issue.path), lines[i] ?? issue.message);
        });
      }
    }
  }

  // ---- reference arrays: validate each record, index by id (raw, so one bad field does not cascade)
  const arrayFile = async (name: string, schema: z.ZodType, labels: Labels, idKey: string) => {
    const records = await loadArray(await path(name), name, out);
    const byId = new Map<string, Raw>();
    const where: Where[] = [];
    records.forEach((rec, index) => {
      const id = isObject(rec) ? str(rec[idKey]) : undefined;
      const w: Where = { file: name, index };
      if (id !== undefined) w.recordId = id;
      where.push(w);
      if (!isObject(rec)) {
        out.add(w, undefined, '每条记录应为JSON对象（{ ... }）');
        return;
      }
      out.schema(w, schema, rec, labels);
      if (id !== undefined) {
        if (byId.has(id)) out.add(w, idKey, `${fieldRef(labels, idKey)}：“${id}”与前面的记录重复，应唯一`);
        else byId.set(id, rec);
      }
    });
    return { records, byId, where };
  };

  const agencies = await arrayFile('agencies.json', AgencySchema, agencyFieldLabels, 'id');
  const laws = await arrayFile('laws.json', LegalBasisSchema, legalBasisFieldLabels, 'code');
  const powers = await arrayFile('powers.json', PowerItemSchema, powerItemFieldLabels, 'code');
  const enforcement = await arrayFile(
    'enforcement-items.json',
    EnforcementItemSchema,
    enforcementItemFieldLabels,
    'code',
  );
  const inspectionItems = await arrayFile(
    'inspection-items.json',
    InspectionItemSchema,
    inspectionItemFieldLabels,
    'code',
  );
  const inspectors = await arrayFile('inspectors.json', InspectorSchema, inspectorFieldLabels, 'id');
  const discretion = await arrayFile('discretion.json', DiscretionItemSchema, discretionItemFieldLabels, 'id');
  const caps = await arrayFile('inspection-caps.json', InspectionCapSchema, inspectionCapFieldLabels, 'id');

  // article numbers per law
  const articles = new Map<string, Set<number>>();
  for (const [code, law] of laws.byId) {
    const set = new Set<number>();
    if (Array.isArray(law['articles']))
      for (const a of law['articles']) if (isObject(a) && typeof a['number'] === 'number') set.add(a['number']);
    articles.set(code, set);
  }

  const agencyRef = (w: Where, labels: Labels, pathName: string, value: unknown) => {
    const id = str(value);
    if (id === undefined || agencies.byId.has(id)) return;
    const examples = [...agencies.byId.keys()].slice(0, 3).join('、');
    out.add(
      w,
      pathName,
      `${fieldRef(labels, pathName)}：执法主体“${id}”不存在，应为agencies.json中已有的主体标识${examples ? `，如${examples}` : ''}`,
    );
  };
  const basisRefs = (w: Where, labels: Labels, pathName: string, value: unknown) => {
    if (!Array.isArray(value)) return;
    value.forEach((ref, i) => {
      if (!isObject(ref)) return;
      const code = str(ref['lawCode']);
      const article = ref['article'];
      if (code === undefined || typeof article !== 'number') return;
      const set = articles.get(code);
      const p = `${pathName}[${i}]`;
      if (set === undefined) {
        out.add(
          w,
          `${p}.lawCode`,
          `${fieldRef(labels, `${p}.lawCode`)}：法律法规编码“${code}”在laws.json中不存在，应为已入库的编码，如FL-0001`,
        );
      } else if (!set.has(article)) {
        const title = str(laws.byId.get(code)?.['title']) ?? code;
        const nums = [...set].sort((a, b) => a - b);
        out.add(
          w,
          `${p}.article`,
          `${fieldRef(labels, `${p}.article`)}：《${title}》（${code}）没有${Number.isInteger(article) && article > 0 ? articleLabel(article) : `第${article}条`}，应为该法已收录的条号（${nums[0] ?? '-'}–${nums[nums.length - 1] ?? '-'}）`,
        );
      }
    });
  };
  const codeRef = (
    w: Where,
    labels: Labels,
    pathName: string,
    value: unknown,
    index: Map<string, Raw>,
    what: string,
    file: string,
  ) => {
    const code = str(value);
    if (code === undefined || index.has(code)) return;
    out.add(w, pathName, `${fieldRef(labels, pathName)}：${what}“${code}”在${file}中不存在，应为其中已有的编码`);
  };

  // agencies: parent, duplicate credit codes
  const agencyCodes = new Map<string, string>();
  agencies.records.forEach((rec, i) => {
    if (!isObject(rec)) return;
    const w = agencies.where[i] as Where;
    if (rec['parentId'] !== undefined) agencyRef(w, agencyFieldLabels, 'parentId', rec['parentId']);
    const code = str(rec['creditCode']);
    if (code !== undefined) {
      const other = agencyCodes.get(code);
      if (other !== undefined)
        out.add(
          w,
          'creditCode',
          `${fieldRef(agencyFieldLabels, 'creditCode')}：与主体“${other}”的统一社会信用代码重复，每个执法主体的代码应唯一`,
        );
      else agencyCodes.set(code, str(rec['id']) ?? String(i));
    }
  });

  powers.records.forEach((rec, i) => {
    if (!isObject(rec)) return;
    const w = powers.where[i] as Where;
    agencyRef(w, powerItemFieldLabels, 'agencyId', rec['agencyId']);
    basisRefs(w, powerItemFieldLabels, 'basis', rec['basis']);
  });

  enforcement.records.forEach((rec, i) => {
    if (!isObject(rec)) return;
    const w = enforcement.where[i] as Where;
    agencyRef(w, enforcementItemFieldLabels, 'agencyId', rec['agencyId']);
    basisRefs(w, enforcementItemFieldLabels, 'basis', rec['basis']);
    codeRef(w, enforcementItemFieldLabels, 'powerCode', rec['powerCode'], powers.byId, '权责事项', 'powers.json');
    const parent = str(rec['parentCode']);
    if (parent !== undefined) {
      const p = enforcement.byId.get(parent);
      if (p === undefined)
        out.add(
          w,
          'parentCode',
          `${fieldRef(enforcementItemFieldLabels, 'parentCode')}：所属主项“${parent}”不存在，应为enforcement-items.json中已有的主项编码，如SX-000001`,
        );
      else if (p['level'] !== '主项')
        out.add(
          w,
          'parentCode',
          `${fieldRef(enforcementItemFieldLabels, 'parentCode')}：“${parent}”不是主项，子项只能挂在主项下`,
        );
    }
  });

  inspectionItems.records.forEach((rec, i) => {
    if (!isObject(rec)) return;
    const w = inspectionItems.where[i] as Where;
    agencyRef(w, inspectionItemFieldLabels, 'agencyId', rec['agencyId']);
    basisRefs(w, inspectionItemFieldLabels, 'basis', rec['basis']);
    if (rec['powerCode'] !== undefined)
      codeRef(w, inspectionItemFieldLabels, 'powerCode', rec['powerCode'], powers.byId, '权责事项', 'powers.json');
  });

  const certificateNos = new Map<string, string>();
  inspectors.records.forEach((rec, i) => {
    if (!isObject(rec)) return;
    const w = inspectors.where[i] as Where;
    agencyRef(w, inspectorFieldLabels, 'agencyId', rec['agencyId']);
    const no = str(rec['certificateNo']);
    if (no !== undefined) {
      const other = certificateNos.get(no);
      if (other !== undefined)
        out.add(
          w,
          'certificateNo',
          `${fieldRef(inspectorFieldLabels, 'certificateNo')}：执法证号“${no}”与人员“${other}”重复，每人的执法证号应唯一`,
        );
      else certificateNos.set(no, str(rec['id']) ?? String(i));
    }
  });

  discretion.records.forEach((rec, i) => {
    if (!isObject(rec)) return;
    const w = discretion.where[i] as Where;
    agencyRef(w, discretionItemFieldLabels, 'agencyId', rec['agencyId']);
    basisRefs(w, discretionItemFieldLabels, 'basis', rec['basis']);
    if (rec['powerCode'] !== undefined)
      codeRef(w, discretionItemFieldLabels, 'powerCode', rec['powerCode'], powers.byId, '权责事项', 'powers.json');
  });

  caps.records.forEach((rec, i) => {
    if (!isObject(rec)) return;
    agencyRef(caps.where[i] as Where, inspectionCapFieldLabels, 'agencyId', rec['agencyId']);
  });

  // ---- enterprises (streamed): schema, duplicates, legacy-code warnings
  const enterpriseCodes = new Set<string>();
  await eachLine(await path('enterprises.ndjson'), 'enterprises.ndjson', out, (rec, line) => {
    const w: Where = { file: 'enterprises.ndjson', line };
    if (!isObject(rec)) return out.add(w, undefined, '每行应为一个JSON对象（{ ... }）');
    const code = str(rec['creditCode']);
    if (code !== undefined) w.recordId = code;
    if (out.schema(w, EnterpriseSchema, rec, enterpriseFieldLabels)) {
      for (const warning of lintEnterprise(rec as Parameters<typeof lintEnterprise>[0])) {
        out.add(
          w,
          formatPath(warning.path),
          `${fieldRef(enterpriseFieldLabels, 'creditCode')}：${warning.message}`,
          'warning',
        );
      }
    }
    if (code !== undefined) {
      const normal = code.replace(/[\s\u3000-]/g, '').toUpperCase();
      if (enterpriseCodes.has(normal))
        out.add(
          w,
          'creditCode',
          `${fieldRef(enterpriseFieldLabels, 'creditCode')}：统一社会信用代码“${code}”与前面的企业重复，每个执法对象只应出现一次`,
        );
      else enterpriseCodes.add(normal);
    }
  });

  // ---- disclosures (streamed)
  const disclosureIds = new Set<string>();
  const decisionNos = new Set<string>();
  await eachLine(await path('disclosures.ndjson'), 'disclosures.ndjson', out, (rec, line) => {
    const w: Where = { file: 'disclosures.ndjson', line };
    if (!isObject(rec)) return out.add(w, undefined, '每行应为一个JSON对象（{ ... }）');
    const id = str(rec['id']);
    if (id !== undefined) w.recordId = id;
    const L = disclosureFieldLabels;
    if (out.schema(w, DisclosureRecordSchema, rec, L)) {
      for (const warning of lintDisclosure(rec as Parameters<typeof lintDisclosure>[0])) {
        const p = formatPath(warning.path);
        out.add(w, p, `${fieldRef(L, p)}：${warning.message}`, 'warning');
      }
    }
    if (id !== undefined) {
      if (disclosureIds.has(id)) out.add(w, 'id', `${fieldRef(L, 'id')}：记录编号“${id}”与前面的记录重复，应唯一`);
      else disclosureIds.add(id);
    }
    const no = str(rec['decisionNo']);
    if (no !== undefined) {
      if (decisionNos.has(no))
        out.add(
          w,
          'decisionNo',
          `${fieldRef(L, 'decisionNo')}：决定书文号“${no}”与前面的记录重复，同一文号只应公示一次（更正请修改原记录）`,
        );
      else decisionNos.add(no);
    }
    agencyRef(w, L, 'agencyId', rec['agencyId']);
    const agency = agencies.byId.get(str(rec['agencyId']) ?? '');
    const authorityCode = str(rec['authorityCreditCode']);
    if (
      agency !== undefined &&
      authorityCode !== undefined &&
      str(agency['creditCode']) !== undefined &&
      authorityCode !== agency['creditCode']
    ) {
      out.add(
        w,
        'authorityCreditCode',
        `${fieldRef(L, 'authorityCreditCode')}：与执法主体“${str(agency['id'])}”在agencies.json中的统一社会信用代码（${String(agency['creditCode'])}）不一致`,
      );
    }
    const party = str(rec['partyCreditCode']);
    if (
      party !== undefined &&
      rec['partyType'] !== '自然人' &&
      !enterpriseCodes.has(party.replace(/[\s\u3000-]/g, '').toUpperCase())
    ) {
      out.add(
        w,
        'partyCreditCode',
        `${fieldRef(L, 'partyCreditCode')}：统一社会信用代码“${party}”在enterprises.ndjson中找不到对应的执法对象，请先在执法对象库中登记该企业`,
      );
    }
    const did = str(rec['discretionItemId']);
    if (did !== undefined) {
      const item = discretion.byId.get(did);
      if (item === undefined)
        out.add(
          w,
          'discretionItemId',
          `${fieldRef(L, 'discretionItemId')}：四张清单事项“${did}”在discretion.json中不存在，应为已公布的清单事项编号，如BY-0001`,
        );
      else if (item['agencyId'] !== rec['agencyId'])
        out.add(
          w,
          'discretionItemId',
          `${fieldRef(L, 'discretionItemId')}：清单事项“${did}”属于执法主体“${String(item['agencyId'])}”，不能用于“${String(rec['agencyId'])}”的决定`,
        );
    }
    basisRefs(w, L, 'basisRefs', rec['basisRefs']);
  });

  // ---- inspections (streamed)
  const inspectionAgency = new Map<string, string>();
  const drawCitations: DrawCitation[] = [];
  await eachLine(await path('inspections.ndjson'), 'inspections.ndjson', out, (rec, line) => {
    const w: Where = { file: 'inspections.ndjson', line };
    if (!isObject(rec)) return out.add(w, undefined, '每行应为一个JSON对象（{ ... }）');
    const id = str(rec['id']);
    if (id !== undefined) w.recordId = id;
    const L = inspectionFieldLabels;
    out.schema(w, InspectionSchema, rec, L);
    const agencyId = str(rec['agencyId']);
    if (id !== undefined) {
      if (inspectionAgency.has(id)) out.add(w, 'id', `${fieldRef(L, 'id')}：检查任务编号“${id}”重复，应唯一`);
      else inspectionAgency.set(id, agencyId ?? '');
    }
    agencyRef(w, L, 'agencyId', agencyId);
    const drawId = str(rec['drawId']);
    if (drawId !== undefined) {
      const enterpriseCreditCode = str(rec['enterpriseCreditCode']);
      drawCitations.push({ line, inspectionId: id, drawId, agencyId, enterpriseCreditCode });
    }
    if (Array.isArray(rec['inspectorIds'])) {
      rec['inspectorIds'].forEach((pid, i) => {
        const p = `inspectorIds[${i}]`;
        const officer = inspectors.byId.get(str(pid) ?? '');
        if (officer === undefined) {
          out.add(
            w,
            p,
            `${fieldRef(L, p)}：执法人员“${String(pid)}”在inspectors.json中不存在；只有持证执法人员可以实施检查`,
          );
        } else if (officer['agencyId'] !== agencyId) {
          out.add(
            w,
            p,
            `${fieldRef(L, p)}：执法人员“${String(pid)}”属于“${String(officer['agencyId'])}”，不是检查主体“${String(agencyId)}”的人员`,
          );
        } else if (officer['status'] !== 'valid') {
          out.add(
            w,
            p,
            `${fieldRef(L, p)}：执法人员“${String(pid)}”的执法证状态为${officer['status'] === 'revoked' ? '注销' : '暂停'}，不得实施检查，应改派证件有效的人员`,
          );
        }
      });
    }
    const code = str(rec['enterpriseCreditCode']);
    if (code !== undefined && !enterpriseCodes.has(code.replace(/[\s\u3000-]/g, '').toUpperCase())) {
      out.add(
        w,
        'enterpriseCreditCode',
        `${fieldRef(L, 'enterpriseCreditCode')}：统一社会信用代码“${code}”在enterprises.ndjson中找不到对应的执法对象`,
      );
    }
    if (Array.isArray(rec['itemCodes'])) {
      rec['itemCodes'].forEach((c, i) => {
        const p = `itemCodes[${i}]`;
        const item = inspectionItems.byId.get(str(c) ?? '');
        if (item === undefined)
          out.add(
            w,
            p,
            `${fieldRef(L, p)}：检查事项“${String(c)}”不在检查事项清单（inspection-items.json）中；未公布的事项不得检查`,
          );
        else if (item['agencyId'] !== agencyId)
          out.add(
            w,
            p,
            `${fieldRef(L, p)}：检查事项“${String(c)}”属于“${String(item['agencyId'])}”的清单，不是检查主体“${String(agencyId)}”的事项`,
          );
      });
    }
  });

  // ---- certificates (optional, streamed)
  const certNos = new Set<string>();
  await eachLine(await path('certificates.ndjson', true), 'certificates.ndjson', out, (rec, line) => {
    const w: Where = { file: 'certificates.ndjson', line };
    if (!isObject(rec)) return out.add(w, undefined, '每行应为一个JSON对象（{ ... }）');
    const no = str(rec['certificateNo']);
    if (no !== undefined) w.recordId = no;
    const L = certificateFieldLabels;
    out.schema(w, CertificateSchema, rec, L);
    if (no !== undefined) {
      if (certNos.has(no))
        out.add(w, 'certificateNo', `${fieldRef(L, 'certificateNo')}：电子检查证编号“${no}”重复，应唯一`);
      else certNos.add(no);
    }
    const inspectionId = str(rec['inspectionId']);
    if (inspectionId !== undefined) {
      const agencyId = inspectionAgency.get(inspectionId);
      if (agencyId === undefined)
        out.add(
          w,
          'inspectionId',
          `${fieldRef(L, 'inspectionId')}：检查任务“${inspectionId}”在inspections.ndjson中不存在；电子检查证只能为系统生成的检查任务签发`,
        );
      else if (agencyId !== rec['agencyId'])
        out.add(w, 'agencyId', `${fieldRef(L, 'agencyId')}：应与检查任务的检查主体“${agencyId}”一致`);
    }
  });

  // ---- draws (optional file; required as soon as an inspection cites a draw)
  out.problems.push(...(await checkDrawReferences(await path('draws.ndjson', true), drawCitations)));

  return out.problems;
}

// ---------------------------------------------------------------- output

export function formatProblem(p: Problem): string {
  const where = p.line !== undefined ? `第${p.line}行` : p.index !== undefined ? `第${p.index + 1}条` : '';
  const id = p.recordId !== undefined ? `（id=${p.recordId}）` : '';
  const tag = p.severity === 'warning' ? '[警告] ' : '[错误] ';
  return `${tag}${p.file}${where || id ? ' ' : ''}${where}${id} ${p.message}`;
}

/** Terminal output: one line per problem, then a summary line. */
export function formatProblems(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const lines = problems.map(formatProblem);
  lines.push(
    errors === 0 && warnings === 0
      ? '内容检查通过：未发现问题。'
      : `内容检查${errors > 0 ? '未通过' : '通过'}：${errors}个错误，${warnings}个警告。`,
  );
  return lines.join('\n');
}

/** For the CLI: prints every problem and returns the exit code (1 if any error). */
export async function runContentCheck(dir: string = DEFAULT_CONTENT_DIR, opts: CheckOptions = {}): Promise<number> {
  const problems = await checkContent(dir, opts);
  const text = formatProblems(problems);
  const hasErrors = problems.some((p) => p.severity === 'error');
  (hasErrors ? process.stderr : process.stdout).write(text + '\n');
  return hasErrors ? 1 : 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const refIndex = args.indexOf('--reference');
  const opts: CheckOptions = {};
  if (refIndex >= 0 && args[refIndex + 1] !== undefined) {
    opts.referenceDir = args[refIndex + 1] as string;
    args.splice(refIndex, 2);
  }
  process.exitCode = await runContentCheck(args[0] ?? DEFAULT_CONTENT_DIR, opts);
}
