import { DisclosureTombstoneSchema } from '@sunlight/domain/schemas/disclosure';
import { describe, expect, it } from 'vitest';
import { buildTombstone, tombstoneDetail, tombstoneWords } from './tombstone';

describe('tombstones', () => {
  it('a withdrawal is dated by its China day (07:30 in Beijing is still the day before in UTC)', () => {
    const t = buildTombstone({
      decisionNo: '滨示市监罚〔2026〕12号',
      status: 'withdrawn',
      reason: '经行政复议决定撤销',
      at: new Date('2026-03-01T23:30:00Z'),
      publicationEnd: '2029-02-28',
      withdrawalType: '撤销',
    });
    expect(t).toEqual({
      decisionNo: '滨示市监罚〔2026〕12号',
      status: 'withdrawn',
      date: '2026-03-02',
      reason: '经行政复议决定撤销',
      withdrawalType: '撤销',
    });
    expect(DisclosureTombstoneSchema.safeParse({ id: 'd-12', ...t }).success).toBe(true);
    expect(tombstoneDetail(t)).toBe('该处罚决定已于 2026-03-02 撤回（撤销）：经行政复议决定撤销');
    expect(tombstoneWords(t)).toMatchObject({ title: '该处罚决定已撤回', dateLabel: '撤回日期' });
  });

  it('an expired record is dated by the last day of its publication period', () => {
    const t = buildTombstone({
      decisionNo: '滨示市监罚〔2026〕13号',
      status: 'expired',
      reason: '公示期已满',
      at: new Date('2026-06-05T02:00:00Z'),
      publicationEnd: '2026-06-04',
    });
    expect(t).toEqual({
      decisionNo: '滨示市监罚〔2026〕13号',
      status: 'expired',
      date: '2026-06-04',
      reason: '公示期已满',
    });
    expect(DisclosureTombstoneSchema.safeParse({ id: 'd-13', ...t }).success).toBe(true);
    expect(tombstoneDetail(t)).toBe('该处罚决定的公示期已于 2026-06-04 届满，已停止公示。');
    expect(tombstoneWords(t)).toMatchObject({ title: '该处罚决定已停止公示', dateLabel: '公示截止日期' });
  });
});
