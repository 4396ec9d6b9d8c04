import { describe, expect, it } from 'vitest';
import { InspectorSchema, type Inspector } from './inspector';

const paths = (
  schema: { safeParse: (x: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[] }[] } } },
  x: unknown,
) => {
  const r = schema.safeParse(x);
  return r.success ? [] : (r.error?.issues ?? []).map((i) => i.path.join('.'));
};

const basis = [{ lawCode: 'FL-0003', article: 124 }];

describe('InspectorSchema', () => {
  const inspector: Inspector = {
    id: 'zf-0001',
    name: '刘某某',
    certificateNo: 'ZF99010101000123',
    agencyId: 'scjgj',
    fields: ['市场监管'],
    status: 'valid',
    validUntil: '2027-12-31',
  };
  it('accepts an inspector', () => expect(paths(InspectorSchema, inspector)).toEqual([]));
  it('rejects bad certificate numbers, statuses and dates', () => {
    expect(paths(InspectorSchema, { ...inspector, certificateNo: '12010001' })).toEqual(['certificateNo']);
    expect(paths(InspectorSchema, { ...inspector, status: '有效' })).toEqual(['status']);
    expect(paths(InspectorSchema, { ...inspector, validUntil: '2027-02-29' })).toEqual(['validUntil']);
    expect(paths(InspectorSchema, { ...inspector, agencyId: undefined })).toEqual(['agencyId']);
  });
  it('needs at least one field', () => {
    expect(paths(InspectorSchema, { ...inspector, fields: [] })).toEqual(['fields']);
    expect(basis).toHaveLength(1);
  });
});
