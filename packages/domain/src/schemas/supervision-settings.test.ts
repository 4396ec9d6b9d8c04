import { describe, expect, it } from 'vitest';
import { DEFAULT_SUPERVISION_SETTINGS, SupervisionSettingsSchema } from './supervision-settings';

const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  r.success ? [] : (r.error?.issues ?? []).map((i) => i.path.join('.'));

describe('SupervisionSettingsSchema', () => {
  it('fills every default from an empty file', () => {
    const s = SupervisionSettingsSchema.parse({});
    expect(s).toEqual(DEFAULT_SUPERVISION_SETTINGS);
    expect(s.lockout).toEqual({
      maxFailures: 5,
      lockMinutes: 15,
      firstDelaySeconds: 30,
      windowMinutes: 60,
      usernamesPerClient: 10,
    });
    expect(s.alerts.multiAgency).toEqual({ enabled: true, maxInspections: 3, minAgencies: 2, withinDays: 30 });
    expect(s.alerts.misconduct.problems).toEqual(['no_credentials', 'solicitation', 'arbitrary', 'repeated']);
    expect(Object.values(s.assessment.weights).reduce((a, b) => a + b, 0)).toBe(100);
    expect(s.publicSummary.minEvaluations).toBe(5);
  });

  it('fills defaults inside a partly written section', () => {
    const s = SupervisionSettingsSchema.parse({ alerts: { frequent: { maxInspections: 4 } } });
    expect(s.alerts.frequent).toEqual({ enabled: true, maxInspections: 4, withinDays: 30 });
    expect(s.alerts.cap).toEqual({ enabled: true });
  });

  it('accepts the committed sample file', async () => {
    const fs = await import('node:fs');
    const raw = JSON.parse(
      fs.readFileSync(new URL('../../../../content/sample/supervision.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(paths(SupervisionSettingsSchema.safeParse(raw))).toEqual([]);
  });

  it('names the field of each mistake', () => {
    expect(paths(SupervisionSettingsSchema.safeParse({ lockout: { maxFailures: 1 } }))).toEqual([
      'lockout.maxFailures',
    ]);
    expect(
      paths(
        SupervisionSettingsSchema.safeParse({ alerts: { offHours: { workdayStart: '18:00', workdayEnd: '09:00' } } }),
      ),
    ).toEqual(['alerts.offHours.workdayEnd']);
    // holidays moved to calendar.json (working-days.ts): a stale list here is refused, not silently ignored
    expect(paths(SupervisionSettingsSchema.safeParse({ alerts: { offHours: { holidays: ['2026-10-01'] } } }))).toEqual([
      'alerts.offHours',
    ]);
    expect(paths(SupervisionSettingsSchema.safeParse({ alerts: { misconduct: { problems: ['rude'] } } }))).toEqual([
      'alerts.misconduct.problems.0',
    ]);
    expect(paths(SupervisionSettingsSchema.safeParse({ assessment: { weights: { participation: 50 } } }))).toEqual([
      'assessment.weights',
    ]);
    expect(paths(SupervisionSettingsSchema.safeParse({ publicSummary: { minEvaluations: 3 } }))).toEqual([
      'publicSummary.minEvaluations',
    ]);
    expect(paths(SupervisionSettingsSchema.safeParse({ unknown: true }))).toEqual(['']);
  });

  it('writes its messages in Chinese', () => {
    const r = SupervisionSettingsSchema.safeParse({ lockout: { lockMinutes: 'x' } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/最长等待分钟数/);
  });
});
