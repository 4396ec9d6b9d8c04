import { z } from 'zod';
import { req } from './common';

/**
 * The national vocabulary of 抽查检查结果 (the 一公开 of 双随机、一公开): every published inspection
 * result is one of these. The single source for the ingest schema, the sample, pages and filters.
 */
export const INSPECTION_RESULTS = [
  '未发现问题',
  '发现问题已责令改正',
  '发现问题待后续处理',
  '未发现开展本次抽查涉及的经营活动',
  '通过登记的住所（经营场所）无法联系',
  '不配合检查情节严重',
] as const;
export type InspectionResultValue = (typeof INSPECTION_RESULTS)[number];

/** Values older data may hold (before the national vocabulary), read as their national equivalent. */
export const LEGACY_INSPECTION_RESULTS: Readonly<Record<string, InspectionResultValue>> = {
  责令改正: '发现问题已责令改正',
  立案调查: '发现问题待后续处理',
  移送处理: '发现问题待后续处理',
};

/** A result in the national vocabulary; a legacy value is read as its national equivalent. */
export const InspectionResultValueSchema = z.preprocess(
  (v) => (typeof v === 'string' && v in LEGACY_INSPECTION_RESULTS ? LEGACY_INSPECTION_RESULTS[v] : v),
  z.enum(INSPECTION_RESULTS, { error: req(`应为以下之一：${INSPECTION_RESULTS.join('、')}`) }),
);

/** Results that report a problem found (for links to a follow-up penalty and for statistics). */
export const PROBLEM_RESULTS: readonly InspectionResultValue[] = ['发现问题已责令改正', '发现问题待后续处理'];
