import { recordTypeLabels, recordTypePaths, type RecordType } from '@sunlight/domain/schemas/record-type';
import type { SearchDoc } from '@sunlight/search-indexer/types';
import { yuan } from './format';

/**
 * How a search hit reads for its record type. Every type fills the same SearchDoc fields with its own
 * items (search-indexer/src/schema.ts): a permit's `violationType` is the certificate's name, a result's
 * is the task's; only penalties carry a fine. The labels here name what each field holds for the type.
 */
export interface HitView {
  type: RecordType;
  typeLabel: string;
  href: string;
  /** What `decisionNo` is: 决定书文号, 许可文书号, 检查任务编号. */
  numberLabel: string;
  /** What `decisionDate` is. */
  dateLabel: string;
  /** What `violationType` is (shown in bold before the outcome). */
  kindLabel: string;
  /** What was decided, after the kind: categories and fine; permit category and number; inspection result. */
  outcome: string;
  /** What `violationFacts` is, for the highlighted excerpt. */
  factsLabel: string;
}

interface TypeView {
  numberLabel: string;
  dateLabel: string;
  kindLabel: string;
  factsLabel: string;
  outcome(doc: SearchDoc): string;
}

const VIEWS: Record<RecordType, TypeView> = {
  penalty: {
    numberLabel: '行政处罚决定书文号',
    dateLabel: '处罚决定日期',
    kindLabel: '违法行为类型',
    factsLabel: '违法事实',
    outcome: (d) => `${d.categories.join('、')}${d.fineYuan > 0 ? `，罚款 ${yuan(d.fineYuan)}` : ''}`,
  },
  permit: {
    numberLabel: '行政许可决定文书号',
    dateLabel: '许可决定日期',
    kindLabel: '许可证书名称',
    factsLabel: '许可内容',
    outcome: (d) =>
      [
        d.categories.length ? `许可类别 ${d.categories.join('、')}` : '',
        d.penaltyContent ? `许可编号 ${d.penaltyContent}` : '',
      ]
        .filter(Boolean)
        .join('，'),
  },
  'inspection-result': {
    numberLabel: '检查任务编号',
    dateLabel: '检查完成日期',
    kindLabel: '检查任务名称',
    factsLabel: '检查事项',
    outcome: (d) => `检查结果 ${d.categories.join('、')}`,
  },
};

/** The labels of one type's fields, for pages and filters that concern that type alone. */
export function recordFieldLabels(type: RecordType): Omit<TypeView, 'outcome'> {
  const { outcome: _o, ...labels } = VIEWS[type];
  return labels;
}

export function hitView(doc: SearchDoc): HitView {
  const v = VIEWS[doc.type];
  return {
    type: doc.type,
    typeLabel: recordTypeLabels[doc.type],
    href: `${recordTypePaths[doc.type]}/${encodeURIComponent(doc.id)}`,
    numberLabel: v.numberLabel,
    dateLabel: v.dateLabel,
    kindLabel: v.kindLabel,
    outcome: v.outcome(doc),
    factsLabel: v.factsLabel,
  };
}

/** The date a list of several types sorts and filters by, named for all of them. */
export const MIXED_DATE_LABEL = '日期（处罚或许可决定日期、检查完成日期）';
