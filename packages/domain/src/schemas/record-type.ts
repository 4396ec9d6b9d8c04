import { z } from 'zod';
import { req } from './common';

/**
 * The kinds of public record the portal publishes: penalties and permits (the two halves of 双公示)
 * and inspection results (the 一公开 of 双随机、一公开). One change log, one search index and one
 * cursor carry all three.
 */
export const RECORD_TYPES = ['penalty', 'permit', 'inspection-result'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export const recordTypeLabels: Record<RecordType, string> = {
  penalty: '行政处罚',
  permit: '行政许可',
  'inspection-result': '检查结果',
};

/** Where each type's public pages live; `/api/v1` + the same path serves its JSON. */
export const recordTypePaths: Record<RecordType, string> = {
  penalty: '/disclosures',
  permit: '/permits',
  'inspection-result': '/inspection-results',
};

export const RecordTypeSchema = z.enum(RECORD_TYPES, {
  error: req('应为penalty（行政处罚）、permit（行政许可）或inspection-result（检查结果）'),
});
