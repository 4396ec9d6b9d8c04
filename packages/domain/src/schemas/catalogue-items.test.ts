import { describe, expect, it } from 'vitest';
import { DiscretionItemSchema, type DiscretionItem } from './discretion-item';
import { EnforcementItemSchema, type EnforcementItem } from './enforcement-item';
import { InspectionItemSchema, type InspectionItem } from './inspection-item';
import { InspectorSchema, type Inspector } from './inspector';
import { PowerItemSchema, type PowerItem } from './power-item';

/** The catalogue record schemas, each with one valid record and the edits it must refuse (or accept: no paths). */
interface Case {
  schema: { safeParse: (x: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[] }[] } } };
  valid: object[];
  /** [what the edit is, the record after the edit, the issue paths expected ([] = accepted)] */
  edits: [string, unknown, string[]][];
}

const paths = (schema: Case['schema'], x: unknown) => {
  const r = schema.safeParse(x);
  return r.success ? [] : (r.error?.issues ?? []).map((i) => i.path.join('.'));
};

const basis = [{ lawCode: 'FL-0003', article: 124 }];

const power: PowerItem = {
  code: 'CF-000123',
  name: '对销售不符合食品安全标准食品的处罚',
  type: '行政处罚',
  basis,
  agencyId: 'scjgj',
  field: '市场监管',
  responsibilities: ['立案责任', '调查责任', '审查责任', '决定责任'],
  accountability: ['没有法律依据实施处罚的'],
};

const mainItem: EnforcementItem = {
  code: 'SX-000123',
  name: '食品安全违法行为处罚',
  level: '主项',
  powerCode: 'CF-000123',
  basis,
  agencyId: 'scjgj',
  field: '市场监管',
};
const subItem: EnforcementItem = {
  ...mainItem,
  code: 'SX-000123-001',
  name: '销售超过保质期食品',
  level: '子项',
  parentCode: 'SX-000123',
};

const discretion: DiscretionItem = {
  id: 'BY-0012',
  kind: '不予处罚',
  violation: '未按规定公示食品经营许可证',
  basis,
  conditions: ['首次违法', '危害后果轻微并及时改正'],
  outcome: '不予行政处罚，责令改正',
  agencyId: 'scjgj',
  field: '市场监管',
};

const inspectionItem: InspectionItem = {
  code: 'JCSX-000045',
  name: '食品经营者落实食品安全主体责任情况检查',
  agencyId: 'scjgj',
  field: '市场监管',
  basis,
  objectType: '食品经营者',
  methods: ['现场检查', '书面检查'],
  ratio: 5,
  frequency: '每年不少于1次',
  timesPerYear: 1,
  random: true,
};

const inspector: Inspector = {
  id: 'zf-0001',
  name: '刘某某',
  certificateNo: 'ZF99010101000123',
  agencyId: 'scjgj',
  fields: ['市场监管'],
  status: 'valid',
  validUntil: '2027-12-31',
};

const cases: Record<string, Case> = {
  PowerItemSchema: {
    schema: PowerItemSchema,
    valid: [power],
    edits: [
      ['code prefix not matching the type', { ...power, type: '行政许可' }, ['code']],
      ['code prefix matching the type', { ...power, code: 'XK-000001', type: '行政许可' }, []],
      ['unknown type', { ...power, type: '行政检测' }, ['type']],
      ['no responsibilities', { ...power, responsibilities: [] }, ['responsibilities']],
      ['bad basis ref', { ...power, basis: [{ lawCode: 'FL-3', article: 0 }] }, ['basis.0.lawCode', 'basis.0.article']],
      ['repeated basis', { ...power, basis: [...basis, ...basis] }, ['basis']],
    ],
  },
  EnforcementItemSchema: {
    schema: EnforcementItemSchema,
    valid: [mainItem, subItem],
    edits: [
      ['sub item without parent', { ...subItem, parentCode: undefined }, ['parentCode']],
      ['sub item under another parent', { ...subItem, parentCode: 'SX-000124' }, ['code']],
      ['main item with a parent', { ...mainItem, parentCode: 'SX-000001' }, ['parentCode']],
      ['main item with a sub-item code', { ...mainItem, code: 'SX-000123-001' }, ['code']],
      ['bad power code', { ...mainItem, powerCode: 'CF123' }, ['powerCode']],
    ],
  },
  DiscretionItemSchema: {
    schema: DiscretionItemSchema,
    valid: [discretion],
    edits: [
      ['id prefix not matching the kind', { ...discretion, kind: '从重处罚' }, ['id']],
      ['id prefix matching the kind', { ...discretion, id: 'CZ-0001', kind: '从重处罚' }, []],
      ['unknown kind', { ...discretion, kind: '免予处罚' }, ['kind']],
      ['no conditions', { ...discretion, conditions: [] }, ['conditions']],
    ],
  },
  InspectionItemSchema: {
    schema: InspectionItemSchema,
    valid: [inspectionItem],
    edits: [
      ['ratio above 100', { ...inspectionItem, ratio: 120 }, ['ratio']],
      ['negative ratio', { ...inspectionItem, ratio: -1 }, ['ratio']],
      ['unknown method', { ...inspectionItem, methods: ['飞行检查'] }, ['methods.0']],
      ['bad code', { ...inspectionItem, code: 'JC-45' }, ['code']],
      ['random not a boolean', { ...inspectionItem, random: 'yes' }, ['random']],
    ],
  },
  InspectorSchema: {
    schema: InspectorSchema,
    valid: [inspector],
    edits: [
      ['bad certificate number', { ...inspector, certificateNo: '12010001' }, ['certificateNo']],
      ['status in Chinese', { ...inspector, status: '有效' }, ['status']],
      ['impossible date', { ...inspector, validUntil: '2027-02-29' }, ['validUntil']],
      ['no agency', { ...inspector, agencyId: undefined }, ['agencyId']],
      ['no fields', { ...inspector, fields: [] }, ['fields']],
    ],
  },
};

describe.each(Object.entries(cases))('%s', (_name, { schema, valid, edits }) => {
  it('accepts the valid records', () => {
    for (const record of valid) expect(paths(schema, record)).toEqual([]);
  });
  it.each(edits)('%s', (_what, record, expected) => {
    expect(paths(schema, record)).toEqual(expected);
  });
});
