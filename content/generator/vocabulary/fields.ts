/** Fields of enforcement (执法领域). `code` is a stable ASCII slug used in ids. */
import type { Field } from '@sunlight/domain/schemas/common';

export interface FieldDef {
  code: string;
  /** The value of the shared FieldSchema enum this field is filed under (食品安全 and 药品监管 are 市场监管). */
  schemaField: Field;
  name: string;
  /** The competent department as statutes phrase it. */
  authority: string;
}

export const FIELDS = [
  { code: 'market', schemaField: '市场监管', name: '市场监管', authority: '县级以上人民政府市场监督管理部门' },
  { code: 'food', schemaField: '市场监管', name: '食品安全', authority: '县级以上人民政府食品安全监督管理部门' },
  { code: 'drug', schemaField: '市场监管', name: '药品监管', authority: '负责药品监督管理的部门' },
  { code: 'environment', schemaField: '生态环境', name: '生态环境', authority: '县级以上人民政府生态环境主管部门' },
  { code: 'safety', schemaField: '安全生产', name: '安全生产', authority: '负有安全生产监督管理职责的部门' },
  { code: 'fire', schemaField: '消防', name: '消防', authority: '消防救援机构' },
  { code: 'urban', schemaField: '城市管理', name: '城市管理', authority: '城市管理综合执法部门' },
  { code: 'transport', schemaField: '交通运输', name: '交通运输', authority: '县级以上人民政府交通运输主管部门' },
  { code: 'culture', schemaField: '文化旅游', name: '文化旅游', authority: '县级以上人民政府文化和旅游主管部门' },
  { code: 'health', schemaField: '卫生健康', name: '卫生健康', authority: '县级以上人民政府卫生健康主管部门' },
  {
    code: 'labor',
    schemaField: '人力资源社会保障',
    name: '劳动保障',
    authority: '县级以上人民政府人力资源社会保障行政部门',
  },
  { code: 'education', schemaField: '教育', name: '教育', authority: '县级以上人民政府教育行政部门' },
  { code: 'civil', schemaField: '民政', name: '民政', authority: '县级以上人民政府民政部门' },
  { code: 'commerce', schemaField: '商务', name: '商务', authority: '县级以上人民政府商务主管部门' },
  { code: 'planning', schemaField: '自然资源', name: '规划和自然资源', authority: '县级以上人民政府自然资源主管部门' },
  {
    code: 'construction',
    schemaField: '住房城乡建设',
    name: '住房和城乡建设',
    authority: '县级以上人民政府住房和城乡建设主管部门',
  },
  { code: 'agriculture', schemaField: '农业农村', name: '农业农村', authority: '县级以上人民政府农业农村主管部门' },
  { code: 'water', schemaField: '水务', name: '水务', authority: '县级以上人民政府水行政主管部门' },
  { code: 'public-order', schemaField: '综合执法', name: '治安管理', authority: '公安机关' },
] as const satisfies readonly FieldDef[];

export type FieldCode = (typeof FIELDS)[number]['code'];

export const FIELD_BY_CODE: ReadonlyMap<string, FieldDef> = new Map(FIELDS.map((f) => [f.code, f]));

export function schemaField(code: string): Field {
  const f = FIELD_BY_CODE.get(code);
  if (!f) throw new Error(`unknown field code ${code}`);
  return f.schemaField;
}

export function fieldName(code: string): string {
  const f = FIELD_BY_CODE.get(code);
  if (!f) throw new Error(`unknown field code ${code}`);
  return f.name;
}
