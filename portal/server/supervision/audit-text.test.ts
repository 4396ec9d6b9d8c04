import { describe, expect, it } from 'vitest';
import { auditActionLabels } from './audit';
import { auditDetailText } from './audit-text';

/** The audit page is read by people, not parsers: no entry may show raw keys like "to=closed，from=verifying". */
describe('audit entries in plain Chinese', () => {
  const names = new Map([['emergency', '区应急局']]);

  it('says what happened to a work order', () => {
    expect(auditDetailText('case.transition', { from: 'verifying', to: 'closed', text: '已整改' })).toBe(
      '状态：核查中 → 已办结；说明：已整改',
    );
    expect(
      auditDetailText(
        'case.handoff',
        {
          account: 'em.li',
          agencyId: 'emergency',
          deadline: '2026-12-18',
          workingDays: 10,
          from: 'pending',
          to: 'verifying',
        },
        names,
      ),
    ).toBe('交办给 区应急局（账号 em.li）；期限：2026-12-18（10 个工作日）；状态：待处理 → 核查中');
    expect(auditDetailText('case.review', { decision: 'returned', text: '请补充材料' })).toBe(
      '退回重办；退回理由：请补充材料',
    );
    expect(
      auditDetailText('case.update', {
        before: { assignee: null, deadline: '2026-12-01' },
        after: { assignee: 'zhang.wei', deadline: '2026-12-01' },
      }),
    ).toBe('承办人：未指定 → zhang.wei');
  });

  it('never shows a raw key or status for any audited action', () => {
    const sample = {
      from: 'verifying',
      to: 'closed',
      status: 'pending',
      agency: 'emergency',
      overdue: true,
      page: 2,
      role: 'agency',
      rule: 'frequent',
      count: 3,
      scope: 'client',
      until: '2026-12-06T10:00:00.000Z',
      trustedBrowser: false,
    };
    for (const action of Object.keys(auditActionLabels)) {
      const text = auditDetailText(action, sample, names);
      expect(text, action).not.toMatch(
        /[A-Za-z]+=|\b(from|to|status|agency|overdue|scope|trustedBrowser)\b|verifying|closed|pending/,
      );
    }
  });
});
