import { CONTENT_FILES, type ContentFileKey } from '@sunlight/domain/content-files';
import { formatPath } from '@sunlight/domain/errors';
import { lintDisclosure } from '@sunlight/domain/schemas/disclosure';
import { lintEnterprise } from '@sunlight/domain/schemas/enterprise';
import { permitId } from '@sunlight/domain/permit-id';
import { fieldRef, str, type Collector, type Raw, type Where } from './problems';
import { normalCreditCode, type References } from './references';

/** What a file's records must satisfy beyond their schema: cross references, uniqueness, warnings. */
export type RecordCheck = (rec: Raw, w: Where, valid: boolean) => void;

/** Remembers values of one field and reports a value seen before. */
function unique(out: Collector, key = (v: string) => v) {
  const seen = new Map<string, string>();
  return (
    w: Where,
    field: string,
    value: unknown,
    owner: string,
    message: (value: string, other: string) => string,
  ) => {
    const v = str(value);
    if (v === undefined) return;
    const other = seen.get(key(v));
    if (other !== undefined) out.add(w, field, message(v, other));
    else seen.set(key(v), owner);
  };
}

/** The record checks of one run, keyed by content file (state such as seen ids lives for the run). */
export function recordChecks(out: Collector, refs: References): Partial<Record<ContentFileKey, RecordCheck>> {
  const L = (key: ContentFileKey) => CONTENT_FILES[key].labels;
  const agencyCodes = unique(out);
  const certificateNos = unique(out);
  const enterpriseCodes = unique(out, normalCreditCode);
  const disclosureIds = unique(out);
  const decisionNos = unique(out);
  const inspectionIds = unique(out);
  const permitNos = unique(out);
  const certNos = unique(out);
  const withBasis =
    (key: ContentFileKey): RecordCheck =>
    (rec, w) => {
      refs.agency(w, L(key), 'agencyId', rec['agencyId']);
      refs.basis(w, L(key), 'basis', rec['basis']);
      if (rec['powerCode'] !== undefined) refs.power(w, L(key), 'powerCode', rec['powerCode']);
    };

  return {
    agencies: (rec, w) => {
      const labels = L('agencies');
      if (rec['parentId'] !== undefined) refs.agency(w, labels, 'parentId', rec['parentId']);
      agencyCodes(
        w,
        'creditCode',
        rec['creditCode'],
        str(rec['id']) ?? String(w.index),
        (_, other) =>
          `${fieldRef(labels, 'creditCode')}：与主体“${other}”的统一社会信用代码重复，每个执法主体的代码应唯一`,
      );
    },
    powers: withBasis('powers'),
    enforcementItems: (rec, w) => {
      const labels = L('enforcementItems');
      withBasis('enforcementItems')(rec, w, true);
      const parent = str(rec['parentCode']);
      if (parent === undefined) return;
      const p = refs.ids('enforcementItems').get(parent);
      if (p === undefined)
        out.add(
          w,
          'parentCode',
          `${fieldRef(labels, 'parentCode')}：所属主项“${parent}”不存在，应为enforcement-items.json中已有的主项编码，如SX-000001`,
        );
      else if (p['level'] !== '主项')
        out.add(w, 'parentCode', `${fieldRef(labels, 'parentCode')}：“${parent}”不是主项，子项只能挂在主项下`);
    },
    inspectionItems: withBasis('inspectionItems'),
    inspectors: (rec, w) => {
      const labels = L('inspectors');
      refs.agency(w, labels, 'agencyId', rec['agencyId']);
      certificateNos(
        w,
        'certificateNo',
        rec['certificateNo'],
        str(rec['id']) ?? String(w.index),
        (no, other) =>
          `${fieldRef(labels, 'certificateNo')}：执法证号“${no}”与人员“${other}”重复，每人的执法证号应唯一`,
      );
    },
    discretion: withBasis('discretion'),
    inspectionCaps: (rec, w) => refs.agency(w, L('inspectionCaps'), 'agencyId', rec['agencyId']),

    enterprises: (rec, w, valid) => {
      const labels = L('enterprises');
      if (valid)
        for (const warning of lintEnterprise(rec as Parameters<typeof lintEnterprise>[0]))
          out.add(w, formatPath(warning.path), `${fieldRef(labels, 'creditCode')}：${warning.message}`, 'warning');
      const code = str(rec['creditCode']);
      if (code !== undefined) refs.enterpriseCodes.add(normalCreditCode(code));
      enterpriseCodes(
        w,
        'creditCode',
        code,
        '',
        (c) => `${fieldRef(labels, 'creditCode')}：统一社会信用代码“${c}”与前面的企业重复，每个执法对象只应出现一次`,
      );
    },

    disclosures: (rec, w, valid) => {
      const labels = L('disclosures');
      if (valid)
        for (const warning of lintDisclosure(rec as Parameters<typeof lintDisclosure>[0])) {
          const p = formatPath(warning.path);
          out.add(w, p, `${fieldRef(labels, p)}：${warning.message}`, 'warning');
        }
      disclosureIds(
        w,
        'id',
        rec['id'],
        '',
        (id) => `${fieldRef(labels, 'id')}：记录编号“${id}”与前面的记录重复，应唯一`,
      );
      decisionNos(
        w,
        'decisionNo',
        rec['decisionNo'],
        '',
        (no) =>
          `${fieldRef(labels, 'decisionNo')}：决定书文号“${no}”与前面的记录重复，同一文号只应公示一次（更正请修改原记录）`,
      );
      refs.agency(w, labels, 'agencyId', rec['agencyId']);
      const agency = refs.ids('agencies').get(str(rec['agencyId']) ?? '');
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
          `${fieldRef(labels, 'authorityCreditCode')}：与执法主体“${str(agency['id'])}”在agencies.json中的统一社会信用代码（${String(agency['creditCode'])}）不一致`,
        );
      }
      const party = str(rec['partyCreditCode']);
      if (party !== undefined && rec['partyType'] !== '自然人' && !refs.enterpriseCodes.has(normalCreditCode(party))) {
        out.add(
          w,
          'partyCreditCode',
          `${fieldRef(labels, 'partyCreditCode')}：统一社会信用代码“${party}”在enterprises.ndjson中找不到对应的执法对象，请先在执法对象库中登记该企业`,
        );
      }
      const did = str(rec['discretionItemId']);
      if (did !== undefined) {
        const item = refs.ids('discretion').get(did);
        if (item === undefined)
          out.add(
            w,
            'discretionItemId',
            `${fieldRef(labels, 'discretionItemId')}：四张清单事项“${did}”在discretion.json中不存在，应为已公布的清单事项编号，如BY-0001`,
          );
        else if (item['agencyId'] !== rec['agencyId'])
          out.add(
            w,
            'discretionItemId',
            `${fieldRef(labels, 'discretionItemId')}：清单事项“${did}”属于执法主体“${String(item['agencyId'])}”，不能用于“${String(rec['agencyId'])}”的决定`,
          );
      }
      refs.basis(w, labels, 'basisRefs', rec['basisRefs']);
    },

    permits: (rec, w) => {
      const labels = L('permits');
      const agencyId = str(rec['agencyId']);
      const no = str(rec['decisionNo']);
      permitNos(
        w,
        'decisionNo',
        agencyId !== undefined && no !== undefined ? `${agencyId}|${no}` : undefined,
        '',
        () =>
          `${fieldRef(labels, 'decisionNo')}：决定文书号“${no}”与同一机关前面的记录重复，同一许可只应公示一次（更正请修改原记录）`,
      );
      if (agencyId !== undefined && no !== undefined && str(rec['id']) !== permitId(agencyId, no)) {
        out.add(
          w,
          'id',
          `${fieldRef(labels, 'id')}：应为“${permitId(agencyId, no)}”（由执法主体标识和决定文书号得出，与机关推送时相同）`,
        );
      }
      refs.agency(w, labels, 'agencyId', rec['agencyId']);
      const agency = refs.ids('agencies').get(agencyId ?? '');
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
          `${fieldRef(labels, 'authorityCreditCode')}：与执法主体“${str(agency['id'])}”在agencies.json中的统一社会信用代码（${String(agency['creditCode'])}）不一致`,
        );
      }
      const party = str(rec['partyCreditCode']);
      if (party !== undefined && rec['partyType'] !== '自然人' && !refs.enterpriseCodes.has(normalCreditCode(party))) {
        out.add(
          w,
          'partyCreditCode',
          `${fieldRef(labels, 'partyCreditCode')}：统一社会信用代码“${party}”在enterprises.ndjson中找不到对应的执法对象，请先在执法对象库中登记该企业`,
        );
      }
    },

    inspections: (rec, w) => {
      const labels = L('inspections');
      const id = str(rec['id']);
      const agencyId = str(rec['agencyId']);
      inspectionIds(w, 'id', id, '', (x) => `${fieldRef(labels, 'id')}：检查任务编号“${x}”重复，应唯一`);
      if (id !== undefined && !refs.inspectionAgency.has(id)) refs.inspectionAgency.set(id, agencyId ?? '');
      refs.agency(w, labels, 'agencyId', agencyId);
      if (Array.isArray(rec['inspectorIds'])) {
        rec['inspectorIds'].forEach((pid, i) => {
          const p = `inspectorIds[${i}]`;
          const officer = refs.ids('inspectors').get(str(pid) ?? '');
          if (officer === undefined) {
            out.add(
              w,
              p,
              `${fieldRef(labels, p)}：执法人员“${String(pid)}”在inspectors.json中不存在；只有持证执法人员可以实施检查`,
            );
          } else if (officer['agencyId'] !== agencyId) {
            out.add(
              w,
              p,
              `${fieldRef(labels, p)}：执法人员“${String(pid)}”属于“${String(officer['agencyId'])}”，不是检查主体“${String(agencyId)}”的人员`,
            );
          } else if (officer['status'] !== 'valid') {
            out.add(
              w,
              p,
              `${fieldRef(labels, p)}：执法人员“${String(pid)}”的执法证状态为${officer['status'] === 'revoked' ? '注销' : '暂停'}，不得实施检查，应改派证件有效的人员`,
            );
          }
        });
      }
      const code = str(rec['enterpriseCreditCode']);
      if (code !== undefined && !refs.enterpriseCodes.has(normalCreditCode(code))) {
        out.add(
          w,
          'enterpriseCreditCode',
          `${fieldRef(labels, 'enterpriseCreditCode')}：统一社会信用代码“${code}”在enterprises.ndjson中找不到对应的执法对象`,
        );
      }
      if (Array.isArray(rec['itemCodes'])) {
        rec['itemCodes'].forEach((c, i) => {
          const p = `itemCodes[${i}]`;
          const item = refs.ids('inspectionItems').get(str(c) ?? '');
          if (item === undefined)
            out.add(
              w,
              p,
              `${fieldRef(labels, p)}：检查事项“${String(c)}”不在检查事项清单（inspection-items.json）中；未公布的事项不得检查`,
            );
          else if (item['agencyId'] !== agencyId)
            out.add(
              w,
              p,
              `${fieldRef(labels, p)}：检查事项“${String(c)}”属于“${String(item['agencyId'])}”的清单，不是检查主体“${String(agencyId)}”的事项`,
            );
        });
      }
    },

    certificates: (rec, w) => {
      const labels = L('certificates');
      certNos(
        w,
        'certificateNo',
        rec['certificateNo'],
        '',
        (no) => `${fieldRef(labels, 'certificateNo')}：电子检查证编号“${no}”重复，应唯一`,
      );
      const inspectionId = str(rec['inspectionId']);
      if (inspectionId === undefined) return;
      const agencyId = refs.inspectionAgency.get(inspectionId);
      if (agencyId === undefined)
        out.add(
          w,
          'inspectionId',
          `${fieldRef(labels, 'inspectionId')}：检查任务“${inspectionId}”在inspections.ndjson中不存在；电子检查证只能为系统生成的检查任务签发`,
        );
      else if (agencyId !== rec['agencyId'])
        out.add(w, 'agencyId', `${fieldRef(labels, 'agencyId')}：应与检查任务的检查主体“${agencyId}”一致`);
    },
  };
}
