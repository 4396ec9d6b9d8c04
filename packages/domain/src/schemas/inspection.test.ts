import { describe, expect, it } from 'vitest';
import { ENTERPRISE_CODE } from '../testing/fixtures';
import { InspectionInputSchema, InspectionSchema, type InspectionInput } from './inspection';

const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  r.success ? [] : (r.error?.issues ?? []).map((i) => i.path.join('.'));

const input: InspectionInput = {
  source: '投诉举报',
  agencyId: 'scjgj',
  inspectorIds: ['zf-0001', 'zf-0002'],
  enterpriseCreditCode: ENTERPRISE_CODE,
  itemCodes: ['JCSX-000045'],
  windowStart: '2025-03-18T09:00:00+08:00',
  windowEnd: '2025-03-18T17:00:00+08:00',
  approver: '赵某某',
};

describe('InspectionInputSchema', () => {
  it('accepts a task', () => expect(paths(InspectionInputSchema.safeParse(input))).toEqual([]));
  it('needs at least two distinct inspectors', () => {
    expect(paths(InspectionInputSchema.safeParse({ ...input, inspectorIds: ['zf-0001'] }))).toEqual(['inspectorIds']);
    expect(paths(InspectionInputSchema.safeParse({ ...input, inspectorIds: ['zf-0001', 'zf-0001'] }))).toEqual([
      'inspectorIds',
    ]);
  });
  it('needs a window that ends after it starts and is not too long', () => {
    expect(paths(InspectionInputSchema.safeParse({ ...input, windowEnd: '2025-03-18T08:00:00+08:00' }))).toEqual([
      'windowEnd',
    ]);
    expect(paths(InspectionInputSchema.safeParse({ ...input, windowEnd: '2025-05-18T08:00:00+08:00' }))).toEqual([
      'windowEnd',
    ]);
    expect(paths(InspectionInputSchema.safeParse({ ...input, windowStart: '2025-03-18 09:00' }))).toEqual([
      'windowStart',
    ]);
  });
  it('allows a cap override only for complaints and assignments, with a reason', () => {
    expect(paths(InspectionInputSchema.safeParse({ ...input, capOverride: true }))).toEqual(['reason']);
    expect(
      paths(InspectionInputSchema.safeParse({ ...input, capOverride: true, reason: '群众投诉反映存在食品安全隐患' })),
    ).toEqual([]);
    expect(
      paths(InspectionInputSchema.safeParse({ ...input, source: '专项', capOverride: true, reason: 'x' })),
    ).toEqual(['capOverride']);
  });
  it('requires the draw id for 双随机 tasks', () => {
    expect(paths(InspectionInputSchema.safeParse({ ...input, source: '双随机' }))).toEqual(['drawId']);
    expect(paths(InspectionInputSchema.safeParse({ ...input, source: '双随机', drawId: 'draw-2025-03' }))).toEqual([]);
  });
});

describe('InspectionSchema', () => {
  it('allows a result only when completed', () => {
    const stored = { ...input, id: 'jc-2025-000001', status: 'planned', createdAt: '2025-03-17T10:00:00+08:00' };
    expect(paths(InspectionSchema.safeParse(stored))).toEqual([]);
    expect(paths(InspectionSchema.safeParse({ ...stored, result: '未发现问题' }))).toEqual(['result']);
    expect(paths(InspectionSchema.safeParse({ ...stored, status: 'completed', result: '未发现问题' }))).toEqual([]);
  });

  const done = {
    ...input,
    id: 'jc-2025-000001',
    status: 'completed',
    createdAt: '2025-03-17T10:00:00+08:00',
    result: '发现问题已责令改正',
    completedOn: '2025-03-18',
  };
  it('reads results of the national vocabulary, and older values as their national equivalent', () => {
    expect(paths(InspectionSchema.safeParse(done))).toEqual([]);
    expect(InspectionSchema.parse({ ...done, result: '立案调查' }).result).toBe('发现问题待后续处理');
    expect(InspectionSchema.parse({ ...done, result: '责令改正' }).result).toBe('发现问题已责令改正');
    expect(paths(InspectionSchema.safeParse({ ...done, result: '合格' }))).toEqual(['result']);
  });
  it('keeps the inspected items within the task and the completion within the window', () => {
    expect(paths(InspectionSchema.safeParse({ ...done, inspectedItemCodes: ['JCSX-000099'] }))).toEqual([
      'inspectedItemCodes',
    ]);
    expect(paths(InspectionSchema.safeParse({ ...done, completedOn: '2025-03-17' }))).toEqual(['completedOn']);
    const { result: _r, ...noResult } = done;
    expect(paths(InspectionSchema.safeParse({ ...noResult, status: 'completed' }))).toEqual(['completedOn']);
  });
});
